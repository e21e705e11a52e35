import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  AUDIT_EVENT_TYPES,
  ValidationError,
  isAuditEventType,
  parseAuditEvent,
  type Actor,
  type AuditEvent,
  type AuditEventSpec,
  type AuditEventType,
  type Ordergate,
  type RecordedEvent,
  type Result,
  type RuleId,
  type Store,
  type TypedAuditDraft,
} from '../../src/index.js';
import { approveAllChangeSteps } from '../support/change.js';
import { makeCustomer } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeLine, makeOrder, makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';
import { confirmedOrder } from '../support/tracking.js';

/** Everyone who may approve something in the test company, in the helpers' order. */
const APPROVERS: readonly Actor[] = [
  people.liu,
  people.sun,
  people.zhao,
  people.huang,
  people.wu,
  people.zheng,
  people.qian,
  people.ma,
  people.he,
  people.wang,
];

/** The value of a result that must succeed; the refusal's code and message otherwise. */
function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

/** Has whoever may take the action take it (the first approver it succeeds for). */
async function byWhoeverMay(act: (who: Actor) => Promise<Result<unknown>>): Promise<void> {
  for (const who of APPROVERS) if ((await act(who)).ok) return;
  throw new Error('nobody in the company may take this action');
}

/** Approves the order's route step by step until it is no longer in review. */
async function approveRoute(og: Ordergate, orderId: string): Promise<void> {
  for (let round = 0; round < 20; round++) {
    if ((await og.order(orderId))?.workflow.status !== 'in_review') return;
    await byWhoeverMay((who) => og.approve(orderId, who));
  }
}

/** Every event of every stream of the store, oldest first per stream. */
async function everyEvent(store: Store): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  for (const stream of await store.streams()) out.push(...(await store.readStream(stream)));
  return out;
}

const CONTRACT = {
  contract: {
    required: true,
    number: 'HT-2026-017',
    legalReviewed: true,
    customerSignedAt: '2026-03-02T15:00:00+08:00',
  },
};

/**
 * Intake and review (IN, RV): a return by the assessment, a resubmission under another
 * salesperson, a return and a rejection by reviewers, a verbal order confirmed in writing with a
 * line short of stock, a contract order legally reviewed, signed and confirmed (RV-10), and a
 * review left to run overdue.
 */
async function reviewScenario(): Promise<Store> {
  const { og, store, clock } = makeDesk();
  // IN-2: no contact name → returned by the assessment; RV-9: corrected and resubmitted for Chen.
  const incomplete = makeOrderInput({
    id: 'o-returned',
    contact: { name: '', phone: '+86 21 5555 0101', email: 'zhang.wei@example.cn' },
  });
  expect(await og.submit(incomplete, people.li)).toMatchObject({ ok: false, code: 'RETURNED' });
  ok(await og.submit(makeOrderInput({ id: 'o-returned', salesperson: 'u-chen' }), people.li));
  await byWhoeverMay((who) => og.returnToSales('o-returned', who, 'Price list out of date'));
  // CH-1, RV-9: the owner corrects the returned order.
  ok(
    await og.editOrder('o-returned', people.chen, [
      { op: 'set', field: 'notes', value: 'New prices' },
    ]),
  );
  // RV-9: a reviewer rejects.
  ok(await og.submit(makeOrder({ id: 'o-rejected' }), people.li));
  await byWhoeverMay((who) => og.reject('o-rejected', who, 'Customer unknown to us'));
  // IN-3: a verbal order confirmed in writing; RV-11: one line short of stock.
  ok(
    await og.submit(
      makeOrder({
        id: 'o-verbal',
        channel: 'verbal',
        lines: [makeLine({ availableQuantity: 1 })],
      }),
      people.li,
    ),
  );
  ok(await og.recordWrittenConfirmation('o-verbal', people.li, 'FAX-2026-031'));
  await approveRoute(og, 'o-verbal');
  ok(await og.confirm('o-verbal', people.li));
  // RV-10: a contract order — its legal review recorded on the legal step, the customer's
  // signature recorded, then confirmed.
  const contract = { required: true, number: 'HT-2026-031' };
  ok(await og.submit(makeOrder({ id: 'o-contract', contract }), people.li));
  ok(await og.approve('o-contract', people.liu));
  ok(
    await og.recordContractReview('o-contract', people.wu, {
      outcome: 'approved',
      reference: 'LEGAL-2026-031',
    }),
  );
  ok(await og.approve('o-contract', people.wang));
  ok(
    await og.recordContractSigned('o-contract', people.li, {
      signedAt: clock.now(),
      reference: 'HT-2026-031',
    }),
  );
  ok(await og.confirm('o-contract', people.li));
  // RV-2: a review nobody acts on runs overdue.
  ok(await og.submit(makeOrder({ id: 'o-overdue' }), people.li));
  clock.advanceHours(24 * 7);
  expect((await og.runScheduledChecks()).map((c) => c.orderId)).toContain('o-overdue');
  return store;
}

