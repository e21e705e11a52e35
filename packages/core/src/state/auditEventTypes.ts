import { z } from 'zod';
import type { AuditDraft, AuditEvent } from '../audit/AuditEvent.js';
import { ValidationError, toInputIssues } from '../errors.js';
import { Grade } from '../model/Customer.js';
import { Severity } from '../model/Finding.js';
import { OrderLine } from '../model/Order.js';
import { RuleId } from '../model/RuleId.js';
import { IsoDateTime } from '../model/Temporal.js';
import { ReleasePath } from '../policy/creditPolicy.js';
import { FulfilmentStep } from '../policy/trackingPolicy.js';
import { ChangeOp } from './ChangeRequest.js';
import { OrderStatus } from './OrderStatus.js';
import { AcceptanceIssueKind, Remedy } from './TrackingState.js';

// The payloads below are what the core writes today, field for field (read off every producer
// in workflow/ and desks/). Every payload object is strict: a field the catalogue does not name
// is a payload the catalogue does not describe.

/** An instant from the clock (ISO 8601 with a zone). */
const Instant = IsoDateTime;
const Strings = z.array(z.string());
const Count = z.number().int().min(0);
const Revision = z.number().int().min(1);
const Amount = z.number().int();
const Params = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));
/** A credit limit as the customer record keeps it. */
const Limit = z.strictObject({ amount: Amount, currency: z.string() });
/** Who decided, when, and why: a rejection, a return, a decline. */
const Reasoned = z.strictObject({ at: Instant, by: z.string(), reason: z.string() });
/** A field before and after a change; either side is absent when the field was (CH-5). */
const FieldChange = z.strictObject({
  field: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
const LineDiff = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('added'), lineId: z.string(), line: OrderLine }),
  z.strictObject({ kind: z.literal('removed'), lineId: z.string(), line: OrderLine }),
  z.strictObject({ kind: z.literal('changed'), lineId: z.string(), changes: z.array(FieldChange) }),
]);
const OverdueStep = { step: z.string(), deadline: Instant, escalatedTo: Strings };
const Submission = z.strictObject({
  number: z.string(),
  revision: Revision,
  submissions: z.number().int().min(1),
});
const ChangeRequested = z.strictObject({
  request: z.string(),
  kind: z.enum(['change', 'cancel']),
  baseRevision: Revision,
  reason: z.string(),
  impact: z.string(),
  customerRequested: z.boolean(),
  /** Empty for a cancellation. */
  patch: z.array(ChangeOp),
  fields: Strings,
  material: Strings,
  steps: Strings,
});
const SettlementShape = {
  paid: z.boolean(),
  invoiced: z.boolean(),
  paidAt: Instant.optional(),
  invoicedAt: Instant.optional(),
  paymentRef: z.string().optional(),
  invoiceRef: z.string().optional(),
};
const Forecast = z.strictObject({
  date: z.string(),
  at: Instant,
  by: z.string(),
  late: z.boolean(),
  reason: z.string().optional(),
  /** The agreed delivery date; null when the order has none. */
  agreed: z.string().nullable(),
});
const CustomerSynced = z.strictObject({
  grade: Grade.nullable(),
  limit: Limit.nullable(),
  /** How many receivables and open orders the sync brought. */
  receivables: Count,
  openOrders: Count,
});
const CreditTerms = z.strictObject({ grade: Grade.nullable(), limit: Limit.nullable() });
const CreditChangeApproved = z.strictObject({
  requestId: z.string(),
  before: CreditTerms,
  after: CreditTerms,
  increase: z.strictObject({ amount: Amount, currency: z.string(), expiresAt: Instant }).optional(),
});
const AccessRequest = z.strictObject({
  id: z.string(),
  archiveId: z.string(),
  requester: z.string(),
  reason: z.string(),
  days: z.number().int().min(1),
  requestedAt: Instant,
  status: z.enum(['pending', 'approved', 'rejected']),
  decidedBy: z.string().optional(),
  decidedOnBehalfOf: z.string().optional(),
  decidedAt: Instant.optional(),
  decisionReason: z.string().optional(),
  validFrom: Instant.optional(),
  validUntil: Instant.optional(),
});
const ArchiveRead = z.strictObject({
  reader: z.string(),
  /** The access request whose grant allowed the read. */
  grant: z.string(),
  validUntil: z.string(),
});
const ArchiveReadRefused = z.strictObject({ reader: z.string(), code: z.literal('NO_GRANT') });
const LedgerRead = z.strictObject({ reader: z.string(), entries: Count });
/** Findings as an assessment records them: rule, severity, message and its parameters. */
const AssessedFindings = z.array(
  z.strictObject({
    ruleId: RuleId,
    severity: Severity,
    messageKey: z.string(),
    params: Params,
  }),
);

