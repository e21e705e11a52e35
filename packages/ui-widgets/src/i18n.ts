/** The languages of the panels: English and Simplified Chinese. */
export type Lang = 'en' | 'zh-CN';

export const EN = {
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
  shortcuts:
    'Keys: j/k next/previous, x select, Enter open, a approve (the selected ones, after a confirmation), r reject',
  // work queue: filters, bulk approval, substitutes
  queueCountOf: '{shown} of {n} to act on',
  queueFilters: 'Filters',
  filterCustomer: 'Customer',
  allCustomers: 'All customers',
  filterRule: 'Rule',
  allRules: 'All rules',
  filterMin: 'Amount from',
  filterMax: 'Amount up to',
  filterOverdue: 'Overdue only',
  clearFilters: 'Clear filters',
  filterEmpty: 'No order in the queue matches these filters.',
  selectAllShown: 'Select all shown',
  clearSelection: 'Clear selection',
  approveSelected: 'Approve selected ({n})',
  bulkTitle: 'Approve these {n} orders?',
  bulkOrder: 'Order',
  bulkCustomer: 'Customer',
  bulkAmount: 'Amount (with tax)',
  bulkStep: 'Step',
  bulkComment: 'Comment (optional, on every approval)',
  bulkConfirm: 'Approve {n}',
  bulkDone: 'Approved {n}.',
  bulkRefused: 'Not approved:',
  asSubstitute: 'for {who}, as substitute until {until}',
  asSubstituteOpen: 'for {who}, as substitute',
  forWhom: 'for {who}, as substitute',
  'queueAction.confirm': 'Confirm the order',
  'queueAction.recordWrittenConfirmation': 'Record the written confirmation',
  'queueAction.recordContractReview': 'Record the contract review',
  'queueAction.recordContractSigned': 'Record the signed contract',
  'queueAction.recordAmendmentSigned': 'Record the signed amendment',
  'queueAction.approveShippingException': 'Approve the shipping exception',
  signIn: 'Sign in',
  signInHelp: 'Paste an API token (og_…), or open this page from your ERP.',
  token: 'API token',
  signOut: 'Sign out',
  orderDesk: 'Order desk',
  selectOrder: 'Select an order in the work queue.',
  language: 'Language',
  order: 'Order',
  customer: 'Customer',
  tabs: 'Order panels',
  'tab.approval': 'Approval',
  'tab.tracking': 'Tracking',
  'tab.credit': 'Credit',
  'tab.change': 'Changes',
  'tab.metrics': 'Metrics',
  trackingPanel: 'Tracking',
  timeline: 'Timeline',
  spent: '{time} in this stage',
  'stage.review': 'Review',
  'stage.production': 'Production',
  'stage.procurement': 'Procurement',
  'stage.warehouse': 'Warehouse',
  'stage.shipping': 'Shipping',
  'stage.delivery': 'Delivery',
  'stage.acceptance': 'Acceptance',
  'stage.settlement': 'Settlement',
  'stage.archive': 'Archive',
  'stageState.done': 'done',
  'stageState.active': 'under way',
  'stageState.pending': 'not started',
  'progress.started': 'started',
  'progress.done': 'done',
  delays: 'Delay warnings',
  noDelays: 'No delay warnings.',
  'warn.delivery.forecastLate': 'Late forecast',
  'warn.delivery.lateForecast': 'Late forecast',
  'warn.delivery.atRisk': 'Delivery at risk',
  'warn.delivery.overdue': 'Delivery overdue',
  'warn.stock.shortage': 'Stock shortage',
  warnText: 'flagged {date}: forecast {forecast}, agreed {agreed}',
  issues: 'Acceptance issues',
  noIssues: 'No acceptance issues.',
  'issueKind.damage': 'damage',
  'issueKind.quantity_mismatch': 'quantity mismatch',
  'issueKind.quality': 'quality',
  'issueKind.late_delivery': 'late delivery',
  'issueState.open': 'open',
  'issueState.closed': 'closed',
  remedy: 'Remedy',
  'remedy.replace': 'replace',
  'remedy.return': 'return',
  'remedy.repair': 'repair',
  none: 'none',
  reported: 'Reported',
  resolution: 'Resolution',
  events: 'Events ({n})',
  'event.order.confirmed': 'Order confirmed',
  'event.fulfilment.started': 'Fulfilment started',
  'event.fulfilment.progress': 'Progress',
  'event.delivery.forecast': 'Delivery forecast',
  'event.delivery.forecastLate': 'Late forecast',
  'event.delivery.atRisk': 'Delivery at risk',
  'event.delivery.overdue': 'Delivery overdue',
  'event.order.delivered': 'Delivered',
  'event.acceptance.issueReported': 'Issue reported',
  'event.acceptance.issueClosed': 'Issue closed',
  'event.order.settlement': 'Payment or invoice',
  'event.order.settled': 'Settled',
  'event.order.completed': 'Completed',
  'event.order.archived': 'Archived',
  creditPanel: 'Credit',
  grade: 'Grade',
  limit: 'Limit in force',
  exposure: 'Exposure',
  exposureBar: 'Exposure {total} against the limit {limit}',
  receivables: 'Receivables',
  openOrders: 'Open orders',
  thisOrder: 'This order',
  headroom: 'Headroom after this order',
  overLimit: 'Over the limit by {amount}',
  ageing: 'Ageing of receivables',
  ageingAsOf: 'as of {date}',
  'bucket.current': 'not due',
  days: '{range} days',
  overdueTotal: 'Overdue: {amount}',
  holdState: 'Hold and release',
  notHeld: 'This order is not on credit hold.',
  heldSince: 'On credit hold since {date}',
  releasePaths: 'Ways out: {paths}',
  'path.approval': 'credit release',
  'path.prepayment': 'prepayment',
  'path.guarantee': 'guarantee',
  released: 'Credit released by {who}: {reason}',
  releaseCredit: 'Release credit',
  declineCredit: 'Decline',
  confirmRelease: 'Release the credit hold of order {number}?',
  confirmDecline: 'Decline the credit release of order {number}? It goes back to sales.',
  expiresAt: 'Release expires (optional)',
  noCreditRead: 'The customer’s credit details are not shown to you: {detail}',
  changePanel: 'Changes',
  raise: 'Raise a request',
  kind: 'Kind',
  'kind.change': 'change',
  'kind.cancel': 'cancellation',
  impact: 'Impact',
  fields: 'Fields to change',
  field: 'Field',
  newValue: 'New value',
  addField: 'Add a field',
  removeField: 'Remove',
  submitRequest: 'Submit the request',
  confirmRequest: 'Submit a {kind} request for order {number}?',
  pendingChange: 'Pending request',
  noPending: 'No request is pending.',
  changeRoute: 'Its route',
  requestedBy: 'Requested by {who} on {date}',
  approveChange: 'Approve the change',
  rejectChange: 'Reject the change',
  withdrawChange: 'Withdraw',
  confirmRejectChange: 'Reject the change request of order {number}?',
  pastChanges: 'Decided requests',
  'outcome.approved': 'approved',
  'outcome.rejected': 'rejected',
  'outcome.withdrawn': 'withdrawn',
  revisions: 'Revisions',
  revision: 'Revision {n}',
  compare: 'Compare',
  from: 'From',
  to: 'To',
  diffTitle: 'Differences between revision {from} and {to}',
  noDiff: 'No differences.',
  before: 'Before',
  after: 'After',
  line: 'Line {id}',
  'line.added': 'added',
  'line.removed': 'removed',
  'line.changed': 'changed',
  oneRevision: 'Only one revision so far.',
  metricsPanel: 'Metrics',
  period: 'Period',
  groupBy: 'Per',
  'by.all': 'all orders',
  'by.customer': 'customer',
  'by.product': 'product',
  'by.salesperson': 'salesperson',
  refresh: 'Show',
  'm.onTimeDelivery': 'On-time delivery',
  'm.reviewCycle': 'Review cycle (average h)',
  'm.overdueReviews': 'Overdue reviews',
  'm.creditHolds': 'Credit holds',
  'm.accuracy': 'Order accuracy',
  'm.complaints': 'Complaint rate',
  noData: 'No orders in this period.',
  chartOf: '{metric} per {by}',
  // --- approval and change panels: CH-5 since approval, stage times, roles, statuses, line edits
  approvedRevision: 'approved revision {n}',
  changedSince: 'Changed since approved:',
  nothingChanged: 'Nothing changed since approved.',
  stageTimes: 'Time in each stage',
  'stage.intake': 'Intake',
  'stage.creditHold': 'Credit hold',
  'stage.confirmation': 'Approved, awaiting confirmation',
  'orderStatus.draft': 'draft',
  'orderStatus.submitted': 'submitted',
  'orderStatus.in_review': 'in review',
  'orderStatus.returned': 'returned for correction',
  'orderStatus.rejected': 'rejected',
  'orderStatus.approved': 'approved',
  'orderStatus.credit_hold': 'on credit hold',
  'orderStatus.confirmed': 'confirmed',
  'orderStatus.change_pending': 'change pending',
  'orderStatus.in_fulfilment': 'in fulfilment',
  'orderStatus.delivered': 'delivered',
  'orderStatus.settled': 'settled',
  'orderStatus.archived': 'archived',
  'orderStatus.cancelled': 'cancelled',
  'requestState.pending': 'pending',
  'requestState.awaitingSignature': 'awaiting the signed amendment',
  'role.salesperson': 'Salesperson',
  'role.salesAssistant': 'Sales assistant',
  'role.salesHead': 'Sales head',
  'role.finance': 'Finance',
  'role.financeDirector': 'Finance director',
  'role.technical': 'Technical',
  'role.production': 'Production',
  'role.engineering': 'Engineering',
  'role.procurement': 'Procurement',
  'role.warehouse': 'Warehouse',
  'role.logistics': 'Logistics',
  'role.legal': 'Legal',
  'role.archiveKeeper': 'Archive keeper',
  'role.marketingVP': 'Marketing VP',
  'role.generalManager': 'General manager',
  'role.president': 'President',
  lines: 'Lines',
  quantity: 'Quantity',
  unitPrice: 'Unit price ({currency})',
  productName: 'Product',
  specification: 'Specification',
  lineId: 'Line id',
  removeLine: 'Remove this line',
  addLine: 'Add a line',
  newLine: 'New line',
  fieldError: '{field}: {message}',
} as const;

