import { describe, expect, it } from 'vitest';
import {
  formatFinding,
  formatMessage,
  LOCKED_STATUSES,
  MESSAGES,
  ValidationError,
  type Effect,
} from '../../src/index.js';
import { approveAllChangeSteps, changeDesk, confirmedOrder, ok } from '../support/change.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';

const priceChange = {
  baseRevision: 1,
  reason: 'Customer renegotiated the pump price',
  impact: 'Margin on line 1 falls by 6.7 %',
  patch: [{ op: 'updateLine' as const, lineId: 'l1', set: { unitPrice: 140_000 } }],
};

const stepsOf = (view: {
  workflow: { change?: { pending?: { route: { steps: readonly { key: string }[] } } } };
}) => view.workflow.change?.pending?.route.steps.map((s) => s.key);

describe('CH-1 confirmed orders change only through an approved change request', () => {
  it('CH-1 a confirmed order is locked: resubmitting edited data is refused and nothing changes', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    expect(LOCKED_STATUSES.has('confirmed')).toBe(true);
    const r = await desk.submit(makeOrder({ notes: 'edited' }), people.li);
    expect(r).toMatchObject({ ok: false, code: 'ALREADY_SUBMITTED' });
    expect((await desk.get(order.id))!.order.notes).toBe('');
  });

  it('CH-1 every change request waits for the sales head; the order is change_pending meanwhile', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(await desk.requestChange(order.id, people.li, { ...priceChange }));
    expect(view.workflow.status).toBe('change_pending');
    expect(stepsOf(view)).toContain('salesHead');
    const salesHead = view.workflow.change!.pending!.route.steps.find(
      (s) => s.key === 'salesHead',
    )!;
    expect(salesHead.ruleIds).toContain('CH-1');
    // the order itself is untouched until approval
    expect(view.order.lines[0]!.unitPrice).toBe(150_000);
    expect(view.order.revision).toBe(1);
  });

  it('CH-1 a non-material change (contact, notes) needs the sales head alone, whoever asks', async () => {
    for (const customerRequested of [false, true]) {
      const { desk } = changeDesk();
      const order = await confirmedOrder(desk);
      const view = ok(
        await desk.requestChange(order.id, people.li, {
          baseRevision: 1,
          reason: 'New buyer at the customer',
          impact: 'None on delivery or price',
          customerRequested,
          patch: [
            { op: 'set', field: 'contact.name', value: 'Li Na' },
            { op: 'set', field: 'notes', value: 'Call before delivery' },
          ],
        }),
      );
      expect(stepsOf(view)).toEqual(['salesHead']);
      const info = view.workflow.change!.pending!.findings.find((f) => f.ruleId === 'CH-4')!;
      expect(info).toMatchObject({ severity: 'info', messageKey: 'change.route.nonMaterial' });
      const done = ok(await desk.approveChange(order.id, people.wang));
      expect(done.workflow.status).toBe('confirmed');
      expect(done.order).toMatchObject({
        revision: 2,
        notes: 'Call before delivery',
        customerRequestedChange: false,
      });
      expect(done.order.contact.name).toBe('Li Na');
    }
  });

  it('CH-1 someone who neither owns the order nor holds a request role may not request a change', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    expect(await desk.requestChange(order.id, people.chen, { ...priceChange })).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    const withRole = changeDesk({ change: { requestRoles: ['salesAssistant'] } });
    const order2 = await confirmedOrder(withRole.desk);
    expect((await withRole.desk.requestChange(order2.id, people.zhou, { ...priceChange })).ok).toBe(
      true,
    );
  });

  it('CH-1 an overdue change step is escalated to the next level like a review step (RV-2)', async () => {
    const { desk, clock } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'x' }],
      }),
    );
    clock.advanceHours(23);
    expect(await desk.checkDeadlines()).toEqual([]);
    clock.advanceHours(2);
    expect(await desk.checkDeadlines()).toEqual([order.id]);
    const step = (await desk.get(order.id))!.workflow.change!.pending!.route.steps[0]!;
    expect(step).toMatchObject({
      key: 'salesHead',
      overdue: true,
      escalatedTo: ['generalManager'],
    });
    // the general manager may now act for the overdue sales head step
    expect((await desk.approveChange(order.id, people.he)).ok).toBe(true);
  });

  it('CH-1 a change is not possible before confirmation (the order is not locked yet)', async () => {
    const { desk } = changeDesk();
    const view = ok(await desk.submit(makeOrder(), people.li));
    expect(await desk.requestChange(view.order.id, people.li, { ...priceChange })).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('CH-2 the owner states reason and impact; the departments concerned approve', () => {
  it('CH-2 a change without reason or impact is refused with REASON_REQUIRED', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    expect(
      await desk.requestChange(order.id, people.li, { ...priceChange, reason: '  ' }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(
      await desk.requestChange(order.id, people.li, { ...priceChange, impact: '' }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect((await desk.get(order.id))!.workflow.status).toBe('confirmed');
  });

  it('CH-2 departments concerned default to the owners of the changed fields (finance: price; engineering: specification)', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [
          { op: 'updateLine', lineId: 'l1', set: { unitPrice: 140_000 } },
          { op: 'updateLine', lineId: 'l2', set: { specification: 'DN65 PN16' } },
        ],
      }),
    );
    const step = view.workflow.change!.pending!.route.steps.find(
      (s) => s.key === 'changeDepartmentReview',
    )!;
    expect([...step.roles].sort()).toEqual(['engineering', 'finance']);
    expect(step.mode).toBe('eachDepartment');
    // the re-review (production, stage 10) comes first; then both departments sign: finance
    // alone does not complete the step
    ok(await desk.approveChange(order.id, people.liu));
    ok(await desk.approveChange(order.id, people.zhao));
    const after = (await desk.get(order.id))!.workflow.change!.pending!.route.steps.find(
      (s) => s.key === 'changeDepartmentReview',
    )!;
    expect(after.status).toBe('active');
    ok(await desk.approveChange(order.id, people.huang));
    const done = (await desk.get(order.id))!.workflow.change!.pending!.route.steps.find(
      (s) => s.key === 'changeDepartmentReview',
    )!;
    expect(done.status).toBe('approved');
  });

  it('CH-2 a department another step already asks is not asked twice (production in the re-review)', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'updateLine', lineId: 'l2', set: { quantity: 12 } }],
      }),
    );
    expect(stepsOf(view)).toEqual(['regularReview', 'salesHead']);
    const ch2 = view.workflow.change!.pending!.findings.find((f) => f.ruleId === 'CH-2')!;
    expect(ch2.steps).toEqual(['regularReview']);
  });

  it('CH-2 the policy maps fields to departments', async () => {
    const { desk } = changeDesk({
      change: { departments: { 'lines.unitPrice': ['financeDirector', 'technical'] } },
    });
    const order = await confirmedOrder(desk);
    const view = ok(await desk.requestChange(order.id, people.li, { ...priceChange }));
    const step = view.workflow.change!.pending!.route.steps.find(
      (s) => s.key === 'changeDepartmentReview',
    )!;
    // the finance director already signs the RV-7 opinion step, so only technical is added
    expect(step.roles).toEqual(['technical']);
  });

  it('CH-2 nobody approves a change they requested, nor a change of their own order', async () => {
    const { desk } = changeDesk({ change: { requestRoles: ['salesHead'] } });
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.wang, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'x' }],
      }),
    );
    expect(await desk.approveChange(order.id, people.wang)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    expect(await desk.approveChange(order.id, people.li)).toMatchObject({
      ok: false,
      code: expect.stringMatching(/SELF_APPROVAL|NOT_ELIGIBLE/),
    });
    expect(await desk.rejectChange(order.id, people.wang, 'no')).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
  });

  it('CH-2 a patch that does not fit the current revision is refused, every misfit named, and nothing is written', async () => {
    const { desk, store } = changeDesk();
    const order = await confirmedOrder(desk);
    const before = store.snapshot();
    const r = await desk.requestChange(order.id, people.li, {
      ...priceChange,
      patch: [
        { op: 'updateLine', lineId: 'l1', set: { quantity: 3 } },
        { op: 'set', field: 'number', value: 'SO-X' },
        { op: 'removeLine', lineId: 'nope' },
        { op: 'updateLine', lineId: 'l2', set: { colour: 'red' } },
      ],
    });
    expect(r).toMatchObject({
      ok: false,
      code: 'INVALID_PATCH',
      ruleId: 'CH-2',
      messageKey: 'change.patch.invalid',
      params: { revision: 1, count: 3 },
    });
    if (r.ok) return;
    expect(r.findings?.map((f) => [f.ruleId, f.messageKey, f.evidence[0]?.field])).toEqual([
      ['CH-2', 'change.patch.protectedField', 'patch.1.field'],
      ['CH-2', 'change.patch.unknownLine', 'patch.2.lineId'],
      ['CH-2', 'change.patch.unknownLineField', 'patch.3.set.colour'],
    ]);
    for (const locale of ['en', 'zh'] as const) {
      expect(formatMessage(r.messageKey, r.params, locale)).not.toMatch(/\{\w+\}/);
      for (const f of r.findings ?? []) expect(formatFinding(f, locale)).not.toMatch(/\{\w+\}/);
    }
    expect(store.snapshot()).toEqual(before);
  });

  it('IN-2 a change that would leave the order incomplete is refused with the IN-2 findings it introduces', async () => {
    const { desk, store } = changeDesk();
    const order = await confirmedOrder(desk);
    const before = store.snapshot();
    const r = await desk.requestChange(order.id, people.li, {
      ...priceChange,
      patch: [
        { op: 'updateLine', lineId: 'l2', set: { quantity: -3 } },
        { op: 'set', field: 'requestedDeliveryDate', value: '2026-02-30' },
      ],
    });
    expect(r).toMatchObject({ ok: false, code: 'BLOCKED', ruleId: 'IN-2', params: { count: 2 } });
    if (r.ok) return;
    expect(r.findings?.map((f) => [f.messageKey, f.evidence[0]?.field])).toEqual([
      ['intake.malformed.line.quantity', 'lines.1.quantity'],
      ['intake.malformed.requestedDeliveryDate', 'requestedDeliveryDate'],
    ]);
    expect(store.snapshot()).toEqual(before);
  });

  it('CH-2 a patch whose result is not an order at all is a ValidationError naming the line by id', async () => {
    const { desk, store } = changeDesk();
    const order = await confirmedOrder(desk);
    const before = store.snapshot();
    const schema = (await desk
      .requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'updateLine', lineId: 'l2', set: { quantity: 'three' } }],
      })
      .catch((e: unknown) => e)) as ValidationError;
    expect(schema).toBeInstanceOf(ValidationError);
    expect(schema.issues).toEqual([expect.objectContaining({ path: 'lines.l2.quantity' })]);
    expect(store.snapshot()).toEqual(before);
  });

  it('CH-2 CH-3 a patch that changes nothing, or removes every line, is refused', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    expect(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'updateLine', lineId: 'l1', set: { unitPrice: 150_000 } }],
      }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_PATCH',
      ruleId: 'CH-2',
      messageKey: 'change.patch.noChange',
    });
    const all = await desk.requestChange(order.id, people.li, {
      ...priceChange,
      patch: [
        { op: 'removeLine', lineId: 'l1' },
        { op: 'removeLine', lineId: 'l2' },
      ],
    });
    expect(all).toMatchObject({ ok: false, code: 'INVALID_PATCH', ruleId: 'CH-3' });
    expect(!all.ok && all.findings?.map((f) => f.messageKey)).toEqual([
      'change.patch.removesEveryLine',
    ]);
  });
});