/**
 * The kind of stream an audit event is written to, its prefix: the trail of the record that owns
 * it (`order:<id>`, `customer:<id>`, `archive:<id>`), a month's filing log (`filing:<YYYY-MM>`) or
 * the contract ledger's reads (`ledger:contracts`).
 *
 * @example
 * const kinds: readonly AuditStreamKind[] = AUDIT_EVENT_TYPES['approval.granted'].streams; // ['order', 'customer']
 */
export type AuditStreamKind = 'order' | 'customer' | 'archive' | 'filing' | 'ledger';

/**
 * Where an event's rule IDs come from when they vary beyond its fixed `ruleIds`: the
 * assessment's findings, the approved step's rules, or the order's credit holds (CR-1, CR-4,
 * CR-6).
 *
 * @example
 * AUDIT_EVENT_TYPES['order.assessed'].ruleIdsOf; // 'findings'
 */
export type AuditRuleIdSource = 'findings' | 'step' | 'holds';

/**
 * One entry of the audit event catalogue: the streams it is written to, the rule IDs it records
 * (always; more come from `ruleIdsOf` when set) and the zod schema of its payload.
 *
 * @example
 * const spec: AuditEventSpec = AUDIT_EVENT_TYPES['order.confirmed']; // { streams: ['order'], ruleIds: ['CH-1'], data }
 */
export interface AuditEventSpec {
  streams: readonly AuditStreamKind[];
  ruleIds: readonly RuleId[];
  ruleIdsOf?: AuditRuleIdSource;
  data: z.ZodType;
}

/**
 * The audit event catalogue: every event type the core writes, with its streams, the rule IDs it
 * records and the schema of its payload (`data`). Producers in the workflow and the desks can only
 * draft these types with these payloads (`RecordedEvent`, `TypedAuditDraft`); readers parse a
 * stored event into its typed form with `parseAuditEvent`.
 *
 * @example
 * AUDIT_EVENT_TYPES['order.delivered'].data.parse(event.data).onTime; // true
 * Object.keys(AUDIT_EVENT_TYPES).length; // 70
 */