/** A UI text's key. */
export type TextKey = keyof typeof EN;

/** The texts of each language loaded so far: English always, Chinese once `loadTexts` ran. */
const TEXTS: Partial<Record<Lang, Readonly<Record<TextKey, string>>>> = { en: EN };
const LOADING: Partial<Record<Lang, Promise<void>>> = {};

/**
 * Loads a language's texts, once: English is in the bundle, Simplified Chinese is a language
 * pack of its own (`zh-CN.js` beside the bundle, fetched on first use; inlined in the build for
 * Odoo). `mount…` and the desk's language switch call it; an `I18n` for a language not loaded
 * yet answers the English text.
 *
 * @example
 * await loadTexts('zh-CN');
 * new I18n('zh-CN').t('approve'); // '批准'
 */
export function loadTexts(lang: Lang): Promise<void> {
  if (TEXTS[lang]) return Promise.resolve();
  return (LOADING[lang] ??= import('./i18n.zh-CN.js').then(
    (pack: { default: Record<TextKey, string> | readonly string[] }) => {
      TEXTS[lang] = unpack(pack.default);
    },
    (e: unknown) => {
      delete LOADING[lang]; // a later call tries again
      throw e;
    },
  ));
}

/**
 * A language pack as the source keeps it (keyed) or as the build ships it (the values alone, in
 * the order of the English keys: scripts/lang-packs.ts), keyed.
 */