describe('CH-3 cancellation is a request with a reason, approved like a change', () => {
  it('CH-3 a cancellation without a reason is refused', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    expect(await desk.requestCancellation(order.id, people.li, ' ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
  });

  it('CH-3 a cancellation is reviewed by finance and production and the sales head, then cancels the order', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(
      await desk.requestCancellation(order.id, people.li, 'Customer project stopped'),
    );
    expect(stepsOf(view)).toEqual(['changeDepartmentReview', 'salesHead']);
    expect(view.workflow.change!.pending!.findings.map((f) => f.ruleId)).toEqual(['CH-1', 'CH-3']);
    const done = await approveAllChangeSteps(desk, order.id);
    expect(done.workflow.status).toBe('cancelled');
    expect(done.order.revision).toBe(1);
    expect(done.workflow.change!.history[0]).toMatchObject({
      kind: 'cancel',
      decision: { outcome: 'approved' },
    });
    const events = (await desk.history(order.id)).map((e) => e.type);
    expect(events).toContain('order.cancelled');
  });

  it('CH-3 a rejected cancellation returns the order to its status with the reason on record', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(await desk.requestCancellation(order.id, people.li, 'Customer project stopped'));
    expect(await desk.rejectChange(order.id, people.zhao, '')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    const r = ok(await desk.rejectChange(order.id, people.zhao, 'Goods already produced'));
    expect(r.workflow.status).toBe('confirmed');
    expect(r.workflow.change!.pending).toBeUndefined();
    expect(r.workflow.change!.history[0]!.decision).toMatchObject({
      outcome: 'rejected',
      by: 'u-zhao',
      reason: 'Goods already produced',
    });
  });
});