export const AUDIT_EVENT_TYPES = {
  // --- intake and review (IN, RV): order:<id> ---

  /** A new order was received for review and numbered (IN-1). */
  'order.submitted': { streams: ['order'], ruleIds: ['IN-1'], data: Submission },
  /** A returned order was submitted again after correction, keeping its number (RV-9). */
  'order.resubmitted': { streams: ['order'], ruleIds: ['RV-9'], data: Submission },
  /** The submission named another salesperson: the order has a new owner; the old stays barred (RV-9). */
  'order.ownerChanged': {
    streams: ['order'],
    ruleIds: ['RV-9'],
    data: z.strictObject({ from: z.string(), to: z.string() }),
  },
  /** Every rule ran on the submitted order: each finding's rule, severity and message. */
  'order.assessed': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'findings',
    data: z.strictObject({
      findings: z.array(
        z.strictObject({
          ruleId: RuleId,
          severity: Severity,
          messageKey: z.string(),
          params: Params,
        }),
      ),
    }),
  },
  /** The order went back to sales for correction: by a reviewer, or by its assessment (RV-9). */
  'order.returned': {
    streams: ['order'],
    ruleIds: ['RV-9'],
    ruleIdsOf: 'findings',
    data: z.strictObject({
      /** Absent when the assessment returned it (`by: 'system'`, the blocking rules as `reason`). */
      at: Instant.optional(),
      by: z.string(),
      reason: z.string(),
    }),
  },
  /** The approval route was built and its first stage asked to act, with the review deadline (RV-2). */
  'review.started': {
    streams: ['order'],
    ruleIds: ['RV-2'],
    data: z.strictObject({ reviewDeadline: Instant, steps: Strings }),
  },
  /** One approval on one step: of the order's route, its credit release, a change or a credit request. */
  'approval.granted': {
    streams: ['order', 'customer'],
    ruleIds: [],
    ruleIdsOf: 'step',
    data: z.strictObject({
      /** A customer's credit request (CR-3), on `customer:<id>`. */
      requestId: z.string().optional(),
      /** A change request of the order (CH-5). */
      changeRequest: z.string().optional(),
      /** A ship-before-payment exception of the order (RV-7, CR-8): `SBP-<n>`. */
      shippingException: z.string().optional(),
      step: z.string(),
      actor: z.string(),
      onBehalfOf: z.string().optional(),
      role: z.string(),
      department: z.string(),
      at: Instant,
      comment: z.string().optional(),
      escalated: z.boolean().optional(),
      /** "One approver, one act": the step whose act also approved this one. */
      coveredBy: z.string().optional(),
      /** The other steps this act approved, each with its own event. */
      covered: Strings.optional(),
      /** Steps still asked of the approver after this act. */
      stillDue: Strings.optional(),
      /** A credit release (CR-1, CR-4): its reason, and its expiry when given. */
      reason: z.string().optional(),
      expiresAt: Instant.optional(),
    }),
  },
  /** The last step of the route was approved: the order is approved (RV-3). */
  'order.approved': {
    streams: ['order'],
    ruleIds: ['RV-3'],
    data: z.strictObject({ steps: Strings }),
  },
  /** A reviewer rejected the order, with the reason (RV-9). */
  'order.rejected': { streams: ['order'], ruleIds: ['RV-9'], data: Reasoned },
  /** The customer's written confirmation of a verbal order was recorded (IN-3). */
  'order.writtenConfirmation': {
    streams: ['order'],
    ruleIds: ['IN-3'],
    data: z.strictObject({ by: z.string(), at: Instant, reference: z.string() }),
  },
  /** The approved order was confirmed to the customer and locked against direct edits (CH-1). */
  'order.confirmed': {
    streams: ['order'],
    ruleIds: ['CH-1'],
    data: z.strictObject({ by: z.string() }),
  },
  /** The stock check after confirmation found lines short; procurement was asked (RV-11). */
  'stock.shortage': {
    streams: ['order'],
    ruleIds: ['RV-11'],
    data: z.strictObject({
      shortages: z.array(
        z.strictObject({
          index: Count,
          lineId: z.string(),
          productId: z.string(),
          quantity: z.number(),
          available: z.number(),
          shortQuantity: z.number(),
        }),
      ),
    }),
  },
  /** A review step ran past its deadline and was escalated (RV-2). */
  'review.overdue': { streams: ['order'], ruleIds: ['RV-2'], data: z.strictObject(OverdueStep) },
  /** The contract's legal review: recorded, or the approval completing the legal steps (RV-10). */
  'contract.reviewed': {
    streams: ['order'],
    ruleIds: ['RV-10'],
    data: z.strictObject({
      outcome: z.enum(['approved', 'rejected']),
      by: z.string(),
      onBehalfOf: z.string().optional(),
      at: Instant,
      reference: z.string().optional(),
      comment: z.string().optional(),
      /** The legal steps of the route the act was given on (none when recorded off the route). */
      steps: Strings,
      /** Whether the contract now counts as legally reviewed; a rejection returns the order. */
      reviewed: z.boolean(),
    }),
  },
  /** The customer's signature of the contract was recorded (RV-10). */
  'contract.signed': {
    streams: ['order'],
    ruleIds: ['RV-10'],
    data: z.strictObject({ signedAt: Instant, reference: z.string(), by: z.string(), at: Instant }),
  },

  // --- credit on the order (CR-1, CR-4, CR-6, CR-8): order:<id> ---

  /** The assessment put the order on credit hold: each hold with its release paths. */
  'credit.held': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'holds',
    data: z.strictObject({
      holds: z.array(
        z.strictObject({
          ruleId: RuleId,
          paths: z.array(ReleasePath),
          prepaymentRequired: Amount,
        }),
      ),
    }),
  },
  /** A credit release lapsed with nothing else covering the holds: back on hold (CR-4). */
  'credit.release.expired': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'holds',
    data: z.strictObject({ expiresAt: Instant.nullable(), resumeStatus: OrderStatus }),
  },
  /** The credit step was approved: a release in force until it expires (CR-1, CR-4). */
  'credit.release.granted': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'holds',
    data: z.strictObject({
      by: z.string(),
      onBehalfOf: z.string().optional(),
      role: z.string(),
      reason: z.string(),
      at: Instant,
      expiresAt: Instant.optional(),
    }),
  },
  /** The credit approver declined the release; the order went back to sales (RV-9). */
  'credit.release.declined': {
    streams: ['order'],
    ruleIds: ['RV-9'],
    ruleIdsOf: 'holds',
    data: Reasoned,
  },
  /** Money received ahead of shipping was recorded, in the order's currency (CR-8). */
  'credit.prepayment.recorded': {
    streams: ['order'],
    ruleIds: ['CR-8'],
    ruleIdsOf: 'holds',
    data: z.strictObject({
      at: Instant,
      by: z.string(),
      amount: Amount,
      reference: z.string(),
      currency: z.string(),
      /** `order`: received before submission and sent with the order (CR-1, CR-4, CR-8). */
      source: z.literal('order').optional(),
    }),
  },
  /** A guarantee for the order was recorded with its document reference (CR-4, CR-6). */
  'credit.guarantee.recorded': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'holds',
    data: z.strictObject({ at: Instant, by: z.string(), reference: z.string() }),
  },
  /** Shipping before payment was asked for on the confirmed order: the reason, the RV-7 chain (CR-8). */
  'credit.shippingException.requested': {
    streams: ['order'],
    ruleIds: ['RV-7', 'CR-8'],
    data: z.strictObject({
      id: z.string(),
      reason: z.string(),
      by: z.string(),
      at: Instant,
      steps: Strings,
    }),
  },
  /** The last step of the RV-7 chain approved the exception: the goods may ship unpaid (CR-8). */
  'credit.shippingException.approved': {
    streams: ['order'],
    ruleIds: ['RV-7', 'CR-8'],
    data: z.strictObject({ id: z.string(), at: Instant, by: z.string(), steps: Strings }),
  },
  /** A reviewer of the RV-7 chain rejected the exception, with the reason (CR-8). */
  'credit.shippingException.rejected': {
    streams: ['order'],
    ruleIds: ['RV-7', 'CR-8'],
    data: z.strictObject({ id: z.string(), at: Instant, by: z.string(), reason: z.string() }),
  },
  /** Every credit hold was covered: each hold with the path that released it (null: none did). */
  'credit.released': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'holds',
    data: z.strictObject({
      paths: z.array(z.strictObject({ ruleId: RuleId, by: ReleasePath.nullable() })),
    }),
  },

  // --- change control (CH-1…CH-7): order:<id> ---

  /** A change of the confirmed order was requested against a revision, routed by its findings. */
  'change.requested': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'findings',
    data: ChangeRequested,
  },
  /** The order's cancellation was requested, with the reason (CH-3). */
  'change.cancellationRequested': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'findings',
    data: ChangeRequested,
  },
  /** An approved change made the order's next revision: the diff, field by field (CH-5). */
  'order.revised': {
    streams: ['order'],
    ruleIds: ['CH-5'],
    data: z.strictObject({
      changeRequest: z.string(),
      revision: Revision,
      fromRevision: Revision,
      toRevision: Revision,
      header: z.array(FieldChange),
      lines: z.array(LineDiff),
    }),
  },
  /** The departments and the customer were told of an approved change or cancellation (CH-6). */
  'change.notified': {
    streams: ['order'],
    ruleIds: ['CH-6'],
    data: z.strictObject({
      changeRequest: z.string(),
      departments: Strings,
      customerNotice: z.array(FieldChange),
    }),
  },
  /** A contract-ledger entry: the contract was changed or terminated (CH-7; read by AR-4). */
  'contract.changed': {
    streams: ['order'],
    ruleIds: ['CH-7'],
    data: z.strictObject({
      contractNumber: z.string(),
      orderId: z.string(),
      orderNumber: z.string(),
      customerId: z.string(),
      kind: z.enum(['change', 'termination']),
      changeRequest: z.string(),
      reason: z.string(),
      fromRevision: Revision,
      toRevision: Revision.optional(),
      changes: z.array(FieldChange),
      approvedAt: Instant,
      approvedBy: z.string(),
      /** The signed amendment (or termination) that let it take effect. */
      amendment: z
        .strictObject({
          reference: z.string(),
          signedAt: Instant,
          recordedBy: z.string(),
          recordedAt: Instant,
        })
        .optional(),
      /** The revision in force after it. */
      revision: Revision,
    }),
  },
  /** An approved cancellation cancelled the order (CH-3). */
  'order.cancelled': {
    streams: ['order'],
    ruleIds: ['CH-3'],
    data: z.strictObject({ changeRequest: z.string(), reason: z.string(), revision: Revision }),
  },
  /** A reviewer rejected the pending change request; the order is unchanged (CH-1). */
  'change.rejected': {
    streams: ['order'],
    ruleIds: ['CH-1'],
    data: z.strictObject({ changeRequest: z.string(), by: z.string(), reason: z.string() }),
  },
  /** A step of the pending change request ran past its deadline and was escalated (RV-2). */
  'change.overdue': {
    streams: ['order'],
    ruleIds: ['RV-2'],
    data: z.strictObject({ changeRequest: z.string(), ...OverdueStep }),
  },
  /** The requester or the order's owner withdrew the pending request; the order is unchanged (CH-2). */
  'change.withdrawn': {
    streams: ['order'],
    ruleIds: ['CH-2'],
    data: z.strictObject({
      changeRequest: z.string(),
      kind: z.enum(['change', 'cancel']),
      by: z.string(),
      /** Empty when none was given. */
      reason: z.string(),
    }),
  },
  /** Every step approved a change of a contract order: it waits for the signed amendment (CH-7). */
  'change.awaitingSignature': {
    streams: ['order'],
    ruleIds: ['CH-7'],
    data: z.strictObject({
      changeRequest: z.string(),
      kind: z.enum(['change', 'cancel']),
      contractNumber: z.string(),
      approvedAt: Instant,
      approvedBy: z.string(),
    }),
  },
  /** The rules ran again on the revision an approved change made: its findings and credit holds (CH-5). */
  'change.reassessed': {
    streams: ['order'],
    ruleIds: [],
    ruleIdsOf: 'findings',
    data: z.strictObject({
      changeRequest: z.string(),
      revision: Revision,
      exposureRaised: z.boolean(),
      holds: z.array(RuleId),
      findings: AssessedFindings,
    }),
  },
  /** The owner corrected a draft or returned order, or resubmitted it changed: the diff (RV-9, CH-1). */
  'order.edited': {
    streams: ['order'],
    ruleIds: ['RV-9'],
    data: z.strictObject({
      revision: Revision,
      by: z.string(),
      /** `edit`: `editOrder`; `resubmission`: a returned order submitted again with other data. */
      source: z.enum(['edit', 'resubmission']),
      header: z.array(FieldChange),
      lines: z.array(LineDiff),
    }),
  },

  // --- tracking (TR-1…TR-4) and settlement (AR-1): order:<id> ---

  /** The first fulfilment step was recorded: the order is in fulfilment (TR-1). */
  'fulfilment.started': {
    streams: ['order'],
    ruleIds: ['TR-1'],
    data: z.strictObject({ step: FulfilmentStep }),
  },
  /** A fulfilment step started or finished (TR-1). */
  'fulfilment.progress': {
    streams: ['order'],
    ruleIds: ['TR-1'],
    data: z.strictObject({
      step: FulfilmentStep,
      status: z.enum(['started', 'done']),
      at: Instant,
      by: z.string(),
      date: z.string().optional(),
      reference: z.string().optional(),
      note: z.string().optional(),
      /** Shipping only: the approved exception the goods leave under, unpaid (CR-8, RV-7). */
      shippingException: z.string().optional(),
    }),
  },
  /** An expected delivery date was recorded that keeps the agreed date (TR-2). */
  'delivery.forecast': { streams: ['order'], ruleIds: ['TR-2'], data: Forecast },
  /** An expected delivery date was recorded after the agreed date, flagged at once (TR-2). */
  'delivery.forecastLate': { streams: ['order'], ruleIds: ['TR-2'], data: Forecast },
  /** The scheduled check flagged a forecast that no longer keeps the agreed date (TR-2). */
  'delivery.lateForecast': {
    streams: ['order'],
    ruleIds: ['TR-2'],
    data: z.strictObject({
      key: z.string(),
      forecast: z.string(),
      agreed: z.string(),
      days: z.number().int(),
    }),
  },
  /** The scheduled check flagged a delivery at risk: not shipped close to the agreed date (TR-2). */
  'delivery.atRisk': {
    streams: ['order'],
    ruleIds: ['TR-2'],
    data: z.strictObject({ key: z.string(), agreed: z.string(), daysLeft: z.number().int() }),
  },
  /** The scheduled check flagged a delivery past the agreed date (TR-2). */
  'delivery.overdue': {
    streams: ['order'],
    ruleIds: ['TR-2'],
    data: z.strictObject({ key: z.string(), agreed: z.string(), days: z.number().int() }),
  },
  /** The goods were delivered, on time or late against the agreed date (TR-1). */
  'order.delivered': {
    streams: ['order'],
    ruleIds: ['TR-1'],
    data: z.strictObject({
      date: z.string(),
      at: Instant,
      by: z.string(),
      agreedDate: z.string().optional(),
      onTime: z.boolean(),
      reference: z.string().optional(),
      /** The ship-before-payment exception the goods were shipped under, unpaid (CR-8, RV-7). */
      shippingException: z.string().optional(),
    }),
  },
  /** The customer reported damage, quantity, quality or late delivery: a complaint opened (TR-3). */
  'acceptance.issueReported': {
    streams: ['order'],
    ruleIds: ['TR-3'],
    data: z.strictObject({
      id: z.string(),
      kind: AcceptanceIssueKind,
      /** Absent for a late delivery reported without a remedy (TR-3). */
      remedy: Remedy.optional(),
      description: z.string(),
      lineIds: Strings,
      reportedAt: Instant,
      reportedBy: z.string(),
      status: z.enum(['open', 'closed']),
      closedAt: Instant.optional(),
      closedBy: z.string().optional(),
      resolution: z.string().optional(),
    }),
  },
  /** An acceptance issue was resolved; `remaining` issues are still open (TR-3). */
  'acceptance.issueClosed': {
    streams: ['order'],
    ruleIds: ['TR-3'],
    data: z.strictObject({
      id: z.string(),
      closedAt: Instant,
      closedBy: z.string(),
      resolution: z.string(),
      remaining: Count,
    }),
  },
  /** Payment and/or invoicing facts were recorded: the settlement as it now stands (AR-1). */
  'order.settlement': {
    streams: ['order'],
    ruleIds: ['AR-1'],
    data: z.strictObject({ ...SettlementShape, by: z.string() }),
  },
  /** The delivered order is paid and invoiced: settled (AR-1). */
  'order.settled': {
    streams: ['order'],
    ruleIds: ['AR-1'],
    data: z.strictObject(SettlementShape),
  },
  /** Delivery and after-sales are done: the order is completed (TR-4). */
  'order.completed': {
    streams: ['order'],
    ruleIds: ['TR-4'],
    data: z.strictObject({
      by: z.string(),
      /** The issue whose closing completed the order, when it completed by itself (TR-4). */
      issue: z.string().optional(),
    }),
  },

  // --- archive (AR-1…AR-6) ---

  /** The settled order was archived; the sealed record's hash is entered on its trail (AR-1, AR-2). */
  'order.archived': {
    streams: ['order'],
    ruleIds: ['AR-1', 'AR-2'],
    data: z.strictObject({
      by: z.string(),
      archiveId: z.string(),
      number: z.string(),
      recordHash: z.string(),
    }),
  },
  /** An archive record was sealed: the first event of `archive:<id>` (AR-2). */
  'archive.sealed': {
    streams: ['archive'],
    ruleIds: ['AR-2'],
    data: z.strictObject({
      archiveId: z.string(),
      number: z.string(),
      orderId: z.string(),
      recordHash: z.string(),
      orderHead: z.strictObject({ seq: Count, hash: z.string() }).nullable(),
    }),
  },
  /** Someone asked to read the archive, with a reason and a number of days (AR-5). */
  'archive.accessRequested': { streams: ['archive'], ruleIds: ['AR-5'], data: AccessRequest },
  /** An access request was approved: a grant valid for its days (AR-5). */
  'archive.accessGranted': { streams: ['archive'], ruleIds: ['AR-5'], data: AccessRequest },
  /** An access request was rejected, with the reason (AR-5). */
  'archive.accessRejected': { streams: ['archive'], ruleIds: ['AR-5'], data: AccessRequest },
  /** The archive's content was read under a live grant (AR-5). */
  'archive.read': { streams: ['archive'], ruleIds: ['AR-5'], data: ArchiveRead },
  /** A read of the archive was refused: no live grant (AR-5). */
  'archive.readRefused': { streams: ['archive'], ruleIds: ['AR-5'], data: ArchiveReadRefused },
  /** The archive was exported as a self-contained bundle under a live grant (AR-5). */
  'archive.exported': { streams: ['archive'], ruleIds: ['AR-5'], data: ArchiveRead },
  /** An export of the archive was refused: no live grant (AR-5). */
  'archive.exportedRefused': { streams: ['archive'], ruleIds: ['AR-5'], data: ArchiveReadRefused },
  /** The keeper exported the sealed record for the off-site backup, with no read grant (AR-2). */
  'archive.backupExported': {
    streams: ['archive'],
    ruleIds: ['AR-2'],
    data: z.strictObject({
      /** Who exported it (a holder of `archive.backup.keeperRoles`); when is the event's `at`. */
      by: z.string(),
      /** The seal hash of the record exported: what the off-site copy must verify against. */
      recordHash: z.string(),
    }),
  },
  /** A backup export was refused: the actor is not the archive keeper (AR-2). */
  'archive.backupExportRefused': {
    streams: ['archive'],
    ruleIds: ['AR-2'],
    data: z.strictObject({ by: z.string(), code: z.literal('NOT_ELIGIBLE') }),
  },
  /** A legal hold was placed on the archive: not disposed of while held (AR-6). */
  'archive.legalHold': { streams: ['archive'], ruleIds: ['AR-6'], data: Reasoned },
  /** The legal hold on the archive was lifted (AR-6). */
  'archive.legalHoldReleased': { streams: ['archive'], ruleIds: ['AR-6'], data: Reasoned },
  /** A month's contracts were filed and numbered; on `filing:<YYYY-MM>` (AR-3). */
  'archive.filed': {
    streams: ['filing'],
    ruleIds: ['AR-3'],
    data: z.strictObject({
      month: z.string(),
      dueDate: z.string(),
      onTime: z.boolean(),
      filed: z.array(
        z.strictObject({
          orderId: z.string(),
          filingNumber: z.string(),
          customerId: z.string(),
          productIds: Strings,
          late: z.boolean(),
        }),
      ),
      /** Orders signed after the filing day, filed next month. */
      carriedOver: Strings,
    }),
  },
  /** The contract ledger was read by an entitled reader; on `ledger:contracts` (AR-4, AR-5). */
  'archive.ledgerRead': { streams: ['ledger'], ruleIds: ['AR-4', 'AR-5'], data: LedgerRead },
  /** A read of the contract ledger was refused (AR-4, AR-5). */
  'archive.ledgerReadRefused': { streams: ['ledger'], ruleIds: ['AR-4', 'AR-5'], data: LedgerRead },

  // --- customers' credit (CR-1, CR-3): customer:<id> ---

  /** A customer's credit facts were stored for the first time (a sync from the ERP; CR-1). */
  'customer.created': { streams: ['customer'], ruleIds: ['CR-1'], data: CustomerSynced },
  /** A customer's credit facts were synced again, keeping the terms approved here (CR-1). */
  'customer.updated': { streams: ['customer'], ruleIds: ['CR-1'], data: CustomerSynced },
  /** A change of grade or limit, or a temporary increase, was proposed and routed (CR-3). */
  'credit.change.requested': {
    streams: ['customer'],
    ruleIds: ['CR-3'],
    data: z.strictObject({
      requestId: z.string(),
      kind: z.enum(['change', 'temporaryIncrease']),
      /** The proposal in words, e.g. `grade A, limit 800,000.00 CNY`. */
      change: z.string(),
      reason: z.string(),
      steps: Strings,
    }),
  },
  /** The last step approved a grade/limit change: the customer's terms before and after (CR-3). */
  'credit.change.approved': {
    streams: ['customer'],
    ruleIds: ['CR-3'],
    data: CreditChangeApproved,
  },
  /** The last step approved a temporary limit increase (CR-3). */
  'credit.temporaryIncrease.approved': {
    streams: ['customer'],
    ruleIds: ['CR-3'],
    data: CreditChangeApproved,
  },
  /** A credit request was rejected, with the reason (CR-3). */
  'credit.change.rejected': {
    streams: ['customer'],
    ruleIds: ['CR-3'],
    data: z.strictObject({
      requestId: z.string(),
      at: Instant,
      by: z.string(),
      reason: z.string(),
    }),
  },
} as const satisfies Record<string, AuditEventSpec>;

