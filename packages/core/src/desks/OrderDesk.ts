import type { AuditEvent } from '../audit/AuditEvent.js';
import { ArchivedOrderError, NotFoundError, parseOrThrow } from '../errors.js';
import { Actor, type ActorInput } from '../model/Actor.js';
import { Customer } from '../model/Customer.js';
import type { Finding } from '../model/Finding.js';
import { Order, type OrderInput } from '../model/Order.js';
import type { Policy } from '../policy/Policy.js';
import type { IdSource } from '../ports/IdSource.js';
import { mergeCustomerFacts, sameCustomerFacts } from '../state/mergeCustomerFacts.js';
import { Records } from '../runner/records.js';
import { toRefusal, type Result } from '../runner/Result.js';
import type { Runner } from '../runner/Runner.js';
import { formatOrderNumber, sequenceScope } from '../rules/intake/formatOrderNumber.js';
import type { Effect, EffectDraft } from '../state/Effect.js';
import { initialWorkflow, type OrderWorkflow } from '../state/OrderWorkflow.js';
import { TRANSITIONS, transition } from '../workflow/transition.js';
import type { RecordedEvent } from '../state/TransitionResult.js';
import type { TypedAuditDraft } from '../state/auditEventTypes.js';
import type { WorkflowEvent } from '../state/WorkflowEvent.js';
// change control (CH)
import {
  AmendmentSignature,
  CancellationRequest,
  ChangeRequest,
  OrderEdit,
  type CancellationRequestInput,
  type ChangeOp,
  type ChangeRequestInput,
} from '../state/ChangeRequest.js';
import { LOCKED_STATUSES } from '../state/OrderStatus.js';
import { diffRevisions, isEmptyDiff, type RevisionDiff } from '../rules/change/diffRevisions.js';
import { orderStream, type OrderRecord, type OrderView } from '../state/OrderRecord.js';

/** Ports and policy an `OrderDesk` runs on. */
export interface OrderDeskOptions {
  policy: Policy;
  runner: Runner;
  ids: IdSource;
}

/**
 * Statuses of an order confirmed to the customer and not yet settled: while its settlement does
 * not record it invoiced, it counts in its customer's exposure (CR-4).
 */
const CONFIRMED_STATUSES = ['confirmed', 'change_pending', 'in_fulfilment', 'delivered'] as const;