describe('CH-4 materiality decides the route', () => {
  it('CH-4 a change of unit price runs the RV-7 exceptional chain in order', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(await desk.requestChange(order.id, people.li, { ...priceChange }));
    expect(stepsOf(view)).toEqual([
      'changeDepartmentReview',
      'marketingVpReview',
      'financeDirectorOpinion',
      'presidentApproval',
      'salesHead',
    ]);
    // the president cannot approve before the marketing VP and the finance director
    ok(await desk.approveChange(order.id, people.zhao));
    expect(await desk.approveChange(order.id, people.ma)).toMatchObject({ ok: false });
    for (const who of [people.zheng, people.qian, people.ma])
      ok(await desk.approveChange(order.id, who));
    const done = ok(await desk.approveChange(order.id, people.wang));
    expect(done.order.lines[0]!.unitPrice).toBe(140_000);
    const finding = done.workflow.change!.history[0]!.findings.find(
      (f) => f.messageKey === 'change.route.exceptional',
    )!;
    expect(formatFinding(finding, 'en')).toContain('line 1');
  });

  it('CH-4 a customer-requested material change makes the order non-regular (RV-5 engineering route)', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        customerRequested: true,
        patch: [{ op: 'updateLine', lineId: 'l2', set: { quantity: 20 } }],
      }),
    );
    expect(stepsOf(view)).toEqual(
      expect.arrayContaining(['engineeringReview', 'generalManagerApproval', 'salesHead']),
    );
    expect(stepsOf(view)).not.toContain('regularReview');
    const done = await approveAllChangeSteps(desk, order.id);
    expect(done.order.customerRequestedChange).toBe(true);
  });

  it('CH-4 another material change re-opens the order’s review route, not the exceptional chain', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-05-20' }],
      }),
    );
    expect(stepsOf(view)).toEqual(['regularReview', 'salesHead']);
    expect(view.workflow.change!.pending!.findings.map((f) => f.messageKey)).toContain(
      'change.route.review',
    );
  });

  it('CH-4 a non-regular order is re-reviewed on its own (engineering) route', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk, { lines: [makeLine({ shippedBefore: false })] });
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'updateLine', lineId: 'l1', set: { quantity: 3 } }],
      }),
    );
    expect(stepsOf(view)).toContain('engineeringReview');
  });

  it('CH-4 the policy classes fields: a field made non-material needs the sales head alone', async () => {
    const patch = [
      { op: 'set' as const, field: 'deliveryAddress.street', value: '99 Zhangjiang Road' },
    ];
    const strict = changeDesk();
    const o1 = await confirmedOrder(strict.desk);
    expect(
      stepsOf(ok(await strict.desk.requestChange(o1.id, people.li, { ...priceChange, patch }))),
    ).toEqual(['regularReview', 'salesHead']);
    const relaxed = changeDesk({
      change: { materiality: { nonMaterial: ['contact', 'notes', 'deliveryAddress'] } },
    });
    const o2 = await confirmedOrder(relaxed.desk);
    expect(
      stepsOf(ok(await relaxed.desk.requestChange(o2.id, people.li, { ...priceChange, patch }))),
    ).toEqual(['salesHead']);
  });
});