/**
 * Credit (CR-1, CR-3, CR-4, CR-8): a customer synced twice, an order over its limit held, released
 * until tomorrow, approved, held again when the release expired, released by prepayment, then
 * guaranteed; a second order's release declined; the customer's grade changed, its limit raised
 * for a season and a third request rejected.
 */
async function creditScenario(): Promise<Store> {
  const { og, store, clock } = makeDesk();
  const customer = makeCustomer({ credit: { limit: { amount: 100_000, currency: 'CNY' } } });
  await og.putCustomer(customer);
  await og.putCustomer({ ...customer, name: 'Shanghai Precision Machinery Co.' });
  const held = ok(await og.submit(makeOrder({ id: 'o-held' }), people.li));
  expect(held.workflow.status).toBe('credit_hold');
  const tomorrow = new Date(Date.parse(clock.now()) + 24 * 3_600_000).toISOString();
  ok(
    await og.releaseCredit('o-held', people.qian, {
      reason: 'Payment promised',
      expiresAt: tomorrow,
    }),
  );
  await approveRoute(og, 'o-held');
  clock.advanceHours(48);
  await og.runScheduledChecks();
  expect((await og.order('o-held'))?.workflow.status).toBe('credit_hold');
  ok(await og.recordPrepayment('o-held', people.zhao, { amount: 565_000, reference: 'BANK-1' }));
  ok(await og.recordGuarantee('o-held', people.zhao, { reference: 'BG-2026-001' }));
  ok(await og.submit(makeOrder({ id: 'o-declined' }), people.li));
  ok(await og.declineCredit('o-declined', people.qian, 'Ask for prepayment terms'));
  // CR-3: the customer's own credit trail.
  const change = ok(
    await og.proposeCreditChange(
      { customerId: 'c-1', grade: 'A', reason: 'Prompt payer' },
      people.li,
    ),
  );
  ok(await og.approveCreditRequest(change.id, people.zhao));
  ok(await og.approveCreditRequest(change.id, people.he));
  const increase = ok(
    await og.proposeTemporaryIncrease(
      {
        customerId: 'c-1',
        amount: 1_000_000,
        currency: 'CNY',
        expiresAt: new Date(Date.parse(clock.now()) + 30 * 24 * 3_600_000).toISOString(),
        reason: 'Season peak',
      },
      people.li,
    ),
  );
  ok(await og.approveCreditRequest(increase.id, people.zhao));
  ok(await og.approveCreditRequest(increase.id, people.he));
  const refused = ok(
    await og.proposeCreditChange(
      { customerId: 'c-1', limit: { amount: 90_000_000, currency: 'CNY' }, reason: 'Growth' },
      people.li,
    ),
  );
  ok(await og.rejectCreditRequest(refused.id, people.zhao, 'Not before the annual review'));
  return store;
}

/**
 * Change control and delivery alerts (CH-1…CH-7, TR-2): an on-time forecast, an approved change
 * bringing the agreed date before it (so the check flags the forecast late), a rejected change, a
 * change left to run overdue, then the delivery at risk and overdue.
 */
