import type { AuditDraft, AuditEvent } from '../audit/AuditEvent.js';
import { verifySealed, type ChainHead, type ChainVerification } from '../audit/auditChain.js';
import type { Route } from '../approvals/Route.js';
import { ArchivedOrderError, NotFoundError, parseOrThrow } from '../errors.js';
import { Actor, type ActorInput } from '../model/Actor.js';
import { Customer } from '../model/Customer.js';
import type { Finding } from '../model/Finding.js';
import { Order, type OrderInput } from '../model/Order.js';
import type { Policy } from '../policy/Policy.js';
import type { Clock } from '../ports/Clock.js';
import { portableSha256, type Hasher } from '../ports/Hasher.js';
import type { IdSource } from '../ports/IdSource.js';
import type { Notifier } from '../ports/Notifier.js';
import type { Store } from '../ports/Store.js';
import { formatOrderNumber, sequenceScope } from '../rules/intake/formatOrderNumber.js';
import type { Effect, EffectDraft } from '../workflow/Effect.js';
import { initialWorkflow, type OrderWorkflow } from '../workflow/OrderWorkflow.js';
import { TRANSITIONS, transition } from '../workflow/transition.js';
import type { RecordedEvent } from '../workflow/TransitionResult.js';
import type { WorkflowEvent } from '../workflow/WorkflowEvent.js';
import type { DeskResult } from './DeskResult.js';
// change control (CH)
import {
  CancellationRequest,
  ChangeRequest,
  type CancellationRequestInput,
  type ChangeRequestInput,
} from '../change/ChangeRequest.js';
import { diffRevisions, type RevisionDiff } from '../change/diffRevisions.js';
import { ORDER_KIND, orderStream, type OrderRecord, type OrderView } from './OrderRecord.js';
import { withRetry } from '../internal/withRetry.js';

/** Ports and policy an `OrderDesk` runs on. */
export interface OrderDeskOptions {
  policy: Policy;
  store: Store;
  clock: Clock;
  ids: IdSource;
  /** Receives the effects of every committed transition; effects are only returned when absent. */
  notifier?: Notifier;
  /** Hash for `verify`; must match the store's. */
  hasher?: Hasher;
  /** Attempts on a concurrent modification before giving up (default 8). */
  maxAttempts?: number;
}

/** Events the clock drives; `checkDeadlines` sends each to the orders whose status accepts it. */
const CLOCK_EVENTS = [
  'CHECK_DEADLINES',
  'CHECK_CHANGE_DEADLINES',
  'CHECK_CREDIT_RELEASE',
  'CHECK_DELIVERY',
] as const;

/**
 * Store record kind of customers (credit facts).
 *
 * @example
 * const acme = (await store.get<Customer>(CUSTOMER_KIND, 'c1'))?.value;
 */
export const CUSTOMER_KIND = 'customer';

/**
 * The order desk: the application service over the pure core. It parses input, assigns order
 * numbers (IN-1), runs `transition`, commits the new state and its audit events atomically with
 * optimistic versioning (retrying on concurrent writers), and hands effects to the notifier.
 *
 * @example
 * const desk = new OrderDesk({ policy, store: new MemoryStore(), clock, ids });
 * const r = await desk.submit(orderInput, { id: 'u-li', groups: ['sales'] });
 * if (r.ok) await desk.approve(r.value.order.id, { id: 'u-wang', groups: [] });
 */
export class OrderDesk {
  readonly policy: Policy;
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #notifier: Notifier | undefined;
  readonly #hasher: Hasher;
  readonly #maxAttempts: number;

  constructor(options: OrderDeskOptions) {
    this.policy = options.policy;
    this.#store = options.store;
    this.#clock = options.clock;
    this.#notifier = options.notifier;
    this.#hasher = options.hasher ?? portableSha256;
    this.#maxAttempts = options.maxAttempts ?? 8;
  }

