import { z } from 'zod';
import { verifySealed, type ChainProblem } from './audit/auditChain.js';
import { ArchiveDesk, type ArchiveQuery, type FilingReport } from './desks/ArchiveDesk.js';
import type { ArchiveBundle } from './workflow/archive/archiveBundle.js';
import type { ArchiveContent, ArchiveIndexEntry } from './state/ArchiveRecord.js';
import type { ArchiveVerification } from './workflow/archive/verifyArchive.js';
import {
  AmendmentSignature,
  OrderEdit,
  type CancellationRequestInput,
  type ChangeOp,
  type ChangeRequestInput,
} from './state/ChangeRequest.js';
import type { RevisionDiff } from './rules/change/diffRevisions.js';
import { customerAgeing, type AgeingReport } from './rules/credit/ageingReport.js';
import { CreditDesk } from './desks/CreditDesk.js';
import type {
  CreditChangeProposalInput,
  CreditRequest,
  TemporaryIncreaseProposalInput,
} from './state/CreditRequest.js';
import { creditExposure, type CreditExposure } from './rules/credit/creditExposure.js';
import { effectiveLimit, type EffectiveLimit } from './rules/credit/effectiveLimit.js';
import { OrderDesk, type ScheduledCheck } from './desks/OrderDesk.js';
import { workLine, type WorkLine } from './desks/workLine.js';
import type { OrderView } from './state/OrderRecord.js';
import { parseOrThrow } from './errors.js';
import { Actor, type ActorInput } from './model/Actor.js';
import type { Customer, CustomerInput } from './model/Customer.js';
import type { MessageParam } from './model/Finding.js';
import { CodeString, IdString, TextString } from './model/inputLimits.js';
import { MinorUnits } from './model/Money.js';
import type { Order, OrderInput } from './model/Order.js';
import type { RuleId } from './model/RuleId.js';
import { IsoDateTime } from './model/Temporal.js';
import type { Policy } from './policy/Policy.js';
import type { AccessRequest } from './rules/archive/accessGrant.js';
import type { ContractLedgerEntry } from './rules/archive/contractLedger.js';
import type { Clock } from './ports/Clock.js';
import type { EffectReceiver } from './ports/EffectReceiver.js';
import { portableSha256, type Hasher } from './audit/Hasher.js';
import type { IdSource } from './ports/IdSource.js';
import type { OutboxEntry, Store } from './ports/Store.js';
import { KINDS, ownerOf, type RecordKind } from './runner/records.js';
import type { Result } from './runner/Result.js';
import {
  Runner,
  type DeliveryOptions,
  type DispatchReport,
  type RetryOptions,
} from './runner/Runner.js';
import type { MetricsOptions, OrderMetrics } from './desks/computeMetrics.js';
import { TrackingDesk } from './desks/TrackingDesk.js';
import type { WorkflowEvent } from './state/WorkflowEvent.js';
import { parseAuditEvent, type TypedAuditEvent } from './state/auditEventTypes.js';

/** Ports and policy an `Ordergate` runs on. */
export interface OrdergateOptions {
  policy: Policy;
  store: Store;
  clock: Clock;
  ids: IdSource;
  /** Hash for the audit chains; must match the store's (default: portable SHA-256). */
  hasher?: Hasher;
  /** Receives committed effects from the outbox; without one they wait for `dispatch`. */
  receiver?: EffectReceiver;
  /** Retries after a concurrent writer won (jittered exponential backoff). */
  retry?: RetryOptions;
  /** Retries of failed deliveries (jittered exponential backoff) and when they become dead letters. */
  delivery?: DeliveryOptions;
  /** Waits between retries (default: a timer). */
  pause?: (ms: number) => Promise<void>;
}

const Id = IdString;
const Text = TextString;
/**
 * Which step an approval acts on (default: the first the actor may) and a comment: `approve`, `approveChange`, `approveShippingException`, `approveCreditRequest`.
 *
 * @example
 * StepOptions.parse({ step: 'sales', comment: 'ok' });
 */
export const StepOptions = z
  .object({ step: Id.optional(), comment: Text.optional() })
  .strict()
  .default({});
/**
 * CR-1, CR-4: a credit release's reason, optional expiry and comment (`releaseCredit`).
 *
 * @example
 * Release.parse({ reason: 'Long-standing customer', expiresAt: '2026-03-09T18:00:00+08:00' });
 */
export const Release = z
  .object({ reason: Text, expiresAt: IsoDateTime.optional(), comment: Text.optional() })
  .strict();
/**
 * CR-1, CR-4, CR-6, CR-8: money received ahead of shipping, in minor units (`recordPrepayment`).
 *
 * @example
 * Prepayment.parse({ amount: 100_000, reference: 'BANK-17' });
 */
export const Prepayment = z.object({ amount: MinorUnits, reference: Text.optional() }).strict();
/**
 * CR-4, CR-6: the customer's guarantee for an order (`recordGuarantee`).
 *
 * @example
 * Guarantee.parse({ reference: 'LG-2026-004' });
 */
export const Guarantee = z.object({ reference: Text }).strict();
/**
 * RV-7, CR-8: why goods should ship before payment (`requestShippingException`).
 *
 * @example
 * ShippingExceptionRequest.parse({ reason: 'Customer line stopped' });
 */
export const ShippingExceptionRequest = z.object({ reason: Text }).strict();
const Reason = Text;
/**
 * TR-3: which acceptance issue is closed and how it was resolved (`closeIssue`).
 *
 * @example
 * IssueClosure.parse({ issueId: 'issue-1', resolution: 'Replaced the pump' });
 */
export const IssueClosure = z.object({ issueId: Id, resolution: Text }).strict();
/**
 * RV-10: the legal review's outcome and the legal opinion's reference (`recordContractReview`).
 *
 * @example
 * ContractReview.parse({ outcome: 'approved', reference: 'LEGAL-2026-031' });
 */
export const ContractReview = z
  .object({
    outcome: z.enum(['approved', 'rejected']),
    reference: CodeString,
    comment: Text.optional(),
  })
  .strict();