function unpack(
  pack: Readonly<Record<TextKey, string>> | readonly string[],
): Readonly<Record<TextKey, string>> {
  if (!Array.isArray(pack)) return pack as Readonly<Record<TextKey, string>>;
  const keys = Object.keys(EN) as TextKey[];
  return Object.fromEntries(keys.map((k, n) => [k, pack[n] ?? EN[k]])) as Record<TextKey, string>;
}

/** The texts an `I18n` reads: its language's when loaded, else English. */
function textsOf(lang: Lang): Readonly<Record<TextKey, string>> {
  return TEXTS[lang] ?? EN;
}

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
 * await loadTexts('zh-CN'); // the Chinese texts are a language pack of their own
 * const i18n = new I18n('zh-CN');
 * i18n.t('queueCount', { n: 3 }); // '待处理 3 项'
 */
export class I18n {
  /** Core message templates (`messageKey` → template) for findings and refusals. */
  messages: Readonly<Record<string, string>> = {};

  /**
   * Role labels of the policy in force (`roles.<key>.label`), when the host has them: they win
   * over the built-in labels of the regulation's roles, so a company's own roles read as it names them.
   */
  roles: Readonly<Record<string, { en: string; zh: string }>> = {};

  constructor(public lang: Lang) {}

  /** A UI text. */
  t(key: TextKey, params: Readonly<Record<string, unknown>> = {}): string {
    return fill(textsOf(this.lang)[key], params);
  }

