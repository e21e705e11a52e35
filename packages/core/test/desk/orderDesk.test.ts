import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeLine, makeOrder, makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

const order = (id: string, overrides: Parameters<typeof makeOrder>[0] = {}) =>
  makeOrder({ id, number: '', ...overrides });
/** The same order as input, unparsed: for what the desk must refuse. */
const raw = (id: string, overrides: Parameters<typeof makeOrder>[0] = {}) =>
  makeOrderInput({ id, number: '', ...overrides });

describe('IN-1 order numbers', () => {
  it('assigns SO-YYYY-NNNNNN numbers that never repeat, even with 200 concurrent submitters', async () => {
    const { desk } = makeDesk();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => desk.submit(order(`o-${i}`), people.li)),
    );
    const numbers = results.map((r) => (r.ok ? r.value.order.number : 'refused'));
    expect(new Set(numbers).size).toBe(200);
    expect(numbers.every((n) => /^SO-2026-\d{6}$/.test(n))).toBe(true);
    expect([...numbers].sort()[0]).toBe('SO-2026-000001');
  });

  it('ignores a number sent with the order and keeps its own on resubmission', async () => {
    const { desk } = makeDesk();
    const first = await desk.submit(
      order('o-1', { number: 'HACK-1', paymentTerms: '' }),
      people.li,
    );
    expect(first).toMatchObject({ ok: false, code: 'RETURNED' });
    expect(!first.ok && first.recorded?.order.number).toBe('SO-2026-000001');
    expect(!first.ok && first.recorded?.workflow.status).toBe('returned');
    const again = await desk.submit(order('o-1'), people.li);
    expect(again.ok && again.value.order.number).toBe('SO-2026-000001');
  });

  it('follows the policy pattern and restarts each year when scoped by year', async () => {
    const { desk, clock } = makeDesk(
      companyPolicy({ intake: { numbering: { pattern: 'XS{YY}{MM}-{seq:4}' } } }),
      '2026-12-31T10:00:00Z',
    );
    const a = await desk.submit(order('a'), people.li);
    const b = await desk.submit(order('b'), people.li);
    // 2026-12-31T17:00Z is already 1 January 2027 in Shanghai, the policy's zone: a new sequence.
    clock.set('2026-12-31T17:00:00Z');
    const c = await desk.submit(order('c'), people.li);
    expect([a, b, c].map((r) => (r.ok ? r.value : r.recorded)?.order.number)).toEqual([
      'XS2612-0001',
      'XS2612-0002',
      'XS2701-0001',
    ]);
  });
});