/**
 * The type of an audit event the core writes: a key of `AUDIT_EVENT_TYPES`.
 *
 * @example
 * const type: AuditEventType = 'order.submitted';
 */
export type AuditEventType = keyof typeof AUDIT_EVENT_TYPES;

/** Arrays and objects read-only all the way down: an audit payload is a record, never edited. */
type Recorded<T> = T extends readonly (infer U)[]
  ? readonly Recorded<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Recorded<T[K]> }
    : T;

/**
 * The payload of an audit event of type `T`, as its schema describes it (read-only).
 *
 * @example
 * const data: AuditEventData<'order.confirmed'> = { by: 'u-li' };
 */
export type AuditEventData<T extends AuditEventType> = Recorded<
  z.output<(typeof AUDIT_EVENT_TYPES)[T]['data']>
>;

/**
 * A stored audit event with its literal type and typed payload: a union discriminated by `type`,
 * so narrowing on the type gives the payload's fields.
 *
 * @example
 * for (const e of await og.history(orderId))
 *   if (e.type === 'order.delivered') console.log(e.data.onTime, e.data.date);
 */
export type TypedAuditEvent<T extends AuditEventType = AuditEventType> = {
  [K in T]: Omit<AuditEvent, 'type' | 'data'> & { type: K; data: AuditEventData<K> };
}[T];

