// @ordergate/core — public API. Named exports only (docs/architecture.md, house style).

// model
export {
  CurrencyCode,
  MinorUnits,
  Money,
  applyBasisPoints,
  roundHalfAwayFromZero,
  percentToBasisPoints,
} from './model/Money.js';
export { IsoDate, IsoDateTime, TimeZone, isIsoDate, isIsoDateTime } from './model/Temporal.js';
export { zoneOffsetMs } from './lib/zonedTime.js';
export {
  Order,
  OrderLine,
  OrderChannel,
  Contact,
  Address,
  InvoiceInfo,
  isPricedLine,
} from './model/Order.js';
export type { OrderInput, OrderLineInput } from './model/Order.js';
export { INPUT_LIMITS } from './model/inputLimits.js';
export { lineTotals, orderTotals, sumLineTotals, withinSafeRange } from './model/orderTotals.js';
export type { LineTotals, OrderTotals } from './model/orderTotals.js';
export {
  Customer,
  CreditProfile,
  Receivable,
  OpenOrder,
  Grade,
  GovernedBy,
  GovernedCredit,
} from './model/Customer.js';
export {
  CUSTOMER_FIELD_OWNERSHIP,
  mergeCustomerFacts,
  sameCustomerFacts,
} from './state/mergeCustomerFacts.js';
export type { FieldOwner } from './state/mergeCustomerFacts.js';
export type { CustomerInput } from './model/Customer.js';
export { Actor } from './model/Actor.js';
export type { ActorInput } from './model/Actor.js';
export { RuleId, RULE_IDS, RULE_SOURCES } from './model/RuleId.js';
export { Severity, SEVERITY_RANK } from './model/Finding.js';
export type { Finding, Evidence, MessageParam } from './model/Finding.js';

// errors
export {
  OrdergateError,
  ValidationError,
  PolicyError,
  NotFoundError,
  ConcurrentModificationError,
  ArchivedOrderError,
  parseOrThrow,
  toInputIssues,
} from './errors.js';
export type { InputIssue, OrdergateErrorCode } from './errors.js';

// policy
export { Policy } from './policy/Policy.js';
export type { PolicyInput } from './policy/Policy.js';
export { loadPolicy, policyJsonSchema } from './policy/loadPolicy.js';
export { holdsRole, rolesOf, departmentOf } from './policy/roles.js';
export { levelAbove, levelsAbove } from './policy/roles.js';
export { LocalizedText, Locale } from './policy/LocalizedText.js';
export { BusinessCalendar } from './policy/calendarPolicy.js';
export { ApprovalMode, ApprovalStepDefinition, DEFAULT_STEPS } from './policy/approvalsPolicy.js';
export { DEFAULT_ROLES, RoleDefinition, Delegation } from './policy/rolesPolicy.js';

// rules
export type { Rule, RuleContext } from './rules/shared/RuleContext.js';
export { finding } from './rules/shared/finding.js';
export type { FindingSpec } from './rules/shared/finding.js';

// i18n
export { formatMessage, formatFinding } from './i18n/formatMessage.js';
export { formatMoney } from './i18n/formatMoney.js';
export { MESSAGES } from './i18n/catalogue.js';
export type { MessageTemplate, MessageCatalogue } from './i18n/messages/Message.js';

// audit
export { GENESIS_HASH } from './audit/AuditEvent.js';
export type { AuditDraft, AuditEvent, SealedEvent } from './audit/AuditEvent.js';
export { sealEvent, sealDraft, openSealed, verifyChain, verifySealed } from './audit/auditChain.js';
export type { ChainHead, ChainProblem, ChainVerification } from './audit/auditChain.js';
export { AUDIT_EVENT_TYPES, isAuditEventType, parseAuditEvent } from './state/auditEventTypes.js';
export type {
  AuditEventType,
  AuditEventData,
  AuditEventSpec,
  AuditStreamKind,
  AuditRuleIdSource,
  TypedAuditEvent,
  TypedAuditDraft,
} from './state/auditEventTypes.js';

