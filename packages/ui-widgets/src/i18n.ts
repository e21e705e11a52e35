/** The languages of the panels: English and Simplified Chinese. */
export type Lang = 'en' | 'zh-CN';

const EN = {
  approvalPanel: 'Approval',
  blockedBy: 'Blocked by',
  nothingBlocks: 'Nothing blocks this order.',
  reviewStep: 'Review step',
  blockingFinding: 'Blocking finding',
  creditHold: 'Credit hold',
  owner: 'Owner',
  reason: 'Reason',
  nextStep: 'Next step',
  nextApprove: 'Approval by {who}',
  nextCorrect: 'Correction by the salesperson ({who})',
  nextRelease: 'Credit release ({who}), a prepayment of {amount} or a guarantee',
  steps: 'Review route',
  mode: 'Mode',
  'mode.any': 'any one of them',
  'mode.all': 'all of them',
  'mode.eachDepartment': 'each department',
  mayAct: 'Who may act',
  acted: 'Who acted',
  notYet: 'nobody yet',
  due: 'Due',
  overdue: 'Overdue',
  escalated: 'Escalated to {who}',
  left: '{time} left',
  late: '{time} late',
  'status.active': 'open',
  'status.waiting': 'waiting',
  'status.approved': 'approved',
  'status.rejected': 'rejected',
  'status.skipped': 'skipped',
  whyYou: 'Why you, why now',
  evidence: 'Values that triggered it',
  against: '{value} against {limit}',
  passage: 'Regulation passage',
  actions: 'Your actions',
  noActions: 'There is nothing for you to do on this order now.',
  comment: 'Comment',
  approve: 'Approve',
  reject: 'Reject',
  returnToSales: 'Return for correction',
  reasonRequired: 'Reason (required)',
  confirmReject: 'Reject order {number}? This cannot be undone.',
  confirmReturn: 'Return order {number} to sales for correction?',
  confirm: 'Confirm',
  cancel: 'Cancel',
  refused: 'Refused',
  done: 'Done: {what}.',
  loading: 'Loading…',
  workQueue: 'Work queue',
  queueCount: '{n} to act on',
  queueEmpty: 'Nothing waits for you.',
  urgent: 'Urgent',
  shortcuts: 'Keys: j/k next/previous, Enter open, a approve, r reject',
  signIn: 'Sign in',
  signInHelp: 'Paste an API token (og_…), or open this page from your ERP.',
  token: 'API token',
  signOut: 'Sign out',
  orderDesk: 'Order desk',
  selectOrder: 'Select an order in the work queue.',
  language: 'Language',
  order: 'Order',
  customer: 'Customer',
} as const;

/** A UI text's key. */
export type TextKey = keyof typeof EN;

const ZH: Record<TextKey, string> = {
  approvalPanel: '审批',
  blockedBy: '阻塞原因',
  nothingBlocks: '没有阻塞此订单的事项。',
  reviewStep: '评审步骤',
  blockingFinding: '阻断性问题',
  creditHold: '信用冻结',
  owner: '负责人',
  reason: '原因',
  nextStep: '下一步',
  nextApprove: '由{who}审批',
  nextCorrect: '由销售人员({who})更正',
  nextRelease: '信用放行({who})、预付 {amount} 或提供担保',
  steps: '评审路线',
  mode: '方式',
  'mode.any': '任一人',
  'mode.all': '全部',
  'mode.eachDepartment': '各部门分别',
  mayAct: '可处理人',
  acted: '已处理',
  notYet: '尚无',
  due: '截止',
  overdue: '已逾期',
  escalated: '已升级至{who}',
  left: '剩余 {time}',
  late: '逾期 {time}',
  'status.active': '待处理',
  'status.waiting': '等待中',
  'status.approved': '已批准',
  'status.rejected': '已驳回',
  'status.skipped': '已跳过',
  whyYou: '为何由您、为何现在',
  evidence: '触发的数值',
  against: '{value},阈值 {limit}',
  passage: '制度条文',
  actions: '您可执行的操作',
  noActions: '此订单当前没有需要您处理的事项。',
  comment: '意见',
  approve: '批准',
  reject: '驳回',
  returnToSales: '退回更正',
  reasonRequired: '原因(必填)',
  confirmReject: '确认驳回订单 {number}?此操作不可撤销。',
  confirmReturn: '确认将订单 {number} 退回销售更正?',
  confirm: '确认',
  cancel: '取消',
  refused: '已拒绝',
  done: '已完成:{what}。',
  loading: '加载中…',
  workQueue: '待办',
  queueCount: '待处理 {n} 项',
  queueEmpty: '没有等待您处理的事项。',
  urgent: '加急',
  shortcuts: '快捷键:j/k 下一项/上一项,Enter 打开,a 批准,r 驳回',
  signIn: '登录',
  signInHelp: '粘贴 API 令牌(og_…),或从 ERP 打开本页。',
  token: 'API 令牌',
  signOut: '退出',
  orderDesk: '订单工作台',
  selectOrder: '请在待办中选择一个订单。',
  language: '语言',
  order: '订单',
  customer: '客户',
};

