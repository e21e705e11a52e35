import type { MessageCatalogue, MessageTemplate } from './Message.js';

// Step names in both languages; messages about a step are generated per step so that a Chinese
// message never shows an English step key.
const STEPS: Readonly<Record<string, MessageTemplate>> = {
  production: { en: 'production', zh: '生产' },
  procurement: { en: 'procurement', zh: '采购' },
  warehouse: { en: 'warehouse', zh: '仓储' },
  shipping: { en: 'shipping', zh: '发货' },
  delivery: { en: 'delivery', zh: '交付' },
  acceptance: { en: 'acceptance', zh: '验收' },
  settlement: { en: 'settlement', zh: '结算' },
};

const LATE_DELIVERY: MessageTemplate = { en: 'late delivery', zh: '交付延迟' };

// Every kind of issue the customer may report (TR-3), goods issues first.
const KINDS: Readonly<Record<string, MessageTemplate>> = {
  damage: { en: 'damaged goods', zh: '货物损坏' },
  quantity_mismatch: { en: 'quantity mismatch', zh: '数量不符' },
  quality: { en: 'quality problem', zh: '质量问题' },
  late_delivery: LATE_DELIVERY,
};

const REMEDIES: Readonly<Record<string, MessageTemplate>> = {
  replace: { en: 'replace', zh: '换货' },
  return: { en: 'return', zh: '退货' },
  repair: { en: 'repair', zh: '维修' },
};

function perStep(
  prefix: string,
  make: (step: MessageTemplate) => MessageTemplate,
): Record<string, MessageTemplate> {
  return Object.fromEntries(
    Object.entries(STEPS).map(([key, label]) => [`${prefix}.${key}`, make(label)]),
  );
}

const issueOpened: Record<string, MessageTemplate> = {
  // A late delivery may be reported without a remedy.
  'tracking.issue.opened.late_delivery': {
    en: `Acceptance issue {issue} opened: ${LATE_DELIVERY.en} ({description}). It stays open until closed.`,
    zh: `已登记验收问题 {issue}:${LATE_DELIVERY.zh}({description})。问题关闭前持续跟踪。`,
  },
};
for (const [kind, k] of Object.entries(KINDS)) {
  for (const [remedy, r] of Object.entries(REMEDIES)) {
    issueOpened[`tracking.issue.opened.${kind}.${remedy}`] = {
      en: `Acceptance issue {issue} opened: ${k.en} ({description}); remedy: ${r.en}. It stays open until closed.`,
      zh: `已登记验收问题 {issue}:${k.zh}({description}),处理方式:${r.zh}。问题关闭前持续跟踪。`,
    };
  }
}

/** Messages of fulfilment tracking (TR-1…TR-4) and settlement. */
export const TRACKING_MESSAGES: MessageCatalogue = {
  ...perStep('tracking.progress.started', (s) => ({
    en: `Fulfilment: ${s.en} started ({date}).`,
    zh: `执行进度:${s.zh}已开始({date})。`,
  })),
  ...perStep('tracking.progress.done', (s) => ({
    en: `Fulfilment: ${s.en} done ({date}).`,
    zh: `执行进度:${s.zh}已完成({date})。`,
  })),
  ...perStep('tracking.step.notNow', (s) => ({
    en: `The ${s.en} step cannot be recorded while the order is {status}.`,
    zh: `订单状态为 {status} 时不能登记${s.zh}环节。`,
  })),
  ...perStep('tracking.step.blocked', (s) => ({
    en: `The ${s.en} step cannot start yet ({rules}).`,
    zh: `${s.zh}环节暂不能开始({rules})。`,
  })),
  'tracking.notAllowed': {
    en: "{actor} may not record this: only the order's owner or {roles} may.",
    zh: '{actor}无权登记此项:仅订单负责人或{roles}可以登记。',
  },
  'tracking.settlement.useSettle': {
    en: 'Settlement is recorded as paid and invoiced by finance, not as a step.',
    zh: '结算须由财务登记已收款、已开票,不能作为执行环节登记。',
  },
  'tracking.settlement.nothing': {
    en: 'Record that the order is paid, invoiced, or both.',
    zh: '请登记订单已收款、已开票,或两者皆已完成。',
  },
  'tracking.settled': {
    en: 'The order is delivered, paid and invoiced: settled.',
    zh: '订单已交付、已收款并已开票:结算完成。',
  },
  'tracking.delivery.lateForecast': {
    en: 'Delivery is forecast for {forecast}, {days} day(s) after the agreed date {agreed}: tell the customer and agree a new date.',
    zh: '预计交付日期为 {forecast},比约定日期 {agreed} 晚 {days} 天:请告知客户并商定新的交付日期。',
  },
  'tracking.delivery.atRisk': {
    en: 'Delivery is due on {agreed} ({daysLeft} day(s) left) and the goods have not shipped: the date is at risk.',
    zh: '约定交付日期为 {agreed}(剩余 {daysLeft} 天),货物尚未发出:存在延期风险。',
  },
  'tracking.delivery.overdue': {
    en: 'The agreed delivery date {agreed} passed {days} day(s) ago and the order is not delivered.',
    zh: '约定交付日期 {agreed} 已过 {days} 天,订单仍未交付。',
  },
  'tracking.delivered.onTime': {
    en: 'Delivered on {date}, on time (agreed {agreed}).',
    zh: '已于 {date} 按期交付(约定日期 {agreed})。',
  },
  'tracking.delivered.late': {
    en: 'Delivered on {date}, after the agreed date {agreed}.',
    zh: '已于 {date} 交付,晚于约定日期 {agreed}。',
  },
  ...issueOpened,
  'tracking.issue.descriptionRequired': {
    en: 'Describe the acceptance issue (what is damaged, how the quantity differs, what is wrong with the quality, how late the delivery was).',
    zh: '请描述验收问题(损坏情况、数量差异、质量问题或延迟交付情况)。',
  },
  'tracking.issue.unknownLine': {
    en: 'No such order line: {lines}.',
    zh: '订单中没有该行:{lines}。',
  },
  'tracking.issue.unknown': {
    en: 'There is no acceptance issue {issue} on this order.',
    zh: '此订单没有编号为 {issue} 的验收问题。',
  },
  'tracking.issue.alreadyClosed': {
    en: 'Acceptance issue {issue} is already closed.',
    zh: '验收问题 {issue} 已关闭。',
  },
  'tracking.issue.resolutionRequired': {
    en: 'Record how the issue was resolved.',
    zh: '请登记问题的处理结果。',
  },
  'tracking.issue.closed': {
    en: 'Acceptance issue {issue} closed: {resolution}. Open issues left: {remaining}.',
    zh: '验收问题 {issue} 已关闭:{resolution}。剩余未关闭问题:{remaining} 个。',
  },
  'tracking.complete.notDelivered': {
    en: 'The order is not delivered yet.',
    zh: '订单尚未交付。',
  },
  'tracking.complete.openIssues': {
    en: '{count} acceptance issue(s) still open ({issues}): after-sales is not done.',
    zh: '仍有 {count} 个验收问题未关闭({issues}):售后尚未完成。',
  },
  'tracking.complete.blocked': {
    en: 'The order cannot be marked completed yet.',
    zh: '订单暂不能标记为完成。',
  },
  'tracking.complete.already': {
    en: 'The order is already completed.',
    zh: '订单已标记为完成。',
  },
  'tracking.completed': {
    en: 'Delivery and after-sales are done: the order is completed.',
    zh: '交付与售后均已完成:订单已完成。',
  },
};