// ports and the in-memory store
export type { Clock } from './ports/Clock.js';
export type { IdSource } from './ports/IdSource.js';
export type { EffectReceiver } from './ports/EffectReceiver.js';
export type {
  Store,
  Versioned,
  RecordWrite,
  Commit,
  IndexValues,
  OutboxEntry,
  EffectSettlement,
  EffectFailure,
} from './ports/Store.js';
export { effectSubject } from './ports/Store.js';
export { portableSha256 } from './audit/Hasher.js';
export type { Hasher } from './audit/Hasher.js';
export { MemoryStore } from './store/MemoryStore.js';
export type { MemoryStoreOptions, MemoryStoreSnapshot } from './store/MemoryStore.js';

// approvals
export { addHours } from './approvals/deadlines.js';
export type { Route, RouteStep, ApprovalRecord, StepStatus } from './approvals/Route.js';

// workflow
export { isOrderEffect } from './state/Effect.js';
export type {
  Effect,
  OrderEffect,
  CustomerEffect,
  EffectType,
  EffectDraft,
  Recipients,
} from './state/Effect.js';
export { OrderStatus, LOCKED_STATUSES, FINAL_STATUSES } from './state/OrderStatus.js';
export { initialWorkflow } from './state/OrderWorkflow.js';
export type { OrderWorkflow, OrderParties, ReasonRecord } from './state/OrderWorkflow.js';
export { orderParties } from './workflow/shared/orderParties.js';
export type { WorkflowEvent, WorkflowEventType, ReviewEvent } from './state/WorkflowEvent.js';
// contract (RV-10)
export type {
  ContractWorkflowState,
  ContractReviewRecord,
  ContractReviewOutcome,
  ContractSignatureRecord,
} from './state/ContractState.js';
export { legalSteps, legalReviewDone } from './workflow/review/legalReview.js';
export { contractBlockers, legalReviewRequired } from './rules/review/contractReview.js';
export type { TransitionContext } from './state/TransitionContext.js';
export type {
  TransitionResult,
  TransitionRefusalCode,
  RecordedEvent,
} from './state/TransitionResult.js';
export type { AreaHandlers } from './workflow/shared/AreaHandlers.js';
export { transition, TRANSITIONS } from './workflow/transition.js';

// approvals
export {
  buildRoute,
  activateNextStage,
  isRouteComplete,
  activeSteps,
} from './approvals/buildRoute.js';
export type { BuildRouteOptions } from './approvals/buildRoute.js';
export { approveStep } from './approvals/approveStep.js';
export type {
  ApproveStepInput,
  ApproveStepContext,
  ApproveStepResult,
  ApprovalRefusalCode,
  StepApproval,
} from './approvals/approveStep.js';
export { approvalsDue } from './approvals/approvalsDue.js';
export type { DueApproval } from './approvals/approvalsDue.js';
export { workLine } from './desks/workLine.js';
export type { WorkLine, WorkStep } from './desks/workLine.js';
export { capacities } from './approvals/capacities.js';
export type { Capacity } from './approvals/capacities.js';
export { unbarredCapacities } from './approvals/unbarredCapacities.js';
export type { UnbarredCapacities } from './approvals/unbarredCapacities.js';
export { reviewerStanding } from './approvals/reviewerStanding.js';
export type { ReviewerStanding } from './approvals/reviewerStanding.js';
export { checkDeadlines } from './approvals/checkDeadlines.js';
export { escalationLevel } from './approvals/checkDeadlines.js';
export type { OverdueStep } from './approvals/checkDeadlines.js';
export { reviewHours, reviewDeadline } from './approvals/reviewDeadline.js';

// rules
export { assessOrder } from './rules/assessOrder.js';
export type { AssessContext } from './rules/assessOrder.js';

// the façade and its one result shape
export { Ordergate } from './Ordergate.js';
export type {
  OrdergateOptions,
  OrderAction,
  AllowedAction,
  WorkItem,
  OrderPicture,
  IntegrityProblem,
  IntegrityReport,
} from './Ordergate.js';
export type { Result, Success, Refusal, RefusalCode } from './runner/Result.js';
export type { RetryOptions, DispatchReport, DeliveryOptions } from './runner/Runner.js';
export type { OrderRecord, OrderView } from './state/OrderRecord.js';
export type { ScheduledCheck } from './desks/OrderDesk.js';

