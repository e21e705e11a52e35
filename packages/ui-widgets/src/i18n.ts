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
  shortcuts: '快捷键:j/k 下一项/上一项,x 选择,Enter 打开,a 批准(已选的须先确认),r 驳回',
  // work queue: filters, bulk approval, substitutes
  queueCountOf: '待处理 {n} 项,显示 {shown} 项',
  queueFilters: '筛选',
  filterCustomer: '客户',
  allCustomers: '全部客户',
  filterRule: '规则',
  allRules: '全部规则',
  filterMin: '金额下限',
  filterMax: '金额上限',
  filterOverdue: '仅显示逾期',
  clearFilters: '清除筛选',
  filterEmpty: '待办中没有符合筛选条件的订单。',
  selectAllShown: '全选显示的订单',
  clearSelection: '取消选择',
  approveSelected: '批准所选({n})',
  bulkTitle: '批准以下 {n} 个订单?',
  bulkOrder: '订单',
  bulkCustomer: '客户',
  bulkAmount: '金额(含税)',
  bulkStep: '步骤',
  bulkComment: '意见(可选,附于每项批准)',
  bulkConfirm: '批准 {n} 项',
  bulkDone: '已批准 {n} 项。',
  bulkRefused: '未批准:',
  asSubstitute: '代 {who} 审批(代理至 {until})',
  asSubstituteOpen: '代 {who} 审批(代理)',
  forWhom: '代 {who}',
  'queueAction.confirm': '确认订单',
  'queueAction.recordWrittenConfirmation': '登记书面确认',
  'queueAction.recordContractReview': '登记合同评审',
  'queueAction.recordContractSigned': '登记已签合同',
  'queueAction.recordAmendmentSigned': '登记已签补充协议',
  'queueAction.approveShippingException': '批准发货例外',
  signIn: '登录',
  signInHelp: '粘贴 API 令牌(og_…),或从 ERP 打开本页。',
  token: 'API 令牌',
  signOut: '退出',
  orderDesk: '订单工作台',
  selectOrder: '请在待办中选择一个订单。',
  language: '语言',
  order: '订单',
  customer: '客户',
  tabs: '订单面板',
  'tab.approval': '审批',
  'tab.tracking': '跟踪',
  'tab.credit': '信用',
  'tab.change': '变更',
  'tab.metrics': '指标',
  trackingPanel: '跟踪',
  timeline: '时间线',
  spent: '本阶段用时 {time}',
  'stage.review': '评审',
  'stage.production': '生产',
  'stage.procurement': '采购',
  'stage.warehouse': '仓储',
  'stage.shipping': '发运',
  'stage.delivery': '交付',
  'stage.acceptance': '验收',
  'stage.settlement': '结算',
  'stage.archive': '归档',
  'stageState.done': '已完成',
  'stageState.active': '进行中',
  'stageState.pending': '未开始',
  'progress.started': '已开始',
  'progress.done': '已完成',
  delays: '延误预警',
  noDelays: '没有延误预警。',
  'warn.delivery.forecastLate': '预计延期',
  'warn.delivery.lateForecast': '预计延期',
  'warn.delivery.atRisk': '交期风险',
  'warn.delivery.overdue': '交付逾期',
  'warn.stock.shortage': '缺货',
  warnText: '{date} 预警:预计 {forecast},约定 {agreed}',
  issues: '验收问题',
  noIssues: '没有验收问题。',
  'issueKind.damage': '货损',
  'issueKind.quantity_mismatch': '数量不符',
  'issueKind.quality': '质量',
  'issueKind.late_delivery': '延迟交付',
  'issueState.open': '未关闭',
  'issueState.closed': '已关闭',
  remedy: '处理方式',
  'remedy.replace': '换货',
  'remedy.return': '退货',
  'remedy.repair': '维修',
  none: '无',
  reported: '报告',
  resolution: '处理结果',
  events: '事件({n})',
  'event.order.confirmed': '订单确认',
  'event.fulfilment.started': '开始履行',
  'event.fulfilment.progress': '进度',
  'event.delivery.forecast': '交期预测',
  'event.delivery.forecastLate': '预计延期',
  'event.delivery.atRisk': '交期风险',
  'event.delivery.overdue': '交付逾期',
  'event.order.delivered': '已交付',
  'event.acceptance.issueReported': '报告问题',
  'event.acceptance.issueClosed': '问题关闭',
  'event.order.settlement': '收款或开票',
  'event.order.settled': '已结算',
  'event.order.completed': '已完成',
  'event.order.archived': '已归档',
  creditPanel: '信用',
  grade: '信用等级',
  limit: '有效额度',
  exposure: '信用占用',
  exposureBar: '信用占用 {total},额度 {limit}',
  receivables: '应收账款',
  openOrders: '未完成订单',
  thisOrder: '本订单',
  headroom: '本单后剩余额度',
  overLimit: '超出额度 {amount}',
  ageing: '应收账龄',
  ageingAsOf: '截至 {date}',
  'bucket.current': '未到期',
  days: '{range} 天',
  overdueTotal: '逾期:{amount}',
  holdState: '冻结与放行',
  notHeld: '此订单未被信用冻结。',
  heldSince: '自 {date} 起信用冻结',
  releasePaths: '解除方式:{paths}',
  'path.approval': '信用审批放行',
  'path.prepayment': '预付款',
  'path.guarantee': '担保',
  released: '{who} 已放行信用:{reason}',
  releaseCredit: '放行信用',
  declineCredit: '拒绝放行',
  confirmRelease: '确认放行订单 {number} 的信用冻结?',
  confirmDecline: '确认拒绝放行订单 {number}?订单将退回销售。',
  expiresAt: '放行有效期至(可选)',
  noCreditRead: '您无权查看客户的信用明细:{detail}',
  changePanel: '变更',
  raise: '提出申请',
  kind: '类型',
  'kind.change': '变更',
  'kind.cancel': '取消',
  impact: '影响',
  fields: '变更字段',
  field: '字段',
  newValue: '新值',
  addField: '添加字段',
  removeField: '移除',
  submitRequest: '提交申请',
  confirmRequest: '确认为订单 {number} 提交{kind}申请?',
  pendingChange: '待处理申请',
  noPending: '没有待处理的申请。',
  changeRoute: '审批路线',
  requestedBy: '{who} 于 {date} 提出',
  approveChange: '批准变更',
  rejectChange: '驳回变更',
  withdrawChange: '撤回',
  confirmRejectChange: '确认驳回订单 {number} 的变更申请?',
  pastChanges: '已决申请',
  'outcome.approved': '已批准',
  'outcome.rejected': '已驳回',
  'outcome.withdrawn': '已撤回',
  revisions: '版本',
  revision: '第 {n} 版',
  compare: '比较',
  from: '从',
  to: '到',
  diffTitle: '第 {from} 版与第 {to} 版的差异',
  noDiff: '没有差异。',
  before: '修改前',
  after: '修改后',
  line: '行 {id}',
  'line.added': '新增',
  'line.removed': '删除',
  'line.changed': '修改',
  oneRevision: '目前只有一个版本。',
  metricsPanel: '指标',
  period: '期间',
  groupBy: '维度',
  'by.all': '全部订单',
  'by.customer': '客户',
  'by.product': '产品',
  'by.salesperson': '销售人员',
  refresh: '显示',
  'm.onTimeDelivery': '准时交付率',
  'm.reviewCycle': '评审周期(平均小时)',
  'm.overdueReviews': '逾期评审',
  'm.creditHolds': '信用冻结',
  'm.accuracy': '订单准确率',
  'm.complaints': '投诉率',
  noData: '此期间没有订单。',
  chartOf: '按{by}的{metric}',
  // --- approval and change panels: CH-5 since approval, stage times, roles, statuses, line edits
  approvedRevision: '批准时为第 {n} 版',
  changedSince: '批准后的变更:',
  nothingChanged: '批准后没有变更。',
  stageTimes: '各阶段用时',
  'stage.intake': '录入',
  'stage.creditHold': '信用冻结',
  'stage.confirmation': '已批准,待确认',
  'orderStatus.draft': '草稿',
  'orderStatus.submitted': '已提交',
  'orderStatus.in_review': '评审中',
  'orderStatus.returned': '已退回更正',
  'orderStatus.rejected': '已驳回',
  'orderStatus.approved': '已批准',
  'orderStatus.credit_hold': '信用冻结',
  'orderStatus.confirmed': '已确认',
  'orderStatus.change_pending': '变更待批',
  'orderStatus.in_fulfilment': '履行中',
  'orderStatus.delivered': '已交付',
  'orderStatus.settled': '已结算',
  'orderStatus.archived': '已归档',
  'orderStatus.cancelled': '已取消',
  'requestState.pending': '待处理',
  'requestState.awaitingSignature': '待签署变更协议',
  'role.salesperson': '销售人员',
  'role.salesAssistant': '销售助理',
  'role.salesHead': '销售主管',
  'role.finance': '财务部门',
  'role.financeDirector': '财务总监',
  'role.technical': '技术部门',
  'role.production': '生产部门',
  'role.engineering': '工程主管',
  'role.procurement': '采购部门',
  'role.warehouse': '仓储',
  'role.logistics': '物流部门',
  'role.legal': '法务部门',
  'role.archiveKeeper': '档案管理员',
  'role.marketingVP': '营销副总裁',
  'role.generalManager': '总经理',
  'role.president': '总裁',
  lines: '订单行',
  quantity: '数量',
  unitPrice: '单价({currency})',
  productName: '产品',
  specification: '规格',
  lineId: '行号',
  removeLine: '删除此行',
  addLine: '添加一行',
  newLine: '新行',
  fieldError: '{field}:{message}',
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

  /**
   * Role labels of the policy in force (`roles.<key>.label`), when the host has them: they win
   * over the built-in labels of the regulation's roles, so a company's own roles read as it names them.
   */
  roles: Readonly<Record<string, { en: string; zh: string }>> = {};

  constructor(public lang: Lang) {}

  /** A UI text. */
  t(key: TextKey, params: Readonly<Record<string, unknown>> = {}): string {
    return fill(TEXTS[this.lang][key], params);
  }

  /** Whether a UI text exists (for texts keyed by data, e.g. an event's type). */
  has(key: string): boolean {
    return key in TEXTS[this.lang];
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
   * new I18n('zh-CN').role('salesHead'); // '销售主管'
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
