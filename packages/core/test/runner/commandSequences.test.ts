import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvedShippingException,
  ArchivedOrderError,
  formatMessage,
  hasCreditTerms,
  MemoryStore,
  MESSAGES,
  openCreditHolds,
  openIssues,
  Ordergate,
  OrdergateError,
  orderTotals,
  paymentConfirmed,
  ValidationError,
  type Actor,
  type ApprovalRecord,
  type AuditEvent,
  type ChangeOp,
  type Commit,
  type CustomerInput,
  type Effect,
  type Finding,
  type MessageParam,
  type Order,
  type OrderInput,
  type OrderPicture,
  type OrderView,
  type RefusalCode,
  type Result,
  type Route,
} from '../../src/index.js';
import { makeCustomer, receivable } from '../support/credit.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { companyPolicy, companyRoles, people, testClock, testIds } from '../support/people.js';

// Random sequences of the façade's commands, by the company's people, on a few orders, customers,
// credit requests, archives and access requests. Whatever the sequence: every call answers a
// Result — or throws a typed OrdergateError: a ValidationError for an argument malformed on
// purpose (an order never stored is a NOT_FOUND refusal, like any other); every refusal is a literal code with a message in English and Chinese; the audit
// chains and the records' anchors verify; and the outbox delivers every committed effect
// successfully exactly once, each order's and customer's in commit order, to a receiver that
// fails at random and then recovers. And the invariants of the rules hold after every sequence
// (`checkInvariants`): an approved or later order had every review step approved; goods leave only
// paid, on credit terms or under an approved ship-before-payment exception (CR-8); nobody approves
// an order they own or submitted, nor a change or exception they asked for.

// AR-2: the company's archive keeper (an ERP user in the archive office) exports the backups
const policy = companyPolicy({ roles: { archiveKeeper: { groups: ['archive_office'] } } });
const KEEPER: Actor = { id: 'u-gao', groups: ['archive_office'] };
const PEOPLE: readonly Actor[] = [...Object.values(people), KEEPER];
const ORDER_IDS = ['o-1', 'o-2', 'o-3'] as const;
const CUSTOMER_IDS = ['c-1', 'c-2', 'c-3'] as const;

/** Every literal code a refusal may carry (a code missing here, or one too many, does not compile). */
const REFUSAL_CODES: Readonly<Record<RefusalCode, true>> = {
  INVALID_TRANSITION: true,
  BLOCKED: true,
  REASON_REQUIRED: true,
  SELF_APPROVAL: true,
  NOT_ELIGIBLE: true,
  ALREADY_APPROVED: true,
  STEP_NOT_ACTIVE: true,
  UNKNOWN_STEP: true,
  UNKNOWN_ISSUE: true,
  CONFLICT: true,
  INVALID_EXPIRY: true,
  ALREADY_SUBMITTED: true,
  RETURNED: true,
  NOT_FOUND: true,
  NOT_PENDING: true,
  ALREADY_DECIDED: true,
  NO_GRANT: true,
  CURRENCY_MISMATCH: true,
  INVALID_PATCH: true,
  INVALID_AMOUNT: true,
  REFERENCE_REQUIRED: true,
  ALREADY_RECORDED: true,
  INVALID_DATE: true,
};

/** The people holding any of `roles` under the company's role mapping. */
function holders(roles: readonly string[]): Actor[] {
  const mapping = companyRoles as Record<string, { groups?: string[] }>;
  const groups = new Set(roles.flatMap((r) => mapping[r]?.groups ?? []));
  return PEOPLE.filter((p) => p.groups.some((g) => groups.has(g)));
}

/** Who may act on a route's active steps: their roles, and the escalation level once overdue. */
function routeApprovers(route: Route | undefined): Actor[] {
  const active = (route?.steps ?? []).filter((s) => s.status === 'active');
  return holders(active.flatMap((s) => [...s.roles, ...s.escalatedTo]));
}

// --- the commands, as data ---

/** Every command with its weight: `next` and `nextCredit` take the step a lifecycle expects. */
const KINDS = {
  next: 100,
  nextCredit: 12,
  submit: 3,
  approve: 4,
  reject: 1,
  returnToSales: 1,
  recordWrittenConfirmation: 1,
  recordContractReview: 1,
  recordContractSigned: 1,
  confirm: 2,
  releaseCredit: 1,
  declineCredit: 1,
  recordPrepayment: 1,
  recordGuarantee: 1,
  putCustomer: 2,
  proposeCreditChange: 2,
  proposeTemporaryIncrease: 1,
  approveCreditRequest: 2,
  rejectCreditRequest: 1,
  requestChange: 2,
  requestCancellation: 1,
  approveChange: 2,
  rejectChange: 1,
  recordProgress: 2,
  forecastDelivery: 1,
  deliver: 1,
  reportIssue: 1,
  closeIssue: 1,
  settle: 1,
  complete: 1,
  archive: 1,
  requestArchiveAccess: 1,
  approveArchiveAccess: 1,
  rejectArchiveAccess: 1,
  readArchive: 1,
  exportArchive: 1,
  setLegalHold: 1,
  fileMonth: 1,
  contractLedger: 1,
  runScheduledChecks: 2,
  wait: 2,
  // RV-7, CR-8: shipping before payment asked for on a confirmed order
  requestShippingException: 1,
  approveShippingException: 2,
  rejectShippingException: 1,
  // CH-1 edits before review, CH withdrawals, CH-7 amendments, AR-2 backups
  withdrawChange: 1,
  editOrder: 1,
  recordAmendmentSigned: 1,
  exportArchiveBackup: 1,
} as const;
type Kind = keyof typeof KINDS;

/**
 * One command: what to do, on which order (`slot`), by whom — `right` picks among the people who
 * may do it now, else anyone at all — and a number, a text and a flag the command reads its
 * arguments from.
 */
interface Command {
  kind: Kind;
  slot: number;
  who: { right: boolean; index: number };
  n: number;
  text: string;
  flag: boolean;
}

const command: fc.Arbitrary<Command> = fc.record({
  kind: fc.oneof(
    ...Object.entries(KINDS).map(([kind, weight]) => ({
      weight,
      arbitrary: fc.constant(kind as Kind),
    })),
  ),
  // the first order gets most commands, so that it gets far
  slot: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, fc.constant(1), fc.constant(2)),
  who: fc.record({
    right: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, fc.constant(false)),
    index: fc.nat(1_000),
  }),
  n: fc.nat(1_000),
  // blank texts are well-formed reasons the rules refuse (REASON_REQUIRED)
  text: fc.constantFrom('customer confirmed by phone', 'checked', '价格已确认', '', '  '),
  flag: fc.boolean(),
});

// --- orders and customers ---

const VARIANTS = [
  'regular',
  'urgent',
  'customMade',
  'large',
  'verbal',
  'contract',
  'contract', // twice: a contract order has the most to go through (RV-10, CH-7)
  'missingInfo',
  'malformed',
] as const;
type Variant = (typeof VARIANTS)[number];

/**
 * An order of `variant` for the customer: urgent without its IN-4 assessment, custom-made (RV-8),
 * large (RV-4 joint review; CR-4 over a customer's limit), verbal (IN-3), with a contract to
 * review and sign (RV-10, AR-3, AR-4), missing required information (IN-2: returned), or malformed (a quantity
 * that is not a number: a ValidationError).
 */