async function changeScenario(): Promise<Store> {
  const { og, desk, store, clock, orderId } = await confirmedOrder(CONTRACT);
  ok(await og.forecastDelivery(orderId, people.zhou, { date: '2026-04-10' }));
  ok(
    await og.requestChange(orderId, people.li, {
      baseRevision: 1,
      reason: 'Customer needs it earlier',
      impact: 'Production moved up a week',
      patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-04-08' }],
    }),
  );
  // CH-7: approved, it waits for the signed amendment; recorded, it takes effect and is re-assessed.
  expect((await approveAllChangeSteps(desk, orderId)).order.revision).toBe(1);
  const amendment = { reference: 'HT-2026-017-A1', signedAt: clock.now() };
  expect(ok(await og.recordAmendmentSigned(orderId, people.wu, amendment)).order.revision).toBe(2);
  expect((await og.runScheduledChecks()).map((c) => c.orderId)).toEqual([orderId]);
  const patch = [{ op: 'set' as const, field: 'paymentTerms', value: 'NET60' }];
  const request = { baseRevision: 2, reason: 'Customer asks', impact: 'Later cash', patch };
  ok(await og.requestChange(orderId, people.li, request));
  await byWhoeverMay((who) => og.rejectChange(orderId, who, 'Terms stay'));
  // CH-2: a request withdrawn by its requester.
  ok(await og.requestChange(orderId, people.li, request));
  ok(await og.withdrawChange(orderId, people.li, 'Customer changed their mind'));
  ok(await og.requestChange(orderId, people.li, request));
  clock.advanceHours(24 * 7);
  await og.runScheduledChecks();
  await byWhoeverMay((who) => og.rejectChange(orderId, who, 'Too late'));
  clock.set('2026-04-06T09:00:00+08:00');
  await og.runScheduledChecks();
  clock.set('2026-04-09T12:00:00+08:00');
  await og.runScheduledChecks();
  return store;
}

/** CH-3, CH-6, CH-7: a confirmed order with a contract, cancelled on request once the termination is signed. */
async function cancellationScenario(): Promise<Store> {
  const { og, desk, store, clock, orderId } = await confirmedOrder(CONTRACT);
  ok(await og.requestCancellation(orderId, people.li, 'Customer project stopped'));
  expect((await approveAllChangeSteps(desk, orderId)).workflow.status).toBe('change_pending');
  const termination = { reference: 'HT-2026-017-T', signedAt: clock.now() };
  const signed = ok(await og.recordAmendmentSigned(orderId, people.wu, termination));
  expect(signed.workflow.status).toBe('cancelled');
  return store;
}

/**
 * Fulfilment to archive (TR-1…TR-4, AR-1…AR-6): forecasts, production, payment, shipping,
 * delivery, an acceptance issue reported and closed, invoicing, completion, archiving, reads and
 * exports refused and granted, the keeper's backup export and one refused, an access request rejected, a legal hold placed and lifted, the
 * monthly filing and the contract ledger read and refused.
 */
async function archiveScenario(): Promise<Store> {
  const keeperRoles = { archiveKeeper: { groups: ['archive_office'] } };
  const keeper: Actor = { id: 'u-gao', groups: ['archive_office'] };
  const { og, store, clock, orderId } = await confirmedOrder(
    CONTRACT,
    companyPolicy({ roles: keeperRoles }),
  );
  ok(await og.forecastDelivery(orderId, people.zhou, { date: '2026-04-10' }));
  ok(await og.forecastDelivery(orderId, people.zhou, { date: '2026-04-20', reason: 'Casting' }));
  ok(await og.recordProgress(orderId, people.zhou, { step: 'production', status: 'started' }));
  ok(await og.recordProgress(orderId, people.zhou, { step: 'production', status: 'done' }));
  ok(await og.settle(orderId, people.zhao, { paid: true, paymentRef: 'BANK-1' }));
  ok(
    await og.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'done',
      reference: 'WB-1',
    }),
  );
  clock.advanceHours(24);
  ok(await og.deliver(orderId, people.zhou, { reference: 'DN-1' }));
  ok(
    await og.reportIssue(orderId, people.zhou, {
      kind: 'damage',
      remedy: 'replace',
      description: '2 pumps dented',
      lineIds: ['l1'],
    }),
  );
  ok(await og.closeIssue(orderId, people.zhou, { issueId: 'ISS-1', resolution: 'Replaced' }));
  ok(await og.settle(orderId, people.zhao, { invoiced: true, invoiceRef: 'INV-1' }));
  ok(await og.complete(orderId, people.zhou));
  const { archiveId } = ok(await og.archive(orderId, people.zhou));
  expect(await og.readArchive(archiveId, people.chen)).toMatchObject({ code: 'NO_GRANT' });
  expect(await og.exportArchive(archiveId, people.chen)).toMatchObject({ code: 'NO_GRANT' });
  const access = ok(
    await og.requestArchiveAccess(archiveId, people.chen, { reason: 'Customer dispute' }),
  );
  ok(await og.approveArchiveAccess(access.id, people.wang));
  ok(await og.readArchive(archiveId, people.chen));
  ok(await og.exportArchive(archiveId, people.chen));
  // AR-2: the keeper's off-site backup needs no grant; anyone else is refused.
  ok(await og.exportArchiveBackup(archiveId, keeper));
  expect(await og.exportArchiveBackup(archiveId, people.chen)).toMatchObject({
    code: 'NOT_ELIGIBLE',
  });
  const other = ok(await og.requestArchiveAccess(archiveId, people.zhao, { reason: 'Audit' }));
  ok(await og.rejectArchiveAccess(other.id, people.wang, 'Not part of the audit'));
  ok(await og.setLegalHold(archiveId, people.wu, { hold: true, reason: 'Litigation' }));
  ok(await og.setLegalHold(archiveId, people.wu, { hold: false, reason: 'Case closed' }));
  ok(await og.fileMonth('2026-03', people.zhou));
  ok(await og.contractLedger(people.zhou));
  expect(await og.contractLedger(people.outsider)).toMatchObject({ code: 'NOT_ELIGIBLE' });
  return store;
}

