import type { MessageCatalogue, MessageTemplate } from './Message.js';

// Change findings name fields and departments in each language: `{fieldsEn}` / `{fieldsZh}` and
// `{departmentsEn}` / `{departmentsZh}`, like `{approverEn}` / `{approverZh}` for approvers, so a
// rendered message never mixes languages.

/**
 * Readable names of the change policy's field keys (CH-2, CH-4, CH-5), in English and Chinese.
 * A key without an entry shows its nearest listed parent (`contact.phone` → contact), else itself.
 *
 * @example
 * CHANGE_FIELD_LABELS['lines.unitPrice'].zh; // '单价'
 */
export const CHANGE_FIELD_LABELS: Readonly<Record<string, MessageTemplate>> = {
  'lines.unitPrice': { en: 'unit price', zh: '单价' },
  'lines.listPrice': { en: 'list price', zh: '价目表价格' },
  'lines.discountBp': { en: 'discount', zh: '折扣' },
  'lines.taxBp': { en: 'tax rate', zh: '税率' },
  'lines.quantity': { en: 'quantity', zh: '数量' },
  'lines.uom': { en: 'unit of measure', zh: '计量单位' },
  'lines.productId': { en: 'product', zh: '产品' },
  'lines.productName': { en: 'product name', zh: '产品名称' },
  'lines.model': { en: 'model', zh: '型号' },
  'lines.specification': { en: 'specification', zh: '规格' },
  'lines.customMade': { en: 'custom-made', zh: '定制' },
  'lines.special': { en: 'special product', zh: '特殊产品' },
  'lines.added': { en: 'new line', zh: '新增行' },
  'lines.removed': { en: 'removed line', zh: '删除行' },
  lines: { en: 'lines', zh: '订单行' },
  requestedDeliveryDate: { en: 'delivery date', zh: '交货日期' },
  paymentTerms: { en: 'payment terms', zh: '付款方式' },
  currency: { en: 'currency', zh: '币种' },
  shipBeforePayment: { en: 'shipping before payment', zh: '先发货后付款' },
  contact: { en: 'contact', zh: '联系人' },
  deliveryAddress: { en: 'delivery address', zh: '交货地址' },
  invoice: { en: 'invoice information', zh: '发票信息' },
  notes: { en: 'notes', zh: '备注' },
  contract: { en: 'contract', zh: '合同' },
  customer: { en: 'customer', zh: '客户' },
  urgent: { en: 'urgency', zh: '紧急标记' },
  technicalComplexity: { en: 'technical complexity', zh: '技术复杂度' },
};

/**
 * Messages of change control (CH-1…CH-7), in English and Simplified Chinese: findings, workflow
 * notices and refusals.
 *
 * @example
 * CHANGE_MESSAGES['change.salesHead.required'].en;
 */
