import type { RuleId } from './RuleId.js';

/**
 * What a rule does to the order when it applies: `block` refuses the transition with a finding,
 * `approval` makes the order wait for approval steps, `warn` lets it go on with a finding shown,
 * `record` writes an audit event, `report` feeds a report or a view without deciding anything.
 *
 * @example
 * const o: RuleOutcome = 'approval';
 */
export type RuleOutcome = 'block' | 'approval' | 'warn' | 'record' | 'report';

/** A text in both languages of the messages. */
export interface BilingualText {
  readonly en: string;
  readonly zh: string;
}

/**
 * One rule of the catalogue, as documentation needs it: a short title, a one-line summary of what
 * the core enforces, the outcomes, the policy settings that tune it (dotted paths into the policy
 * document) and the message keys that code does not tie to the rule by itself. Keys that rule
 * code writes next to the rule ID (`{ ruleId: 'RV-3', messageKey: 'review.salesHead.required' }`)
 * are found in the source by `scripts/rules-doc.ts`; `messageKeys` adds the others (exact keys,
 * or `prefix.*` for a family of keys).
 *
 * @example
 * const entry: RuleCatalogueEntry = RULE_CATALOGUE['RV-4'];
 * entry.settings; // ['review.jointReview.largeAmount', …]
 */
export interface RuleCatalogueEntry {
  readonly title: BilingualText;
  readonly summary: BilingualText;
  readonly outcomes: readonly RuleOutcome[];
  readonly settings: readonly string[];
  readonly messageKeys: readonly string[];
}

/**
 * The rule areas, in catalogue order, by rule-ID prefix.
 *
 * @example
 * RULE_AREAS.CR.en; // 'Credit'
 */
export const RULE_AREAS = {
  IN: { en: 'Intake', zh: '订单录入' },
  RV: { en: 'Review', zh: '订单评审' },
  CR: { en: 'Credit', zh: '信用管理' },
  CH: { en: 'Change control', zh: '变更控制' },
  TR: { en: 'Fulfilment and tracking', zh: '履约与跟踪' },
  AR: { en: 'Archiving and access', zh: '归档与查阅' },
} as const satisfies Record<string, BilingualText>;

/**
 * The five regulations the rules come from, by the number their sources cite (`000 §1.1` is
 * section 1.1 of regulation 000). The original titles are Chinese; 003 is written in traditional
 * characters.
 *
 * @example
 * REGULATIONS['003'].zh; // '銷售人員接單管理制度'
 */
export const REGULATIONS = {
  '000': { en: 'Sales order processing and delivery', zh: '销售订单处理和交付管理规定' },
  '001': { en: 'Sales order processing and follow-up', zh: '销售订单处理与跟进' },
  '002': { en: 'Order information handling', zh: '订单情报处理制度' },
  '003': { en: 'Salesperson order-taking', zh: '銷售人員接單管理制度' },
  '004': { en: 'Sales planning and order flows', zh: '销售计划订单流程' },
} as const satisfies Record<string, BilingualText>;

/**
 * Every rule of the catalogue: title, one-line summary (English and Chinese), outcomes, the
 * policy settings that tune it and the message keys code does not name next to its ID. The
 * regulation passage of each rule is `RULE_SOURCES`. `docs/rules.md` is generated from this
 * table (`pnpm docs:rules`), and a test keeps the two equal.
 *
 * @example
 * Object.entries(RULE_CATALOGUE).filter(([, r]) => r.settings.includes('credit.approvalStep'));
 */