describe('CH-5 approved changes make revisions; stale requests conflict', () => {
  it('CH-5 approval makes revision 2; revision 1 stays readable and the two compare field by field', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [
          { op: 'set', field: 'notes', value: 'Revised after call' },
          { op: 'updateLine', lineId: 'l2', set: { quantity: 12 } },
          { op: 'addLine', line: makeLine({ id: 'l3', quantity: 1 }) },
        ],
      }),
    );
    const done = await approveAllChangeSteps(desk, order.id);
    expect(done.order.revision).toBe(2);
    expect(done.revisions.map((r) => r.revision)).toEqual([1]);
    expect((await desk.revision(order.id, 1))!.lines).toHaveLength(2);
    expect((await desk.revision(order.id, 2))!.lines).toHaveLength(3);
    expect(await desk.revision(order.id, 3)).toBeUndefined();
    const diff = await desk.diff(order.id, 1, 2);
    expect(diff.header).toEqual([{ field: 'notes', before: '', after: 'Revised after call' }]);
    expect(diff.lines).toEqual([
      { kind: 'changed', lineId: 'l2', changes: [{ field: 'quantity', before: 10, after: 12 }] },
      expect.objectContaining({ kind: 'added', lineId: 'l3' }),
    ]);
    await expect(desk.diff(order.id, 1, 5)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('CH-5 a request on a revision that is no longer current is a conflict, never an overwrite', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'a' }],
      }),
    );
    ok(await desk.approveChange(order.id, people.wang));
    const stale = await desk.requestChange(order.id, people.li, {
      ...priceChange,
      baseRevision: 1,
    });
    expect(stale).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      messageKey: 'change.conflict.revision',
    });
    expect((await desk.get(order.id))!.order.lines[0]!.unitPrice).toBe(150_000);
    expect(
      (await desk.requestChange(order.id, people.li, { ...priceChange, baseRevision: 2 })).ok,
    ).toBe(true);
  });

  it('CH-5 a second request while one is pending is a conflict', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(await desk.requestChange(order.id, people.li, { ...priceChange }));
    expect(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'b' }],
      }),
    ).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      messageKey: 'change.conflict.pending',
    });
    expect(await desk.requestCancellation(order.id, people.li, 'stop')).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  it('CH-5 every request stays readable in the history, in order', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'a' }],
      }),
    );
    ok(await desk.rejectChange(order.id, people.wang, 'not needed'));
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'b' }],
      }),
    );
    const done = ok(await desk.approveChange(order.id, people.wang));
    expect(
      done.workflow.change!.history.map((h) => [h.id, h.decision?.outcome, h.decision?.revision]),
    ).toEqual([
      ['o-1/change-1', 'rejected', undefined],
      ['o-1/change-2', 'approved', 2],
    ]);
  });
});