/**
 * An audit event as the core drafts it, before the store seals it: an `AuditDraft` whose type is
 * in the catalogue and whose payload fits it. The desks write only these.
 *
 * @example
 * const draft: TypedAuditDraft = { stream: 'order:o1', type: 'order.confirmed', at: now, actor: 'u-li', ruleIds: ['CH-1'], data: { by: 'u-li' } };
 */
export type TypedAuditDraft<T extends AuditEventType = AuditEventType> = {
  [K in T]: Omit<AuditDraft, 'type' | 'data'> & { type: K; data: AuditEventData<K> };
}[T];

/**
 * Whether a string is an audit event type of the catalogue.
 *
 * @example
 * isAuditEventType('order.submitted'); // true
 * isAuditEventType('order.submited'); // false
 */
export function isAuditEventType(type: string): type is AuditEventType {
  return Object.hasOwn(AUDIT_EVENT_TYPES, type);
}

/**
 * Reads a stored audit event as its typed form: the type must be in the catalogue and the payload
 * must fit its schema. The returned event is the stored one with its payload as parsed.
 *
 * @example
 * const e = parseAuditEvent((await store.readStream('order:o1'))[0]!);
 * if (e.type === 'order.submitted') console.log(e.data.number, e.data.submissions);
 * @throws {ValidationError} naming the path of every problem: `type` for a type the catalogue does
 *   not know, `data.<path>` for a payload that does not fit (a missing, extra or mistyped field).
 */
export function parseAuditEvent(event: AuditEvent): TypedAuditEvent {
  const subject = `audit event ${event.stream}#${String(event.seq)}`;
  const type = event.type;
  if (!isAuditEventType(type)) {
    throw new ValidationError(subject, [
      { path: 'type', message: `"${type}" is not an audit event type of the catalogue` },
    ]);
  }
  const parsed = AUDIT_EVENT_TYPES[type].data.safeParse(event.data);
  if (!parsed.success) {
    throw new ValidationError(
      `${subject} (${type})`,
      toInputIssues(parsed.error).map((i) => ({
        path: i.path === '' ? 'data' : `data.${i.path}`,
        message: i.message,
      })),
    );
  }
  // The schema of `type` accepted the payload: the pair is the catalogue's.
  return { ...event, type, data: parsed.data } as TypedAuditEvent;
}