  /** Whether a UI text exists (for texts keyed by data, e.g. an event's type). */
  has(key: string): boolean {
    return key in textsOf(this.lang);
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

  /**
   * A role or department key as its label: the policy's label, else the built-in one, else the
   * key made readable (`qualityControl` → `Quality control`). Never the raw key.
   *
   * @example
   * new I18n('zh-CN').role('salesHead'); // '销售主管' (after loadTexts('zh-CN'))
   */
  role(key: string): string {
    const own = this.roles[key];
    if (own) return this.pick(own);
    return this.has(`role.${key}`) ? this.t(`role.${key}` as TextKey) : readable(key);
  }

  /** Several roles as one list of labels. */
  roleList(keys: readonly string[]): string {
    return keys.map((k) => this.role(k)).join(this.lang === 'zh-CN' ? '、' : ', ');
  }

  /**
   * An order status (`in_review`…) in the reader's language; an unknown one made readable.
   *
   * @example
   * new I18n('en').status('credit_hold'); // 'on credit hold'
   */
  status(status: string): string {
    const key = `orderStatus.${status}`;
    return this.has(key) ? this.t(key as TextKey) : readable(status);
  }

  /** A date and time in the reader's language, in their time zone. */
  dateTime(iso: string | undefined): string {
    if (!iso) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(d) : dateTimeFormat(this.lang).format(d);
  }

  /**
   * Makes this language's date and money formatters now (creating the first Intl formatter of a
   * page costs milliseconds): call it while something else waits, e.g. the messages' request.
   */
  warm(): void {
    dateTimeFormat(this.lang);
    moneyFormat();
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
    return `${moneyFormat().format(minor / 100)} ${currency}`;
  }
}

/**
 * A key as words: `salesHead` → `Sales head`, `in_review` → `In review`.
 *
 * @example
 * readable('qualityControl'); // 'Quality control'
 */
export function readable(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

// Intl formatters are costly to create (a panel formats hundreds of dates per render): one per
// language, made on first use and kept.
const DATE_TIMES = new Map<Lang, Intl.DateTimeFormat>();
let money: Intl.NumberFormat | undefined;

function moneyFormat(): Intl.NumberFormat {
  return (money ??= new Intl.NumberFormat('en', {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }));
}

function dateTimeFormat(lang: Lang): Intl.DateTimeFormat {
  let f = DATE_TIMES.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' });
    DATE_TIMES.set(lang, f);
  }
  return f;
}

function fill(template: string, params: Readonly<Record<string, unknown>>): string {
  if (!template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params[name] === undefined ? whole : `${params[name] as string}`,
  );
}
