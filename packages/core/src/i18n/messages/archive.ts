import type { MessageCatalogue } from './Message.js';

/** Messages of archiving, filing and archive access (AR-1…AR-6). */
export const ARCHIVE_MESSAGES: MessageCatalogue = {
  'archive.blocked.notDelivered': {
    en: 'The order is not delivered yet, so it cannot be archived.',
    zh: '订单尚未交付,不能归档。',
  },
  'archive.blocked.notSettled.paid': {
    en: 'The order is not settled: payment is not recorded.',
    zh: '订单尚未结算:未登记收款。',
  },
  'archive.blocked.notSettled.invoiced': {
    en: 'The order is not settled: the invoice is not recorded.',
    zh: '订单尚未结算:未登记开票。',
  },
  'archive.blocked.notSettled.paid.invoiced': {
    en: 'The order is not settled: neither payment nor invoice is recorded.',
    zh: '订单尚未结算:收款和开票均未登记。',
  },
  'archive.blocked.openIssues': {
    en: 'After-sales follow-up is not closed: {count} acceptance issue(s) open ({issues}).',
    zh: '售后跟踪尚未结束:仍有 {count} 个验收问题未关闭({issues})。',
  },
  'archive.blocked': {
    en: 'The order cannot be archived yet ({count} reason(s)).',
    zh: '订单暂不能归档(共 {count} 项原因)。',
  },
  'archive.notAllowed': {
    en: '{actor} may not archive this order: only its owner or {roles} may.',
    zh: '{actor}无权归档此订单:仅订单负责人或{roles}可以归档。',
  },
  'archive.archived': {
    en: 'Archived as {number}: the complete record is sealed and any alteration will be detected.',
    zh: '已归档,档案编号 {number}:完整记录已封存,任何篡改都会被发现。',
  },
  'archive.access.reasonRequired': {
    en: 'State why you need to read the archived order.',
    zh: '请说明查阅该归档订单的理由。',
  },
  'archive.access.requested': {
    en: '{requester} asks to read archive {number} for {days} day(s): {reason}.',
    zh: '{requester}申请查阅档案 {number},期限 {days} 天,理由:{reason}。',
  },
  'archive.access.granted': {
    en: 'Your access to archive {number} was approved by {by}, valid until {until}.',
    zh: '您查阅档案 {number} 的申请已由{by}批准,有效期至 {until}。',
  },
  'archive.access.rejected': {
    en: 'Your access to archive {number} was refused by {by}: {reason}.',
    zh: '您查阅档案 {number} 的申请被{by}驳回:{reason}。',
  },
  'archive.access.noGrant': {
    en: '{actor} has no approved, unexpired access to archive {number}: reading it needs an approved access request. The attempt was recorded.',
    zh: '{actor}没有经批准且在有效期内的档案 {number} 查阅权限:须先提出查阅申请并获批准。本次查阅尝试已记录。',
  },
  'archive.access.SELF_APPROVAL': {
    en: '{actor} may not decide access request {request}: nobody decides an access request they made, nor one made by the person whose approver role they hold as delegate.',
    zh: '{actor}不能审批查阅申请 {request}:任何人不得审批本人提出的查阅申请,也不得以代理人身份审批被代理人本人的申请。',
  },
  'archive.access.NOT_ELIGIBLE': {
    en: '{actor} holds no role that approves archive access.',
    zh: '{actor}没有审批档案查阅的权限。',
  },
  'archive.access.ALREADY_DECIDED': {
    en: 'Access request {request} was already decided.',
    zh: '查阅申请 {request} 已审批。',
  },
  'archive.access.REASON_REQUIRED': {
    en: 'A refusal needs a reason.',
    zh: '驳回须说明理由。',
  },
  'archive.legalHold.notAllowed': {
    en: '{actor} may not place or lift legal holds.',
    zh: '{actor}无权设置或解除法律保全。',
  },
  'archive.legalHold.reasonRequired': {
    en: 'A legal hold needs a reason.',
    zh: '设置或解除法律保全须说明理由。',
  },
  'archive.legalHold.none': {
    en: 'The archive is not on legal hold.',
    zh: '该档案未处于法律保全状态。',
  },
  'archive.filing.notAllowed': {
    en: '{actor} may not run the monthly filing.',
    zh: '{actor}无权执行月度归档。',
  },
  'archive.ledger.notAllowed': {
    en: '{actor} may not read the contract ledger (AR-5).',
    zh: '{actor}无权查阅合同台账(AR-5)。',
  },
  'archive.backup.notAllowed': {
    en: '{actor} may not export archive {number} for the off-site backup: only {roles} may. To read or export it for use, request access. The attempt was recorded.',
    zh: '{actor}无权导出档案 {number} 用于异地备份:仅{roles}可以导出。如需查阅或导出使用,请提出查阅申请。本次尝试已记录。',
  },
};