// change control (CH-1…CH-7)
export {
  ChangePolicy,
  DEFAULT_CHANGE_DEPARTMENTS,
  DEFAULT_CHANGE_NOTIFY,
} from './policy/changePolicy.js';
export { ChangeOp, ChangeRequest, CancellationRequest } from './state/ChangeRequest.js';
export type {
  ChangeRequestInput,
  CancellationRequestInput,
  AnyChangeRequest,
  ChangeDecision,
  ChangeRequestRecord,
  ChangeWorkflowState,
} from './state/ChangeRequest.js';
export { applyChangePatch } from './workflow/change/applyChangePatch.js';
export type { PatchResult } from './workflow/change/applyChangePatch.js';
export { diffRevisions, changedFieldKeys, isEmptyDiff } from './rules/change/diffRevisions.js';
export type { FieldChange, LineDiff, RevisionDiff } from './rules/change/diffRevisions.js';
export { buildChangeRoute } from './workflow/change/buildChangeRoute.js';
export { changeOwners } from './workflow/change/decideChange.js';
export { CONTRACT_CHANGED_EVENT } from './workflow/change/changeOutcome.js';
export type { ContractChangeEntry } from './workflow/change/changeOutcome.js';
export {
  classifyChange,
  classifyCancellation,
  isMaterialField,
  hasContract,
} from './rules/change/classifyChange.js';
export type { ChangeClassification } from './rules/change/classifyChange.js';
export { assessChange } from './rules/change/assessChange.js';
export type { ChangeAssessment, ChangeAssessmentInput } from './rules/change/assessChange.js';
export { CHANGE_FIELD_LABELS } from './i18n/messages/change.js';
export type { ChangeEvent } from './state/changeEvents.js';
export { OrderEdit, AmendmentSignature } from './state/ChangeRequest.js';
export type { RecordedAmendment } from './state/ChangeRequest.js';
export { reassessChange, routeFinding } from './workflow/change/reassessChange.js';
export type { ChangeReassessment } from './workflow/change/reassessChange.js';

// credit (CR-1…CR-8)
export { TemporaryIncrease } from './model/Customer.js';
export { CreditPolicy, CreditGrade, GradeAction, ReleasePath } from './policy/creditPolicy.js';
export { ExchangeRate } from './model/ExchangeRate.js';
export { currencyConverter } from './rules/credit/currencyConverter.js';
export type { CurrencyConverter } from './rules/credit/currencyConverter.js';
export { effectiveLimit } from './rules/credit/effectiveLimit.js';
export type { EffectiveLimit } from './rules/credit/effectiveLimit.js';
export { creditExposure } from './rules/credit/creditExposure.js';
export type { CreditExposure, CreditExposureOptions } from './rules/credit/creditExposure.js';
export { ageReceivables, customerAgeing, creditDate } from './rules/credit/ageingReport.js';
export type {
  AgeingBucket,
  AgeingReport,
  AgeReceivablesOptions,
} from './rules/credit/ageingReport.js';
export { assessCredit } from './rules/credit/assessCredit.js';
export type { CreditContext } from './rules/credit/CreditContext.js';
export {
  CREDIT_HOLD_RULES,
  isCreditHold,
  holdReleasePaths,
  prepaymentRequiredOf,
} from './rules/credit/creditHolds.js';
export type { CreditHoldRuleId } from './rules/credit/creditHolds.js';
export { GRADE_LABELS } from './rules/credit/gradeLabels.js';
export { shippingBlockers, paymentConfirmed } from './rules/credit/shippingBlockers.js';
export type { ShippingGateContext } from './rules/credit/shippingBlockers.js';
export { emptyCreditState } from './state/CreditWorkflowState.js';
export type {
  CreditWorkflowState,
  CreditHold,
  CreditRelease,
  PaymentRecord,
  GuaranteeRecord,
} from './state/CreditWorkflowState.js';
export {
  paymentsReceived,
  isReleaseInForce,
  releasingPath,
  openCreditHolds,
} from './rules/credit/creditStanding.js';
export { holdForCredit } from './workflow/credit/holdForCredit.js';
export { creditReleaseBlockers } from './rules/credit/creditStanding.js';
export type { CreditEvent } from './state/creditEvents.js';
export { CreditChangeProposal, TemporaryIncreaseProposal } from './state/CreditRequest.js';
export type {
  CreditRequest,
  CreditTerms,
  CreditChangeProposalInput,
  TemporaryIncreaseProposalInput,
} from './state/CreditRequest.js';

