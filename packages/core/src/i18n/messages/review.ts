import { messageCombinations } from './messageCombinations.js';
import type { MessageCatalogue } from './Message.js';

// Approval findings name who must approve from the policy's step labels: `{approverEn}` in
// English, `{approverZh}` in Chinese, so a renamed or re-routed step shows correctly in both.

// RV-4: every combination of triggers, in the order the rule lists them.
const JOINT_REVIEW = messageCombinations(
  'review.jointReview',
  [
    [
      {
        name: 'special',
        en: 'special or custom-made products on line {specialLines}',
        zh: '第{specialLines}行为特殊或定制产品',
      },
    ],
    [
      {
        name: 'largeAmount',
        en: 'order amount {total} reaches the large-amount threshold of {threshold}',
        zh: '订单金额{total}达到大额订单标准{threshold}',
      },
      {
        name: 'unknownCurrency',
        en: 'no large-amount threshold is set for {currency}, so the order counts as large',
        zh: '未设定{currency}的大额订单标准,按大额订单处理',
      },
    ],
    [{ name: 'complex', en: 'complex technical requirements', zh: '技术要求复杂' }],
  ],
  {
    en: (reasons) =>
      `Joint review required (${reasons}): the order needs {approverEn}, each department signing off.`,
    zh: (reasons) => `须联合评审(${reasons}):订单须经{approverZh},各部门分别会签。`,
  },
);

// RV-5: every combination of reasons that make an order non-regular.
const NON_REGULAR = messageCombinations(
  'review.route.nonRegular',
  [
    [{ name: 'changed', en: 'the customer requested a change', zh: '客户要求变更' }],
    [
      {
        name: 'neverShipped',
        en: 'line {newLines} never shipped before',
        zh: '第{newLines}行产品从未发过货',
      },
    ],
    [
      {
        name: 'docsIncomplete',
        en: 'technical documents incomplete for line {docsLines}',
        zh: '第{docsLines}行技术资料不全',
      },
    ],
  ],
  {
    en: (reasons) => `Non-regular order (${reasons}): it needs {approverEn}.`,
    zh: (reasons) => `非常规订单(${reasons}):须经{approverZh}。`,
  },
);

/**
 * Messages of the review rules (RV-1…RV-11), in English and Simplified Chinese, including the
 * workflow's review messages (RV-2 deadlines, RV-9 returns, approval outcomes).
 *
 * @example
 * REVIEW_MESSAGES['review.salesHead.required'].en;
 * // 'The order takes effect only after {approverEn}.'
 */