describe('CH-6 departments and the customer are told', () => {
  const notified = (effects: readonly Effect[]) =>
    effects
      .flatMap((e) => (e.type === 'notify' && e.ruleId === 'CH-6' ? (e.to.roles ?? []) : []))
      .sort();

  it('CH-6 a moved delivery date tells production, procurement, warehouse, logistics and finance (invoicing is planned on it), and the customer', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-05-20' }],
      }),
    );
    ok(await desk.approveChange(order.id, people.liu));
    const r = await desk.approveChange(order.id, people.wang);
    if (!r.ok) expect.fail(r.code);
    expect(notified(r.effects)).toEqual([
      'finance',
      'logistics',
      'procurement',
      'production',
      'warehouse',
    ]);
    const notice = r.effects.find((e) => e.type === 'customerNotice');
    expect(notice).toMatchObject({
      customerId: 'c-1',
      messageKey: 'change.customerNotice.deliveryDate',
      params: { before: '2026-04-15', after: '2026-05-20' },
    });
  });

  it('CH-6 a price change tells finance only, with no customer notice', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(await desk.requestChange(order.id, people.li, { ...priceChange }));
    for (const who of [people.zhao, people.zheng, people.qian, people.ma])
      ok(await desk.approveChange(order.id, who));
    const r = await desk.approveChange(order.id, people.wang);
    if (!r.ok) expect.fail(r.code);
    expect(notified(r.effects)).toEqual(['finance']);
    expect(r.effects.some((e) => e.type === 'customerNotice')).toBe(false);
  });

  it('CH-6 a cancellation tells every department and asks the ERP to cancel', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk);
    ok(await desk.requestCancellation(order.id, people.li, 'Customer project stopped'));
    ok(await desk.approveChange(order.id, people.zhao));
    ok(await desk.approveChange(order.id, people.liu));
    const r = await desk.approveChange(order.id, people.wang);
    if (!r.ok) expect.fail(r.code);
    expect(notified(r.effects)).toEqual([
      'finance',
      'logistics',
      'procurement',
      'production',
      'warehouse',
    ]);
    expect(r.effects).toContainEqual(
      expect.objectContaining({ type: 'cancelOrder', reason: 'Customer project stopped' }),
    );
  });
});