/**
 * Shipping before payment after confirmation (RV-7, CR-8): an exception approved by the chain and
 * the goods shipped and delivered under it; another order's exception rejected.
 */
async function shippingExceptionScenario(): Promise<Store> {
  const { og, store, clock, orderId } = await confirmedOrder();
  ok(await og.requestShippingException(orderId, people.li, { reason: 'Line stoppage' }));
  for (const who of [people.zheng, people.qian, people.ma])
    ok(await og.approveShippingException(orderId, who));
  ok(await og.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'started' }));
  clock.advanceHours(24);
  ok(await og.deliver(orderId, people.zhou, { reference: 'DN-1' }));
  ok(await og.submit(makeOrder({ id: 'o-2' }), people.li));
  await approveRoute(og, 'o-2');
  ok(await og.confirm('o-2', people.li));
  ok(await og.requestShippingException('o-2', people.li, { reason: 'Line stoppage' }));
  ok(await og.rejectShippingException('o-2', people.zheng, 'Overdue invoices'));
  return store;
}

/** What the rule IDs of one event break of its catalogue entry, if anything. */
function ruleIdProblem(event: AuditEvent, spec: AuditEventSpec): string | undefined {
  const recorded = new Set<RuleId>(event.ruleIds ?? []);
  const missing = spec.ruleIds.filter((id) => !recorded.has(id));
  const extra = [...recorded].filter((id) => !spec.ruleIds.includes(id));
  const allowed =
    spec.ruleIdsOf === undefined
      ? []
      : spec.ruleIdsOf === 'holds'
        ? ['CR-1', 'CR-4', 'CR-6']
        : extra;
  const unexpected = extra.filter((id) => !allowed.includes(id));
  if (missing.length === 0 && unexpected.length === 0) return undefined;
  return `${event.type}: missing ${missing.join(',') || '-'}, unexpected ${unexpected.join(',') || '-'}`;
}