/** Events the clock drives; `checkDeadlines` sends each to the orders whose status accepts it. */
const CLOCK_EVENTS = [
  'CHECK_DEADLINES',
  'CHECK_CHANGE_DEADLINES',
  'CHECK_CREDIT_RELEASE',
  'CHECK_DELIVERY',
] as const;

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
  readonly #runner: Runner;
  readonly #records: Records;

  constructor(options: OrderDeskOptions) {
    this.policy = options.policy;
    this.#runner = options.runner;
    this.#records = new Records(options.runner.store);
  }

  get #store() {
    return this.#runner.store;
  }

  get #clock() {
    return this.#runner.clock;
  }

  /**
   * Receives an order for review and assesses it at once (IN-1…IN-4, RV-*): new orders get their
   * number; a returned order is resubmitted after correction (RV-9), keeping its number. An order
   * with content a salesperson can fix (a missing quantity or price, an impossible delivery date,
   * missing contact or invoice data…) is numbered, stored and returned to sales with IN-2
   * findings listing every item: a `RETURNED` refusal with the stored order in `recorded`.
   * @throws {ValidationError} when the order is not an order at all (wrong types, absurd sizes:
   *   see `Order`) or the actor is malformed, listing every bad path; nothing is written then.
   */
  async submit(order: OrderInput, actorInput: ActorInput): Promise<Result<OrderView>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const parsed = parseOrThrow(Order, order, 'order');
    return this.#runner.attempt(async () => {
      const existing = await this.#records.get('order', parsed.id);
      const status = existing?.value.workflow.status;
      if (existing && status && LOCKED_STATUSES.has(status)) {
        // CH-1: a confirmed order is locked; submitting other data for it is an edit, refused.
        const number = existing.value.order.number;
        return toRefusal<OrderView>({
          ok: false,
          code: 'ALREADY_SUBMITTED',
          ruleId: 'CH-1',
          message: `order ${parsed.id} is ${status} and locked: it changes only through a change request`,
          messageKey: 'change.edit.locked',
          params: { number },
        });
      }
      if (existing && status && !['draft', 'returned'].includes(status)) {
        return toRefusal<OrderView>(
          {
            ok: false,
            code: 'ALREADY_SUBMITTED',
            message: `order ${parsed.id} is already ${status}`,
            messageKey: 'workflow.alreadySubmitted',
            params: { status },
          },
          'RV-9',
        );
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
      // RV-9: a returned order submitted again with other data is a correction, recorded as its diff.
      const corrected = existing ? diffRevisions(existing.value.order, order) : undefined;
      const prelude: RecordedEvent[] =
        corrected && !isEmptyDiff(corrected)
          ? [
              {
                type: 'order.edited',
                ruleIds: ['RV-9'],
                data: {
                  revision: order.revision,
                  by: actor.id,
                  source: 'resubmission',
                  header: corrected.header,
                  lines: corrected.lines,
                },
              },
            ]
          : [];
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
        prelude,
      );
    });
  }

  /** Approves a step of the order's route (the first the actor can approve when `step` is absent). */
  approve(
    orderId: string,
    actor: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<Result<OrderView>> {
    const a = parseOrThrow(Actor, actor, 'actor');
    return this.act(orderId, { type: 'APPROVE', actor: a, ...options });
  }

  /** Rejects the order; a reason is required (RV-9). */
  reject(orderId: string, actor: ActorInput, reason: string): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'REJECT',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reason,
    });
  }

  /** Returns the order to sales for correction with the reasons (RV-9). */
  returnToSales(orderId: string, actor: ActorInput, reason: string): Promise<Result<OrderView>> {
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
  ): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'RECORD_WRITTEN_CONFIRMATION',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reference,
    });
  }

  /** Confirms an approved order (IN-3 and RV-10 gates; RV-11 stock check after). */
  confirm(orderId: string, actor: ActorInput): Promise<Result<OrderView>> {
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
  ): Promise<Result<OrderView>> {
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
  ): Promise<Result<OrderView>> {
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
  ): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'APPROVE_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...options,
    });
  }

  /** Rejects the pending change request; a reason is required. */
  rejectChange(orderId: string, actor: ActorInput, reason: string): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'REJECT_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reason,
    });
  }

  /**
   * Withdraws the pending change or cancellation request (CH-2): its requester or the order's
   * owner only; the order returns unchanged to its status and open approvals are closed.
   */
  withdrawChange(orderId: string, actor: ActorInput, reason?: string): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'WITHDRAW_CHANGE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /**
   * Records the signed amendment (or termination) of an approved change of a contract order and
   * enters it in the contract ledger (CH-7): the change takes effect.
   * @throws {ValidationError} when the reference or the signing instant is malformed.
   */
  recordAmendmentSigned(
    orderId: string,
    actor: ActorInput,
    signature: { reference: string; signedAt: string },
  ): Promise<Result<OrderView>> {
    const s = parseOrThrow(AmendmentSignature, signature, 'amendment');
    return this.act(orderId, {
      type: 'RECORD_AMENDMENT_SIGNED',
      actor: parseOrThrow(Actor, actor, 'actor'),
      reference: s.reference,
      signedAt: s.signedAt,
    });
  }

  /**
   * Corrects a draft or returned order (CH-1, RV-9): field-level operations, by its owner,
   * recorded as a diff; a confirmed order refuses it (CH-1).
   * @throws {ValidationError} when the patch, or the order it makes, is malformed.
   */
  editOrder(
    orderId: string,
    actor: ActorInput,
    patch: readonly ChangeOp[],
  ): Promise<Result<OrderView>> {
    return this.act(orderId, {
      type: 'EDIT_ORDER',
      actor: parseOrThrow(Actor, actor, 'actor'),
      patch: parseOrThrow(OrderEdit, patch, 'edit'),
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
  async checkDeadlines(): Promise<ScheduledCheck[]> {
    const flagged: ScheduledCheck[] = [];
    const statuses = Object.entries(TRANSITIONS)
      .filter(([, accepted]) => CLOCK_EVENTS.some((t) => accepted.includes(t)))
      .map(([status]) => status);
    for (const record of await this.#records.find('order', { status: statuses })) {
      const accepted = TRANSITIONS[record.value.workflow.status];
      const effects: Effect[] = [];
      const findings: Finding[] = [];
      for (const type of CLOCK_EVENTS) {
        if (!accepted.includes(type)) continue;
        const r = await this.act(record.key, { type });
        if (r.ok) {
          effects.push(...r.effects);
          findings.push(...r.findings);
        }
      }
      if (effects.length > 0) flagged.push({ orderId: record.key, effects, findings });
    }
    return flagged;
  }

  /**
   * Applies a workflow event to a stored order: load, `transition`, commit with the version read
   * (retrying on a concurrent writer). Internal: the façade names every action. An order the
   * store does not hold is a `NOT_FOUND` refusal, as for every other command.
   */
  act(orderId: string, event: WorkflowEvent): Promise<Result<OrderView>> {
    return this.#runner.attempt(async () => {
      const start = await this.#load(orderId, event);
      if (!start) {
        return toRefusal<OrderView>({
          ok: false,
          code: 'NOT_FOUND',
          message: `order ${orderId} not found`,
        });
      }
      return this.#run(start, [event]);
    });
  }

  /**
   * Decides an event against a stored order without committing anything: what `act` would
   * answer now. The façade's `allowedActions` asks this for every action.
   */
  async dryRun(orderId: string, event: WorkflowEvent): Promise<Result<OrderView>> {
    const start = await this.#load(orderId, event);
    if (!start) throw new NotFoundError('order', orderId);
    const d = await this.#decide(start, [event]);
    return 'outcome' in d ? d.outcome : ok(d.view, d.findings, []);
  }

  /**
   * Decides several events, each on its own, against the same stored order without committing
   * anything: what `act` would answer now for each (as many `dryRun`s, but the order and its
   * customer are read once). The façade's `allowedActions` asks this for every action.
   * @throws {NotFoundError} when there is no such order.
   */
  async dryRuns(orderId: string, events: readonly WorkflowEvent[]): Promise<Result<OrderView>[]> {
    const first = events[0];
    if (!first) return [];
    const start = await this.#load(orderId, first);
    if (!start) throw new NotFoundError('order', orderId);
    const customer = { value: await this.#customerOf(start.order) };
    const out: Result<OrderView>[] = [];
    for (const event of events) {
      const d = await this.#decide(start, [event], [], customer);
      out.push('outcome' in d ? d.outcome : ok(d.view, d.findings, []));
    }
    return out;
  }

  async #customerOf(order: Order): Promise<Customer | undefined> {
    return (await this.#records.get('customer', order.customer.id))?.value;
  }

  /** The stored order an event applies to, as a run starts from it; undefined when none. */
  async #load(orderId: string, event: WorkflowEvent): Promise<RunStart | undefined> {
    const found = await this.#records.get('order', orderId);
    if (!found) return undefined;
    return {
      order: found.value.order,
      revisions: found.value.revisions,
      state: found.value.workflow,
      version: found.version,
      now: this.#clock.now(),
      actor: 'actor' in event ? event.actor.id : null,
    };
  }

  /**
   * Stores a customer's credit facts for later assessments (a sync from the ERP), recorded on the
   * customer's trail, merged by field ownership (`mergeCustomerFacts`): ERP-owned fields are
   * replaced; a grade or limit approved here (CR-3) and temporary increases are kept, so a sync
   * never undoes an approval. Facts that change nothing but `asOf` write nothing.
   */
  async putCustomer(input: unknown, actor: string | null = null): Promise<Customer> {
    const incoming = parseOrThrow(Customer, input, 'customer');
    return this.#runner.attempt(async () => {
      const found = await this.#records.get('customer', incoming.id);
      const customer = mergeCustomerFacts(found?.value, incoming);
      // Facts that change nothing (a re-read, a sync resumed) write nothing and record nothing.
      if (found && sameCustomerFacts(found.value, customer)) return found.value;
      const now = this.#clock.now();
      await this.#runner.commit({
        at: now,
        writes: [
          {
            kind: 'customer',
            key: customer.id,
            expectedVersion: found?.version ?? 0,
            value: customer,
          },
        ],
        events: [
          {
            stream: `customer:${customer.id}`,
            type: found ? 'customer.updated' : 'customer.created',
            at: now,
            actor,
            ruleIds: ['CR-1'],
            data: {
              grade: customer.credit.grade ?? null,
              limit: customer.credit.limit ?? null,
              receivables: customer.receivables.length,
              openOrders: customer.openOrders.length,
            },
          },
        ],
      });
      return customer;
    });
  }

  /**
   * CR-4: the customer's orders this engine confirmed and has not seen invoiced (confirmed,
   * change pending, in fulfilment or delivered, settlement not invoiced), except `exceptOrderId`,
   * found through the store's customer and status index. The credit rules count those the ERP's
   * open orders do not list yet (`creditExposure`).
   */
  async confirmedUninvoiced(customerId: string, exceptOrderId?: string): Promise<Order[]> {
    const found = await this.#records.find('order', {
      customer: customerId,
      status: CONFIRMED_STATUSES,
    });
    return found
      .filter(
        (r) => r.key !== exceptOrderId && r.value.workflow.tracking?.settlement.invoiced !== true,
      )
      .map((r) => r.value.order);
  }

  /** A stored customer, or undefined. */
  async customer(customerId: string): Promise<Customer | undefined> {
    return (await this.#records.get('customer', customerId))?.value;
  }

  /**
   * The order and its workflow, or undefined.
   * @throws {ArchivedOrderError} for an archived order: read it through the archive (AR-5).
   */
  async get(orderId: string): Promise<OrderView | undefined> {
    const found = await this.#records.get('order', orderId);
    if (found?.value.workflow.status === 'archived') throw new ArchivedOrderError(orderId);
    return found ? { ...found.value, version: found.version } : undefined;
  }

  /**
   * The order's audit trail, oldest first.
   * @throws {ArchivedOrderError} for an archived order (AR-5).
   */
  async history(orderId: string): Promise<AuditEvent[]> {
    await this.get(orderId);
    return this.trail(orderId);
  }

  /**
   * The order's audit trail, oldest first, without the archive check: for a caller that has just
   * read the order through `get` (which throws for an archived one), so it is not read twice.
   */
  trail(orderId: string): Promise<AuditEvent[]> {
    return this.#store.readStream(orderStream(orderId));
  }

  /** Orders in the given statuses (every order when none is given), in id order. */
  async list(statuses?: readonly string[]): Promise<OrderView[]> {
    const found = await this.#records.find('order', statuses ? { status: statuses } : undefined);
    return found.map((r) => ({ ...r.value, version: r.version }));
  }

  async #run(
    start: RunStart,
    events: readonly WorkflowEvent[],
    prelude: readonly RecordedEvent[] = [],
  ): Promise<Result<OrderView>> {
    const decided = await this.#decide(start, events, prelude);
    if ('outcome' in decided) return decided.outcome;
    const { view, findings, drafts, audit, record } = decided;
    if (audit.length === 0 && drafts.length === 0 && view.workflow === start.state) {
      return ok(view, findings, []);
    }
    const version = start.version + 1;
    const effects: Effect[] = drafts.map((d, i) => ({
      ...d,
      key: `${view.order.id}:${String(version)}:${String(i)}`,
      orderId: view.order.id,
    }));
    await this.#runner.commit({
      at: start.now,
      writes: [
        { kind: 'order', key: view.order.id, expectedVersion: start.version, value: record },
      ],
      events: audit,
      effects,
    });
    await this.#runner.dispatch().catch(() => undefined);
    const stored = { ...record, version };
    if (stored.workflow.status === 'returned' && events.some((e) => e.type === 'ASSESS')) {
      // Received and numbered, but returned to sales for correction: not a success (IN-2, RV-1…).
      const refusal = toRefusal<OrderView>(
        {
          ok: false,
          code: 'RETURNED',
          message: `order ${view.order.id} was returned to sales for correction`,
          messageKey: 'workflow.returnedToSales',
          params: { number: view.order.number ?? view.order.id },
          findings,
        },
        'IN-2',
      );
      return { ...refusal, recorded: stored, effects };
    }
    return ok(stored, findings, effects);
  }

  async #decide(
    start: RunStart,
    events: readonly WorkflowEvent[],
    prelude: readonly RecordedEvent[] = [],
    /** The order's customer when the caller read it already (`dryRuns`). */
    known?: { value: Customer | undefined },
  ): Promise<
    | { outcome: Result<OrderView> }
    | {
        view: OrderView;
        record: OrderRecord;
        findings: Finding[];
        drafts: EffectDraft[];
        audit: TypedAuditDraft[];
      }
  > {
    const { now } = start;
    let order = start.order;
    const revisions = [...start.revisions];
    const customer = known ? known.value : await this.#customerOf(order);
    // credit (CR-4): an assessment counts the orders confirmed here and not yet invoiced
    const confirmedOrders = events.some((e) => e.type === 'ASSESS')
      ? await this.confirmedUninvoiced(order.customer.id, order.id)
      : undefined;
    let state = start.state;
    const recorded: RecordedEvent[] = [...prelude];
    const drafts: EffectDraft[] = [];
    const findings: Finding[] = [];
    for (const event of events) {
      const r = transition(state, event, {
        policy: this.policy,
        order,
        now,
        ...(customer ? { customer } : {}),
        ...(confirmedOrders ? { confirmedOrders } : {}),
      });
      if (!r.ok) return { outcome: toRefusal<OrderView>(r) };
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
    const audit: TypedAuditDraft[] = recorded.map((e) => ({
      ...e,
      stream: orderStream(order.id),
      at: now,
      actor: start.actor,
    }));
    const record: OrderRecord = { order, workflow: state, revisions };
    return {
      view: { ...record, version: start.version },
      record,
      findings,
      drafts,
      audit,
    };
  }
}

/** An order a scheduled check flagged, with what the check decided. */
export interface ScheduledCheck {
  orderId: string;
  effects: Effect[];
  findings: Finding[];
}

interface RunStart {
  order: Order;
  revisions: readonly Order[];
  state: OrderWorkflow;
  version: number;
  now: string;
  actor: string | null;
}

function ok(
  value: OrderView,
  findings: readonly Finding[],
  effects: readonly Effect[],
): Result<OrderView> {
  return { ok: true, value, findings, effects };
}

/**
 * A synced customer over the stored one: the ERP's facts (receivables, open orders, name) win;
 * what was approved here (grade, limit, temporary increases, evaluation date: CR-3) is kept
 * when the ERP does not send it.
 */