function orderFor(id: string, variant: Variant, customerId: string): OrderInput {
  const line = (n: number, overrides: Parameters<typeof makeLine>[0] = {}) =>
    makeLine({ id: `${id}-l${String(n)}`, ...overrides });
  const second = line(2, {
    productId: 'V-50',
    productName: 'Gate valve',
    model: 'V-50',
    specification: 'DN50 PN16',
    quantity: 10,
    unitPrice: 20_000,
    listPrice: 20_000,
  });
  const base = {
    id,
    number: '',
    customer: { id: customerId, name: `Customer ${customerId}` },
    lines: [line(1), second],
  };
  switch (variant) {
    case 'regular':
      return makeOrder(base);
    case 'urgent':
      return makeOrder({ ...base, urgent: true, urgency: { reason: 'customer line stoppage' } });
    case 'customMade':
      return makeOrder({ ...base, lines: [line(1, { customMade: true }), second] });
    case 'large':
      return makeOrder({ ...base, lines: [line(1, { quantity: 800 }), second] });
    case 'verbal':
      return makeOrder({ ...base, channel: 'verbal' });
    case 'contract':
      // RV-10: legally reviewed and signed through the façade (recordContractReview, …Signed)
      return makeOrder({ ...base, contract: { required: true, number: `HT-${id}` } });
    case 'missingInfo':
      return makeOrder({
        ...base,
        paymentTerms: '',
        lines: [line(1, { specification: '', model: '' }), second],
      });
    case 'malformed': {
      const order = structuredClone(makeOrder(base)) as unknown as {
        lines: Record<string, unknown>[];
      };
      order.lines[0]!['quantity'] = 'ten';
      return order as unknown as OrderInput;
    }
  }
}

/** A returned order as sales corrects it (RV-9): required information and IN-4 assessment given. */
function corrected(order: Order): OrderInput {
  return {
    ...order,
    paymentTerms: order.paymentTerms || 'NET30',
    ...(order.urgent
      ? { urgency: { reason: 'customer line stoppage', feasible: true, assessedBy: 'u-zhou' } }
      : {}),
    lines: order.lines.map((l) => ({
      ...l,
      specification: l.specification || 'DN50, 380 V',
      model: l.model || 'P-200',
    })),
  };
}

/** Customers' credit facts as the ERP sends them (the first three: c-1, c-2, c-3); the last is malformed. */
const CUSTOMERS: readonly (() => CustomerInput)[] = [
  () => makeCustomer({ id: 'c-1' }),
  // CR-4: a limit every order exceeds
  () => makeCustomer({ id: 'c-2', credit: { limit: { amount: 100_000, currency: 'CNY' } } }),
  // CR-1: never evaluated
  () => makeCustomer({ id: 'c-3', credit: { evaluatedAt: undefined } }),
  // CR-2: grade D
  () => makeCustomer({ id: 'c-1', credit: { grade: 'D' } }),
  // CR-6, CR-7: receivables long overdue; a guarantee on file
  () =>
    makeCustomer({
      id: 'c-2',
      credit: { guaranteeOnFile: true },
      receivables: [receivable('inv-1', 500_000, '2025-10-01')],
    }),
  () => ({ id: 'c-3', credit: { limit: { amount: -1, currency: 'CNY' } } }),
];

/** CR-3 proposals of a new grade and/or limit; the last proposes nothing (malformed). */
const CREDIT_CHANGES = [
  { limit: { amount: 50_000_000, currency: 'CNY' } },
  { grade: 'A' as const },
  { grade: 'C' as const, limit: { amount: 1_000_000, currency: 'CNY' } },
  {},
] as const;

// --- what the runs reached, across every run ---

const reached = new Set<string>();
const calls = new Map<string, number>();

// --- the checks every answer passes ---

function checkMessage(where: string, key: string, params: Readonly<Record<string, MessageParam>>) {
  expect(typeof key, where).toBe('string');
  expect(MESSAGES[key], `${where}: no message ${key}`).toBeDefined();
  for (const locale of ['en', 'zh'] as const) {
    const text = formatMessage(key, params, locale);
    const what = `${where}: ${key} ${JSON.stringify(params)} in ${locale}: "${text}"`;
    expect(text.trim().length, what).toBeGreaterThan(0);
    expect(text, what).not.toBe(key);
    expect(text, what).not.toMatch(/\{\w+\}/);
    expect(text, what).not.toMatch(/undefined|NaN/);
  }
}

function checkFindings(where: string, findings: readonly Finding[]): void {
  expect(Array.isArray(findings), where).toBe(true);
  for (const f of findings) checkMessage(`${where}, finding ${f.ruleId}`, f.messageKey, f.params);
}

/** A Result of the one shape; a refusal with a literal code and a message in both languages. */
function checkResult(method: string, r: Result<unknown>): void {
  expect(typeof r.ok, method).toBe('boolean');
  if (r.ok) {
    expect(r.value, method).toBeDefined();
    expect(Array.isArray(r.effects), method).toBe(true);
    checkFindings(method, r.findings);
    return;
  }
  const where = `${method} refused ${String(r.code)}`;
  expect(Object.hasOwn(REFUSAL_CODES, r.code), `${where}: not a refusal code`).toBe(true);
  expect(typeof r.message, where).toBe('string');
  checkMessage(where, r.messageKey, r.params);
  checkFindings(where, r.findings);
}

function untyped(method: string, error: unknown): Error {
  return new Error(`${method} threw an untyped error: ${String(error)}`, { cause: error });
}

// --- the store and the receiver, observed ---

/** A MemoryStore that remembers every effect committed to its outbox, in commit order. */
class RecordingStore extends MemoryStore {
  readonly committed = new Map<string, Effect>();

  override async commit(commit: Commit): Promise<AuditEvent[]> {
    const events = await super.commit(commit);
    for (const effect of commit.effects ?? []) this.committed.set(effect.key, effect);
    return events;
  }
}

/**
 * A receiver that fails the deliveries `plan` says (cycling through it) until it is `reliable`;
 * it counts the successful deliveries by effect key and keeps their order.
 */
class Receiver {
  readonly succeeded = new Map<string, number>();
  readonly sequence: Effect[] = [];
  reliable = false;
  #next = 0;

  constructor(readonly plan: readonly boolean[]) {}