describe('AR-2 the audit event catalogue', () => {
  it('AR-2 IN-1 RV-2 RV-7 CR-3 CR-8 CH-5 TR-1 AR-5 every event of every stream parses against the catalogue, in its stream, with its rule IDs, and the actions reach every type', async () => {
    const stores = [
      await reviewScenario(),
      await creditScenario(),
      await changeScenario(),
      await cancellationScenario(),
      await archiveScenario(),
      await shippingExceptionScenario(),
    ];
    const events = (await Promise.all(stores.map(everyEvent))).flat();
    expect(events.length).toBeGreaterThan(100);

    const unparsed = events.flatMap((e) => {
      try {
        parseAuditEvent(e);
        return [];
      } catch (error) {
        return [`${e.stream}#${String(e.seq)} ${e.type}: ${String(error)}`];
      }
    });
    expect(unparsed).toEqual([]);

    const catalogue: Record<string, AuditEventSpec> = AUDIT_EVENT_TYPES;
    const elsewhere = events
      .filter((e) => {
        const kind = e.stream.slice(0, e.stream.indexOf(':'));
        return !catalogue[e.type]?.streams.some((s) => s === kind);
      })
      .map((e) => `${e.type} on ${e.stream}`);
    expect(elsewhere).toEqual([]);

    const ruleProblems = [
      ...new Set(
        events.flatMap((e) => {
          const spec = catalogue[e.type];
          const problem = spec && ruleIdProblem(e, spec);
          return problem ? [problem] : [];
        }),
      ),
    ];
    expect(ruleProblems).toEqual([]);

    // Every type of the catalogue is reached by the actions above: none is described but unwritten.
    const seen = new Set(events.map((e) => e.type));
    expect(Object.keys(AUDIT_EVENT_TYPES).filter((t) => !seen.has(t))).toEqual([]);
    expect([...seen].filter((t) => !isAuditEventType(t))).toEqual([]);
  }, 60_000);

  it('AR-2 the façade reads trails as typed events: narrowing on the type gives the payload', async () => {
    const { og, orderId } = await confirmedOrder();
    ok(await og.recordProgress(orderId, people.zhou, { step: 'production', status: 'started' }));
    const history = await og.history(orderId);
    expect(history.map((e) => e.type)).toContain('fulfilment.progress');
    for (const e of history) {
      if (e.type === 'fulfilment.progress') {
        expectTypeOf(e.data.step).toEqualTypeOf<
          | 'production'
          | 'procurement'
          | 'warehouse'
          | 'shipping'
          | 'delivery'
          | 'acceptance'
          | 'settlement'
        >();
        expect(e.data).toMatchObject({ step: 'production', status: 'started', by: 'u-zhou' });
      }
      if (e.type === 'order.submitted') expect(e.data.submissions).toBe(1);
    }
    expect((await og.order(orderId))?.history).toEqual(history);
  });

  it('AR-2 a payload that does not fit its type is refused with a ValidationError naming the path', async () => {
    const { og, store } = makeDesk();
    ok(await og.submit(makeOrder(), people.li));
    const [submitted, assessed] = await store.readStream('order:o-1');
    expect(submitted?.type).toBe('order.submitted');
    expect(assessed?.type).toBe('order.assessed');
    const refusal = (event: AuditEvent) => {
      try {
        parseAuditEvent(event);
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        const v = error as ValidationError;
        return { subject: v.subject, paths: v.issues.map((i) => i.path) };
      }
      throw new Error('parsed');
    };
    const base = submitted!;
    expect(refusal({ ...base, data: { ...(base.data as object), submissions: 'one' } })).toEqual({
      subject: 'audit event order:o-1#1 (order.submitted)',
      paths: ['data.submissions'],
    });
    expect(refusal({ ...base, data: { ...(base.data as object), by: 'u-li' } }).paths).toEqual([
      'data',
    ]);
    expect(refusal({ ...base, data: null }).paths).toEqual(['data']);
    const findings = (assessed!.data as { findings: { ruleId: string }[] }).findings;
    expect(
      refusal({
        ...assessed!,
        data: { findings: [{ ...findings[0], ruleId: 'XX-1' }, ...findings.slice(1)] },
      }).paths,
    ).toEqual(['data.findings.0.ruleId']);
  });

  it('AR-2 a type the catalogue does not know is refused with a ValidationError naming `type`', async () => {
    const { og, store } = makeDesk();
    ok(await og.submit(makeOrder(), people.li));
    const [event] = await store.readStream('order:o-1');
    let caught: unknown;
    try {
      parseAuditEvent({ ...event!, type: 'order.shipped' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      { path: 'type', message: '"order.shipped" is not an audit event type of the catalogue' },
    ]);
    expect(isAuditEventType('order.shipped')).toBe(false);
    expect(isAuditEventType('toString')).toBe(false);
  });

  it('AR-2 producers cannot draft a misspelt type or a payload that does not fit (typecheck)', () => {
    const fits: RecordedEvent = {
      type: 'order.confirmed',
      ruleIds: ['CH-1'],
      data: { by: 'u-li' },
    };
    // @ts-expect-error a type the catalogue does not know
    const misspelt: RecordedEvent = { type: 'order.confirmd', data: { by: 'u-li' } };
    // @ts-expect-error a payload field of the wrong type
    const mistyped: RecordedEvent = { type: 'order.confirmed', data: { by: 42 } };
    // @ts-expect-error a payload field the catalogue does not name
    const extra: RecordedEvent = { type: 'order.confirmed', data: { by: 'u-li', note: 'x' } };
    const draft: TypedAuditDraft = {
      ...fits,
      stream: 'order:o-1',
      at: '2026-03-02T01:00:00Z',
      actor: 'u-li',
    };
    expectTypeOf<AuditEventType>().toEqualTypeOf<keyof typeof AUDIT_EVENT_TYPES>();
    expect([misspelt, mistyped, extra, draft].length).toBe(4);
  });
});