export const REVIEW_MESSAGES: MessageCatalogue = {
  // RV-1 pricing and terms policy
  'review.pricing.paymentTerms.notAllowed': {
    en: 'Payment terms {term} are not allowed by company policy (allowed: {allowed}): the order goes back to sales for correction.',
    zh: '付款方式{term}不符合公司政策(允许:{allowed}),订单退回销售部门修改。',
  },
  'review.pricing.leadTime.tooShort': {
    en: 'Requested delivery date {date} is only {days} days after submission, less than the minimum lead time of {minDays} days: the order goes back to sales for correction.',
    zh: '要求交货日期{date}距提交仅{days}天,少于最短交货周期{minDays}天,订单退回销售部门修改。',
  },
  'review.pricing.leadTime.tooShortWorkingDays': {
    en: 'Requested delivery date {date} is only {days} working days after submission, less than the minimum lead time of {minDays} working days: the order goes back to sales for correction.',
    zh: '要求交货日期{date}距提交仅{days}个工作日,少于最短交货周期{minDays}个工作日,订单退回销售部门修改。',
  },
  'review.pricing.deliveryDate.past': {
    en: 'Requested delivery date {date} is before the submission date {submitted}: the order goes back to sales for correction.',
    zh: '要求交货日期{date}早于提交日期{submitted},订单退回销售部门修改。',
  },
  'review.pricing.listPrice.missing': {
    en: 'Line {line} has no list price, which company policy requires: the order goes back to sales for correction.',
    zh: '第{line}行缺少价目表价格(公司政策要求),订单退回销售部门修改。',
  },
  'review.pricing.unitPrice.zero': {
    en: 'Line {line} has a unit price of zero: the order goes back to sales to correct the price.',
    zh: '第{line}行单价为零,订单退回销售部门修改价格。',
  },

  // RV-3 sales department head
  'review.salesHead.required': {
    en: 'The order takes effect only after {approverEn}.',
    zh: '订单须经{approverZh}后方可生效。',
  },

  // RV-4 joint review
  ...JOINT_REVIEW,

  // RV-5 routes
  'review.route.regular': {
    en: 'Regular order (shipped before to the same requirements, technical documents complete): it needs {approverEn}.',
    zh: '常规订单(曾按相同要求发货,技术资料齐全):须经{approverZh}。',
  },
  ...NON_REGULAR,

  // RV-6 discount authority
  'review.discount.lineBeyondAuthority': {
    en: 'Discount {percent}% on line {line} exceeds your authority of {authority}%: it needs {approverEn}, and is recorded on the order.',
    zh: '第{line}行折扣{percent}%超出您的权限{authority}%:须经{approverZh},并在订单中记录。',
  },
  'review.discount.orderBeyondAuthority': {
    en: 'Discount {percent}% on the order total exceeds your authority of {authority}%: it needs {approverEn}, and is recorded on the order.',
    zh: '订单总额折扣{percent}%超出您的权限{authority}%:须经{approverZh},并在订单中记录。',
  },

  // RV-7 exceptional orders
  'review.exceptional.shipBeforePayment': {
    en: 'Shipping before payment makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '未付款先发货属于异常订单:须依次经{approverZh}。',
  },
  'review.exceptional.paymentTerms': {
    en: 'Payment terms {term} deviate from company policy (allowed: {allowed}), which makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '付款方式{term}偏离公司既定政策(允许:{allowed}),属于异常订单:须依次经{approverZh}。',
  },
  'review.exceptional.leadTime': {
    en: 'Requested delivery date {date} is only {days} days after submission, short of the minimum lead time of {minDays} days, which makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '要求交货日期{date}距提交仅{days}天,短于最短交货周期{minDays}天,属于异常订单:须依次经{approverZh}。',
  },
  'review.exceptional.leadTimeWorkingDays': {
    en: 'Requested delivery date {date} is only {days} working days after submission, short of the minimum lead time of {minDays} working days, which makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '要求交货日期{date}距提交仅{days}个工作日,短于最短交货周期{minDays}个工作日,属于异常订单:须依次经{approverZh}。',
  },
  'review.exceptional.lineDiscount': {
    en: 'Discount {percent}% on line {line} is above the {limit}% company policy allows, which makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '第{line}行折扣{percent}%超过公司政策允许的{limit}%,属于异常订单:须依次经{approverZh}。',
  },
  'review.exceptional.orderDiscount': {
    en: 'Discount {percent}% on the order total is above the {limit}% company policy allows, which makes this an exceptional order: it needs {approverEn}, in that order.',
    zh: '订单总额折扣{percent}%超过公司政策允许的{limit}%,属于异常订单:须依次经{approverZh}。',
  },

  // RV-8 advance payment
  'review.advance.required': {
    en: 'Custom-made products on line {lines}: production starts only after an advance payment of {amount} ({percent}% of the order total) is received.',
    zh: '第{lines}行为非标定制产品:须收到预付款{amount}(订单总额的{percent}%)后方可安排生产。',
  },
  'review.advance.missing': {
    en: 'Production cannot start: the advance payment of {required} for custom-made products is not fully received ({received} received, {outstanding} outstanding).',
    zh: '不能安排生产:定制产品预付款{required}尚未收齐(已收{received},尚欠{outstanding})。',
  },

  // RV-10 contract
  'review.contract.legalReview': {
    en: 'The order needs a contract that has not been legally reviewed: it needs {approverEn} before the contract is signed.',
    zh: '该订单须签订合同,合同尚未经法务审核:签订前须经{approverZh}。',
  },
  'review.contract.unsigned': {
    en: 'The order cannot be confirmed: the customer has not signed the contract or confirmed the order in writing. Record the signature first.',
    zh: '订单不能确认:客户尚未签署合同或书面确认订单。请先登记客户签署。',
  },
  'review.contract.unreviewed': {
    en: 'The order cannot be confirmed: its contract has not been legally reviewed. It needs {approverEn} first.',
    zh: '订单不能确认:合同尚未经法务审核。须先经{approverZh}。',
  },
  'review.contract.unreviewedUnsigned': {
    en: 'The order cannot be confirmed: its contract has not been legally reviewed, nor signed by the customer. It needs {approverEn}, then the customer’s signature.',
    zh: '订单不能确认:合同尚未经法务审核,客户也未签署。须先经{approverZh},再由客户签署。',
  },
  // RV-10 contract: the legal review and the signature as recorded (workflow)
  'review.contract.reviewed': {
    en: 'Legal review of the contract recorded by {by} (reference {reference}): the contract may go to the customer for signature.',
    zh: '{by}已登记合同法务审核(编号 {reference}):合同可交客户签署。',
  },
  'review.contract.reviewedByApproval': {
    en: 'Legal review of the contract approved by {by}: the contract may go to the customer for signature.',
    zh: '{by}已批准合同法务审核:合同可交客户签署。',
  },
  'review.contract.rejected': {
    en: 'The legal review refused the contract (reference {reference}): {reason}. The order goes back to sales to correct the contract.',
    zh: '合同未通过法务审核(编号 {reference}):{reason}。订单退回销售部门修改合同。',
  },
  'review.contract.signed': {
    en: 'The customer’s signature of the contract is recorded (reference {reference}, signed {signedAt}).',
    zh: '客户签署合同已登记(编号 {reference},签署时间 {signedAt})。',
  },
  'review.contract.notNeeded': {
    en: 'This order needs no contract: there is no contract to review or sign.',
    zh: '此订单无需签订合同:没有需要审核或签署的合同。',
  },
  'review.contract.noLegalReview': {
    en: 'The policy asks for no legal review of contracts: there is no review to record.',
    zh: '制度未要求合同法务审核:无需登记审核。',
  },
  'review.contract.alreadyReviewed': {
    en: 'The legal review of this contract is already recorded.',
    zh: '该合同的法务审核已登记。',
  },
  'review.contract.alreadySigned': {
    en: 'The customer’s signature of this contract is already recorded (signed {signedAt}).',
    zh: '客户签署该合同已登记(签署时间 {signedAt})。',
  },
  'review.contract.referenceRequired': {
    en: 'Record the reference of the legal opinion on the contract.',
    zh: '请登记合同法务审核意见的编号。',
  },
  'review.contract.signatureReferenceRequired': {
    en: 'Record the reference of the signed contract (its number, or the letter or scan it came with).',
    zh: '请登记已签署合同的编号(合同号,或随附函件、扫描件的编号)。',
  },
  'review.contract.reasonRequired': {
    en: 'A contract the legal review refuses needs a reason: say what must change.',
    zh: '法务审核不通过合同须说明理由:请写明需修改之处。',
  },
  'review.contract.signatureNotAllowed': {
    en: '{actor} may not record the customer’s signature: only the order’s owner, those who confirm orders and the legal reviewers may.',
    zh: '{actor}无权登记客户签署:仅订单负责人、有权确认订单的人员和法务审核人员可以登记。',
  },
  'review.contract.signedBeforeReview': {
    en: 'The contract is legally reviewed before the customer signs it: it needs {approverEn} first, then the signature.',
    zh: '合同须先经法务审核再由客户签署:须先经{approverZh},再登记签署。',
  },
  'review.contract.signedBeforeReviewed': {
    en: 'The signature ({signedAt}) is dated before the contract’s legal review ({reviewedAt}): a contract is signed only after its legal review.',
    zh: '签署时间({signedAt})早于合同法务审核时间({reviewedAt}):合同须经法务审核后方可签署。',
  },
  'review.contract.signedInFuture': {
    en: 'The signing time {signedAt} is later than now ({now}): record a signature once it is given.',
    zh: '签署时间 {signedAt} 晚于当前时间({now}):请在客户签署后再登记。',
  },

  // RV-11 stock
  'review.stock.shortage': {
    en: 'Stock shortage on line {line}: {short} short ({available} available for {quantity} ordered); a procurement need is raised.',
    zh: '第{line}行库存不足:订购{quantity},可用{available},缺{short};已提出采购需求。',
  },

  // RV-2 deadlines (workflow)
  'review.deadline.overdue': {
    en: 'Review step {step} is overdue: its {hours}-hour deadline passed at {deadline}, so it is escalated to the next level.',
    zh: '评审环节“{step}”已超时:{hours}小时时限已于{deadline}届满,将上报上一级处理。',
  },
  'review.deadline.escalated': {
    en: 'Review step {stepEn} is overdue and has been escalated to {roleEn}.',
    zh: '评审环节“{stepZh}”已超时,已上报{roleZh}处理。',
  },
  'review.deadline.noLevelAbove': {
    en: 'Review step {stepEn} is overdue; the policy names no level above it to escalate it to.',
    zh: '评审环节“{stepZh}”已超时;制度未规定可上报的上一级。',
  },

  // RV-9 return, resubmission, rejection (workflow)
  'review.returned': {
    en: 'Order returned to sales for correction: {reason}',
    zh: '订单已退回销售部门修改:{reason}',
  },
  'review.resubmitted': {
    en: 'Order corrected and resubmitted for review as revision {revision}.',
    zh: '订单已修改并重新提交评审(第{revision}版)。',
  },
  'review.rejected': {
    en: 'Order rejected: {reason}',
    zh: '订单已被驳回:{reason}',
  },

  // Approval outcomes (approvals engine)
  // Segregation of duties: every owner and submitter of the order, at any submission, is barred.
  'review.approval.selfApproval': {
    en: '{actor} cannot approve or review this order: they owned or submitted it (now or at an earlier submission), and nobody decides on an order of their own.',
    zh: '{actor}不能审批或审核此订单:其本人是或曾是该订单的负责人或提交人(含此前各次提交),任何人不得审批本人的订单。',
  },
  'review.approval.selfApprovalOnBehalf': {
    en: '{actor} cannot approve or review this order on behalf of {party}: {party} owned or submitted it, and a delegate may not decide what the person they stand in for may not.',
    zh: '{actor}不能代{party}审批或审核此订单:{party}是或曾是该订单的负责人或提交人,代理人不得代其审批。',
  },
  // One approver, one act: what the approval did not settle is said plainly.
  'review.approval.stillDue.open': {
    en: '{actor}, your approval is recorded. {stepsEn} also needs your approval now: that is a separate act.',
    zh: '{actor},您的审批已记录。“{stepsZh}”现在也需要您审批:须另行审批一次。',
  },
  'review.approval.stillDue.later': {
    en: '{actor}, your approval is recorded. {stepsEn} will also need your approval once the earlier steps are done: a separate act, you will be asked then.',
    zh: '{actor},您的审批已记录。待前序环节完成后,“{stepsZh}”还需要您另行审批,届时将通知您。',
  },
  'review.approval.notYetOpen': {
    en: 'Step {stepEn} is not open yet: it opens once the earlier steps of the route are done.',
    zh: '“{stepZh}”尚未开始:须待审批路线的前序环节完成后方可审批。',
  },
  'review.approval.notEligible': {
    en: '{actor} cannot approve step {stepEn}: they hold none of the roles the step requires.',
    zh: '{actor}不能审批“{stepZh}”:不具备该环节要求的角色。',
  },
  'review.approval.alreadyApproved': {
    en: '{actor} has already approved step {stepEn}: a second approval by the same person does not count.',
    zh: '{actor}已审批过“{stepZh}”:同一人的重复审批不计入。',
  },
  'review.approval.recorded': {
    en: 'Approval of step {step} by {actor} recorded.',
    zh: '已记录{actor}对“{step}”的审批。',
  },
  'review.approval.reasonRequired': {
    en: 'A reason is required: state why the order is returned or rejected.',
    zh: '必须填写理由:请说明退回或驳回订单的原因。',
  },
};