/**
 * RV-10: when the customer signed the contract and its reference (`recordContractSigned`).
 *
 * @example
 * ContractSignature.parse({ signedAt: '2026-03-04T10:00:00+08:00', reference: 'HT-2026-017' });
 */
export const ContractSignature = z
  .object({ signedAt: IsoDateTime, reference: CodeString })
  .strict();

/** An action the façade offers on an order, as `allowedActions` names it. */
export type OrderAction =
  | 'approve'
  | 'reject'
  | 'returnToSales'
  | 'recordWrittenConfirmation'
  | 'recordContractReview'
  | 'recordContractSigned'
  | 'confirm'
  | 'releaseCredit'
  | 'declineCredit'
  | 'recordPrepayment'
  | 'recordGuarantee'
  | 'requestCancellation'
  | 'approveChange'
  | 'rejectChange'
  | 'deliver'
  | 'complete'
  | 'withdrawChange'
  | 'recordAmendmentSigned'
  | 'editOrder'
  // RV-7 / CR-8: shipping before payment asked for after confirmation
  | 'requestShippingException'
  | 'approveShippingException'
  | 'rejectShippingException';

/** Whether an actor may take an action now, and if not, why (every panel button comes from here). */
export type AllowedAction =
  | { action: OrderAction; allowed: true }
  | {
      action: OrderAction;
      allowed: false;
      code: string;
      ruleId?: RuleId;
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
    };

/**
 * One line of an actor's work queue: an order waiting for something only they (or peers) can do,
 * with what a queue filters and lists by (`WorkLine`: customer, amount, rules, overdue, and the
 * steps waiting for the actor, each naming whom they would sign for as a substitute).
 */
export interface WorkItem extends WorkLine {
  orderId: string;
  number?: string;
  status: OrderView['workflow']['status'];
  urgent: boolean;
  /** The earliest due time of what waits for the actor (RV-2), if any. */
  dueAt?: string;
  actions: OrderAction[];
}

/** An order's full picture: the stored view, its trail and the customer's credit as of now. */
export interface OrderPicture extends OrderView {
  /** The order's audit trail, oldest first, each event typed by the catalogue. */
  history: TypedAuditEvent[];
  credit?: { exposure: CreditExposure; ageing: AgeingReport };
}

/** A problem `verify` found, with where. */
export type IntegrityProblem =
  | { code: 'CHAIN_BROKEN'; stream: string; detail: ChainProblem }
  /** The stream is longer or shorter, or ends elsewhere, than the record that owns it recorded. */
  | { code: 'TRAIL_MISMATCH'; stream: string; kind: string; key: string }
  /** The record differs from the state its trail's last event sealed. */
  | { code: 'RECORD_ALTERED'; stream: string; kind: string; key: string }
  /** A stream whose owning record is gone. */
  | { code: 'RECORD_MISSING'; stream: string; kind: string; key: string };

/** Outcome of `verify`. */
export type IntegrityReport =
  | { ok: true; streams: number; events: number; records: number }
  | { ok: false; problems: IntegrityProblem[] };

/** Which dry-run event stands for each action (placeholder arguments where one is needed). */
const PROBES: readonly [OrderAction, (actor: Actor, now: string) => WorkflowEvent][] = [
  ['approve', (actor) => ({ type: 'APPROVE', actor })],
  ['reject', (actor) => ({ type: 'REJECT', actor, reason: '-' })],
  ['returnToSales', (actor) => ({ type: 'RETURN', actor, reason: '-' })],
  [
    'recordWrittenConfirmation',
    (actor) => ({ type: 'RECORD_WRITTEN_CONFIRMATION', actor, reference: '-' }),
  ],
  [
    'recordContractReview',
    (actor) => ({ type: 'RECORD_CONTRACT_REVIEW', actor, outcome: 'approved', reference: '-' }),
  ],
  [
    'recordContractSigned',
    (actor, now) => ({ type: 'RECORD_CONTRACT_SIGNED', actor, signedAt: now, reference: '-' }),
  ],
  ['confirm', (actor) => ({ type: 'CONFIRM', actor })],
  ['releaseCredit', (actor) => ({ type: 'RELEASE_CREDIT', actor, reason: '-' })],
  ['declineCredit', (actor) => ({ type: 'DECLINE_CREDIT', actor, reason: '-' })],
  ['recordPrepayment', (actor) => ({ type: 'RECORD_PREPAYMENT', actor, amount: 1 })],
  ['recordGuarantee', (actor) => ({ type: 'RECORD_GUARANTEE', actor, reference: '-' })],
  [
    'requestCancellation',
    (actor) => ({
      type: 'REQUEST_CHANGE',
      actor,
      // A cancellation as its parse gives it (the handler reads every field).
      request: { kind: 'cancel', reason: '-', impact: '', customerRequested: false },
    }),
  ],
  ['approveChange', (actor) => ({ type: 'APPROVE_CHANGE', actor })],
  ['rejectChange', (actor) => ({ type: 'REJECT_CHANGE', actor, reason: '-' })],
  ['deliver', (actor) => ({ type: 'DELIVER', actor })],
  ['complete', (actor) => ({ type: 'COMPLETE', actor })],
  ['withdrawChange', (actor) => ({ type: 'WITHDRAW_CHANGE', actor })],
  // the signing instant defaults to now in the dry run
  [
    'recordAmendmentSigned',
    (actor) => ({ type: 'RECORD_AMENDMENT_SIGNED', actor, reference: '-' }),
  ],
  // an empty edit: everything is judged but the patch, which answers INVALID_PATCH (see PROBE_OK)
  ['editOrder', (actor) => ({ type: 'EDIT_ORDER', actor, patch: [] })],
  [
    'requestShippingException',
    (actor) => ({ type: 'REQUEST_SHIPPING_EXCEPTION', actor, reason: '-' }),
  ],
  ['approveShippingException', (actor) => ({ type: 'APPROVE_SHIPPING_EXCEPTION', actor })],
  [
    'rejectShippingException',
    (actor) => ({ type: 'REJECT_SHIPPING_EXCEPTION', actor, reason: '-' }),
  ],
];

