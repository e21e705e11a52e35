import type { MessageCatalogue } from './Message.js';

/** Messages of the order lifecycle that are not a rule's finding. */
export const WORKFLOW_MESSAGES: MessageCatalogue = {
  'review.approved': {
    en: 'Every approval step is done: the order is approved and may be confirmed to the customer.',
    zh: '所有审批环节均已完成:订单已批准,可向客户确认。',
  },
  'workflow.returnedToSales': {
    en: 'Order {number} was received and returned to sales for correction: see the findings.',
    zh: '订单 {number} 已接收,但退回销售修改:请查看审核意见。',
  },
  'refusal.INVALID_TRANSITION': {
    en: "This action is not possible in the order's current state.",
    zh: '订单当前状态下不能执行此操作。',
  },
  'refusal.BLOCKED': {
    en: 'The rules block this action: see the findings.',
    zh: '制度规则阻止此操作:请查看审核意见。',
  },
  'refusal.REASON_REQUIRED': { en: 'A reason is required.', zh: '必须填写原因。' },
  'refusal.SELF_APPROVAL': {
    en: 'You may not approve what you own, submitted or requested (segregation of duties).',
    zh: '不得审批本人负责、提交或申请的事项(职责分离)。',
  },
  'refusal.NOT_ELIGIBLE': {
    en: 'You hold no role that may take this action now.',
    zh: '您当前没有执行此操作的角色。',
  },
  'refusal.ALREADY_APPROVED': {
    en: 'You already approved this step.',
    zh: '您已审批过该环节。',
  },
  'refusal.STEP_NOT_ACTIVE': {
    en: 'That step is not waiting for approval now.',
    zh: '该环节当前不在待审批状态。',
  },
  'refusal.UNKNOWN_STEP': { en: 'No such approval step.', zh: '没有该审批环节。' },
  'refusal.UNKNOWN_ISSUE': { en: 'No such acceptance issue.', zh: '没有该验收问题。' },
  'refusal.CONFLICT': {
    en: 'Another request is pending, or the request names an outdated revision.',
    zh: '已有待处理的申请,或申请所依据的版本已过时。',
  },
  'refusal.INVALID_EXPIRY': {
    en: 'The expiry must be after now.',
    zh: '到期时间必须晚于当前时间。',
  },
  'refusal.INVALID_PATCH': {
    en: 'The change does not fit the order as it stands.',
    zh: '该修改与订单当前内容不符。',
  },
  'refusal.ALREADY_SUBMITTED': {
    en: 'The order was already submitted.',
    zh: '订单已提交。',
  },
  'refusal.RETURNED': {
    en: 'The order was returned to sales for correction.',
    zh: '订单已退回销售修改。',
  },
  'refusal.NOT_FOUND': { en: 'Not found.', zh: '未找到。' },
  'refusal.NOT_PENDING': {
    en: 'The request was already decided.',
    zh: '该申请已处理。',
  },
  'refusal.ALREADY_DECIDED': {
    en: 'The request was already decided.',
    zh: '该申请已处理。',
  },
  'refusal.NO_GRANT': {
    en: 'Reading an archive needs an approved, live access grant.',
    zh: '查阅档案须持有已批准且在有效期内的授权。',
  },
  'refusal.CURRENCY_MISMATCH': {
    en: "The increase must be in the currency of the customer's limit.",
    zh: '临时额度须与客户信用额度币种一致。',
  },
  'refusal.ALREADY_RECORDED': {
    en: 'This is already recorded.',
    zh: '该事项已登记。',
  },
  'refusal.INVALID_DATE': {
    en: 'That date or time cannot be right: it is in the future, or before what it follows.',
    zh: '该日期或时间有误:晚于当前时间,或早于其前序事项。',
  },
  'workflow.invalidTransition': {
    en: '{event} is not possible while the order is {status}.',
    zh: '订单当前状态为 {status},不能执行 {event}。',
  },
  'workflow.alreadySubmitted': {
    en: 'The order was already submitted and is {status}: it can be submitted again only after a return to sales.',
    zh: '订单已提交,当前状态为 {status}:仅在退回销售后才能再次提交。',
  },
  'workflow.confirm.notAllowed': {
    en: '{actor} may not confirm this order: only its owner or the roles the policy names may.',
    zh: '{actor}无权确认此订单:仅订单负责人或制度指定的角色可以确认。',
  },
  'workflow.confirm.blocked': {
    en: 'The order cannot be confirmed yet ({rules}).',
    zh: '订单暂不能确认({rules})。',
  },
  'review.approval.stepNotActive': {
    en: 'Step {stepEn} is not waiting for approval now: earlier steps come first, or it is done.',
    zh: '“{stepZh}”当前不在待审批状态:须先完成前序环节,或该环节已完成。',
  },
  'review.approval.unknownStep': {
    en: "Step {stepEn} is not part of this order's approval route.",
    zh: '“{stepZh}”不在此订单的审批路线中。',
  },
  'review.notReviewer': {
    en: '{actor} is not a reviewer of any step waiting for approval.',
    zh: '{actor}不是任何待审批环节的审核人。',
  },
  'intake.verbal.referenceRequired': {
    en: 'Record the reference of the written confirmation (fax, letter, e-mail number).',
    zh: '请登记书面确认的编号(传真、函件或邮件编号)。',
  },
  'intake.verbal.confirmed': {
    en: 'Written confirmation of the verbal order recorded (reference {reference}).',
    zh: '口头订单的书面确认已登记(编号 {reference})。',
  },
  'review.approval.requested': {
    en: 'Your approval is requested for "{step}" by {deadline}.',
    zh: '请在 {deadline} 前完成"{step}"审批。',
  },
  ...Object.fromEntries(
    (
      [
        ['draft', 'Draft', '草稿'],
        ['submitted', 'Submitted', '已提交'],
        ['in_review', 'In review', '审核中'],
        ['returned', 'Returned to sales', '已退回销售'],
        ['rejected', 'Rejected', '已驳回'],
        ['approved', 'Approved', '已批准'],
        ['credit_hold', 'Credit hold', '信用冻结'],
        ['confirmed', 'Confirmed', '已确认'],
        ['change_pending', 'Change pending', '变更审批中'],
        ['in_fulfilment', 'In fulfilment', '执行中'],
        ['delivered', 'Delivered', '已交付'],
        ['settled', 'Settled', '已结算'],
        ['archived', 'Archived', '已归档'],
        ['cancelled', 'Cancelled', '已取消'],
      ] as const
    ).map(([status, en, zh]) => [`status.${status}`, { en, zh }]),
  ),
};