  /**
   * Receives an order for review and assesses it at once (IN-1…IN-4, RV-*): new orders get their
   * number; a returned order is resubmitted after correction (RV-9), keeping its number. An order
   * with content a salesperson can fix (a missing quantity or price, an impossible delivery date,
   * missing contact or invoice data…) is numbered, stored and returned to sales with IN-2
   * findings listing every item (`ok: true`, status `returned`).
   * @throws {ValidationError} when the order is not an order at all (wrong types, absurd sizes:
   *   see `Order`) or the actor is malformed, listing every bad path; nothing is written then.
   */
  async submit(order: OrderInput, actorInput: ActorInput): Promise<DeskResult<OrderView>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const parsed = parseOrThrow(Order, order, 'order');
    return withRetry(this.#maxAttempts, async () => {
      const existing = await this.#store.get<OrderRecord>(ORDER_KIND, parsed.id);
      if (existing && !['draft', 'returned'].includes(existing.value.workflow.status)) {
        return {
          ok: false,
          code: 'ALREADY_SUBMITTED',
          message: `order ${parsed.id} is already ${existing.value.workflow.status}`,
          messageKey: 'workflow.alreadySubmitted',
          params: { status: existing.value.workflow.status },
        } as const;
      }
      const now = this.#clock.now();
      let order: Order;
      if (existing) {
        order = {
          ...parsed,
          number: existing.value.order.number,
          revision: existing.value.order.revision,
        };
      } else {
        const seq = await this.#store.nextSequence(sequenceScope(this.policy, now));
        order = {
          ...parsed,
          number: formatOrderNumber(this.policy.intake.numbering.pattern, {
            sequence: seq,
            submittedAt: now,
            timeZone: this.policy.timeZone,
          }),
        };
      }
      const state = existing?.value.workflow ?? initialWorkflow(order.id, order.salesperson);
      return this.#run(
        {
          order,
          revisions: existing?.value.revisions ?? [],
          state,
          version: existing?.version ?? 0,
          now,
          actor: actor.id,
        },
        [{ type: 'SUBMIT', actor }, { type: 'ASSESS' }],
      );
    });
  }

  /** Approves a step of the order's route (the first the actor can approve when `step` is absent). */
  approve(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<DeskResult<OrderView>> {
    const a = parseOrThrow(Actor, actor, 'actor');
    return this.act(orderId, { type: 'APPROVE', actor: a, ...options });
  }

  /** Rejects the order; a reason is required (RV-9). */
  reject(orderId: string, actor: ActorInput, reason: string): Promise<DeskResult<OrderView>> {
    return this.act(orderId, {
      type: 'REJECT',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reason,
    });
  }

  /** Returns the order to sales for correction with the reasons (RV-9). */
  returnToSales(
    orderId: string,
    actor: ActorInput,
    reason: string,
  ): Promise<DeskResult<OrderView>> {
    return this.act(orderId, {
      type: 'RETURN',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reason,
    });
  }

  /** Records the customer's written confirmation of a verbal order (IN-3). */
  recordWrittenConfirmation(
    orderId: string,
    actor: ActorInput,
    reference: string,
  ): Promise<DeskResult<OrderView>> {
    return this.act(orderId, {
      type: 'RECORD_WRITTEN_CONFIRMATION',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reference,
    });
  }

  /** Confirms an approved order (IN-3 and RV-10 gates; RV-11 stock check after). */
  confirm(orderId: string, actor: ActorInput): Promise<DeskResult<OrderView>> {
    return this.act(orderId, { type: 'CONFIRM', actor: parseOrThrow(Actor, actor, 'actor') });
  }

  // --- change control (CH-1…CH-7) ---

  /**
   * Requests a change of a confirmed order against a named revision (CH-1, CH-2, CH-4).
   * @throws {ValidationError} when the request is malformed or its patch does not fit the current
   *   revision; nothing is written then.
   */
  requestChange(
    orderId: string,
    actor: ActorInput,
    request: ChangeRequestInput,
  ): Promise<DeskResult<OrderView>> {
    const parsed = parseOrThrow(ChangeRequest, request, 'change request');
    return this.act(orderId, {
      type: 'REQUEST_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      request: parsed,
    });
  }

  /** Requests the cancellation of a confirmed order; a reason is required (CH-3). */
  requestCancellation(
    orderId: string,
    actor: ActorInput,
    request: string | Omit<CancellationRequestInput, 'kind'>,
  ): Promise<DeskResult<OrderView>> {
    const input = typeof request === 'string' ? { reason: request } : request;
    const parsed = parseOrThrow(
      CancellationRequest,
      { ...input, kind: 'cancel' },
      'cancellation request',
    );
    return this.act(orderId, {
      type: 'REQUEST_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      request: parsed,
    });
  }

  /** Approves a step of the pending change request's route; the last step applies it (CH-5). */
  approveChange(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<DeskResult<OrderView>> {
    return this.act(orderId, {
      type: 'APPROVE_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...options,
    });
  }

  /** Rejects the pending change request; a reason is required. */
  rejectChange(orderId: string, actor: ActorInput, reason: string): Promise<DeskResult<OrderView>> {
    return this.act(orderId, {
      type: 'REJECT_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reason,
    });
  }

  /** Revision `n` of an order, current or earlier (CH-5); undefined when there is none. */
  async revision(orderId: string, n: number): Promise<Order | undefined> {
    const found = await this.get(orderId);
    if (!found) return undefined;
    return found.order.revision === n ? found.order : found.revisions.find((r) => r.revision === n);
  }

  /**
   * Compares two revisions of an order field by field and line by line (CH-5).
   * @throws {NotFoundError} when the order or either revision does not exist.
   */
  async diff(orderId: string, from: number, to: number): Promise<RevisionDiff> {
    const found = await this.get(orderId);
    if (!found) throw new NotFoundError('order', orderId);
    const pick = (n: number) => {
      const order =
        found.order.revision === n ? found.order : found.revisions.find((r) => r.revision === n);
      if (!order) throw new NotFoundError('revision', `${orderId}@${String(n)}`);
      return order;
    };
    return diffRevisions(pick(from), pick(to));
  }

  /**
   * Runs every clock-driven check on every order whose status accepts it: review and change
   * deadlines, flagged and escalated when overdue (RV-2, CH-2), expired credit releases put back
   * on hold (CR-4), deliveries at risk of missing their date (TR-2). Returns the orders for which
   * something was flagged. Call it on a schedule.
   */
  async checkDeadlines(): Promise<string[]> {
    const flagged: string[] = [];
    for (const record of await this.#store.list<OrderRecord>(ORDER_KIND)) {
      const accepted = TRANSITIONS[record.value.workflow.status];
      let raised = false;
      for (const type of CLOCK_EVENTS) {
        if (!accepted.includes(type)) continue;
        const r = await this.act(record.key, { type });
        raised ||= r.ok && r.effects.length > 0;
      }
      if (raised) flagged.push(record.key);
    }
    return flagged;
  }

  /**
   * Applies any workflow event to a stored order: load, `transition`, commit with the version
   * read (retrying on a concurrent writer), deliver effects.
   * @throws {NotFoundError} when no order has that id.
   */
  act(orderId: string, event: WorkflowEvent): Promise<DeskResult<OrderView>> {
    return withRetry(this.#maxAttempts, async () => {
      const found = await this.#store.get<OrderRecord>(ORDER_KIND, orderId);
      if (!found) throw new NotFoundError('order', orderId);
      const actor = 'actor' in event ? event.actor.id : null;
      return this.#run(
        {
          order: found.value.order,
          revisions: found.value.revisions,
          state: found.value.workflow,
          version: found.version,
          now: this.#clock.now(),
          actor,
        },
        [event],
      );
    });
  }

  /** Stores (or replaces) a customer's credit facts for later assessments. */
  async putCustomer(input: unknown): Promise<void> {
    const customer = parseOrThrow(Customer, input, 'customer');
    await withRetry(this.#maxAttempts, async () => {
      const found = await this.#store.get(CUSTOMER_KIND, customer.id);
      await this.#store.commit({
        writes: [
          {
            kind: CUSTOMER_KIND,
            key: customer.id,
            expectedVersion: found?.version ?? 0,
            value: customer,
          },
        ],
        events: [],
      });
    });
  }

  /**
   * The order and its workflow, or undefined.
   * @throws {ArchivedOrderError} for an archived order: read it through `ArchiveDesk` (AR-5).
   */
  async get(orderId: string): Promise<OrderView | undefined> {
    const found = await this.#store.get<OrderRecord>(ORDER_KIND, orderId);
    if (found?.value.workflow.status === 'archived') throw new ArchivedOrderError(orderId);
    return found ? { ...found.value, version: found.version } : undefined;
  }

  /** Findings of the order's last assessment. */
  async assessment(orderId: string): Promise<readonly Finding[] | undefined> {
    return (await this.get(orderId))?.workflow.findings;
  }

  /** The order's approval route with who approved what. */
  async approvalState(orderId: string): Promise<Route | undefined> {
    return (await this.get(orderId))?.workflow.route;
  }

  /**
   * The order's audit trail, oldest first.
   * @throws {ArchivedOrderError} for an archived order (AR-5).
   */
  async history(orderId: string): Promise<AuditEvent[]> {
    await this.get(orderId);
    return this.#store.readStream(orderStream(orderId));
  }

  /**
   * Orders waiting in review, urgent first (IN-4), then by review deadline.
   */
  async queue(): Promise<OrderView[]> {
    const list = (await this.#store.list<OrderRecord>(ORDER_KIND))
      .filter((r) => r.value.workflow.status === 'in_review')
      .map((r) => ({ ...r.value, version: r.version }));
    return list.sort(
      (a, b) =>
        Number(b.order.urgent) - Number(a.order.urgent) ||
        (a.workflow.route?.reviewDeadline ?? '').localeCompare(
          b.workflow.route?.reviewDeadline ?? '',
        ),
    );
  }

  /**
   * Verifies the hash chain of one order's audit trail, or of every stream in the store.
   */
  async verify(orderId?: string): Promise<ChainVerification> {
    const streams = orderId === undefined ? await this.#store.streams() : [orderStream(orderId)];
    let total = 0;
    let head: ChainHead | undefined;
    for (const stream of streams) {
      const result = verifySealed(await this.#store.readSealed(stream), this.#hasher);
      if (!result.ok) return result;
      total += result.events;
      head = result.head;
    }
    return { ok: true, events: total, head };
  }

  async #run(
    start: {
      order: Order;
      revisions: readonly Order[];
      state: OrderWorkflow;
      version: number;
      now: string;
      actor: string | null;
    },
    events: readonly WorkflowEvent[],
  ): Promise<DeskResult<OrderView>> {
    const { now } = start;
    let order = start.order;
    const revisions = [...start.revisions];
    const customer = (await this.#store.get<Customer>(CUSTOMER_KIND, order.customer.id))?.value;
    let state = start.state;
    const recorded: RecordedEvent[] = [];
    const drafts: EffectDraft[] = [];
    const findings: Finding[] = [];
    for (const event of events) {
      const r = transition(state, event, {
        policy: this.policy,
        order,
        now,
        ...(customer ? { customer } : {}),
      });
      if (!r.ok) return r;
      state = r.state;
      if (r.order) {
        // A new revision keeps the old one readable (CH-5); a same-revision update replaces it.
        if (r.order.revision !== order.revision) revisions.push(order);
        order = r.order;
      }
      recorded.push(...r.events);
      drafts.push(...r.effects);
      findings.push(...r.findings);
    }
    if (recorded.length === 0 && drafts.length === 0 && state === start.state) {
      return {
        ok: true,
        value: { order, workflow: state, revisions, version: start.version },
        findings,
        effects: [],
      };
    }
    const version = start.version + 1;
    const audit: AuditDraft[] = recorded.map((e) => ({
      stream: orderStream(order.id),
      type: e.type,
      at: now,
      actor: start.actor,
      ...(e.ruleIds ? { ruleIds: e.ruleIds } : {}),
      data: e.data,
    }));
    const record: OrderRecord = { order, workflow: state, revisions };
    await this.#store.commit({
      writes: [{ kind: ORDER_KIND, key: order.id, expectedVersion: start.version, value: record }],
      events: audit,
    });
    const effects: Effect[] = drafts.map((d, i) => ({
      ...d,
      key: `${order.id}:${version}:${i}`,
      orderId: order.id,
    }));
    if (this.#notifier && effects.length > 0) await this.#notifier.deliver(effects);
    return { ok: true, value: { ...record, version }, findings, effects };
  }
}