/** Refusals a probe's placeholder arguments cause, which still mean the action is open. */
const PROBE_OK: Partial<Record<OrderAction, string>> = { editOrder: 'INVALID_PATCH' };

/** Actions that put an order in someone's work queue. */
const QUEUE_ACTIONS = new Set<OrderAction>([
  'approve',
  'releaseCredit',
  'approveChange',
  'recordWrittenConfirmation',
  'recordContractReview',
  'recordContractSigned',
  'confirm',
  'recordAmendmentSigned',
  'approveShippingException',
]);

/**
 * ordergate's façade: one named, typed method for every action a person or a system takes on
 * sales orders, customers' credit and the archive, and the queries the order desk service and
 * the panels need. Every command parses its input (a `ValidationError` names every bad field and
 * nothing is written), runs through one runner — decide, commit state, sealed audit events and
 * effects atomically, retry with backoff on a concurrent writer — and answers one `Result` shape.
 * Effects wait in the store's outbox until the receiver confirms them.
 *
 * @example
 * const og = new Ordergate({ policy, store: new MemoryStore(), clock, ids, receiver });
 * const r = await og.submit(order, li);
 * if (r.ok) await og.approve(r.value.order.id, wang);
 * else console.log(r.code, r.ruleId, formatMessage(r.messageKey, r.params, 'zh'));
 */
export class Ordergate {
  readonly policy: Policy;
  readonly #runner: Runner;
  readonly #orders: OrderDesk;
  readonly #credit: CreditDesk;
  readonly #tracking: TrackingDesk;
  readonly #archive: ArchiveDesk;