  deliver(effect: Effect): Promise<void> {
    if (!this.reliable && this.plan[this.#next++ % this.plan.length] === true)
      return Promise.reject(new Error('ERP unreachable'));
    this.succeeded.set(effect.key, (this.succeeded.get(effect.key) ?? 0) + 1);
    this.sequence.push(effect);
    return Promise.resolve();
  }
}

/** How a call's arguments are meant: `malformed` on purpose (a ValidationError is right). */
interface Meant {
  malformed?: boolean;
}

/** One generated sequence against a fresh façade, with a model of the ids it has seen. */
class Run {
  readonly clock = testClock();
  readonly store = new RecordingStore();
  readonly receiver: Receiver;
  readonly og: Ordergate;
  /** Orders the store holds (submitted, returned ones too). */
  readonly stored = new Set<string>();
  /** Credit requests proposed, archives (→ their order) and access requests made. */
  readonly creditRequests: string[] = [];
  readonly archives = new Map<string, string>();
  readonly access: { id: string; archiveId: string; requester: string; status: string }[] = [];
  /** Effect keys the answers reported. */
  readonly reported = new Set<string>();
  /** Orders whose goods left (shipment or delivery recorded), checked against CR-8 as they left. */
  readonly shipped = new Set<string>();
  #counter = 0;

  constructor(plan: readonly boolean[]) {
    this.receiver = new Receiver(plan);
    this.og = new Ordergate({
      policy,
      store: this.store,
      clock: this.clock,
      ids: testIds(),
      receiver: { deliver: (effect) => this.receiver.deliver(effect) },
      pause: () => new Promise((resolve) => setImmediate(resolve)),
    });
  }

  /**
   * One façade call: it answers a Result of the one shape. It may throw only a typed
   * OrdergateError: a ValidationError for an argument malformed on purpose. A malformed argument
   * never succeeds.
   */
  async call<T>(
    method: string,
    meant: Meant,
    fn: () => Promise<Result<T>>,
  ): Promise<Result<T> | undefined> {
    calls.set(method, (calls.get(method) ?? 0) + 1);
    let r: Result<T>;
    try {
      r = await fn();
    } catch (error) {
      if (!(error instanceof OrdergateError)) throw untyped(method, error);
      if (meant.malformed && error instanceof ValidationError) return undefined;
      throw new Error(`${method} rejected well-formed arguments: ${error.name}: ${error.message}`, {
        cause: error,
      });
    }
    checkResult(method, r);
    if (meant.malformed) expect(r.ok, `${method} accepted a malformed argument`).toBe(false);
    for (const e of r.ok ? r.effects : (r.effects ?? [])) this.reported.add(e.key);
    const value: unknown = r.ok ? r.value : r.recorded;
    const status = (value as { workflow?: { status?: string } } | undefined)?.workflow?.status;
    if (status) reached.add(status);
    if (r.ok) reached.add(`${method} ok`);
    if (r.ok) await this.checkShipment(method, value);
    return r;
  }

  /**
   * CR-8 at the moment goods leave: the answer that first records an order's shipment (or its
   * delivery with no shipment recorded) finds its payment confirmed up to the order total, its
   * customer's credit terms, or an approved ship-before-payment exception — judged by the gate's
   * own functions on the stored order and customer.
   */
  async checkShipment(method: string, value: unknown): Promise<void> {
    const view = value as Partial<OrderView> | undefined;
    const tracking = view?.workflow?.tracking;
    if (!view?.order || !view.workflow || !tracking) return;
    if (tracking.steps.shipping === undefined && tracking.delivery === undefined) return;
    if (this.shipped.has(view.order.id)) return;
    this.shipped.add(view.order.id);
    const { order, workflow } = view;
    const customer = await this.og.customer(order.customer.id);
    const paid = paymentConfirmed(order, workflow) >= orderTotals(order).total;
    const grounds = {
      paid,
      creditTerms: hasCreditTerms(customer),
      exception: approvedShippingException(order, workflow),
    };
    expect(
      grounds.paid || grounds.creditTerms || grounds.exception !== undefined,
      `${method} let ${order.id} leave unpaid: ${JSON.stringify(grounds)}`,
    ).toBe(true);
    reached.add('shipped');
  }

  /** Someone among `candidates` when the command asks for the right person, else anyone. */
  actor(c: Command, candidates: readonly Actor[]): Actor {
    const pool = c.who.right && candidates.length > 0 ? candidates : PEOPLE;
    return pool[c.who.index % pool.length]!;
  }

  pick<T>(list: readonly T[], n: number): T | undefined {
    return list[n % Math.max(1, list.length)];
  }

  async picture(orderId: string): Promise<OrderPicture | undefined> {
    try {
      return await this.og.order(orderId);
    } catch (error) {
      if (error instanceof ArchivedOrderError) return undefined; // AR-5: read through the archive
      throw error;
    }
  }

  // --- orders (IN, RV, CR on the order, CH, TR) ---

  async submit(c: Command, id: string, input?: OrderInput): Promise<void> {
    const variant = VARIANTS[c.n % VARIANTS.length]!;
    const customer = CUSTOMER_IDS[Math.floor(c.n / VARIANTS.length) % CUSTOMER_IDS.length]!;
    const order = input ?? orderFor(id, variant, customer);
    const malformed = input === undefined && variant === 'malformed';
    const actor = this.actor(c, [people.li, people.zhou]);
    const r = await this.call('submit', { malformed }, () => this.og.submit(order, actor));
    if (r && (r.ok || r.code === 'RETURNED' || r.code === 'ALREADY_SUBMITTED')) this.stored.add(id);
  }

  async approve(c: Command, id: string, step?: string): Promise<void> {
    const actor = this.actor(c, routeApprovers((await this.picture(id))?.workflow.route));
    await this.call('approve', {}, () =>
      this.og.approve(id, actor, step ? { step, comment: c.text } : {}),
    );
  }

  async review(c: Command, id: string, kind: 'reject' | 'returnToSales'): Promise<void> {
    const actor = this.actor(c, routeApprovers((await this.picture(id))?.workflow.route));
    await this.call(kind, {}, () =>
      kind === 'reject'
        ? this.og.reject(id, actor, c.text)
        : this.og.returnToSales(id, actor, c.text),
    );
  }

  async recordWrittenConfirmation(c: Command, id: string, reference: string): Promise<void> {
    const actor = this.actor(c, [people.li, people.zhou]);
    await this.call('recordWrittenConfirmation', {}, () =>
      this.og.recordWrittenConfirmation(id, actor, reference),
    );
  }

  /** RV-10: the legal review (`fromNext`: approved, with its reference; else anything goes). */
  async recordContractReview(c: Command, id: string, fromNext: boolean): Promise<void> {
    const actor = this.actor(c, [people.wu]);
    const outcome = fromNext || c.flag ? ('approved' as const) : ('rejected' as const);
    const reference = !fromNext && c.n % 5 === 0 ? '' : `LEGAL-${String(c.n)}`;
    await this.call('recordContractReview', {}, () =>
      this.og.recordContractReview(id, actor, {
        outcome,
        reference,
        ...(fromNext ? {} : { comment: c.text }),
      }),
    );
  }

  /** RV-10: the customer's signature, dated `signedAt`. */
  async recordContractSigned(c: Command, id: string, signedAt: string): Promise<void> {
    const actor = this.actor(c, [people.li, people.zhou]);
    await this.call('recordContractSigned', {}, () =>
      this.og.recordContractSigned(id, actor, { signedAt, reference: `HT-${id}` }),
    );
  }

  async confirm(c: Command, id: string): Promise<void> {
    const actor = this.actor(c, [people.li]);
    await this.call('confirm', {}, () => this.og.confirm(id, actor));
  }

  async releaseCredit(c: Command, id: string, expiresAt?: string): Promise<void> {
    const actor = this.actor(c, [people.qian]);
    await this.call('releaseCredit', {}, () =>
      this.og.releaseCredit(id, actor, {
        reason: expiresAt === undefined ? 'payment promised' : c.text,
        ...(expiresAt ? { expiresAt } : {}),
      }),
    );
  }

  async declineCredit(c: Command, id: string, reason: string): Promise<void> {
    const actor = this.actor(c, [people.qian]);
    await this.call('declineCredit', {}, () => this.og.declineCredit(id, actor, reason));
  }

  async recordPrepayment(c: Command, id: string, amount: number): Promise<void> {
    const actor = this.actor(c, [people.zhao, people.qian]);
    // a payment of nothing or less is malformed (ValidationError once the order takes payments)
    await this.call('recordPrepayment', { malformed: amount <= 0 }, () =>
      this.og.recordPrepayment(id, actor, { amount, reference: `BANK-${String(c.n)}` }),
    );
  }

  async recordGuarantee(c: Command, id: string, reference: string): Promise<void> {
    const actor = this.actor(c, [people.zhao]);
    // a blank reference is malformed (ValidationError once the order takes a guarantee)
    await this.call('recordGuarantee', { malformed: reference.trim() === '' }, () =>
      this.og.recordGuarantee(id, actor, { reference }),
    );
  }

  /** RV-7, CR-8: shipping before payment asked for on a confirmed order (a blank reason is refused). */
  async requestShippingException(c: Command, id: string, reason = c.text): Promise<void> {
    const actor = this.actor(c, [people.li]);
    await this.call('requestShippingException', {}, () =>
      this.og.requestShippingException(id, actor, { reason }),
    );
  }

  /** RV-7: one decision on the pending exception's chain, by one of its active step's approvers. */
  async decideShippingException(
    c: Command,
    id: string,
    approve: boolean,
    reason = c.text,
  ): Promise<void> {
    const pending = (await this.picture(id))?.workflow.credit?.shippingExceptions?.find(
      (e) => e.status === 'pending',
    );
    const actor = this.actor(c, routeApprovers(pending?.route));
    await this.call(approve ? 'approveShippingException' : 'rejectShippingException', {}, () =>
      approve
        ? this.og.approveShippingException(id, actor)
        : this.og.rejectShippingException(id, actor, reason),
    );
  }

  /** CH-1, CH-2: a change against the current revision (`fromNext`: reasoned, never stale). */
  async requestChange(c: Command, id: string, fromNext: boolean): Promise<void> {
    const order = (await this.picture(id))?.order;
    const { patch, malformed } = this.patch(id, order, fromNext ? c.n % 5 : c.n);
    const current = order?.revision ?? 1;
    const stale = !fromNext && c.n % 7 === 0; // CH-5: on a revision that is not the current one
    const actor = this.actor(c, [people.li]);
    await this.call('requestChange', { malformed }, () =>
      this.og.requestChange(id, actor, {
        baseRevision: stale ? current + 1 : current,
        reason: fromNext ? 'customer renegotiated' : c.text,
        impact: fromNext || c.flag ? 'margin −3 %' : '',
        customerRequested: Math.floor(c.n / 6) % 2 === 0,
        patch,
      }),
    );
  }

  /** A patch that changes the order's current revision; the last kind names no line (malformed). */
  patch(
    id: string,
    order: Order | undefined,
    n: number,
  ): { patch: ChangeOp[]; malformed: boolean } {
    const line = order?.lines[0];
    const lineId = line?.id ?? `${id}-l1`;
    const k = ++this.#counter;
    const ok = (patch: ChangeOp[]) => ({ patch, malformed: false });
    switch (n % 6) {
      case 0: {
        const price = line?.unitPrice ?? 150_000;
        return ok([
          {
            op: 'updateLine',
            lineId,
            set: { unitPrice: price > 10_000 ? price - 10_000 : price + 10_000 },
          },
        ]);
      }
      case 1:
        return ok([{ op: 'updateLine', lineId, set: { quantity: (line?.quantity ?? 2) + 1 } }]);
      case 2: {
        const date = order?.requestedDeliveryDate === '2026-05-20' ? '2026-06-01' : '2026-05-20';
        return ok([{ op: 'set', field: 'requestedDeliveryDate', value: date }]);
      }
      case 3:
        return ok([{ op: 'set', field: 'notes', value: `note ${String(k)}` }]);
      case 4:
        return ok([{ op: 'addLine', line: { ...makeLine({ id: `${id}-x${String(k)}` }) } }]);
      default:
        return {
          patch: [{ op: 'updateLine', lineId: 'no-such-line', set: { quantity: 1 } }],
          malformed: true,
        };
    }
  }

  async requestCancellation(c: Command, id: string): Promise<void> {
    const actor = this.actor(c, [people.li]);
    await this.call('requestCancellation', {}, () =>
      this.og.requestCancellation(
        id,
        actor,
        c.flag ? c.text : { reason: c.text, customerRequested: true },
      ),
    );
  }

  async decideChange(c: Command, id: string, approve: boolean): Promise<void> {
    const route = (await this.picture(id))?.workflow.change?.pending?.route;
    const actor = this.actor(c, routeApprovers(route));
    await this.call(approve ? 'approveChange' : 'rejectChange', {}, () =>
      approve ? this.og.approveChange(id, actor) : this.og.rejectChange(id, actor, c.text),
    );
  }

  async recordProgress(
    c: Command,
    id: string,
    progress: Parameters<Ordergate['recordProgress']>[2],
  ): Promise<void> {
    const actor = this.actor(c, [people.zhou, people.liu]);
    await this.call('recordProgress', {}, () => this.og.recordProgress(id, actor, progress));
  }

  /** CH: the requester takes a pending change back (a blank reason now and then). */
  async withdrawChange(c: Command, id: string, reason?: string): Promise<void> {
    const actor = this.actor(c, [people.li]);
    await this.call('withdrawChange', {}, () => this.og.withdrawChange(id, actor, reason));
  }

  /** CH-1: the owner edits an order not yet under review (returned); locked orders refuse. */
  async editOrder(c: Command, id: string, fromNext: boolean): Promise<void> {
    const order = (await this.picture(id))?.order;
    const { patch, malformed } = this.patch(id, order, fromNext ? c.n % 5 : c.n);
    const actor = this.actor(c, [people.li]);
    await this.call('editOrder', { malformed }, () => this.og.editOrder(id, actor, patch));
  }

  /** CH-7: the signed amendment of an approved change of a contract order, dated `signedAt`. */
  async recordAmendmentSigned(
    c: Command,
    id: string,
    signedAt: string,
    reference = `AMD-${String(c.n)}`,
  ): Promise<void> {
    const actor = this.actor(c, holders(policy.change.contract.recordRoles));
    await this.call('recordAmendmentSigned', {}, () =>
      this.og.recordAmendmentSigned(id, actor, { reference, signedAt }),
    );
  }

  async forecastDelivery(c: Command, id: string, date: string, reason?: string): Promise<void> {
    const actor = this.actor(c, [people.zhou]);
    await this.call('forecastDelivery', {}, () =>
      this.og.forecastDelivery(id, actor, { date, ...(reason ? { reason } : {}) }),
    );
  }

  async deliver(c: Command, id: string, delivery: { date?: string; reference?: string }) {
    const actor = this.actor(c, [people.zhou]);
    await this.call('deliver', {}, () => this.og.deliver(id, actor, delivery));
  }

  /** TR-3: the customer reports a problem at acceptance (sometimes on a line, or on no such line). */
  async reportIssue(c: Command, id: string, description: string): Promise<void> {
    const actor = this.actor(c, [people.zhou, people.li]);
    await this.call('reportIssue', {}, () =>
      this.og.reportIssue(id, actor, {
        kind: c.flag ? 'damage' : 'quantity_mismatch',
        remedy: this.pick(['replace', 'return', 'repair'] as const, c.n)!,
        description,
        ...(c.n % 4 === 0 ? { lineIds: [c.n % 8 === 0 ? 'no-such-line' : `${id}-l1`] } : {}),
      }),
    );
  }

  async closeIssue(c: Command, id: string, issueId: string, resolution: string): Promise<void> {
    const actor = this.actor(c, [people.zhou]);
    await this.call('closeIssue', {}, () => this.og.closeIssue(id, actor, { issueId, resolution }));
  }

  async settle(c: Command, id: string, settlement: Parameters<Ordergate['settle']>[2]) {
    const actor = this.actor(c, [people.zhao, people.qian]);
    await this.call('settle', {}, () => this.og.settle(id, actor, settlement));
  }

  async complete(c: Command, id: string): Promise<void> {
    const actor = this.actor(c, [people.zhou, people.li]);
    const r = await this.call('complete', {}, () => this.og.complete(id, actor));
    if (r?.ok) reached.add('completed');
  }

  // --- customers' credit (CR-3) ---

  async putCustomer(index: number): Promise<void> {
    calls.set('putCustomer', (calls.get('putCustomer') ?? 0) + 1);
    const input = CUSTOMERS[index % CUSTOMERS.length]!();
    const malformed = index % CUSTOMERS.length === CUSTOMERS.length - 1;
    let error: unknown;
    try {
      expect((await this.og.putCustomer(input)).id).toBe(input.id);
    } catch (e) {
      error = e;
    }
    if (error === undefined)
      expect(malformed, 'putCustomer accepted a malformed customer').toBe(false);
    else if (!(error instanceof OrdergateError)) throw untyped('putCustomer', error);
    else if (!malformed || !(error instanceof ValidationError)) throw error;
  }

  async propose(c: Command, customerId: string, increase: boolean, reason: string): Promise<void> {
    const actor = this.actor(c, holders(policy.credit.limitChange.proposeRoles));
    // CR-3 proposals parse a blank reason as malformed (a ValidationError), unlike the order
    // commands, which refuse it (REASON_REQUIRED)
    const blank = reason.trim() === '';
    const now = Date.parse(this.clock.now());
    let r: Result<{ id: string }> | undefined;
    if (increase) {
      r = await this.call('proposeTemporaryIncrease', { malformed: blank }, () =>
        this.og.proposeTemporaryIncrease(
          {
            customerId,
            amount: 20_000_000,
            currency: c.n % 5 === 0 ? 'USD' : 'CNY', // CURRENCY_MISMATCH
            expiresAt: new Date(now + (c.n % 6 === 0 ? -1 : 30 * 24) * 3_600_000).toISOString(),
            reason,
          },
          actor,
        ),
      );
    } else {
      const change = CREDIT_CHANGES[c.n % CREDIT_CHANGES.length]!;
      const malformed = blank || Object.keys(change).length === 0;
      r = await this.call('proposeCreditChange', { malformed }, () =>
        this.og.proposeCreditChange({ customerId, ...change, reason }, actor),
      );
    }
    if (r?.ok) this.creditRequests.push(r.value.id);
  }

  async decideCredit(c: Command, requestId: string, approve: boolean, reason: string) {
    const request = await this.og.creditRequest(requestId);
    const approvers = routeApprovers(request?.route).filter((p) => p.id !== request?.requestedBy);
    const actor = this.actor(c, approvers);
    await this.call(approve ? 'approveCreditRequest' : 'rejectCreditRequest', {}, () =>
      approve
        ? this.og.approveCreditRequest(requestId, actor)
        : this.og.rejectCreditRequest(requestId, actor, reason),
    );
  }

  // --- archives (AR) ---

  async archive(c: Command, id: string): Promise<void> {
    const actor = this.actor(c, [people.zhou, people.wang]);
    const r = await this.call('archive', {}, () => this.og.archive(id, actor));
    if (r?.ok) {
      this.archives.set(r.value.archiveId, id);
      reached.add('archived');
    }
  }

  /** An archive the run made, or one that does not exist. */
  archiveId(n: number): string {
    return this.pick([...this.archives.keys()], n) ?? 'archive-404';
  }

  async requestAccess(c: Command, archiveId: string, days?: number): Promise<void> {
    const requester = this.actor(c, [people.chen, people.wu]);
    const r = await this.call(
      'requestArchiveAccess',
      { malformed: days !== undefined && days <= 0 },
      () =>
        this.og.requestArchiveAccess(archiveId, requester, {
          reason: days === undefined ? 'annual audit' : c.text,
          ...(days !== undefined ? { days } : {}),
        }),
    );
    if (r?.ok) this.access.push({ ...r.value });
  }

  async decideAccess(c: Command, requestId: string, approve: boolean, reason: string) {
    const request = this.access.find((a) => a.id === requestId);
    const approvers = holders(policy.archive.access.approverRoles).filter(
      (p) => p.id !== request?.requester,
    );
    const actor = this.actor(c, approvers);
    const r = await this.call(approve ? 'approveArchiveAccess' : 'rejectArchiveAccess', {}, () =>
      approve
        ? this.og.approveArchiveAccess(requestId, actor)
        : this.og.rejectArchiveAccess(requestId, actor, reason),
    );
    if (r?.ok && request) request.status = r.value.status;
  }

  async readArchive(c: Command, archiveId: string, exported: boolean): Promise<void> {
    const granted = this.access
      .filter((a) => a.archiveId === archiveId && a.status === 'approved')
      .flatMap((a) => PEOPLE.filter((p) => p.id === a.requester));
    const reader = this.actor(c, granted);
    await (exported
      ? this.call('exportArchive', {}, () => this.og.exportArchive(archiveId, reader))
      : this.call('readArchive', {}, () => this.og.readArchive(archiveId, reader)));
  }

  /** AR-2: the keeper's off-site backup (anyone else is refused). */
  async exportArchiveBackup(c: Command, archiveId: string): Promise<void> {
    const actor = this.actor(c, [KEEPER]);
    await this.call('exportArchiveBackup', {}, () => this.og.exportArchiveBackup(archiveId, actor));
  }

  async setLegalHold(c: Command, archiveId: string, reason: string): Promise<void> {
    const actor = this.actor(c, holders(policy.archive.legalHold.roles));
    await this.call('setLegalHold', {}, () =>
      this.og.setLegalHold(archiveId, actor, { hold: c.flag, reason }),
    );
  }

  async runScheduledChecks(): Promise<void> {
    calls.set('runScheduledChecks', (calls.get('runScheduledChecks') ?? 0) + 1);
    for (const check of await this.og.runScheduledChecks()) {
      checkFindings('runScheduledChecks', check.findings);
      for (const e of check.effects) this.reported.add(e.key);
    }
  }

  // --- the step a lifecycle expects next ---

  /** The order's next step: submit, approve, release, confirm, fulfil, deliver, settle, archive… */
  async next(c: Command, id: string): Promise<void> {
    const archiveId = [...this.archives].find(([, o]) => o === id)?.[0];
    if (archiveId !== undefined) return this.nextOnArchive(c, archiveId);
    const p = await this.picture(id);
    if (p === undefined) return this.submit(c, id);
    const { workflow, order } = p;
    const total = orderTotals(order).total;
    switch (workflow.status) {
      case 'draft':
      case 'submitted':
      case 'returned':
        if (workflow.status === 'returned' && c.n % 4 === 3) return this.editOrder(c, id, true);
        return this.submit(c, id, corrected(order));
      case 'in_review':
        if (c.n % 3 === 0 && openCreditHolds(workflow.credit, this.clock.now()).length > 0)
          return this.releaseCredit(c, id);
        if (
          c.flag &&
          workflow.route?.steps.some((s) => s.key === 'legalReview' && s.status === 'active')
        )
          return this.recordContractReview(c, id, true);
        return this.approve(c, id);
      case 'credit_hold':
        if (c.n % 5 === 0) return this.declineCredit(c, id, 'exposure too high');
        return c.flag ? this.releaseCredit(c, id) : this.recordPrepayment(c, id, total);
      case 'approved':
        if (order.channel === 'verbal' && !order.writtenConfirmation)
          return this.recordWrittenConfirmation(c, id, 'FAX-0302');
        if (order.contract.required && order.contract.customerSignedAt === undefined)
          return this.recordContractSigned(c, id, this.clock.now());
        return this.confirm(c, id);
      case 'confirmed':
      case 'in_fulfilment': {
        // CH-7: a confirmed contract order gets its change more often, to reach the amendment
        const contractChange =
          order.contract.required && (workflow.change?.history ?? []).length === 0 && c.n % 3 === 0;
        if (c.n % 12 === 0 || contractChange) return this.requestChange(c, id, true);
        if (c.n % 12 === 1) return this.forecastDelivery(c, id, '2026-04-20', 'supplier delay');
        const tracking = workflow.tracking;
        // RV-7, CR-8: now and then the owner asks to ship an unpaid order before payment (before
        // the ERP reports an advance); the chain decides, and the goods then ship unpaid.
        const exceptions = workflow.credit?.shippingExceptions ?? [];
        if (exceptions.some((e) => e.status === 'pending'))
          return this.decideShippingException(c, id, c.n % 7 !== 0, 'overdue invoices');
        const excepted = exceptions.some((e) => e.status === 'approved');
        if (c.n % 6 === 2 && exceptions.length === 0 && !tracking?.steps.shipping)
          return this.requestShippingException(c, id, 'customer line stoppage');
        const production = tracking?.steps.production;
        if (!production)
          return this.recordProgress(c, id, {
            step: 'production',
            status: 'started',
            // RV-8: the advance a custom-made order needs; others now and then start unpaid,
            // so that shipping and delivery meet the CR-8 gate
            ...(c.n % 3 === 0 && !order.lines.some((l) => l.customMade)
              ? {}
              : { advanceReceived: total }),
          });
        if (production.status !== 'done')
          return this.recordProgress(c, id, { step: 'production', status: 'done' });
        // CR-8: now and then the goods are delivered with no shipment recorded (the gate decides)
        if (c.n % 6 === 5 && !tracking.steps.shipping)
          return this.deliver(c, id, { reference: 'DN-0' });
        if (!tracking.settlement.paid && !excepted)
          return this.settle(c, id, { paid: true, paymentRef: 'BANK-1' });
        if (tracking.steps.shipping?.status !== 'done')
          return this.recordProgress(c, id, {
            step: 'shipping',
            status: 'done',
            reference: 'WB-1',
          });
        return this.deliver(c, id, { reference: 'DN-1' });
      }
      case 'change_pending': {
        const pending = workflow.change?.pending;
        if (pending?.awaitingSignature)
          return this.recordAmendmentSigned(c, id, this.clock.now(), `AMD-${id}`);
        if (c.n % 8 === 5)
          return this.withdrawChange(c, id, c.flag ? undefined : 'customer withdrew');
        return this.decideChange(c, id, true);
      }
      case 'delivered': {
        const open = openIssues(workflow.tracking)[0];
        if (open) return this.closeIssue(c, id, open.id, 'replaced');
        if (c.n % 6 === 0) return this.reportIssue(c, id, 'two pumps dented');
        if (c.n % 6 === 1 && !workflow.tracking?.completedAt) return this.complete(c, id);
        return this.settle(c, id, { paid: true, invoiced: true, invoiceRef: 'INV-1' });
      }
      case 'settled':
        return c.flag && !workflow.tracking?.completedAt
          ? this.complete(c, id)
          : this.archive(c, id);
      case 'rejected':
      case 'cancelled':
      case 'archived':
        return this.runScheduledChecks();
    }
  }

  /** On an archived order (AR-5, AR-6): ask for access, have it decided, read or export; holds. */
  async nextOnArchive(c: Command, archiveId: string): Promise<void> {
    if (c.n % 5 === 0) return this.setLegalHold(c, archiveId, 'litigation');
    if (c.n % 5 === 1) return this.exportArchiveBackup(c, archiveId);
    const requester = this.actor(c, [people.chen]);
    const mine = this.access.filter(
      (a) => a.archiveId === archiveId && a.requester === requester.id,
    );
    if (mine.some((a) => a.status === 'approved')) return this.readArchive(c, archiveId, c.flag);
    const pending = mine.find((a) => a.status === 'pending');
    if (pending) return this.decideAccess(c, pending.id, c.n % 4 !== 1, 'not needed');
    return this.requestAccess(c, archiveId);
  }

  /** A customer's credit next (CR-3): synced from the ERP, a change proposed, then decided. */
  async nextCredit(c: Command): Promise<void> {
    const index = c.n % CUSTOMER_IDS.length;
    const customerId = CUSTOMER_IDS[index]!;
    if (!(await this.og.customer(customerId))) return this.putCustomer(index);
    const pending = (await this.og.creditRequests(customerId)).find((r) => r.status === 'pending');
    if (pending) return this.decideCredit(c, pending.id, c.n % 5 !== 0, 'limit not justified');
    return this.propose(c, customerId, c.flag, 'two years of prompt payment');
  }

  // --- every command ---

  async run(c: Command): Promise<void> {
    const id = ORDER_IDS[c.slot % ORDER_IDS.length]!;
    const now = this.clock.now();
    switch (c.kind) {
      case 'next':
        return this.next(c, id);
      case 'nextCredit':
        return this.nextCredit(c);
      case 'submit':
        return this.submit(c, id);
      case 'approve':
        // now and then a named step: one of the route, or none at all (UNKNOWN_STEP)
        return this.approve(
          c,
          id,
          c.n % 4 === 0 ? this.pick(['salesHead', 'jointReview', 'nope'], c.n >> 2) : undefined,
        );
      case 'reject':
      case 'returnToSales':
        return this.review(c, id, c.kind);
      case 'recordWrittenConfirmation':
        return this.recordWrittenConfirmation(c, id, c.text);
      case 'recordContractReview':
        return this.recordContractReview(c, id, false);
      case 'recordContractSigned': {
        // now, an hour ahead (INVALID_DATE), or before any legal review of the run
        const hours = this.pick([0, 1, -24 * 30], c.n)!;
        return this.recordContractSigned(
          c,
          id,
          new Date(Date.parse(now) + hours * 3_600_000).toISOString(),
        );
      }
      case 'confirm':
        return this.confirm(c, id);
      case 'releaseCredit': {
        // CR-4: a release expiring in a day, in a week, or already expired
        const hours = this.pick([24, 168, -1], c.n)!;
        return this.releaseCredit(
          c,
          id,
          new Date(Date.parse(now) + hours * 3_600_000).toISOString(),
        );
      }
      case 'declineCredit':
        return this.declineCredit(c, id, c.text);
      case 'recordPrepayment':
        return this.recordPrepayment(c, id, this.pick([100_000, 10_000_000, 0, -5], c.n)!);
      case 'recordGuarantee':
        return this.recordGuarantee(c, id, c.text);
      case 'putCustomer':
        return this.putCustomer(c.n);
      case 'proposeCreditChange':
      case 'proposeTemporaryIncrease':
        return this.propose(
          c,
          this.pick(CUSTOMER_IDS, c.n)!,
          c.kind === 'proposeTemporaryIncrease',
          c.text,
        );
      case 'approveCreditRequest':
      case 'rejectCreditRequest':
        return this.decideCredit(
          c,
          this.pick(this.creditRequests, c.n) ?? 'CRQ-404',
          c.kind === 'approveCreditRequest',
          c.text,
        );
      case 'requestChange':
        return this.requestChange(c, id, false);
      case 'requestCancellation':
        return this.requestCancellation(c, id);
      case 'approveChange':
      case 'rejectChange':
        return this.decideChange(c, id, c.kind === 'approveChange');
      case 'recordProgress': {
        const steps = [
          'production',
          'procurement',
          'warehouse',
          'shipping',
          'delivery',
          'acceptance',
          'settlement',
        ] as const;
        return this.recordProgress(c, id, {
          step: this.pick(steps, c.n)!,
          status: c.flag ? 'done' : 'started',
          ...(c.n % 3 === 0 ? { advanceReceived: 5_000_000 } : {}),
        });
      }
      case 'forecastDelivery':
        return this.forecastDelivery(
          c,
          id,
          this.pick(['2026-04-10', '2026-04-15', '2026-05-30'], c.n)!,
          c.text,
        );
      case 'deliver':
        return this.deliver(c, id, c.flag ? {} : { date: '2026-04-14', reference: 'DN-7' });
      case 'reportIssue':
        return this.reportIssue(c, id, c.text);
      case 'closeIssue':
        return this.closeIssue(c, id, `ISS-${String(1 + (c.n % 3))}`, c.text);
      case 'settle':
        return this.settle(
          c,
          id,
          this.pick([{ paid: true }, { invoiced: true }, { paid: true, invoiced: true }, {}], c.n)!,
        );
      case 'complete':
        return this.complete(c, id);
      case 'archive':
        return this.archive(c, id);
      case 'requestArchiveAccess':
        return this.requestAccess(c, this.archiveId(c.n), this.pick([undefined, 3, 400, 0], c.n));
      case 'approveArchiveAccess':
      case 'rejectArchiveAccess':
        return this.decideAccess(
          c,
          this.pick(this.access, c.n)?.id ?? 'access-404',
          c.kind === 'approveArchiveAccess',
          c.text,
        );
      case 'readArchive':
      case 'exportArchive':
        return this.readArchive(c, this.archiveId(c.n), c.kind === 'exportArchive');
      case 'setLegalHold':
        return this.setLegalHold(c, this.archiveId(c.n), c.text);
      case 'fileMonth': {
        const month = this.pick([now.slice(0, 7), '2026-03', '2026-02', '2026-13'], c.n)!;
        const actor = this.actor(c, holders(policy.archive.filing.roles));
        await this.call('fileMonth', { malformed: month === '2026-13' }, () =>
          this.og.fileMonth(month, actor),
        );
        return;
      }
      case 'contractLedger': {
        const actor = this.actor(c, holders(policy.archive.access.approverRoles));
        await this.call('contractLedger', {}, () => this.og.contractLedger(actor));
        return;
      }
      case 'requestShippingException':
        return this.requestShippingException(c, id);
      case 'approveShippingException':
      case 'rejectShippingException':
        return this.decideShippingException(c, id, c.kind === 'approveShippingException');
      case 'withdrawChange':
        return this.withdrawChange(c, id, c.flag ? undefined : c.text);
      case 'editOrder':
        return this.editOrder(c, id, false);
      case 'recordAmendmentSigned': {
        const hours = this.pick([0, 1, -24 * 30], c.n)!;
        return this.recordAmendmentSigned(
          c,
          id,
          new Date(Date.parse(now) + hours * 3_600_000).toISOString(),
          c.n % 5 === 0 ? '' : `AMD-${String(c.n)}`,
        );
      }
      case 'exportArchiveBackup':
        return this.exportArchiveBackup(c, this.archiveId(c.n));
      case 'runScheduledChecks':
        return this.runScheduledChecks();
      case 'wait':
        this.clock.advanceHours(this.pick([1, 9, 30, 24 * 12], c.n)!);
        return;
    }
  }

  /**
   * Delivers the outbox: passes with the failing receiver while effects wait (each after the
   * longest backoff, an hour), then with a receiver that no longer fails until nothing waits.
   */
  async drain(): Promise<void> {
    for (let pass = 0; pass < 6 && (await this.og.pendingEffects()).length > 0; pass++) {
      this.clock.advanceHours(1.01);
      await this.og.dispatch();
    }
    this.receiver.reliable = true;
    for (let pass = 0; pass < 20 && (await this.og.pendingEffects()).length > 0; pass++) {
      this.clock.advanceHours(1.01);
      await this.og.dispatch();
    }
  }
}

// --- the invariants every sequence keeps ---

/** Statuses an order reaches only once its review approved it (RV-1). */
const APPROVED_OR_LATER: ReadonlySet<string> = new Set([
  'approved',
  'confirmed',
  'change_pending',
  'in_fulfilment',
  'delivered',
  'settled',
  'completed',
  'archived',
]);

/** The people an approval speaks for: who clicked and whom they stood in for (as sodProperties). */
function peopleOf(record: ApprovalRecord): string[] {
  return record.onBehalfOf ? [record.actor, record.onBehalfOf] : [record.actor];
}

/**
 * After every sequence, on every order the run stored (archived ones read from the store):
 * (a) RV-1: an order approved or further along has every step of its review route approved (a step
 * covered by one act of an approver is approved, `coveredBy` on its record); a route-less one
 * had no approval finding. (b) CR-8: every order whose goods left was checked as they left
 * (`Run.checkShipment`). (c) RV-5, CH-6, RV-7 segregation of duties: no owner or submitter of the
 * order (`workflow.parties`) approved a step of its review, of any of its changes or of any
 * shipping exception, nor did the change's or exception's requester.
 */
async function checkInvariants(run: Run): Promise<void> {
  for (const id of run.stored) {
    const record = await run.store.get('order', id);
    const view = record?.value as OrderView | undefined;
    if (!view) continue;
    const { workflow, order } = view;
    if (APPROVED_OR_LATER.has(workflow.status)) {
      if (workflow.route) {
        const open = workflow.route.steps.filter((s) => s.status !== 'approved');
        expect(
          open.map((s) => s.key),
          `${id} ${workflow.status} with steps not approved`,
        ).toEqual([]);
        reached.add('approved route checked');
      } else {
        const asked = workflow.findings.filter((f) => f.severity === 'approval');
        expect(
          asked.map((f) => f.ruleId),
          `${id} ${workflow.status} without a route`,
        ).toEqual([]);
      }
    }
    const tracking = workflow.tracking;
    if (tracking && (tracking.steps.shipping !== undefined || tracking.delivery !== undefined))
      expect(run.shipped.has(id), `${id} left without the CR-8 check`).toBe(true);
    const parties = new Set([...workflow.parties.owners, ...workflow.parties.submitters]);
    const barredFrom = (
      what: string,
      steps: readonly { key: string; approvals: readonly ApprovalRecord[] }[],
      barred: ReadonlySet<string>,
    ) => {
      for (const step of steps)
        for (const a of step.approvals)
          for (const p of peopleOf(a))
            expect(barred.has(p), `${p} approved ${what} ${step.key} of ${order.id}`).toBe(false);
    };
    barredFrom('review', workflow.route?.steps ?? [], parties);
    const changes = [
      ...(workflow.change?.history ?? []),
      ...(workflow.change?.pending ? [workflow.change.pending] : []),
    ];
    for (const c of changes)
      barredFrom(`change ${c.id}`, c.route.steps, new Set([...parties, c.requestedBy]));
    for (const e of workflow.credit?.shippingExceptions ?? [])
      barredFrom(`exception ${e.id}`, e.route.steps, new Set([...parties, e.requestedBy]));
  }
}

describe('Core 1.0 command catalogue', () => {
  it('RV-3 CR-3 CH-5 TR-1 AR-2 AR-5 any sequence of commands answers Results or typed errors only, every refusal a literal code with its message in en and zh; the audit chains and anchors verify; every effect is delivered once, in order; approved orders had every review step approved, goods leave paid, on credit terms or under an approved exception, and no party approves its own order, change or exception', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 25, maxLength: 40, size: 'max' }),
        // the receiver's failures, one per delivery (cycled): about one in three fails
        fc.array(fc.oneof({ weight: 2, arbitrary: fc.constant(false) }, fc.constant(true)), {
          minLength: 1,
          maxLength: 12,
        }),
        async (commands, failures) => {
          const run = new Run(failures);
          for (const c of commands) await run.run(c);
          await checkInvariants(run);

          // AR-2: every chain links, every record matches the trail it anchors, archives verify.
          const report = await run.og.verify();
          if (!report.ok) expect.fail(`verify: ${JSON.stringify(report.problems)}`);
          const archives = await run.og.verifyArchive();
          if (!archives.ok) expect.fail(`verifyArchive: ${JSON.stringify(archives.problems)}`);

          // The outbox: what the answers reported was committed; once drained, every committed
          // effect reached the receiver successfully exactly once, nothing else did, and each
          // order's (each customer's) effects arrived in commit order.
          const committed = run.store.committed;
          for (const key of run.reported) expect(committed.has(key), key).toBe(true);
          await run.drain();
          expect(await run.og.pendingEffects()).toEqual([]);
          for (const key of committed.keys())
            expect(run.receiver.succeeded.get(key) ?? 0, `deliveries of ${key}`).toBe(1);
          const rank = new Map([...committed.keys()].map((key, i) => [key, i]));
          const last = new Map<string, number>();
          for (const e of run.receiver.sequence) {
            const subject = 'orderId' in e ? e.orderId : e.customerId;
            const at = rank.get(e.key);
            expect(at, `${e.key} delivered, never committed`).toBeDefined();
            expect(at, `${e.key} arrived after a later effect of ${subject}`).toBeGreaterThan(
              last.get(subject) ?? -1,
            );
            last.set(subject, at!);
          }
        },
      ),
      { numRuns: 100 },
    );
    // The generator must reach deep states and call every command, or the property says little.
    expect([...reached]).toEqual(
      expect.arrayContaining([
        'returned',
        'in_review',
        'approved',
        'confirmed',
        'in_fulfilment',
        'change_pending',
        'delivered',
        'settled',
        'completed',
        'archived',
        'shipped',
        'approved route checked',
      ]),
    );
    const never = Object.keys(KINDS).filter(
      (k) => !['next', 'nextCredit', 'wait'].includes(k) && !calls.has(k),
    );
    expect(never, 'commands never called').toEqual([]);
    const succeeded = [
      'approve',
      'recordContractReview',
      'recordContractSigned',
      'confirm',
      'recordProgress',
      'settle',
      'deliver',
      'complete',
      'archive',
      'requestChange',
      'approveChange',
      'proposeCreditChange',
      'requestArchiveAccess',
      'requestShippingException',
      'approveShippingException',
      'rejectShippingException',
      'withdrawChange',
      'editOrder',
      'recordAmendmentSigned',
      'exportArchiveBackup',
    ];
    expect(
      succeeded.filter((m) => !reached.has(`${m} ok`)),
      'never succeeded',
    ).toEqual([]);
  }, 60_000);

  // A finding of the property above: order commands used to throw NotFoundError where every
  // other command answered a NOT_FOUND refusal.
  it('NOT_FOUND an order command on an order the store does not hold answers a NOT_FOUND refusal, as archive does', async () => {
    const og = new Ordergate({
      policy,
      store: new MemoryStore(),
      clock: testClock(),
      ids: testIds(),
    });
    const id = 'o-404';
    const { li, liu, qian, zhao, zhou } = people;
    const commands: (() => Promise<Result<unknown>>)[] = [
      () => og.archive(id, zhou), // NOT_FOUND today
      () => og.approve(id, liu),
      () => og.reject(id, liu, 'no capacity'),
      () => og.returnToSales(id, liu, 'fix the date'),
      () => og.recordWrittenConfirmation(id, li, 'FAX-1'),
      () => og.confirm(id, li),
      () => og.releaseCredit(id, qian, { reason: 'payment promised' }),
      () => og.declineCredit(id, qian, 'exposure too high'),
      () => og.recordPrepayment(id, zhao, { amount: 100_000 }),
      () => og.recordGuarantee(id, zhao, { reference: 'BG-1' }),
      () =>
        og.requestChange(id, li, {
          baseRevision: 1,
          reason: 'customer renegotiated',
          impact: 'margin −3 %',
          patch: [{ op: 'set', field: 'notes', value: 'x' }],
        }),
      () => og.requestCancellation(id, li, 'project stopped'),
      () => og.approveChange(id, zhao),
      () => og.rejectChange(id, zhao, 'not now'),
      () => og.recordProgress(id, zhou, { step: 'production', status: 'started' }),
      () => og.forecastDelivery(id, zhou, { date: '2026-04-20' }),
      () => og.deliver(id, zhou),
      () => og.reportIssue(id, zhou, { kind: 'damage', remedy: 'replace', description: 'dented' }),
      () => og.closeIssue(id, zhou, { issueId: 'ISS-1', resolution: 'replaced' }),
      () => og.settle(id, zhao, { paid: true }),
      () => og.complete(id, zhou),
      () => og.requestShippingException(id, li, { reason: 'line stoppage' }),
      () => og.approveShippingException(id, qian),
      () => og.rejectShippingException(id, qian, 'overdue invoices'),
    ];
    for (const command of commands)
      await expect(command()).resolves.toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});
