import type { MessageCatalogue } from '../Message.js';

/** Messages of the order lifecycle that are not a rule's finding. */
export const WORKFLOW_MESSAGES: MessageCatalogue = {
  'review.approved': {
    en: 'Every approval step is done: the order is approved and may be confirmed to the customer.',
    zh: '所有审批环节均已完成:订单已批准,可向客户确认。',
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