  constructor(options: OrdergateOptions) {
    this.policy = options.policy;
    this.#runner = new Runner({
      store: options.store,
      clock: options.clock,
      hasher: options.hasher ?? portableSha256,
      ...(options.receiver ? { receiver: options.receiver } : {}),
      ...(options.retry ? { retry: options.retry } : {}),
      ...(options.delivery ? { delivery: options.delivery } : {}),
      ...(options.pause ? { pause: options.pause } : {}),
    });
    const ports = { policy: options.policy, runner: this.#runner, ids: options.ids };
    this.#orders = new OrderDesk(ports);
    this.#credit = new CreditDesk(ports);
    this.#tracking = new TrackingDesk({ desk: this.#orders, store: options.store });
    this.#archive = new ArchiveDesk(ports);
  }

  // --- intake and review (IN, RV) ---

  /**
   * Receives an order for review and assesses it at once (IN-1…IN-4, RV-*): a new order gets its
   * number; a returned one is resubmitted after correction (RV-9) and keeps it. An order the
   * rules return to sales answers `{ ok: false, code: 'RETURNED', findings, recorded }`.
   * @throws {ValidationError} when the input is not an order at all; nothing is written then.
   */
  async submit(order: OrderInput, actor: ActorInput): Promise<Result<OrderView>> {
    return this.#orders.submit(order, actor);
  }

  /** Approves a step of the order's route: the first the actor may approve, or `options.step`. */
  async approve(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<Result<OrderView>> {
    const o = parseOrThrow(StepOptions, options, 'options');
    return this.#act(orderId, (a) => ({ type: 'APPROVE', actor: a, ...o }), actor);
  }

  /** Rejects the order; a reason is required (RV-9). */
  async reject(orderId: string, actor: ActorInput, reason: string): Promise<Result<OrderView>> {
    const r = parseOrThrow(Reason, reason, 'reason');
    return this.#act(orderId, (a) => ({ type: 'REJECT', actor: a, reason: r }), actor);
  }

  /** Returns the order to sales for correction, with the reasons (RV-9). */
  async returnToSales(
    orderId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Reason, reason, 'reason');
    return this.#act(orderId, (a) => ({ type: 'RETURN', actor: a, reason: r }), actor);
  }

  /** Records the customer's written confirmation of a verbal order (IN-3). */
  async recordWrittenConfirmation(
    orderId: string,
    actor: ActorInput,
    reference: string,
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Text, reference, 'reference');
    return this.#act(
      orderId,
      (a) => ({ type: 'RECORD_WRITTEN_CONFIRMATION', actor: a, reference: r }),
      actor,
    );
  }

  /**
   * RV-10: the legal reviewer records the review of the order's contract, with the legal
   * opinion's reference. In review it is the act on the route's open legal step (the same act as
   * `approve`, with its segregation of duties: an owner or submitter of the order may not review
   * it); once every legal step is approved the contract counts as legally reviewed. `rejected`
   * (with the reason in `comment`) returns the order to sales to correct the contract.
   * @throws {ValidationError} when the review is malformed (an unknown outcome, a reference over
   *   `INPUT_LIMITS.idLength`); nothing is written then.
   * @example
   * await og.recordContractReview(orderId, wu, { outcome: 'approved', reference: 'LEGAL-2026-031' });
   */
  async recordContractReview(
    orderId: string,
    actor: ActorInput,
    review: { outcome: 'approved' | 'rejected'; reference: string; comment?: string },
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(ContractReview, review, 'review');
    return this.#act(
      orderId,
      (a) => ({
        type: 'RECORD_CONTRACT_REVIEW',
        actor: a,
        outcome: r.outcome,
        reference: r.reference,
        ...(r.comment === undefined ? {} : { comment: r.comment }),
      }),
      actor,
    );
  }

  /**
   * RV-10: records the customer's signature of the contract (or written confirmation of the
   * order): when they signed and the signed contract's reference. Legal review comes first; once
   * signed, an approved contract order may be confirmed. The order's owner, the roles that confirm
   * orders and the legal reviewers may record it.
   * @throws {ValidationError} when `signedAt` is not an instant with a zone; nothing is written then.
   * @example
   * await og.recordContractSigned(orderId, li, { signedAt: '2026-03-04T10:00:00+08:00', reference: 'HT-2026-017' });
   */
  async recordContractSigned(
    orderId: string,
    actor: ActorInput,
    signature: { signedAt: string; reference: string },
  ): Promise<Result<OrderView>> {
    const g = parseOrThrow(ContractSignature, signature, 'signature');
    return this.#act(orderId, (a) => ({ type: 'RECORD_CONTRACT_SIGNED', actor: a, ...g }), actor);
  }

  /** Confirms an approved order to the customer (IN-3, RV-10 gates; RV-11 stock check after). */
  async confirm(orderId: string, actor: ActorInput): Promise<Result<OrderView>> {
    return this.#act(orderId, (a) => ({ type: 'CONFIRM', actor: a }), actor);
  }

  // --- credit on an order (CR-1, CR-4, CR-6, CR-8) ---

  /** Releases a credit hold by approval, with a reason and optionally an expiry (CR-1, CR-4). */
  async releaseCredit(
    orderId: string,
    actor: ActorInput,
    release: { reason: string; expiresAt?: string; comment?: string },
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Release, release, 'release');
    return this.#act(orderId, (a) => ({ type: 'RELEASE_CREDIT', actor: a, ...r }), actor);
  }

  /** Declines the credit release; the order goes back to sales with the reason (CR-4). */
  async declineCredit(
    orderId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Reason, reason, 'reason');
    return this.#act(orderId, (a) => ({ type: 'DECLINE_CREDIT', actor: a, reason: r }), actor);
  }

  /** Records money received ahead of shipping (minor units): releases the holds it covers (CR-1, CR-4, CR-6, CR-8). */
  async recordPrepayment(
    orderId: string,
    actor: ActorInput,
    payment: { amount: number; reference?: string },
  ): Promise<Result<OrderView>> {
    const p = parseOrThrow(Prepayment, payment, 'prepayment');
    return this.#act(orderId, (a) => ({ type: 'RECORD_PREPAYMENT', actor: a, ...p }), actor);
  }

  /** Records the customer's guarantee for this order (CR-4, CR-6). */
  async recordGuarantee(
    orderId: string,
    actor: ActorInput,
    guarantee: { reference: string },
  ): Promise<Result<OrderView>> {
    const g = parseOrThrow(Guarantee, guarantee, 'guarantee');
    return this.#act(orderId, (a) => ({ type: 'RECORD_GUARANTEE', actor: a, ...g }), actor);
  }

  // --- shipping before payment after confirmation (RV-7, CR-8) ---

  /**
   * Asks to ship a confirmed order before payment, with the reason (RV-7, CR-8): the order's
   * owner, or a role of `credit.shippingException.requestRoles`. The RV-7 chain
   * (`review.routes.exceptional`: marketing VP, finance director, president) is asked in order; the
   * approved exception (`SBP-<n>`) lets the goods ship unpaid, and the shipment names it. Refused
   * while one is pending (`CONFLICT`), once shipping started, or when payment, credit terms or an
   * approved exception already let the goods ship (`INVALID_TRANSITION`).
   * @throws {ValidationError} when the request is malformed; nothing is written then.
   */
  async requestShippingException(
    orderId: string,
    actor: ActorInput,
    request: { reason: string },
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(ShippingExceptionRequest, request, 'request');
    return this.#act(
      orderId,
      (a) => ({ type: 'REQUEST_SHIPPING_EXCEPTION', actor: a, reason: r.reason }),
      actor,
    );
  }

  /**
   * Approves a step of the pending shipping exception's RV-7 chain (the first the actor may
   * approve, or `options.step`); never its requester, nor anyone who owned or submitted the order.
   * The last step approves it and tells the requester and the owner.
   */
  async approveShippingException(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<Result<OrderView>> {
    const o = parseOrThrow(StepOptions, options, 'options');
    return this.#act(
      orderId,
      (a) => ({ type: 'APPROVE_SHIPPING_EXCEPTION', actor: a, ...o }),
      actor,
    );
  }

  /** Rejects the pending shipping exception, with a reason; the goods wait for payment (CR-8). */
  async rejectShippingException(
    orderId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Reason, reason, 'reason');
    return this.#act(
      orderId,
      (a) => ({ type: 'REJECT_SHIPPING_EXCEPTION', actor: a, reason: r }),
      actor,
    );
  }

  // --- customers' credit (CR-1, CR-3, CR-7) ---

  /**
   * Stores a customer's credit facts from the ERP (recorded on the customer's trail), merged by
   * field ownership (`CUSTOMER_FIELD_OWNERSHIP`, docs/field-ownership.md): the ERP's fields are
   * replaced; a grade or limit approved here through CR-3, and temporary increases, are kept
   * whatever the ERP sends, so the next sync never undoes an approval. Facts that change nothing
   * (apart from `asOf`) write nothing.
   * @throws {ValidationError} when the customer is malformed.
   */
  async putCustomer(customer: CustomerInput): Promise<Customer> {
    return this.#orders.putCustomer(customer);
  }

  /** Proposes a new grade and/or limit for a customer (CR-3); approvers are asked. */
  async proposeCreditChange(
    proposal: CreditChangeProposalInput,
    actor: ActorInput,
  ): Promise<Result<CreditRequest>> {
    return this.#credit.proposeChange(proposal, actor);
  }

  /** Proposes a temporary limit increase until an instant (CR-3). */
  async proposeTemporaryIncrease(
    proposal: TemporaryIncreaseProposalInput,
    actor: ActorInput,
  ): Promise<Result<CreditRequest>> {
    return this.#credit.proposeTemporaryIncrease(proposal, actor);
  }

  /** Approves a step of a credit request; the last applies it and tells sales (CR-3). */
  async approveCreditRequest(
    requestId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<Result<CreditRequest>> {
    const id = parseOrThrow(Id, requestId, 'requestId');
    return this.#credit.approve(id, actor, parseOrThrow(StepOptions, options, 'options'));
  }

  /** Rejects a pending credit request with a reason (CR-3). */
  async rejectCreditRequest(
    requestId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<CreditRequest>> {
    const id = parseOrThrow(Id, requestId, 'requestId');
    return this.#credit.reject(id, actor, parseOrThrow(Reason, reason, 'reason'));
  }

  // --- change control (CH-1…CH-7) ---

  /** Requests a change of a confirmed order against a named revision (CH-1, CH-2, CH-4). */
  async requestChange(
    orderId: string,
    actor: ActorInput,
    request: ChangeRequestInput,
  ): Promise<Result<OrderView>> {
    return this.#orders.requestChange(parseOrThrow(Id, orderId, 'orderId'), actor, request);
  }

  /** Requests the cancellation of a confirmed order; a reason is required (CH-3). */
  async requestCancellation(
    orderId: string,
    actor: ActorInput,
    request: string | Omit<CancellationRequestInput, 'kind'>,
  ): Promise<Result<OrderView>> {
    return this.#orders.requestCancellation(parseOrThrow(Id, orderId, 'orderId'), actor, request);
  }

  /** Approves a step of the pending change request; the last applies it (CH-5). */
  async approveChange(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<Result<OrderView>> {
    const o = parseOrThrow(StepOptions, options, 'options');
    return this.#act(orderId, (a) => ({ type: 'APPROVE_CHANGE', actor: a, ...o }), actor);
  }

  /** Rejects the pending change request; a reason is required. */
  async rejectChange(
    orderId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<OrderView>> {
    const r = parseOrThrow(Reason, reason, 'reason');
    return this.#act(orderId, (a) => ({ type: 'REJECT_CHANGE', actor: a, reason: r }), actor);
  }

  /**
   * Withdraws the pending change or cancellation request, optionally saying why (CH-2): its
   * requester or the order's owner may; anyone else is refused `NOT_ELIGIBLE` (CH-2). The order
   * returns unchanged to its status; open approval activities are closed through the outbox.
   */
  async withdrawChange(
    orderId: string,
    actor: ActorInput,
    reason?: string,
  ): Promise<Result<OrderView>> {
    const r = reason === undefined ? undefined : parseOrThrow(Text, reason, 'reason');
    return this.#act(
      orderId,
      (a) => ({ type: 'WITHDRAW_CHANGE', actor: a, ...(r === undefined ? {} : { reason: r }) }),
      actor,
    );
  }

  /**
   * Records the signed amendment (or termination) of an approved change of a contract order, with
   * its document reference and signing instant, and enters it in the contract ledger (CH-7): only
   * then does the change take effect (the new revision, or the cancellation). Recorded by a role
   * of `change.contract.recordRoles` (legal by default).
   * @throws {ValidationError} when the reference is not a code or `signedAt` not an instant.
   */
  async recordAmendmentSigned(
    orderId: string,
    actor: ActorInput,
    signature: { reference: string; signedAt: string },
  ): Promise<Result<OrderView>> {
    const s = parseOrThrow(AmendmentSignature, signature, 'amendment');
    return this.#act(orderId, (a) => ({ type: 'RECORD_AMENDMENT_SIGNED', actor: a, ...s }), actor);
  }

  /**
   * Corrects a draft or returned order (CH-1, RV-9): field-level operations as in a change patch
   * (`set`, `updateLine`, `addLine`, `removeLine`, lines by id), by the order's owner, recorded
   * on the trail as the diff it made (`order.edited`). A confirmed order refuses any edit, naming
   * CH-1: it changes only through a change request. Resubmitting a returned order with other
   * data records its diff too.
   * @throws {ValidationError} when the patch, or the order it makes, is malformed.
   */
  async editOrder(
    orderId: string,
    actor: ActorInput,
    patch: readonly ChangeOp[],
  ): Promise<Result<OrderView>> {
    const p = parseOrThrow(OrderEdit, patch, 'edit');
    return this.#act(orderId, (a) => ({ type: 'EDIT_ORDER', actor: a, patch: p }), actor);
  }

  // --- tracking (TR-1…TR-5) ---

  /** TR-1: a fulfilment step started or is done (RV-8 gate before production, CR-8 before shipping). */
  async recordProgress(
    orderId: string,
    actor: ActorInput,
    progress: Parameters<TrackingDesk['recordProgress']>[2],
  ): Promise<Result<OrderView>> {
    return this.#tracking.recordProgress(parseOrThrow(Id, orderId, 'orderId'), actor, progress);
  }

  /** TR-2: the expected delivery date; one after the agreed date is flagged at once. */
  async forecastDelivery(
    orderId: string,
    actor: ActorInput,
    forecast: Parameters<TrackingDesk['forecastDelivery']>[2],
  ): Promise<Result<OrderView>> {
    return this.#tracking.forecastDelivery(parseOrThrow(Id, orderId, 'orderId'), actor, forecast);
  }

  /** TR-1: the goods were delivered. */
  async deliver(
    orderId: string,
    actor: ActorInput,
    delivery: Parameters<TrackingDesk['deliver']>[2] = {},
  ): Promise<Result<OrderView>> {
    return this.#tracking.deliver(parseOrThrow(Id, orderId, 'orderId'), actor, delivery);
  }

  /**
   * TR-3: the customer reports a problem after delivery — damage, a quantity mismatch or a quality
   * problem with its remedy, or a late delivery with a remedy or none; an issue opens, keeps
   * after-sales open until closed (TR-4, AR-1) and counts in the complaint rate (TR-5).
   */
  async reportIssue(
    orderId: string,
    actor: ActorInput,
    issue: Parameters<TrackingDesk['reportIssue']>[2],
  ): Promise<Result<OrderView>> {
    return this.#tracking.reportIssue(parseOrThrow(Id, orderId, 'orderId'), actor, issue);
  }

  /** TR-3: an acceptance issue is resolved. */
  async closeIssue(
    orderId: string,
    actor: ActorInput,
    issue: { issueId: string; resolution: string },
  ): Promise<Result<OrderView>> {
    const i = parseOrThrow(IssueClosure, issue, 'issue');
    return this.#tracking.closeIssue(parseOrThrow(Id, orderId, 'orderId'), actor, i);
  }

  /** Payment and invoicing facts; paid and invoiced after delivery settles the order (AR-1). */
  async settle(
    orderId: string,
    actor: ActorInput,
    settlement: Parameters<TrackingDesk['settle']>[2],
  ): Promise<Result<OrderView>> {
    return this.#tracking.settle(parseOrThrow(Id, orderId, 'orderId'), actor, settlement);
  }

  /** TR-4: delivery and after-sales are done. */
  async complete(orderId: string, actor: ActorInput): Promise<Result<OrderView>> {
    return this.#act(orderId, (a) => ({ type: 'COMPLETE', actor: a }), actor);
  }

  // --- archive (AR-1…AR-6) ---

  /**
   * AR-1, AR-2: archives a settled order into a sealed record, in one commit with its status. An
   * order not yet delivered or settled (or with after-sales open) is refused `BLOCKED`, ruleId
   * `AR-1`, with a finding for each thing missing.
   */
  async archive(orderId: string, actor: ActorInput): Promise<Result<ArchiveIndexEntry>> {
    return this.#archive.archive(parseOrThrow(Id, orderId, 'orderId'), actor);
  }

  /** AR-5: asks to read an archive, with a reason, for some days. */
  async requestArchiveAccess(
    archiveId: string,
    actor: ActorInput,
    request: { reason: string; days?: number },
  ): Promise<Result<AccessRequest>> {
    return this.#archive.requestAccess(parseOrThrow(Id, archiveId, 'archiveId'), actor, request);
  }

  /** AR-5: grants an access request (never to oneself, nor through one's delegate). */
  async approveArchiveAccess(requestId: string, actor: ActorInput): Promise<Result<AccessRequest>> {
    return this.#archive.approveAccess(parseOrThrow(Id, requestId, 'requestId'), actor);
  }

  /** AR-5: rejects an access request with a reason. */
  async rejectArchiveAccess(
    requestId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<Result<AccessRequest>> {
    return this.#archive.rejectAccess(
      parseOrThrow(Id, requestId, 'requestId'),
      actor,
      parseOrThrow(Reason, reason, 'reason'),
    );
  }

  /** AR-5: reads an archived order under a live grant; every read, granted or refused, is recorded. */
  async readArchive(archiveId: string, actor: ActorInput): Promise<Result<ArchiveContent>> {
    return this.#archive.read(parseOrThrow(Id, archiveId, 'archiveId'), actor);
  }

  /**
   * AR-2, AR-5: exports an archive as a self-verifying bundle for use — a read: it needs a live
   * grant, and every export, granted or refused, is recorded. The archive keeper's off-site backup
   * is `exportArchiveBackup`.
   */
  async exportArchive(archiveId: string, actor: ActorInput): Promise<Result<ArchiveBundle>> {
    return this.#archive.exportBundle(parseOrThrow(Id, archiveId, 'archiveId'), actor);
  }

  /**
   * AR-2: the archive keeper exports an archive's sealed record for the off-site backup, with no
   * AR-5 read grant — exporting for safekeeping is not reading. A separate method rather than a
   * keeper exception inside `exportArchive`, so that the grant rule of `exportArchive` has no
   * exception, the purpose of each export is named on the trail, and only holders of
   * `archive.backup.keeperRoles` (in person or as delegate) get past it. Recorded on the archive's
   * stream as `archive.backupExported` (who, when, the seal hash the copy verifies against), and
   * included in the bundle; anyone else is refused `NOT_ELIGIBLE` (AR-2), the attempt recorded as
   * `archive.backupExportRefused`.
   *
   * @example
   * const r = await og.exportArchiveBackup(archiveId, keeper);
   * if (r.ok) writeFileSync(`${r.value.archiveId}.json`, JSON.stringify(r.value));
   * // later, off site: verifyArchiveBundle(JSON.parse(text), nodeSha256, r.value.record.seal.hash)
   */
  async exportArchiveBackup(archiveId: string, actor: ActorInput): Promise<Result<ArchiveBundle>> {
    return this.#archive.exportBackup(parseOrThrow(Id, archiveId, 'archiveId'), actor);
  }

  /** AR-6: places or lifts a legal hold, with a reason. */
  async setLegalHold(
    archiveId: string,
    actor: ActorInput,
    change: { hold: boolean; reason: string },
  ): Promise<Result<ArchiveIndexEntry>> {
    return this.#archive.setLegalHold(parseOrThrow(Id, archiveId, 'archiveId'), actor, change);
  }

  /** AR-3: files the month's signed contracts. */
  async fileMonth(month: string, actor: ActorInput): Promise<Result<FilingReport>> {
    return this.#archive.fileMonth(month, actor);
  }

  // --- the system ---

  /**
   * Runs every clock-driven check (RV-2 and CH-2 deadlines, CR-4 release expiry, TR-2 delivery
   * alerts) and returns the orders where something was flagged, with the effects and findings.
   * Call it on a schedule.
   */
  async runScheduledChecks(): Promise<ScheduledCheck[]> {
    return this.#orders.checkDeadlines();
  }

  /** Delivers waiting effects to the receiver (at least once); call it on a schedule too. */
  async dispatch(limit = 100): Promise<DispatchReport> {
    return this.#runner.dispatch(limit);
  }

  /** Effects waiting for the receiver (not delivered, not dead), oldest first. */
  async pendingEffects(): Promise<OutboxEntry[]> {
    return this.#runner.store.pendingEffects();
  }

  /**
   * Dead letters: effects that failed their last allowed delivery attempt, oldest first. Each
   * holds its subject's later effects until a person retries it.
   *
   * @example
   * for (const d of await og.deadEffects()) console.log(d.effect.key, d.attempts, d.lastError);
   */
  async deadEffects(): Promise<OutboxEntry[]> {
    return this.#runner.store.deadEffects();
  }

  /**
   * Puts a dead letter back in line now, with a fresh count of attempts (a person decided the
   * ERP can take it again). Answers the entry, or undefined when no dead effect has that key.
   *
   * @example
   * const back = await og.retryEffect('o-1:3:0');
   * if (back) await og.dispatch();
   */
  async retryEffect(key: string): Promise<OutboxEntry | undefined> {
    return this.#runner.store.retryEffect(key, this.#runner.clock.now());
  }

  // --- queries ---

  /**
   * An order's full picture: the order and its revisions, the workflow (findings, route with who
   * acted and who may act, credit, change requests, tracking), its audit trail, and the customer's
   * exposure and ageing now.
   * @throws {ArchivedOrderError} for an archived order (AR-5: read it through the archive).
   */
  async order(orderId: string): Promise<OrderPicture | undefined> {
    const view = await this.#orders.get(parseOrThrow(Id, orderId, 'orderId'));
    if (!view) return undefined;
    // `get` refused an archived order: the trail, the customer and (CR-4) the customer's orders
    // confirmed here and not yet invoiced, as an assessment counts them, are read side by side
    const [trail, customer, confirmedOrders] = await Promise.all([
      this.#orders.trail(view.order.id),
      this.#orders.customer(view.order.customer.id),
      this.#orders.confirmedUninvoiced(view.order.customer.id, view.order.id),
    ]);
    const history = trail.map(parseAuditEvent);
    const at = this.#runner.clock.now();
    let credit: OrderPicture['credit'];
    if (customer) {
      try {
        credit = {
          exposure: creditExposure(view.order, customer, {
            policy: this.policy,
            at,
            confirmedOrders,
          }),
          ageing: customerAgeing(customer, { policy: this.policy, at }),
        };
      } catch {
        credit = undefined; // facts the rules could not read (e.g. a missing rate) show as absent
      }
    }
    return { ...view, history, ...(credit ? { credit } : {}) };
  }

  /**
   * The order's audit trail, oldest first (AR-5: archived orders only through the archive), each
   * event read through the catalogue (`parseAuditEvent`): narrow on `type` for its payload.
   * @throws {ValidationError} when a stored event's type or payload is not the catalogue's.
   */
  async history(orderId: string): Promise<TypedAuditEvent[]> {
    return (await this.#orders.history(parseOrThrow(Id, orderId, 'orderId'))).map(parseAuditEvent);
  }

  /** Revision `n` of an order (CH-5), or undefined. */
  async revision(orderId: string, n: number): Promise<Order | undefined> {
    return this.#orders.revision(parseOrThrow(Id, orderId, 'orderId'), n);
  }

  /** Field-by-field and line-by-line differences between two revisions (CH-5). */
  async diff(orderId: string, from: number, to: number): Promise<RevisionDiff> {
    return this.#orders.diff(parseOrThrow(Id, orderId, 'orderId'), from, to);
  }

  /**
   * What the actor may do on the order right now, and for every other action why not: the code,
   * the rule and the localized message key. Decided by the same rules as the commands, without
   * writing anything.
   * @throws {NotFoundError} when there is no such order.
   */
  async allowedActions(orderId: string, actor: ActorInput): Promise<AllowedAction[]> {
    const id = parseOrThrow(Id, orderId, 'orderId');
    const a = parseOrThrow(Actor, actor, 'actor');
    const out: AllowedAction[] = [];
    const now = this.#runner.clock.now();
    // every probe decided on one read of the order (and its customer)
    const results = await this.#orders.dryRuns(
      id,
      PROBES.map(([, probe]) => probe(a, now)),
    );
    for (const [n, [action]] of PROBES.entries()) {
      const r = results[n]!;
      out.push(
        r.ok || r.code === 'RETURNED' || PROBE_OK[action] === r.code
          ? { action, allowed: true }
          : {
              action,
              allowed: false,
              code: r.code,
              ...(r.ruleId ? { ruleId: r.ruleId } : {}),
              messageKey: r.messageKey,
              params: r.params,
            },
      );
    }
    return out;
  }

  /**
   * The actor's work queue: orders waiting for an act the actor may take now (approve a step,
   * release credit, approve a change or a shipping exception, confirm), urgent first (IN-4),
   * then by due time (RV-2). Each line also carries its customer, total with tax, the rules that
   * put it there, whether it is overdue, and the open steps waiting for the actor — a step the
   * actor would sign as someone's substitute under a policy delegation names them (`workLine`).
   */
  async workQueue(actor: ActorInput): Promise<WorkItem[]> {
    const a = parseOrThrow(Actor, actor, 'actor');
    const candidates = await this.#orders.list([
      'in_review',
      'credit_hold',
      'approved',
      'confirmed',
      'in_fulfilment',
      'delivered',
      'change_pending',
    ]);
    const items: WorkItem[] = [];
    for (const view of candidates) {
      const actions: OrderAction[] = [];
      for (const [action, probe] of PROBES) {
        if (!QUEUE_ACTIONS.has(action)) continue;
        if (action === 'approveChange' && !view.workflow.change?.pending) continue;
        if (
          action === 'approveShippingException' &&
          !view.workflow.credit?.shippingExceptions?.some((e) => e.status === 'pending')
        )
          continue;
        if (
          action === 'recordWrittenConfirmation' &&
          (view.order.channel !== 'verbal' || view.order.writtenConfirmation !== undefined)
        )
          continue;
        const r = await this.#orders.dryRun(view.order.id, probe(a, this.#runner.clock.now()));
        if (r.ok) actions.push(action);
      }
      if (actions.length === 0) continue;
      const due = [
        ...(view.workflow.route?.steps ?? []),
        ...(view.workflow.change?.pending?.route.steps ?? []),
        ...(view.workflow.credit?.shippingExceptions ?? [])
          .filter((e) => e.status === 'pending')
          .flatMap((e) => e.route.steps),
      ]
        .filter((s) => s.status === 'active' && s.deadline !== undefined)
        .map((s) => s.deadline as string)
        .sort()[0];
      items.push({
        orderId: view.order.id,
        ...(view.order.number ? { number: view.order.number } : {}),
        status: view.workflow.status,
        urgent: view.order.urgent,
        ...(due ? { dueAt: due } : {}),
        actions,
        ...workLine(
          view,
          {
            actor: a,
            at: this.#runner.clock.now(),
            ...(due ? { dueAt: due } : {}),
            releases: actions.includes('releaseCredit'),
          },
          this.policy,
        ),
      });
    }
    return items.sort(
      (x, y) =>
        Number(y.urgent) - Number(x.urgent) ||
        (x.dueAt ?? '\uffff').localeCompare(y.dueAt ?? '\uffff') ||
        x.orderId.localeCompare(y.orderId),
    );
  }

  /** A stored customer with its credit facts, or undefined. */
  async customer(customerId: string): Promise<Customer | undefined> {
    return this.#orders.customer(parseOrThrow(Id, customerId, 'customerId'));
  }

  /** The customer's limit in force now, with approved temporary increases (CR-3). */
  async effectiveLimit(customerId: string): Promise<EffectiveLimit | undefined> {
    const c = await this.customer(customerId);
    return c ? effectiveLimit(c.credit, this.#runner.clock.now(), this.policy) : undefined;
  }

  /** The customer's receivables ageing now (CR-7). */
  async ageing(customerId: string): Promise<AgeingReport | undefined> {
    const c = await this.customer(customerId);
    return c ? customerAgeing(c, { policy: this.policy, at: this.#runner.clock.now() }) : undefined;
  }

  /** A credit request, or undefined. */
  async creditRequest(requestId: string): Promise<CreditRequest | undefined> {
    return this.#credit.request(parseOrThrow(Id, requestId, 'requestId'));
  }

  /** Credit requests, oldest first, optionally of one customer. */
  async creditRequests(customerId?: string): Promise<CreditRequest[]> {
    return this.#credit.requests(
      customerId === undefined ? undefined : parseOrThrow(Id, customerId, 'customerId'),
    );
  }

  /**
   * The customer's credit trail (CR-1, CR-3), oldest first, each event read through the catalogue
   * (`parseAuditEvent`).
   * @throws {ValidationError} when a stored event's type or payload is not the catalogue's.
   */
  async customerHistory(customerId: string): Promise<TypedAuditEvent[]> {
    return (await this.#credit.history(parseOrThrow(Id, customerId, 'customerId'))).map(
      parseAuditEvent,
    );
  }

  /** TR-1: the order's status and its fulfilment timeline. */
  async timeline(orderId: string) {
    return this.#tracking.timeline(parseOrThrow(Id, orderId, 'orderId'));
  }

  /** TR-5: metrics per period, customer, product or salesperson. */
  async metrics(options: Omit<MetricsOptions, 'timeZone'> = {}): Promise<OrderMetrics[]> {
    return this.#tracking.metrics(options);
  }

  /** AR-6: archives by number, customer, product and period (index entries; content needs a grant). */
  async searchArchive(query: ArchiveQuery = {}): Promise<ArchiveIndexEntry[]> {
    return this.#archive.search(query);
  }

  /**
   * AR-6: archives due for disposal — from the retention anniversary of archiving (10 years by
   * default, in the policy's time zone), not the day before — and not on legal hold.
   */
  async dueForDisposal(): Promise<ArchiveIndexEntry[]> {
    return this.#archive.dueForDisposal();
  }

  /**
   * AR-4: the contract ledger — archived orders' customers, amounts and terms — for a reader who
   * holds a role of `archive.access.approverRoles` or `archive.filing.roles`; every read is
   * recorded on the filing trail.
   */
  async contractLedger(actor: ActorInput): Promise<Result<ContractLedgerEntry[]>> {
    return this.#archive.readContractLedger(actor);
  }

  /** AR-2: verifies archives against their seals, streams and the orders' live trails. */
  async verifyArchive(archiveId?: string): Promise<ArchiveVerification> {
    return this.#archive.verify(
      archiveId === undefined ? undefined : parseOrThrow(Id, archiveId, 'archiveId'),
    );
  }

  /**
   * Verifies every audit stream and every record's anchor: each chain's links and hashes, each
   * record's stream length and head as the record remembers them (truncation, deletion, appended
   * events), and each record against the state its trail sealed (an edited record).
   */
  async verify(): Promise<IntegrityReport> {
    const store = this.#runner.store;
    const problems: IntegrityProblem[] = [];
    let events = 0;
    let records = 0;
    const owners = new Map<string, { kind: RecordKind; key: string }>();
    for (const kind of Object.keys(KINDS) as RecordKind[]) {
      if (!KINDS[kind].stream) continue;
      for (const record of await store.find(kind)) {
        records++;
        const stream = KINDS[kind].stream(record.key);
        owners.set(stream, { kind, key: record.key });
        const sealed = await store.readSealed(stream);
        const last = sealed[sealed.length - 1];
        if (
          record.trail === undefined ||
          last === undefined ||
          last.seq !== record.trail.seq ||
          last.hash !== record.trail.hash
        ) {
          problems.push({ code: 'TRAIL_MISMATCH', stream, kind, key: record.key });
          continue;
        }
        const anchored = (await store.readStream(stream))
          .reverse()
          .find((e) => e.recordHash !== undefined);
        if (anchored?.recordHash !== this.#runner.recordHash(record.value))
          problems.push({ code: 'RECORD_ALTERED', stream, kind, key: record.key });
      }
    }
    const streams = await store.streams();
    for (const stream of streams) {
      const result = verifySealed(await store.readSealed(stream), this.#runner.hasher);
      if (!result.ok) problems.push({ code: 'CHAIN_BROKEN', stream, detail: result.problem });
      else events += result.events;
      const owner = ownerOf(stream);
      if (owner && !owners.has(stream))
        problems.push({ code: 'RECORD_MISSING', stream, kind: owner.kind, key: owner.key });
    }
    return problems.length > 0
      ? { ok: false, problems }
      : { ok: true, streams: streams.length, events, records };
  }

  async #act(
    orderId: string,
    event: (actor: Actor) => WorkflowEvent,
    actor: ActorInput,
  ): Promise<Result<OrderView>> {
    const id = parseOrThrow(Id, orderId, 'orderId');
    const a = parseOrThrow(Actor, actor, 'actor');
    return this.#orders.act(id, event(a));
  }
}
