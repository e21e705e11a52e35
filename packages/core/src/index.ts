// @ordergate/core — public API. Named exports only (DESIGN.md house style 3).

// model
export { CurrencyCode, MinorUnits, Money, applyBasisPoints, roundHalfAwayFromZero, percentToBasisPoints } from './model/Money.js';
export { IsoDate, IsoDateTime, TimeZone } from './model/Temporal.js';
export { Order, OrderLine, OrderChannel, Contact, Address, InvoiceInfo } from './model/Order.js';
export type { OrderInput, OrderLineInput } from './model/Order.js';
export { lineTotals, orderTotals } from './model/orderTotals.js';
export type { LineTotals, OrderTotals } from './model/orderTotals.js';
export { Customer, CreditProfile, Receivable, OpenOrder, Grade } from './model/Customer.js';
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
  parseOrThrow,
  toInputIssues,
} from './errors.js';
export type { InputIssue, OrdergateErrorCode } from './errors.js';

// policy
export { Policy } from './policy/Policy.js';
export type { PolicyInput } from './policy/Policy.js';
export { loadPolicy, policyJsonSchema } from './policy/loadPolicy.js';
export { holdsRole, rolesOf, departmentOf } from './policy/roles.js';
export { LocalizedText, Locale } from './policy/LocalizedText.js';
export { BusinessCalendar } from './policy/calendarPolicy.js';
export { ApprovalMode, ApprovalStepDefinition, DEFAULT_STEPS } from './policy/approvalsPolicy.js';
export { DEFAULT_ROLES, RoleDefinition, Delegation } from './policy/rolesPolicy.js';

// rules
export type { Rule, RuleContext } from './rules/RuleContext.js';
export { finding } from './rules/finding.js';
export type { FindingSpec } from './rules/finding.js';

// i18n
export { formatMessage, formatFinding } from './i18n/formatMessage.js';
export { formatMoney } from './i18n/formatMoney.js';
export { MESSAGES } from './i18n/catalogue.js';
export type { MessageTemplate, MessageCatalogue } from './i18n/Message.js';

// audit
export { GENESIS_HASH } from './audit/AuditEvent.js';
export type { AuditDraft, AuditEvent } from './audit/AuditEvent.js';
export { sealEvent, verifyChain } from './audit/auditChain.js';
export type { ChainHead, ChainProblem, ChainVerification } from './audit/auditChain.js';

// ports and the in-memory store
export type { Clock } from './ports/Clock.js';
export type { IdSource } from './ports/IdSource.js';
export type { Notifier } from './ports/Notifier.js';
export type { Store, Versioned, RecordWrite, Commit } from './ports/Store.js';
export { portableSha256 } from './ports/Hasher.js';
export type { Hasher } from './ports/Hasher.js';
export { MemoryStore } from './store/MemoryStore.js';
export type { MemoryStoreOptions, MemoryStoreSnapshot } from './store/MemoryStore.js';

// approvals
export { addHours } from './approvals/deadlines.js';
export type { Route, RouteStep, ApprovalRecord, StepStatus } from './approvals/Route.js';

// workflow
export type { Effect, EffectType, EffectDraft, Recipients } from './workflow/Effect.js';
export { OrderStatus, LOCKED_STATUSES, FINAL_STATUSES } from './workflow/OrderStatus.js';
export { initialWorkflow } from './workflow/OrderWorkflow.js';
export type { OrderWorkflow, ReasonRecord } from './workflow/OrderWorkflow.js';
export type { WorkflowEvent, WorkflowEventType, ReviewEvent } from './workflow/WorkflowEvent.js';
export type { TransitionContext } from './workflow/TransitionContext.js';
export type { TransitionResult, TransitionRefusalCode, RecordedEvent } from './workflow/TransitionResult.js';
export type { AreaHandlers } from './workflow/AreaHandlers.js';
export { transition, TRANSITIONS } from './workflow/transition.js';

// approvals
export { buildRoute, activateNextStage, isRouteComplete, activeSteps } from './approvals/buildRoute.js';
export type { BuildRouteOptions } from './approvals/buildRoute.js';
export { approveStep } from './approvals/approveStep.js';
export type { ApproveStepInput, ApproveStepContext, ApproveStepResult, ApprovalRefusalCode } from './approvals/approveStep.js';
export { capacities } from './approvals/capacities.js';
export type { Capacity } from './approvals/capacities.js';
export { checkDeadlines } from './approvals/checkDeadlines.js';
export type { OverdueStep } from './approvals/checkDeadlines.js';
export { reviewHours, reviewDeadline } from './approvals/reviewDeadline.js';

// rules
export { assessOrder } from './rules/assessOrder.js';
export type { AssessContext } from './rules/assessOrder.js';

// desk
export { OrderDesk, CUSTOMER_KIND } from './desk/OrderDesk.js';
export type { OrderDeskOptions } from './desk/OrderDesk.js';
export type { DeskResult, DeskRefusalCode } from './desk/DeskResult.js';
export { ORDER_KIND, orderStream } from './desk/OrderRecord.js';
export type { OrderRecord, OrderView } from './desk/OrderRecord.js';