const TEXTS: Record<Lang, Record<TextKey, string>> = { en: EN, 'zh-CN': ZH };

/**
 * The host page's language: `zh-CN` when `<html lang>` (or, without one, the browser) says
 * Chinese, English otherwise.
 *
 * @example
 * hostLang(); // 'zh-CN' on a page with <html lang="zh-CN">
 */
export function hostLang(doc: Document | undefined = globalThis.document): Lang {
  const tag = doc?.documentElement.lang || globalThis.navigator?.language || 'en';
  return tag.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A language's texts, with `{name}` placeholders filled in. Values are plain text: the
 * components render them with `t-esc`, never as HTML.
 *
 * @example
 * const i18n = new I18n('zh-CN');
 * i18n.t('queueCount', { n: 3 }); // '待处理 3 项'
 */
export class I18n {
  /** Core message templates (`messageKey` → template) for findings and refusals. */
  messages: Readonly<Record<string, string>> = {};

  constructor(public lang: Lang) {}

  /** A UI text. */
  t(key: TextKey, params: Readonly<Record<string, unknown>> = {}): string {
    return fill(TEXTS[this.lang][key], params);
  }

  /** A core message (a finding's or a refusal's `messageKey`), or the key and its parameters. */
  message(key: string, params: Readonly<Record<string, unknown>> = {}): string {
    const template = this.messages[key];
    return template === undefined ? `${key} ${JSON.stringify(params)}` : fill(template, params);
  }

  /** The language half of a `{ en, zh }` text. */
  pick(text: { en: string; zh: string } | undefined): string {
    return text ? (this.lang === 'zh-CN' ? text.zh : text.en) : '';
  }

  /** A date and time in the reader's language, in their time zone. */
  dateTime(iso: string | undefined): string {
    if (!iso) return '';
    return new Date(iso).toLocaleString(this.lang, { dateStyle: 'medium', timeStyle: 'short' });
  }

  /** A duration as `1 d 4 h`, `3 h 12 min` or `42 s`. */
  duration(ms: number): string {
    const s = Math.floor(Math.abs(ms) / 1000);
    const [d, h, m] = [
      Math.floor(s / 86_400),
      Math.floor((s % 86_400) / 3600),
      Math.floor((s % 3600) / 60),
    ];
    const zh = this.lang === 'zh-CN';
    if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`;
    if (h > 0) return zh ? `${h}小时${m}分` : `${h} h ${m} min`;
    if (m > 0) return zh ? `${m}分${s % 60}秒` : `${m} min ${s % 60} s`;
    return zh ? `${s}秒` : `${s} s`;
  }

  /** Minor units as money, e.g. `1,130,000.00 CNY`. */
  money(minor: number, currency: string): string {
    return `${(minor / 100).toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} ${currency}`;
  }
}

function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : `${params[name] as string}`,
  );
}