describe('CH-7 contract changes are legally reviewed and entered in the contract ledger', () => {
  const contract = {
    required: true,
    number: 'HT-2026-017',
    legalReviewed: true,
    customerSignedAt: '2026-03-01T10:00:00+08:00',
  };

  it('CH-7 a change of what the contract states goes through legal review and, once its amendment is signed, writes a contract.changed entry', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk, { contract });
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'paymentTerms', value: 'NET60' }],
      }),
    );
    expect(stepsOf(view)).toContain('legalReview');
    expect(view.workflow.change!.pending!.findings.find((f) => f.ruleId === 'CH-7')).toMatchObject({
      messageKey: 'change.contract.review',
      params: { contract: 'HT-2026-017' },
    });
    await approveAllChangeSteps(desk, order.id);
    ok(
      await desk.og.recordAmendmentSigned(order.id, people.wu, {
        reference: 'HT-2026-017-A1',
        signedAt: '2026-03-02T09:00:00+08:00',
      }),
    );
    const entry = (await desk.history(order.id)).find((e) => e.type === 'contract.changed');
    expect(entry).toMatchObject({
      ruleIds: ['CH-7'],
      data: {
        contractNumber: 'HT-2026-017',
        kind: 'change',
        fromRevision: 1,
        toRevision: 2,
        changes: [{ field: 'paymentTerms', before: 'NET30', after: 'NET60' }],
        amendment: { reference: 'HT-2026-017-A1', signedAt: '2026-03-02T09:00:00+08:00' },
      },
    });
  });

  it('CH-7 a non-material change of a contract order, and any change of an order without contract, skip legal review', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk, { contract });
    const view = ok(
      await desk.requestChange(order.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'notes', value: 'x' }],
      }),
    );
    expect(stepsOf(view)).toEqual(['salesHead']);
    const plain = changeDesk();
    const o2 = await confirmedOrder(plain.desk);
    const v2 = ok(
      await plain.desk.requestChange(o2.id, people.li, {
        ...priceChange,
        patch: [{ op: 'set', field: 'paymentTerms', value: 'NET60' }],
      }),
    );
    expect(stepsOf(v2)).not.toContain('legalReview');
  });

  it('CH-7 cancelling a contract order is a termination: legal review, then a ledger entry once the termination is signed', async () => {
    const { desk } = changeDesk();
    const order = await confirmedOrder(desk, { contract });
    const view = ok(await desk.requestCancellation(order.id, people.li, 'Customer withdrew'));
    expect(stepsOf(view)).toContain('legalReview');
    await approveAllChangeSteps(desk, order.id);
    expect((await desk.get(order.id))!.workflow.status).toBe('change_pending');
    const signed = ok(
      await desk.og.recordAmendmentSigned(order.id, people.wu, {
        reference: 'HT-2026-017-T',
        signedAt: '2026-03-02T09:00:00+08:00',
      }),
    );
    expect(signed.workflow.status).toBe('cancelled');
    const entry = (await desk.history(order.id)).find((e) => e.type === 'contract.changed');
    expect(entry?.data).toMatchObject({ contractNumber: 'HT-2026-017', kind: 'termination' });
  });
});

describe('CH messages exist in both languages', () => {
  it('CH-1…CH-7 every change message key has English and Chinese text', () => {
    const keys = Object.keys(MESSAGES).filter((k) => k.startsWith('change.'));
    expect(keys.length).toBeGreaterThan(20);
    for (const k of keys) {
      expect(MESSAGES[k]!.en).not.toMatch(/CH-\d/);
      expect(MESSAGES[k]!.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
