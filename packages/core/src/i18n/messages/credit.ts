import type { MessageCatalogue } from './Message.js';

// Hold findings end with `{outcomeEn}` / `{outcomeZh}`: either how the hold is released (the
// policy's release paths for that rule) or that the guarantee on file covers it.

/**
 * Messages of the credit rules (CR-1…CR-8) and of the credit workflow and desk, in English and
 * Simplified Chinese.
 *
 * @example
 * CREDIT_MESSAGES['credit.limit.near'].zh;
 */
export const CREDIT_MESSAGES: MessageCatalogue = {
  // CR-1 evaluation
  'credit.facts.missing': {
    en: 'Credit was not checked: no credit facts were supplied for {customer}.',
    zh: '未进行信用检查:未提供客户{customer}的信用资料。',
  },
  'credit.facts.missingHold': {
    en: 'No credit facts were supplied for {customer}. {outcomeEn}',
    zh: '未提供客户{customer}的信用资料。{outcomeZh}',
  },
  'credit.evaluation.never': {
    en: '{customer} has never been credit-evaluated. {outcomeEn}',
    zh: '客户{customer}尚未进行信用评估。{outcomeZh}',
  },
  // CR-2, CR-5, CR-6 grade
  'credit.grade.missing': {
    en: '{customer} was credit-evaluated but has no credit grade on file.',
    zh: '客户{customer}已做信用评估,但未登记信用等级。',
  },
  'credit.grade.low': {
    en: 'Credit grade {grade} ({gradeEn}): the order may go on; follow up collection closely.',
    zh: '信用等级{grade}({gradeZh}):订单可以继续,须加强催收跟进。',
  },
  'credit.grade.abnormal': {
    en: 'Credit grade {grade} ({gradeEn}): new orders are suspended. {outcomeEn}',
    zh: '信用等级{grade}({gradeZh}):暂停接单。{outcomeZh}',
  },
  // CR-4, CR-5 limit
  'credit.limit.exceeded': {
    en: 'Credit limit exceeded: exposure {exposure} (receivables {receivables} + open orders {openOrders} + this order {thisOrder}) is over the limit of {limit} by {excess}. {outcomeEn}',
    zh: '超出信用额度:信用占用{exposure}(应收账款{receivables} + 未开票订单{openOrders} + 本订单{thisOrder})超出额度{limit},超出{excess}。{outcomeZh}',
  },
  'credit.limit.near': {
    en: 'Near the credit limit: exposure {exposure} is {used}% of the limit of {limit} (warning from {percent}%). Follow up collection closely.',
    zh: '接近信用额度:信用占用{exposure},已达额度{limit}的{used}%(预警线{percent}%)。须加强催收跟进。',
  },
  // CR-6 abnormal credit
  'credit.overdue.abnormal': {
    en: 'Receivables overdue: the oldest, due {dueDate}, is {days} days past due on {asOf} (more than {maxDays} days allowed). {outcomeEn}',
    zh: '应收账款逾期:最早一笔于{dueDate}到期,截至{asOf}已逾期{days}天(超过允许的{maxDays}天)。{outcomeZh}',
  },
  'credit.incident.abnormal': {
    en: 'Credit incident on file: {incident}. {outcomeEn}',
    zh: '客户有信用异常记录:{incident}。{outcomeZh}',
  },
  // credit hold workflow (CR-1, CR-4, CR-6)
  'credit.hold.entered': {
    en: 'The order is on credit hold ({rules}) until it is released.',
    zh: '订单因信用原因被冻结({rules}),待放行后继续。',
  },
  'credit.hold.released': {
    en: 'The credit hold is released: the order goes on to review.',
    zh: '信用冻结已解除,订单进入审核。',
  },
  'credit.release.lapsed': {
    en: 'The credit release expired at {expiresAt} and nothing else covers the hold: a new release, a prepayment or a guarantee is needed.',
    zh: '信用放行已于{expiresAt}失效,且无其他方式解除冻结:须重新放行、预付款或提供担保。',
  },
  'credit.release.reasonRequired': {
    en: 'A credit release or refusal needs a reason.',
    zh: '信用放行或拒绝须说明理由。',
  },
  'credit.release.expiryPast': {
    en: 'The release expiry {expiresAt} must be later than now.',
    zh: '放行有效期{expiresAt}须晚于当前时间。',
  },
  'credit.release.expiryMalformed': {
    en: 'The release expiry "{expiresAt}" is not a date and time with a zone, such as 2026-03-09T18:00:00+08:00.',
    zh: '放行有效期“{expiresAt}”不是带时区的日期时间(例如2026-03-09T18:00:00+08:00)。',
  },
  'credit.release.nothingHeld': {
    en: 'Nothing holds this order for credit.',
    zh: '此订单没有信用冻结。',
  },
  'credit.release.notByApproval': {
    en: 'These credit holds ({rules}) are released only by a prepayment or a guarantee, not by approval.',
    zh: '这些信用冻结({rules})只能通过预付款或担保解除,不能审批放行。',
  },
  'credit.release.selfApproval': {
    en: '{actor} may not release credit for an order they own or submitted.',
    zh: '{actor}不得为本人负责或提交的订单放行信用。',
  },
  'credit.release.selfApprovalOnBehalf': {
    en: '{actor} may not release credit on behalf of {party}, who owned or submitted the order.',
    zh: '{actor}不得代{party}放行信用:{party}是或曾是该订单的负责人或提交人。',
  },
  'credit.release.notEligible': {
    en: '{actor} holds no role that may release credit.',
    zh: '{actor}无信用放行的权限。',
  },
  'credit.release.declined': {
    en: 'The credit release was declined: {reason}. The order is back with sales.',
    zh: '信用放行被拒绝:{reason}。订单已退回销售部门。',
  },
  'credit.record.notEligible': {
    en: '{actor} may not record prepayments or guarantees.',
    zh: '{actor}无权登记预付款或担保。',
  },
  'credit.prepayment.notPositive': {
    en: 'A prepayment must be a positive amount; {amount} cannot be recorded.',
    zh: '预付款金额须大于零,不能登记{amount}。',
  },
  'credit.prepayment.duplicate': {
    en: 'Payment {reference} came with the order when it was submitted and counts already; it cannot be recorded again.',
    zh: '款项{reference}已随订单提交并已计入,不能重复登记。',
  },
  'credit.guarantee.referenceRequired': {
    en: "A guarantee is recorded with its document reference (the guarantee's number).",
    zh: '登记担保须填写担保文件编号。',
  },
  'credit.record.selfRecord': {
    en: '{actor} may not record prepayments or guarantees on an order they own or submitted.',
    zh: '{actor}不得为本人负责或提交的订单登记预付款或担保。',
  },
  'credit.record.selfRecordOnBehalf': {
    en: '{actor} may not record prepayments or guarantees on behalf of {party}, who owned or submitted the order.',
    zh: '{actor}不得代{party}登记预付款或担保:{party}是或曾是该订单的负责人或提交人。',
  },
  // CR-7 ageing buckets
  'credit.ageing.current': { en: 'Current', zh: '未到期' },
  'credit.ageing.range': { en: '{from}–{to} days overdue', zh: '逾期{from}–{to}天' },
  'credit.ageing.over': { en: 'Over {days} days overdue', zh: '逾期{days}天以上' },
  // CR-8 shipping gate
  'credit.shipping.paymentRequired': {
    en: 'Goods ship only after payment: {received} of {total} is confirmed, {outstanding} outstanding. Without credit terms, shipping before payment needs the exceptional-order approval.',
    zh: '须收款后方可发货:订单金额{total},已确认收款{received},尚欠{outstanding}。无信用账期的客户先发货后收款须经特殊订单审批。',
  },
  // RV-7 / CR-8 shipping before payment asked for after confirmation
  'credit.shippingException.requested': {
    en: 'Shipping before payment requested ({exception}): {reason}. It needs the marketing VP, the finance director and the president, in that order.',
    zh: '已申请先发货后收款({exception}):{reason}。须依次经营销副总裁、财务总监和总裁审批。',
  },
  'credit.shippingException.approved': {
    en: 'Shipping before payment approved ({exception}): the goods may ship unpaid; the shipment names {exception}.',
    zh: '先发货后收款已获批准({exception}):货物可在收款前发出,发货记录须注明{exception}。',
  },
  'credit.shippingException.rejected': {
    en: 'Shipping before payment rejected ({exception}): {reason}. The goods ship once payment is confirmed.',
    zh: '先发货后收款申请被驳回({exception}):{reason}。须确认收款后方可发货。',
  },
  'credit.shippingException.shipped': {
    en: 'The goods are shipping before payment under the approved exception {exception}.',
    zh: '货物依已批准的先发货后收款申请{exception}在收款前发出。',
  },
  'credit.shippingException.notAllowed': {
    en: '{actor} may not ask to ship this order before payment: only its owner or the roles the policy names may.',
    zh: '{actor}无权申请此订单先发货后收款:仅订单负责人或制度指定的角色可以申请。',
  },
  'credit.shippingException.reasonRequired': {
    en: 'Asking for or rejecting shipping before payment needs a reason.',
    zh: '申请或驳回先发货后收款须说明理由。',
  },
  'credit.shippingException.pending': {
    en: 'Shipping before payment is already requested ({exception}) and waiting for its approvals.',
    zh: '已有先发货后收款申请({exception})正在审批中。',
  },
  'credit.shippingException.alreadyShipping': {
    en: 'The goods have started shipping: an exception can no longer be asked for.',
    zh: '货物已开始发运,不能再申请先发货后收款。',
  },
  'credit.shippingException.notNeeded': {
    en: 'Nothing stops these goods shipping for want of payment (payment confirmed, credit terms, or an approved exception): no exception is needed.',
    zh: '此订单发货不受收款限制(已确认收款、享有信用账期或已获批准的例外),无须申请先发货后收款。',
  },
  'credit.shippingException.nonePending': {
    en: 'No request to ship this order before payment is waiting for a decision.',
    zh: '此订单没有待审批的先发货后收款申请。',
  },
  'credit.shippingException.notEligible': {
    en: '{actor} cannot approve step {stepEn} of shipping before payment: they hold none of the roles the step requires.',
    zh: '{actor}不能审批先发货后收款申请的“{stepZh}”环节:不具备该环节要求的角色。',
  },
  'credit.shippingException.alreadyApproved': {
    en: '{actor} has already approved step {stepEn} of shipping before payment.',
    zh: '{actor}已审批过先发货后收款申请的“{stepZh}”环节。',
  },
  'credit.shippingException.stepNotActive': {
    en: 'Step {stepEn} of shipping before payment is not waiting for approval now: the earlier steps come first, or it is done.',
    zh: '先发货后收款申请的“{stepZh}”环节当前不在待审批状态:须先完成前序环节,或该环节已完成。',
  },
  'credit.shippingException.unknownStep': {
    en: '{stepEn} is not a step of the approvals for shipping before payment.',
    zh: '“{stepZh}”不是先发货后收款申请的审批环节。',
  },
  'credit.shippingException.notReviewer': {
    en: '{actor} is not a reviewer of a step of shipping before payment waiting for approval.',
    zh: '{actor}不是先发货后收款申请待审批环节的审核人。',
  },
  'credit.shippingException.selfApproval': {
    en: '{actor} may not decide on shipping this order before payment: they asked for it, or own or owned or submitted the order.',
    zh: '{actor}不得审批此订单的先发货后收款申请:该申请由其本人提出,或其本人是或曾是该订单的负责人或提交人。',
  },
  'credit.shippingException.selfApprovalOnBehalf': {
    en: '{actor} may not decide on shipping this order before payment on behalf of {party}, who asked for it or owned or submitted the order.',
    zh: '{actor}不得代{party}审批此订单的先发货后收款申请:{party}提出了该申请,或是或曾是该订单的负责人或提交人。',
  },
  // CR-3 grade and limit changes (CreditDesk)
  'credit.change.requested': {
    en: 'Credit change for {customer} requested: {change}. It needs {approverEn}.',
    zh: '已申请调整客户{customer}的信用:{change}。须经{approverZh}。',
  },
  'credit.change.approved': {
    en: 'Credit change for {customer} approved and in force: {change}.',
    zh: '客户{customer}的信用调整已批准并生效:{change}。',
  },
  'credit.change.rejected': {
    en: 'Credit change for {customer} rejected: {reason}.',
    zh: '客户{customer}的信用调整被驳回:{reason}。',
  },
  'credit.refusal.UNKNOWN_CUSTOMER': { en: 'No such customer.', zh: '没有该客户。' },
  'credit.refusal.UNKNOWN_REQUEST': { en: 'No such credit request.', zh: '没有该信用申请。' },
  'credit.request.selfApproval': {
    en: '{actor} may not approve or reject a credit request they proposed.',
    zh: '{actor}不得审批或驳回本人提出的信用申请。',
  },
  'credit.request.selfApprovalOnBehalf': {
    en: '{actor} may not approve or reject this credit request on behalf of {party}, who proposed it.',
    zh: '{actor}不得代{party}审批或驳回信用申请:该申请由{party}提出。',
  },
};