describe('the desk takes an order through review', () => {
  it('RV-3 RV-5: submit → in review → production → sales head → approved → confirmed (locked)', async () => {
    const { desk, delivered } = makeDesk();
    const submitted = await desk.submit(order('o-1'), people.li);
    expect(submitted.ok && submitted.value.workflow.status).toBe('in_review');
    expect(submitted.ok && submitted.value.workflow.route?.steps.map((s) => s.key)).toEqual([
      'regularReview',
      'salesHead',
    ]);
    expect(
      delivered
        .filter((e) => e.type === 'scheduleApproval')
        .map((e) => e.type === 'scheduleApproval' && e.step),
    ).toEqual(['regularReview']);

    // The sales head's step waits for the production review: the refusal says which step (RV-3).
    expect(await desk.approve('o-1', people.wang)).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      step: 'salesHead',
      ruleId: 'RV-3',
      messageKey: 'review.approval.notYetOpen',
    });
    expect((await desk.approve('o-1', people.liu)).ok).toBe(true);
    const approved = await desk.approve('o-1', people.wang, { comment: 'OK' });
    expect(approved.ok && approved.value.workflow.status).toBe('approved');
    const confirmed = await desk.confirm('o-1', people.li);
    expect(confirmed.ok && confirmed.value.workflow.status).toBe('confirmed');
    expect(confirmed.ok && confirmed.effects.map((e) => e.type)).toContain('lockOrder');

    const history = (await desk.history('o-1')).map((e) => e.type);
    expect(history).toEqual([
      'order.submitted',
      'order.assessed',
      'review.started',
      'approval.granted',
      'approval.granted',
      'order.approved',
      'order.confirmed',
    ]);
    expect(await desk.verify('o-1')).toMatchObject({ ok: true, events: 7 });
  });

  it('effects reach the notifier after commit with stable, unique keys', async () => {
    const { desk, delivered } = makeDesk();
    await desk.submit(order('o-1'), people.li);
    await desk.approve('o-1', people.liu);
    const keys = delivered.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.every((k) => k.startsWith('o-1:'))).toBe(true);
  });

  it('RV-9: a rejection needs a reason and a reviewer; a return sends it back for correction', async () => {
    const { desk } = makeDesk();
    await desk.submit(order('o-1'), people.li);
    expect(await desk.reject('o-1', people.liu, '   ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(await desk.reject('o-1', people.outsider, 'no')).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await desk.reject('o-1', people.li, 'mine')).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    const returned = await desk.returnToSales(
      'o-1',
      people.liu,
      'Delivery date infeasible: 2 weeks more',
    );
    expect(returned.ok && returned.value.workflow).toMatchObject({
      status: 'returned',
      lastReturn: { by: 'u-liu', reason: 'Delivery date infeasible: 2 weeks more' },
    });
    const again = await desk.submit(
      order('o-1', { requestedDeliveryDate: '2026-04-30' }),
      people.li,
    );
    expect(again.ok && again.value.workflow).toMatchObject({ status: 'in_review', submissions: 2 });
    expect(again.ok && again.value.order.requestedDeliveryDate).toBe('2026-04-30');
    const rejected = await desk.reject('o-1', people.liu, 'Customer blacklisted');
    expect(rejected.ok && rejected.value.workflow.rejection?.reason).toBe('Customer blacklisted');
    expect((await desk.history('o-1')).map((e) => e.type)).toContain('order.resubmitted');
    expect(await desk.submit(order('o-1'), people.li)).toMatchObject({
      ok: false,
      code: 'ALREADY_SUBMITTED',
    });
  });

  it('RV-2: an overdue review is flagged, escalated to the next level and counted once', async () => {
    const { desk, clock, delivered } = makeDesk();
    await desk.submit(order('o-1'), people.li);
    clock.advanceHours(24);
    expect(await desk.checkDeadlines()).toEqual([]);
    clock.advanceHours(1);
    expect(await desk.checkDeadlines()).toEqual(['o-1']);
    expect(await desk.checkDeadlines()).toEqual([]);
    expect(
      delivered.some(
        (e) => e.type === 'notify' && e.ruleId === 'RV-2' && e.to.roles?.includes('generalManager'),
      ),
    ).toBe(true);
    const gm = await desk.approve('o-1', people.he);
    expect(gm.ok && gm.value.workflow.route?.steps[0]).toMatchObject({
      status: 'approved',
      overdue: true,
    });
    expect((await desk.history('o-1')).filter((e) => e.type === 'review.overdue')).toHaveLength(1);
  });

  it('IN-4: urgent orders come first in the queue and have a 4-hour deadline', async () => {
    const { desk } = makeDesk();
    await desk.submit(order('normal'), people.li);
    await desk.submit(
      order('urgent', { urgent: true, urgency: { reason: 'line down', feasible: true } }),
      people.li,
    );
    const queue = await desk.queue();
    expect(queue.map((o) => o.order.id)).toEqual(['urgent', 'normal']);
    expect(queue[0]!.workflow.route?.reviewDeadline).toBe('2026-03-02T05:00:00.000Z');
  });

  it('IN-3: a verbal order is confirmed only after its written confirmation is recorded', async () => {
    const { desk } = makeDesk();
    await desk.submit(order('v', { channel: 'verbal' }), people.li);
    await desk.approve('v', people.liu);
    await desk.approve('v', people.wang);
    const blocked = await desk.confirm('v', people.li);
    expect(blocked).toMatchObject({ ok: false, code: 'BLOCKED' });
    expect(!blocked.ok && blocked.findings?.map((f) => f.ruleId)).toEqual(['IN-3']);
    // A confirmation without its document reference is refused under IN-3, not recorded.
    expect(await desk.recordWrittenConfirmation('v', people.zhou, '  ')).toMatchObject({
      ok: false,
      code: 'REFERENCE_REQUIRED',
      ruleId: 'IN-3',
      messageKey: 'intake.verbal.referenceRequired',
    });
    await desk.recordWrittenConfirmation('v', people.zhou, 'FAX-0302');
    const view = await desk.get('v');
    expect(view?.order.writtenConfirmation?.reference).toBe('FAX-0302');
    expect(view?.revisions).toEqual([]);
    expect((await desk.confirm('v', people.zhou)).ok).toBe(true);
  });

  it('RV-10: a required contract must be legally reviewed and signed before confirmation', async () => {
    const { desk } = makeDesk();
    const r = await desk.submit(
      order('c', { contract: { required: true, number: 'HT-2026-01', legalReviewed: false } }),
      people.li,
    );
    expect(r.ok && r.value.workflow.route?.steps.map((s) => s.key)).toEqual([
      'regularReview',
      'legalReview',
      'salesHead',
    ]);
    for (const who of [people.liu, people.wu, people.wang])
      expect((await desk.approve('c', who)).ok).toBe(true);
    const blocked = await desk.confirm('c', people.li);
    expect(!blocked.ok && blocked.findings?.map((f) => f.ruleId)).toEqual(['RV-10']);
  });

  it('RV-11: stock shortages after confirmation are shown and raise a procurement need', async () => {
    const { desk } = makeDesk();
    await desk.submit(
      order('s', { lines: [makeLine({ quantity: 5, availableQuantity: 2 })] }),
      people.li,
    );
    await desk.approve('s', people.liu);
    await desk.approve('s', people.wang);
    const confirmed = await desk.confirm('s', people.li);
    expect(confirmed.ok && confirmed.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['RV-11', 'warn'],
    ]);
    expect(
      confirmed.ok && confirmed.effects.find((e) => e.type === 'procurementNeed'),
    ).toMatchObject({ lines: [{ lineId: 'l1', shortQuantity: 3 }] });
  });

  it('RV-4: three departments approving the joint review at the same moment all count', async () => {
    const { desk } = makeDesk(
      companyPolicy({
        approvals: {
          steps: {
            regularReview: {
              label: { en: 'P', zh: '生产' },
              roles: ['production'],
              stage: 30,
              ruleId: 'RV-5',
            },
          },
        },
      }),
    );
    await desk.submit(order('j', { technicalComplexity: true }), people.li);
    const results = await Promise.all(
      [people.sun, people.zhao, people.liu].map((p) =>
        desk.approve('j', p, { step: 'jointReview' }),
      ),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const route = await desk.approvalState('j');
    expect(route?.steps.find((s) => s.key === 'jointReview')).toMatchObject({ status: 'approved' });
    expect(
      route?.steps
        .find((s) => s.key === 'jointReview')
        ?.approvals.map((a) => a.department)
        .sort(),
    ).toEqual(['finance', 'production', 'technical']);
  });

  it('IN-2 a malformed order (not an order at all) is refused with every problem listed and nothing written', async () => {
    const { desk, store } = makeDesk();
    const before = store.snapshot();
    const bad = {
      ...order('bad'),
      currency: 'rmb',
      enteredAt: '2026-03-02T09:00:00+99:99',
      lines: [{ ...makeLine(), quantity: '3', unitPrice: 12.5 }],
    };
    const error = await desk.submit(bad as never, people.li).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['currency', 'enteredAt', 'lines.0.quantity', 'lines.0.unitPrice']),
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('IN-2 lists every missing item of an incomplete order at once and returns it to sales', async () => {
    const { desk } = makeDesk();
    const r = await desk.submit(
      order('gaps', {
        contact: { name: 'Zhang', phone: '', email: '' },
        lines: [
          makeLine(),
          makeLine({ id: 'l2', quantity: 0 }),
          makeLine({ id: 'l3', quantity: undefined, unitPrice: undefined }),
        ],
        requestedDeliveryDate: '2026-02-30',
      }),
      people.li,
    );
    expect(r).toMatchObject({ ok: false, code: 'RETURNED', ruleId: 'IN-2' });
    if (r.ok || !r.recorded) return expect.fail('an order returned to sales is recorded');
    expect(r.recorded.workflow.status).toBe('returned');
    expect(r.recorded.order.number).toBe('SO-2026-000001');
    const in2 = r.findings.filter((f) => f.ruleId === 'IN-2');
    expect(in2.map((f) => f.evidence[0]!.field)).toEqual([
      'contact.phone',
      'lines.1.quantity',
      'lines.2.quantity',
      'lines.2.unitPrice',
      'requestedDeliveryDate',
    ]);
    expect(r.findings.filter((f) => f.severity === 'block').map((f) => f.ruleId)).toEqual(
      in2.map(() => 'IN-2'),
    );
    // Corrected and resubmitted under the same number (RV-9).
    const fixed = await desk.submit(order('gaps'), people.li);
    expect(fixed.ok && [fixed.value.workflow.status, fixed.value.order.number]).toEqual([
      'in_review',
      'SO-2026-000001',
    ]);
  });

  it.each([
    ['a quantity beyond the safe range', { quantity: 1e300 }, 'lines.0.quantity'],
    ['an unsafe amount', { unitPrice: 2 ** 60 }, 'lines.0.unitPrice'],
    ['an endless product name', { productName: 'x'.repeat(5_000) }, 'lines.0.productName'],
    ['a line id of 201 characters', { id: 'l'.repeat(201) }, 'lines.0.id'],
  ])(
    'IN-2 boundary: %s is not an order (ValidationError naming the path)',
    async (_, line, path) => {
      const { desk, store } = makeDesk();
      const before = store.snapshot();
      const error = await desk
        .submit(raw('huge', { lines: [{ ...makeLine(), ...line }] }), people.li)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(new Set((error as ValidationError).issues.map((i) => i.path))).toEqual(
        new Set([path]),
      );
      expect(store.snapshot()).toEqual(before);
    },
  );

  it.each([
    '2026-03-02T09:00:00+99:99',
    '2026-03-02T09:00:61+08:00',
    '2026-02-30T09:00:00+08:00',
    '2026-03-02T24:00:00Z',
  ])('IN-1 an impossible entry instant (%s) is not an order', async (enteredAt) => {
    const { desk } = makeDesk();
    const error = await desk.submit(raw('t', { enteredAt }), people.li).catch((e: unknown) => e);
    expect((error as ValidationError).issues).toEqual([
      expect.objectContaining({ path: 'enteredAt' }),
    ]);
  });

  it('IN-2 boundary: input that is not an object, or nested absurdly deep, is a ValidationError', async () => {
    const { desk } = makeDesk();
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep, b: [deep] };
    for (const input of [null, 42, 'order', [], { ...raw('d'), notes: deep }, deep]) {
      const error = await desk.submit(input as never, people.li).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
    }
    const lines = Array.from({ length: 1_001 }, (_, i) => makeLine({ id: `l${String(i)}` }));
    const many = await desk.submit(raw('m', { lines }), people.li).catch((e: unknown) => e);
    expect((many as ValidationError).issues.map((i) => i.path)).toEqual(['lines']);
  });
});