export const RULE_CATALOGUE = {
  'IN-1': {
    title: { en: 'Order number', zh: '订单编号' },
    summary: {
      en: 'Every order gets a unique, human-readable number when it is entered; a number never repeats, across restarts and concurrent writers.',
      zh: '订单录入时获得唯一、易读的订单号;编号永不重复,重启或并发写入也不例外。',
    },
    outcomes: ['record'],
    settings: ['intake.numbering.pattern', 'intake.numbering.sequenceScope', 'timeZone'],
    messageKeys: [],
  },
  'IN-2': {
    title: { en: 'Required information', zh: '必备信息' },
    summary: {
      en: 'An order missing or malforming a required item (customer, contact, delivery address, lines, delivery date, payment terms, invoice) goes back to sales with every gap listed at once.',
      zh: '缺少或填错必备信息(客户、联系人、交货地址、明细、交期、付款方式、发票)的订单退回销售部门,一次列出全部问题。',
    },
    outcomes: ['block'],
    settings: ['intake.requiredItems'],
    messageKeys: ['intake.required.*', 'intake.malformed.*'],
  },
  'IN-3': {
    title: { en: 'Verbal orders', zh: '口头订单' },
    summary: {
      en: 'The channel is recorded; a verbal order needs the customer’s written confirmation before it can be confirmed (or by a deadline, if the policy allows).',
      zh: '记录下单渠道;口头订单须先登记客户书面确认才能确认(或按政策在期限内补签)。',
    },
    outcomes: ['block'],
    settings: ['intake.verbal.mode', 'intake.verbal.confirmationDeadlineHours'],
    messageKeys: ['intake.verbal.referenceRequired'],
  },
  'IN-4': {
    title: { en: 'Urgent orders', zh: '加急订单' },
    summary: {
      en: 'Urgent orders are flagged, need an urgency-and-feasibility assessment, sort first in queues and get a shorter review deadline.',
      zh: '加急订单须标记并作紧急程度与可行性评估,在待办中排在最前,评审时限更短。',
    },
    outcomes: ['record'],
    settings: ['review.deadlines.urgentHours', 'intake.urgent.requireFeasibility'],
    messageKeys: [],
  },
  'RV-1': {
    title: { en: 'Pricing and terms policy', zh: '价格与条款政策' },
    summary: {
      en: 'Review checks that prices, payment terms and lead time follow company policy; a deviation goes back to sales or becomes an exceptional order (RV-7), as the policy says.',
      zh: '评审核对价格、付款方式和交货周期是否符合公司政策;不符者按政策退回销售部门或作为特殊订单(RV-7)处理。',
    },
    outcomes: ['block', 'approval'],
    settings: [
      'review.pricing.allowedPaymentTerms',
      'review.pricing.minLeadTimeDays',
      'review.pricing.requireListPrice',
      'review.pricing.paymentTermsDeviation',
      'review.pricing.leadTimeDeviation',
    ],
    messageKeys: [],
  },
  'RV-2': {
    title: { en: 'Review deadline', zh: '评审时限' },
    summary: {
      en: 'Review finishes within 24 hours of receipt by default (shorter for urgent orders, per order type if set, optionally in working hours); an overdue step is flagged and escalated one level up: to the level the policy names for the step, else the first level above all its roles.',
      zh: '默认须在收到订单后24小时内完成评审(加急订单更短,可按订单类型设定,可按工作时间计算);逾期即标记并上报上一级:制度为该环节指定的层级,未指定时为其全部角色共同的上一级。',
    },
    outcomes: ['warn'],
    settings: [
      'review.deadlines.defaultHours',
      'review.deadlines.urgentHours',
      'review.deadlines.byOrderType',
      'review.deadlines.calendar',
    ],
    messageKeys: ['review.deadline.*'],
  },
  'RV-3': {
    title: { en: 'Sales head approval', zh: '销售负责人审批' },
    summary: {
      en: 'An order takes effect only after the sales department head approves it; by default this is the last step of every route but a non-regular order’s, where the general manager approves the product plan after it (RV-5).',
      zh: '订单须经销售部门负责人审批后方可生效;默认为每条审批路线的最后一步,非常规订单则在其后由总经理批准产品计划(RV-5)。',
    },
    outcomes: ['approval'],
    settings: ['review.routes.always', 'approvals.steps.salesHead'],
    messageKeys: [],
  },
  'RV-4': {
    title: { en: 'Joint review', zh: '联合评审' },
    summary: {
      en: 'Special or custom-made products, large amounts and complex technical requirements need technical, finance and production each to sign off.',
      zh: '特殊或定制产品、大额订单及技术要求复杂的订单,须由技术、财务、生产分别会签。',
    },
    outcomes: ['approval'],
    settings: [
      'review.jointReview.largeAmount',
      'review.jointReview.includeTax',
      'review.jointReview.unknownCurrency',
      'review.jointReview.customMadeIsSpecial',
      'review.jointReview.step',
      'approvals.steps.jointReview',
    ],
    messageKeys: [],
  },
  'RV-5': {
    title: { en: 'Regular and non-regular orders', zh: '常规与非常规订单' },
    summary: {
      en: 'Regular orders go to the production supervisor; non-regular ones (changed by the customer, never shipped, incomplete documents) to engineering, then the sales head, who agrees to the product plan, then the general manager, who approves it.',
      zh: '常规订单由生产主管评审;非常规订单(客户要求变更、从未发货、技术资料不全)依次经工程主管评审、销售负责人同意产品计划、总经理批准。',
    },
    outcomes: ['approval'],
    settings: [
      'review.routes.regular',
      'review.routes.nonRegular',
      'approvals.steps.regularReview',
      'approvals.steps.engineeringReview',
      'approvals.steps.salesHead',
      'approvals.steps.generalManagerApproval',
    ],
    messageKeys: [],
  },
  'RV-6': {
    title: { en: 'Discount authority', zh: '折扣权限' },
    summary: {
      en: 'A discount or price below the list beyond the salesperson’s authority (none by default) needs the sales head’s approval, judged per line and on the total.',
      zh: '超出销售人员权限(默认无权限)的折扣或低于价目表的价格,须经销售负责人审批,按行和整单分别判断。',
    },
    outcomes: ['approval'],
    settings: ['review.discount.authorityByRole', 'review.discount.approvalStep'],
    messageKeys: [],
  },
  'RV-7': {
    title: { en: 'Exceptional orders', zh: '特殊订单' },
    summary: {
      en: 'A changed unit price, a policy deviation or shipping before payment needs the marketing VP, the finance director and the president, in that order.',
      zh: '改变单价、偏离既定政策或先发货后收款的订单,须依次经营销副总裁审核、财务总监意见和总裁批准。',
    },
    outcomes: ['approval'],
    settings: [
      'review.routes.exceptional',
      'review.discount.exceptionalAbovePercent',
      'review.pricing.paymentTermsDeviation',
      'review.pricing.leadTimeDeviation',
      'approvals.steps.marketingVpReview',
      'approvals.steps.financeDirectorOpinion',
      'approvals.steps.presidentApproval',
      'credit.shippingException.requestRoles',
    ],
    messageKeys: [],
  },
  'RV-8': {
    title: { en: 'Advance payment', zh: '预付款' },
    summary: {
      en: 'Non-standard or custom-made products need a 30 % advance payment (configurable) before production starts.',
      zh: '非标准或定制产品须在安排生产前收取30%(可配置)的预付款。',
    },
    outcomes: ['block'],
    settings: ['review.advancePayment.customMadePercent'],
    messageKeys: [],
  },
  'RV-9': {
    title: { en: 'Return to sales', zh: '退回修改' },
    summary: {
      en: 'A reviewer who finds a problem returns the order to sales with reasons; corrections, resubmissions and rejections are recorded, and a rejection always carries a reason.',
      zh: '评审发现问题时附理由退回销售部门;修改、重新提交和驳回均有记录,驳回必须说明理由。',
    },
    outcomes: ['record'],
    settings: [],
    messageKeys: ['review.resubmitted'],
  },
  'RV-10': {
    title: { en: 'Contract review', zh: '合同评审' },
    summary: {
      en: 'An order needing a contract gets legal review before signing; the customer’s signature or written confirmation makes it formal: an approved contract order is confirmed once both are recorded.',
      zh: '需签合同的订单在签署前须经法务审核;客户签字或书面确认后订单方为正式:已批准的合同订单须登记法务审核和客户签署后方可确认。',
    },
    outcomes: ['approval', 'block', 'record'],
    settings: [
      'review.contract.requiredAbove',
      'review.contract.requiredForCustomMade',
      'review.contract.includeTax',
      'review.routes.legal',
      'approvals.steps.legalReview',
      'workflow.confirmRoles',
    ],
    messageKeys: ['review.contract.*'],
  },
  'RV-11': {
    title: { en: 'Stock check', zh: '库存核查' },
    summary: {
      en: 'Stock is checked after confirmation; a shortage is shown on the order and raises a procurement need.',
      zh: '订单确认后核查库存;缺货显示在订单上并提出采购需求。',
    },
    outcomes: ['warn'],
    settings: [],
    messageKeys: [],
  },
  'CR-1': {
    title: { en: 'Credit evaluation', zh: '信用评估' },
    summary: {
      en: 'A customer never credit-evaluated is held until prepayment or a credit approval; a customer without credit facts gets a notice (or a hold, if the policy says so).',
      zh: '从未做过信用评估的客户,其订单须预付或经信用审批方可放行;无信用资料的客户给出提示(或按政策冻结)。',
    },
    outcomes: ['block', 'approval'],
    settings: [
      'credit.withoutFacts',
      'credit.releasePaths.CR-1',
      'credit.approvalStep',
      'credit.limitChange.countsAsEvaluation',
    ],
    messageKeys: [],
  },
  'CR-2': {
    title: { en: 'Credit grade', zh: '信用等级' },
    summary: {
      en: 'Customers carry a credit grade, A good, B fair, C poor, D bad; what each grade leads to is policy.',
      zh: '客户分为A(良好)、B(一般)、C(较差)、D(很差)四个信用等级;各等级的处理方式由政策规定。',
    },
    outcomes: ['warn'],
    settings: ['credit.gradeActions'],
    messageKeys: [],
  },
  'CR-3': {
    title: { en: 'Credit limit', zh: '信用额度' },
    summary: {
      en: 'Each customer has a credit limit; a change of grade or limit is proposed by sales, reviewed by finance, approved by management and recorded.',
      zh: '每个客户有信用额度;等级或额度的变更由销售提出、财务审核、管理层批准并留有记录。',
    },
    outcomes: ['approval'],
    settings: [
      'credit.limitChange.proposeRoles',
      'credit.limitChange.steps',
      'credit.limitChange.temporaryIncreaseSteps',
      'credit.missingLimit',
      'approvals.steps.creditLimitFinanceReview',
      'approvals.steps.creditLimitManagementApproval',
    ],
    messageKeys: ['credit.change.*'],
  },
  'CR-4': {
    title: { en: 'Credit exposure', zh: '信用占用' },
    summary: {
      en: 'Open receivables plus confirmed uninvoiced orders plus this order over the limit hold the order until a credit approval, a prepayment or a guarantee.',
      zh: '未收应收款、已确认未开票订单与本单合计超过额度时冻结订单,须经信用审批、预付或担保方可放行。',
    },
    outcomes: ['block'],
    settings: [
      'credit.includeTax',
      'credit.missingLimit',
      'credit.releasePaths.CR-4',
      'credit.approvalStep',
      'approvals.steps.creditApproval',
    ],
    messageKeys: [],
  },
  'CR-5': {
    title: { en: 'Credit warning', zh: '信用预警' },
    summary: {
      en: 'A low-grade customer or one whose exposure reaches 90 % of its limit (configurable) gets a warning and closer collection follow-up.',
      zh: '信用等级低或占用达到额度90%(可配置)的客户给出预警,并加强催收跟进。',
    },
    outcomes: ['warn'],
    settings: ['credit.nearLimitPercent', 'credit.gradeActions'],
    messageKeys: [],
  },
  'CR-6': {
    title: { en: 'Abnormal credit', zh: '信用异常' },
    summary: {
      en: 'Grade D, receivables overdue beyond 90 days (configurable) or a flagged incident suspend new orders until a guarantee or prepayment.',
      zh: 'D级、应收账款逾期超过90天(可配置)或有异常事件的客户,暂停接单,须提供担保或预付。',
    },
    outcomes: ['block'],
    settings: ['credit.overdueSuspendDays', 'credit.gradeActions', 'credit.releasePaths.CR-6'],
    messageKeys: [],
  },
  'CR-7': {
    title: { en: 'Receivables ageing', zh: '账龄分析' },
    summary: {
      en: 'Receivables are aged (current, 1–30, 31–60, 61–90, over 90 days overdue) per customer; the ageing feeds CR-5 and CR-6.',
      zh: '按客户对应收账款作账龄分析(未到期、1–30、31–60、61–90、90天以上),结果用于CR-5和CR-6。',
    },
    outcomes: ['report'],
    settings: ['credit.ageingBuckets'],
    messageKeys: ['credit.ageing.*'],
  },
  'CR-8': {
    title: { en: 'Shipping gate', zh: '发货控制' },
    summary: {
      en: 'Goods ship only after payment is confirmed, unless the customer has credit terms or shipping before payment was approved as an exceptional order (RV-7), in review or asked for after confirmation; the shipment names the exception.',
      zh: '确认收款后方可发货,除非客户享有信用账期,或先发货后收款已按特殊订单(RV-7)获批(评审时或确认后申请);发货记录须注明该例外。',
    },
    outcomes: ['block'],
    settings: ['credit.paymentRecordRoles', 'credit.shippingException.requestRoles'],
    messageKeys: [],
  },
  'CH-1': {
    title: { en: 'Locked confirmed orders', zh: '已确认订单锁定' },
    summary: {
      en: 'A confirmed order is locked; every change goes through a change request approved by the sales department head.',
      zh: '已确认订单锁定,任何修改都须提交变更申请并经销售部门负责人批准。',
    },
    outcomes: ['block', 'approval'],
    settings: ['change.requestRoles', 'change.approvalSteps'],
    messageKeys: [
      'change.approval.*',
      'change.notReviewer',
      'change.reject.reasonRequired',
      'change.conflict.pending',
    ],
  },
  'CH-2': {
    title: { en: 'Change requests', zh: '变更申请' },
    summary: {
      en: 'A change request is raised by the order’s owner with its reason and impact; the departments owning the changed fields review it before it takes effect; its requester or the owner may withdraw it.',
      zh: '变更申请由订单负责人提出并说明原因和影响;涉及字段所属部门审核后方可生效;申请人或订单负责人可撤回申请。',
    },
    outcomes: ['approval'],
    settings: [
      'change.departmentStep',
      'change.departments',
      'approvals.steps.changeDepartmentReview',
    ],
    messageKeys: [
      'change.requested',
      'change.request.*',
      'change.withdrawn',
      'change.withdrawn.reason',
    ],
  },
  'CH-3': {
    title: { en: 'Cancellation', zh: '取消订单' },
    summary: {
      en: 'Cancelling an order is a request with a reason, reviewed and approved like a change.',
      zh: '取消订单须提出附理由的申请,按变更流程审核批准。',
    },
    outcomes: ['approval'],
    settings: ['change.cancellation.departments'],
    messageKeys: ['change.cancel.*', 'change.cancelled'],
  },
  'CH-4': {
    title: { en: 'Change routing', zh: '变更分流' },
    summary: {
      en: 'Materiality decides the route: a price change is exceptional (RV-7), a customer-requested material change is non-regular (RV-5), another material change re-opens review, a non-material one needs only CH-1.',
      zh: '按重要性分流:改价为特殊订单(RV-7),客户要求的重要变更为非常规订单(RV-5),其他重要变更重新评审,非重要变更仅需CH-1审批。',
    },
    outcomes: ['approval'],
    settings: [
      'change.materiality.material',
      'change.materiality.nonMaterial',
      'change.materiality.unlisted',
      'change.priceFields',
    ],
    messageKeys: [],
  },
  'CH-5': {
    title: { en: 'Revisions', zh: '订单版本' },
    summary: {
      en: 'An approved change makes a new revision, on which the review, pricing, discount and credit rules run again; earlier revisions stay readable and any two compare field by field; a request based on an old revision is a conflict.',
      zh: '变更获批后生成新版本,并对新版本重新执行评审、价格、折扣和信用规则;旧版本仍可查阅,任意两个版本可逐字段比较;基于旧版本的申请视为冲突。',
    },
    outcomes: ['record', 'block'],
    settings: [],
    messageKeys: ['change.conflict.revision', 'change.apply.blocked'],
  },
  'CH-6': {
    title: { en: 'Change notices', zh: '变更通知' },
    summary: {
      en: 'After a change or cancellation every department whose work it affects is notified, and the customer is told of a new delivery date in advance.',
      zh: '变更或取消后通知所有受影响的部门,交期变更须提前告知客户。',
    },
    outcomes: ['record'],
    settings: ['change.notify', 'change.customerNoticeFields', 'change.cancellation.notify'],
    messageKeys: [],
  },
  'CH-7': {
    title: { en: 'Contract changes', zh: '合同变更' },
    summary: {
      en: 'A change or termination touching the contract is legally reviewed, signed, archived and entered in the contract ledger.',
      zh: '涉及合同的变更或解除须经法务审核、签署、归档并登记合同台账。',
    },
    outcomes: ['approval'],
    settings: ['change.contract.fields', 'change.contract.recordRoles'],
    messageKeys: [],
  },
  'TR-1': {
    title: { en: 'Order status', zh: '订单状态' },
    summary: {
      en: 'The order’s status is kept current at every fulfilment step (production, procurement, warehouse, shipping, delivery, acceptance, settlement).',
      zh: '在各履约环节(生产、采购、仓储、发运、交付、验收、结算)及时更新订单状态。',
    },
    outcomes: ['record'],
    settings: ['tracking.progressRoles', 'tracking.settleRoles'],
    messageKeys: [
      'tracking.step.*',
      'tracking.notAllowed',
      'tracking.settlement.*',
      'tracking.settled',
    ],
  },
  'TR-2': {
    title: { en: 'Late delivery', zh: '延迟交付' },
    summary: {
      en: 'A delivery that will miss the agreed date is flagged before the date passes, so the customer can be told and a new date agreed.',
      zh: '预计无法按约定日期交付时,须在到期前预警,以便告知客户并商定新交期。',
    },
    outcomes: ['warn'],
    settings: ['tracking.delivery.atRiskDays', 'tracking.delivery.notifyRoles'],
    messageKeys: [],
  },
  'TR-3': {
    title: { en: 'Acceptance issues', zh: '验收问题' },
    summary: {
      en: 'At acceptance the customer may report damage, a quantity mismatch, a quality problem or a late delivery; the issue (replace, return, repair, or none for a late delivery) is tracked to closure and counted as a complaint.',
      zh: '验收时客户可报告损坏、数量不符、质量问题或交付延迟;问题(换货、退货、维修,延迟交付可不指定处理方式)跟踪至关闭,并计入投诉。',
    },
    outcomes: ['record'],
    settings: ['tracking.issues.notifyRoles'],
    messageKeys: ['tracking.issue.*'],
  },
  'TR-4': {
    title: { en: 'Completion', zh: '订单完成' },
    summary: {
      en: 'When delivery and after-sales are done the order is marked completed — closing the last open issue of a settled order completes it, unless the policy asks for an explicit step; open issues or an undelivered order block it.',
      zh: '交付和售后完成后订单标记为完成——已结算订单的最后一个未关闭问题关闭时即自动完成(政策可要求单独的完成操作);有未关闭问题或未交付时不得完成。',
    },
    outcomes: ['block', 'record'],
    settings: ['tracking.completion'],
    messageKeys: ['tracking.complete.*'],
  },
  'TR-5': {
    title: { en: 'Metrics', zh: '订单指标' },
    summary: {
      en: 'Order accuracy, on-time delivery, review cycle time and overdue reviews, credit holds and complaint rate (every kind of acceptance issue, per delivery), per period, customer, product and salesperson.',
      zh: '按期间、客户、产品和销售人员统计订单准确率、准时交付率、评审周期与逾期、信用冻结和投诉率(各类验收问题按交付次数计)。',
    },
    outcomes: ['report'],
    settings: [],
    messageKeys: [],
  },
  'AR-1': {
    title: { en: 'Archive eligibility', zh: '归档条件' },
    summary: {
      en: 'An order is archived once it is delivered, settled (paid and invoiced) and its after-sales follow-up is closed.',
      zh: '订单交付、结清(已收款并开票)且售后跟进关闭后方可归档。',
    },
    outcomes: ['block'],
    settings: ['archive.archiveRoles'],
    messageKeys: ['archive.blocked', 'archive.notAllowed'],
  },
  'AR-2': {
    title: { en: 'Sealed record', zh: '防篡改存档' },
    summary: {
      en: 'The archived record is the complete order, every revision, approval, change request and the audit trail, sealed so that any alteration is detected; the archive keeper exports it for the off-site backup without a read grant, and every export is recorded.',
      zh: '归档记录包含完整订单、全部版本、审批、变更申请和审计轨迹,经封存,任何篡改都能被发现;档案管理员无需查阅授权即可导出用于异地备份,每次导出均有记录。',
    },
    outcomes: ['block', 'record'],
    settings: ['archive.backup.keeperRoles'],
    messageKeys: ['archive.backup.*'],
  },
  'AR-3': {
    title: { en: 'Classification and monthly filing', zh: '分类与每月归档' },
    summary: {
      en: 'Archives are classified and numbered; by the 25th of each month (configurable) that month’s contracts are filed by product and customer.',
      zh: '档案分类编号;每月25日前(可配置)将当月合同按产品和客户归档。',
    },
    outcomes: ['record'],
    settings: [
      'archive.numbering.pattern',
      'archive.filing.day',
      'archive.filing.numberPattern',
      'archive.filing.roles',
      'timeZone',
    ],
    messageKeys: ['archive.filing.*'],
  },
  'AR-4': {
    title: { en: 'Contract ledger', zh: '合同台账' },
    summary: {
      en: 'The contract ledger lists each contract’s signing date, customer, number, amount, delivery date, payment terms and execution status.',
      zh: '合同台账列明每份合同的签订日期、客户、合同编号、金额、交期、付款方式和执行情况。',
    },
    outcomes: ['report'],
    settings: [],
    messageKeys: [],
  },
  'AR-5': {
    title: { en: 'Confidential access', zh: '保密查阅' },
    summary: {
      en: 'Archived orders are confidential: reading one needs an approved, time-limited access request, and every read is recorded.',
      zh: '归档订单属保密信息:查阅须提出申请并获批准(有期限),每次查阅均有记录。',
    },
    outcomes: ['block', 'record'],
    settings: [
      'archive.access.approverRoles',
      'archive.access.grantDays',
      'archive.access.maxGrantDays',
    ],
    messageKeys: ['archive.access.*'],
  },
  'AR-6': {
    title: { en: 'Retention', zh: '保存期限' },
    summary: {
      en: 'Archives are kept for 10 years by default (configurable) and are due for disposal on that anniversary in the policy’s time zone, not before, unless under legal hold; they can be found by number, customer, product and period.',
      zh: '档案默认保存10年(可配置),自期满周年日(按政策时区)起方可处置,此前不得处置;法律保全期间不得处置;可按编号、客户、产品和期间检索。',
    },
    outcomes: ['report'],
    settings: ['archive.retention.years', 'archive.legalHold.roles'],
    messageKeys: ['archive.legalHold.*'],
  },
} as const satisfies Record<RuleId, RuleCatalogueEntry>;