// tracking (TR-1…TR-5)
export { FulfilmentStep, TrackingPolicy } from './policy/trackingPolicy.js';
export {
  emptyTracking,
  openIssues,
  AcceptanceIssueKind,
  GoodsIssueKind,
  Remedy,
  IssueReport,
} from './state/TrackingState.js';
export type {
  TrackingState,
  ProgressStatus,
  StepProgress,
  AcceptanceIssue,
  IssueReportInput,
  Settlement,
  DeliveryForecast,
  DeliveryRecord,
  DeliveryAlerts,
} from './state/TrackingState.js';
export type { TrackingEvent } from './state/trackingEvents.js';
export { deliveryAlerts, lateForecast } from './rules/tracking/deliveryAlerts.js';
export type { DeliveryAlert, DeliveryAlertFacts } from './rules/tracking/deliveryAlerts.js';
export { stepBlockers } from './rules/tracking/fulfilmentGates.js';
export type { GateContext } from './rules/tracking/fulfilmentGates.js';
export { completionBlockers } from './rules/tracking/completionBlockers.js';
export { computeMetrics } from './desks/computeMetrics.js';
export type { MetricsOptions, MetricsGroupBy, OrderMetrics, Rate } from './desks/computeMetrics.js';

// archive (AR-1…AR-6)
export { ArchivePolicy } from './policy/archivePolicy.js';
export type { ArchiveEvent, ArchiveSealRef } from './state/archiveEvents.js';
export { archiveBlockers } from './rules/archive/archiveBlockers.js';
export { isGrantLive, decideAccess, grantDays } from './rules/archive/accessGrant.js';
export type { AccessRequest, AccessRefusalCode } from './rules/archive/accessGrant.js';
export { retainUntil, isDueForDisposal } from './rules/archive/retention.js';
export { planFiling, filingMonthOf, filingDueDate } from './rules/archive/monthlyFiling.js';
export type {
  FiledContract,
  FilingContract,
  FilingEntry,
  FilingPlan,
} from './rules/archive/monthlyFiling.js';
export { contractLedger, contractSignedAt } from './rules/archive/contractLedger.js';
export type {
  ContractLedgerEntry,
  ContractStatus,
  ContractChange,
} from './rules/archive/contractLedger.js';
export { indexEntry } from './state/ArchiveRecord.js';
export type {
  ArchiveRecord,
  ArchiveContent,
  ArchiveSeal,
  ArchiveState,
  ArchiveClassification,
  ArchiveIndexEntry,
  LegalHold,
} from './state/ArchiveRecord.js';
export { sealArchive, sectionHashes, sealHash } from './workflow/archive/sealArchive.js';
export { verifyArchiveRecord } from './workflow/archive/verifyArchive.js';
export type {
  ArchiveProblem,
  ArchiveProblemCode,
  ArchiveVerification,
} from './workflow/archive/verifyArchive.js';
export {
  exportArchive,
  verifyArchiveBundle,
  ARCHIVE_BUNDLE_FORMAT,
} from './workflow/archive/archiveBundle.js';
export type { ArchiveBundle } from './workflow/archive/archiveBundle.js';
export type { FilingReport, ArchiveQuery } from './desks/ArchiveDesk.js';

// --- credit paths (issue 10): prepayments on the order, credit terms, shipping exceptions ---
export { OrderPrepayment } from './model/Order.js';
export { hasCreditTerms } from './rules/shared/creditTerms.js';
export type { ShippingException } from './state/CreditWorkflowState.js';
export { approvedShippingException, shippingClearance } from './rules/credit/shippingBlockers.js';
export type { ShippingClearance } from './rules/credit/shippingBlockers.js';

// --- the façade's command inputs as zod schemas (issue 11: the HTTP API validates and documents its bodies with them) ---
export { IdString, CodeString, TextString } from './model/inputLimits.js';
export {
  StepOptions,
  Release as CreditReleaseInput,
  Prepayment as PrepaymentInput,
  Guarantee as GuaranteeInput,
  ShippingExceptionRequest as ShippingExceptionInput,
  IssueClosure,
  ContractReview as ContractReviewInput,
  ContractSignature as ContractSignatureInput,
} from './Ordergate.js';
export {
  Progress as ProgressInput,
  Forecast as ForecastInput,
  Delivery as DeliveryInput,
  Settlement as SettlementInput,
} from './desks/TrackingDesk.js';
export {
  Month as FilingMonth,
  AccessInput as ArchiveAccessInput,
  HoldInput as LegalHoldInput,
} from './desks/ArchiveDesk.js';