export const CHANGE_MESSAGES: MessageCatalogue = {
  // CH-1 every change needs the sales head
  'change.salesHead.required': {
    en: 'The order is confirmed and may not be changed at will: the change request takes effect only after {approverEn}.',
    zh: '订单已确认,不得擅自修改:变更申请须经{approverZh}后方可生效。',
  },
  // CH-2 departments concerned
  'change.departments.review': {
    en: 'The change touches the work of {departmentsEn}: each department concerned reviews it ({approverEn}).',
    zh: '该变更涉及{departmentsZh}的工作:须经相关部门审核({approverZh})。',
  },
  // CH-3 cancellation
  'change.cancel.review': {
    en: 'Cancellation requested ({reason}): it is reviewed like a change, {departmentsEn} each signing ({approverEn}).',
    zh: '申请取消订单({reason}):按变更流程审核,由{departmentsZh}分别会签({approverZh})。',
  },
  'change.cancel.approval': {
    en: 'Cancellation requested ({reason}): it needs {approverEn}.',
    zh: '申请取消订单({reason}):须经{approverZh}。',
  },
  // CH-4 routing
  'change.route.nonMaterial': {
    en: 'The change is not material ({fieldsEn}): the sales head’s approval alone is needed, whoever asked for it.',
    zh: '该变更不属于实质性变更({fieldsZh}):无论由谁提出,仅须销售部门负责人审批。',
  },
  'change.route.exceptional': {
    en: 'A change of price ({fieldsEn}) on line {lines} makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '第{lines}行价格变更({fieldsZh})属于异常订单:须依次经{approverZh}。',
  },
  'change.route.nonRegular': {
    en: 'A material change requested by the customer ({fieldsEn}) makes the order non-regular: it needs {approverEn}.',
    zh: '客户要求的实质性变更({fieldsZh})使订单成为非常规订单:须经{approverZh}。',
  },
  'change.route.review': {
    en: 'A material change ({fieldsEn}) re-opens review: it needs {approverEn}.',
    zh: '实质性变更({fieldsZh})须重新评审:须经{approverZh}。',
  },
  // CH-7 contract
  'change.contract.review': {
    en: 'The change alters contract {contract}: it needs {approverEn}, and is entered in the contract ledger once approved.',
    zh: '该变更涉及合同{contract}的修改:须经{approverZh},批准后登记合同台账。',
  },
  'change.contract.termination': {
    en: 'Cancelling the order terminates contract {contract}: it needs {approverEn}, and is entered in the contract ledger once approved.',
    zh: '取消订单将终止合同{contract}:须经{approverZh},批准后登记合同台账。',
  },

  // Workflow notices
  'change.requested': {
    en: 'Change request {request} submitted by {actor} against revision {revision}: {reason}',
    zh: '{actor}针对第{revision}版提交了变更申请{request}:{reason}',
  },
  'change.cancel.requested': {
    en: 'Cancellation request {request} submitted by {actor}: {reason}',
    zh: '{actor}提交了取消申请{request}:{reason}',
  },
  // CH-5 new revision
  'change.applied': {
    en: 'Change request {request} approved: order {number} is now revision {revision} ({fieldsEn} changed).',
    zh: '变更申请{request}已批准:订单{number}更新为第{revision}版(变更:{fieldsZh})。',
  },
  'change.rejected': {
    en: 'Change request {request} was rejected: {reason}',
    zh: '变更申请{request}已被驳回:{reason}',
  },
  'change.cancelled': {
    en: 'Order {number} is cancelled: {reason}',
    zh: '订单{number}已取消:{reason}',
  },
  // CH-6 notices
  'change.notify.changed': {
    en: 'Order {number} changed to revision {revision} ({fieldsEn}): check the effect on your department’s work.',
    zh: '订单{number}已变更为第{revision}版(变更:{fieldsZh}):请核查对本部门工作的影响。',
  },
  'change.notify.cancelled': {
    en: 'Order {number} is cancelled ({reason}): stop the work planned for it.',
    zh: '订单{number}已取消({reason}):请停止为其安排的工作。',
  },
  'change.customerNotice.deliveryDate': {
    en: 'The delivery date of order {number} moves from {before} to {after}.',
    zh: '订单{number}的交货日期由{before}调整为{after}。',
  },
  'change.deadline.escalated': {
    en: 'Change review step {stepEn} is overdue and has been escalated to {role}.',
    zh: '变更审核环节“{stepZh}”已超时,已上报{role}处理。',
  },

  // Refusals
  'change.conflict.revision': {
    en: 'The change request is based on revision {base}, but the order is now at revision {current}: review the current revision and request again.',
    zh: '变更申请基于第{base}版,但订单当前为第{current}版:请核对最新版本后重新申请。',
  },
  'change.conflict.pending': {
    en: 'Change request {request} is already pending on this order: decide it before requesting another change.',
    zh: '该订单已有待审批的变更申请{request}:须先处理该申请,才能提出新的变更。',
  },
  'change.request.notAllowed': {
    en: '{actor} may not request a change of this order: changes are raised by the order’s owner.',
    zh: '{actor}无权申请变更此订单:变更须由订单负责人提出。',
  },
  'change.patch.invalid': {
    en: 'The change request does not fit revision {revision} of the order ({count} problem(s)): correct it and request again.',
    zh: '变更申请与订单第{revision}版不符(共{count}处问题):请修改后重新申请。',
  },
  'change.patch.noChange': {
    en: 'The change request changes nothing in revision {revision} of the order.',
    zh: '该变更申请未对订单第{revision}版作任何改动。',
  },
  'change.patch.protectedField': {
    en: '"{field}" cannot be changed by a change request.',
    zh: '“{field}”不能通过变更申请修改。',
  },
  'change.patch.unknownField': {
    en: '"{field}" is not a field of the order.',
    zh: '“{field}”不是订单的字段。',
  },
  'change.patch.unknownLine': {
    en: 'Revision {revision} of the order has no line "{lineId}".',
    zh: '订单第{revision}版没有明细行“{lineId}”。',
  },
  'change.patch.unknownLineField': {
    en: '"{field}" is not a field of line "{lineId}".',
    zh: '“{field}”不是明细行“{lineId}”的字段。',
  },
  'change.patch.lineIdFixed': {
    en: 'The id of line "{lineId}" cannot change: remove the line and add a new one.',
    zh: '明细行“{lineId}”的编号不能修改:请删除该行后新增一行。',
  },
  'change.patch.newLineId': {
    en: 'A new line needs an id.',
    zh: '新增明细行须有编号。',
  },
  'change.patch.duplicateLine': {
    en: 'Line "{lineId}" already exists: a new line needs a new id.',
    zh: '明细行“{lineId}”已存在:新增明细行须使用新编号。',
  },
  'change.patch.removesEveryLine': {
    en: 'A change may not remove every line: request a cancellation instead.',
    zh: '变更不能删除全部明细行:如需取消订单,请提出取消申请。',
  },
  'change.request.incomplete': {
    en: 'The change would leave the order without required information ({count} item(s)): complete the request and submit it again.',
    zh: '该变更会使订单缺少必填信息(共{count}项):请补全后重新提交申请。',
  },
  'change.request.reasonRequired': {
    en: 'A change request states its reason and its impact.',
    zh: '变更申请须说明变更原因及影响。',
  },
  'change.cancel.reasonRequired': {
    en: 'A cancellation request states its reason.',
    zh: '取消申请须说明原因。',
  },
  'change.reject.reasonRequired': {
    en: 'A reason is required: state why the change request is rejected.',
    zh: '必须填写理由:请说明驳回变更申请的原因。',
  },
  'change.approval.selfApproval': {
    en: '{actor} cannot approve or review this change: nobody decides a change they requested, or a change of an order they own, owned or submitted.',
    zh: '{actor}不能审批或审核此变更:任何人不得审批本人提出的变更,或本人负责、曾负责或提交过的订单的变更。',
  },
  'change.approval.selfApprovalOnBehalf': {
    en: '{actor} cannot approve or review this change on behalf of {party}: {party} requested it or owned or submitted the order, and a delegate may not decide what the person they stand in for may not.',
    zh: '{actor}不能代{party}审批或审核此变更:{party}提出了该变更,或是该订单的负责人或提交人,代理人不得代其审批。',
  },
  'change.approval.stillDue.open': {
    en: '{actor}, your approval of the change is recorded. {stepsEn} also needs your approval now: that is a separate act.',
    zh: '{actor},您对变更的审批已记录。“{stepsZh}”现在也需要您审批:须另行审批一次。',
  },
  'change.approval.stillDue.later': {
    en: '{actor}, your approval of the change is recorded. {stepsEn} will also need your approval once the earlier steps are done: a separate act, you will be asked then.',
    zh: '{actor},您对变更的审批已记录。待前序环节完成后,“{stepsZh}”还需要您另行审批,届时将通知您。',
  },
  'change.approval.notEligible': {
    en: '{actor} cannot approve change step {stepEn}: they hold none of the roles the step requires.',
    zh: '{actor}不能审批变更环节“{stepZh}”:不具备该环节要求的角色。',
  },
  'change.approval.alreadyApproved': {
    en: '{actor} has already approved change step {stepEn}.',
    zh: '{actor}已审批过变更环节“{stepZh}”。',
  },
  'change.approval.stepNotActive': {
    en: 'Change step {stepEn} is not waiting for approval.',
    zh: '变更环节“{stepZh}”当前不在待审批状态。',
  },
  'change.approval.unknownStep': {
    en: '{stepEn} is not a step of this change request’s route.',
    zh: '“{stepZh}”不是该变更申请的审批环节。',
  },
  'change.notReviewer': {
    en: '{actor} is not a reviewer of an active step of this change request.',
    zh: '{actor}不是该变更申请当前环节的审核人。',
  },

  // The rules run again on the new revision (CH-5 with RV, CR)
  'change.request.blocked': {
    en: 'The change would break company policy ({count} problem(s), see the findings): correct the request and submit it again.',
    zh: '该变更将违反公司政策(共{count}处问题,见审核意见):请修改后重新提交申请。',
  },
  'change.apply.blocked': {
    en: 'Change request {request} cannot take effect: the new revision breaks company policy ({count} problem(s), see the findings). Reject or withdraw it.',
    zh: '变更申请{request}不能生效:新版本违反公司政策(共{count}处问题,见审核意见)。请驳回或撤回该申请。',
  },

  // Withdrawal (CH-2)
  'change.withdrawn': {
    en: 'Change request {request} was withdrawn by {actor}; the order is unchanged.',
    zh: '变更申请{request}已由{actor}撤回,订单保持不变。',
  },
  'change.withdrawn.reason': {
    en: 'Change request {request} was withdrawn by {actor} ({reason}); the order is unchanged.',
    zh: '变更申请{request}已由{actor}撤回({reason}),订单保持不变。',
  },
  'change.withdraw.notAllowed': {
    en: '{actor} may not withdraw change request {request}: only whoever requested it or the order’s owner may.',
    zh: '{actor}无权撤回变更申请{request}:仅申请人或订单负责人可以撤回。',
  },

  // Signed contract amendments (CH-7)
  'change.amendment.awaiting': {
    en: 'Change request {request} is approved. It takes effect once the amendment to contract {contract} is signed and entered in the contract ledger.',
    zh: '变更申请{request}已批准。须待合同{contract}的变更协议签署并登记合同台账后方可生效。',
  },
  'change.termination.awaiting': {
    en: 'Cancellation request {request} is approved. It takes effect once the termination of contract {contract} is signed and entered in the contract ledger.',
    zh: '取消申请{request}已批准。须待合同{contract}的解除协议签署并登记合同台账后方可生效。',
  },
  'change.amendment.recorded': {
    en: 'The amendment of contract {contract} for {request} was signed at {signedAt} ({reference}) and entered in the contract ledger.',
    zh: '合同{contract}关于{request}的变更协议已于{signedAt}签署({reference}),并已登记合同台账。',
  },
  'change.amendment.notAwaiting': {
    en: 'No approved change of this order is waiting for a signed contract amendment.',
    zh: '该订单没有已批准、待签署合同变更协议的变更。',
  },
  'change.amendment.notEligible': {
    en: '{actor} may not record a signed contract amendment: it is entered in the contract ledger by the roles the policy names.',
    zh: '{actor}无权登记已签署的合同变更协议:须由制度指定的角色登记合同台账。',
  },
  'change.amendment.referenceRequired': {
    en: 'A signed amendment is recorded with its document reference.',
    zh: '登记已签署的变更协议须填写文件编号。',
  },
  'change.amendment.signedAtMalformed': {
    en: '"{signedAt}" is not a date and time with a time zone.',
    zh: '“{signedAt}”不是带时区的日期时间。',
  },
  'change.amendment.signedAtFuture': {
    en: 'The amendment cannot have been signed at {signedAt}: that is still to come.',
    zh: '变更协议的签署时间不能为{signedAt}:该时间尚未到来。',
  },
  'change.amendment.signedAtBeforeRequest': {
    en: 'The amendment cannot have been signed at {signedAt}, before change request {request} was made ({requestedAt}).',
    zh: '变更协议的签署时间{signedAt}早于变更申请{request}的提出时间({requestedAt}),不能登记。',
  },

  // Edits of draft and returned orders (CH-1, RV-9)
  'change.edit.locked': {
    en: 'Order {number} is confirmed and locked: it changes only through a change request approved by the sales department head.',
    zh: '订单{number}已确认并锁定:只能通过经销售部门负责人批准的变更申请修改。',
  },
  'change.edit.underReview': {
    en: 'Order {number} is under review: it can be corrected once a reviewer returns it to sales.',
    zh: '订单{number}正在评审中:须经评审人退回销售后方可修改。',
  },
  'change.edit.notOwner': {
    en: '{actor} may not edit order {number}: corrections are made by its owner.',
    zh: '{actor}无权修改订单{number}:须由订单负责人修改。',
  },
  'change.edit.invalid': {
    en: 'The correction does not fit order {number} ({count} problem(s)): correct it and try again.',
    zh: '该修改与订单{number}不符(共{count}处问题):请更正后重试。',
  },
  'change.edit.noChange': {
    en: 'The correction changes nothing in order {number}.',
    zh: '该修改未对订单{number}作任何改动。',
  },
  'change.edit.recorded': {
    en: 'Order {number} corrected by {actor} ({fieldsEn}); review judges it when it is submitted again.',
    zh: '订单{number}已由{actor}修改(修改:{fieldsZh});重新提交后由评审审核。',
  },
};
