import { describe, expect, it } from 'vitest';
import {
  completionBlockers,
  deliveryAlerts,
  emptyTracking,
  lateForecast,
  type TrackingState,
} from '../../src/index.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';
import { confirmedOrder, ok, onCreditTerms } from '../support/tracking.js';

describe('TR-1 fulfilment status recorded as events', () => {
  it('TR-1 the first step moves a confirmed order into fulfilment and every step is on the timeline', async () => {
    const { tracking, desk, orderId } = await confirmedOrder();
    const started = ok(
      await tracking.recordProgress(orderId, people.zhou, {
        step: 'procurement',
        status: 'started',
        reference: 'PO-7',
      }),
    );
    expect(started.workflow.status).toBe('in_fulfilment');
    expect(started.workflow.tracking?.steps.procurement).toMatchObject({
      status: 'started',
      by: 'u-zhou',
      reference: 'PO-7',
    });
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'warehouse', status: 'done' }));
    const timeline = await tracking.timeline(orderId);
    expect(timeline?.status).toBe('in_fulfilment');
    expect(timeline?.events.map((e) => e.type)).toEqual([
      'order.confirmed',
      'fulfilment.started',
      'fulfilment.progress',
      'fulfilment.progress',
    ]);
    expect(
      timeline?.events.every((e) => e.type === 'order.confirmed' || e.ruleIds?.includes('TR-1')),
    ).toBe(true);
    expect((await desk.verify(orderId)).ok).toBe(true);
  });

  it('TR-1 only the owner or the policy progress roles may record; steps only in their statuses', async () => {
    const { tracking, orderId } = await confirmedOrder();
    const denied = await tracking.recordProgress(orderId, people.outsider, {
      step: 'warehouse',
      status: 'started',
    });
    expect(denied).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      messageKey: 'tracking.notAllowed',
    });
    const early = await tracking.recordProgress(orderId, people.li, {
      step: 'acceptance',
      status: 'done',
    });
    expect(early).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      messageKey: 'tracking.step.notNow.acceptance',
    });
    expect(
      (await tracking.recordProgress(orderId, people.li, { step: 'warehouse', status: 'started' }))
        .ok,
    ).toBe(true);
  });

  it('TR-1 production waits for the RV-8 advance of a custom-made order', async () => {
    const { tracking, orderId } = await confirmedOrder({ lines: [makeLine({ customMade: true })] });
    const blocked = await tracking.recordProgress(orderId, people.zhou, {
      step: 'production',
      status: 'started',
      advanceReceived: 10_000,
    });
    expect(blocked).toMatchObject({ ok: false, code: 'BLOCKED' });
    expect(!blocked.ok && blocked.findings?.map((f) => f.ruleId)).toEqual(['RV-8']);
    // 30 % of 3,390.00 CNY incl. tax = 1,017.00
    const started = await tracking.recordProgress(orderId, people.zhou, {
      step: 'production',
      status: 'started',
      advanceReceived: 101_700,
    });
    expect(started.ok).toBe(true);
  });

  it('TR-1 shipping passes the CR-8 gate: unpaid goods do not ship, paid goods do', async () => {
    const { tracking, orderId } = await confirmedOrder();
    const blocked = await tracking.recordProgress(orderId, people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    expect(!blocked.ok && blocked.findings?.map((f) => f.ruleId)).toContain('CR-8');
    ok(await tracking.settle(orderId, people.zhao, { paid: true }));
    expect(
      (await tracking.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'started' }))
        .ok,
    ).toBe(true);
  });

  it('TR-1 delivery on or before the agreed date is on time; paid and invoiced after delivery settles (AR-1)', async () => {
    const h = await confirmedOrder();
    const { tracking, orderId } = h;
    await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'warehouse', status: 'done' }));
    const late = ok(await tracking.deliver(orderId, people.zhou, { date: '2026-04-16' }));
    expect(late.workflow.tracking?.delivery).toMatchObject({
      date: '2026-04-16',
      agreedDate: '2026-04-15',
      onTime: false,
    });
    expect(late.workflow.status).toBe('delivered');
    const denied = await tracking.settle(orderId, people.zhou, { paid: true, invoiced: true });
    expect(denied).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    const half = ok(await tracking.settle(orderId, people.zhao, { invoiced: true }));
    expect(half.workflow.status).toBe('delivered');
    const settled = ok(await tracking.settle(orderId, people.zhao, { paid: true }));
    expect(settled.workflow.status).toBe('settled');
  });
});

describe('TR-2 a delivery that will miss its date is flagged before the date passes', () => {
  const policy = companyPolicy();
  const order = makeOrder();

  it('TR-2 a forecast after the agreed date warns and notifies at once; one on time does not', async () => {
    const { tracking, orderId, delivered } = await confirmedOrder();
    const onTime = ok(
      await tracking.forecastDelivery(orderId, people.zhou, { date: '2026-04-15' }),
    );
    expect(onTime.workflow.tracking?.forecast?.late).toBe(false);
    const r = await tracking.forecastDelivery(orderId, people.zhou, {
      date: '2026-04-20',
      reason: 'casting delay',
    });
    expect(
      r.ok && r.findings.map((f) => [f.ruleId, f.severity, f.messageKey, f.params.days]),
    ).toEqual([['TR-2', 'warn', 'tracking.delivery.lateForecast', 5]]);
    expect(
      delivered.some(
        (e) =>
          e.type === 'notify' &&
          e.ruleId === 'TR-2' &&
          e.to.roles?.includes('salesHead') &&
          e.to.users?.includes('u-li'),
      ),
    ).toBe(true);
    expect(await tracking.checkDeliveryForecasts()).toEqual([]); // already flagged
  });

  it('TR-2 the desk check flags an unshipped order within the at-risk window once, then overdue once', async () => {
    const { tracking, orderId, clock } = await confirmedOrder();
    clock.set('2026-04-10T09:00:00+08:00');
    expect(await tracking.checkDeliveryForecasts()).toEqual([]);
    clock.set('2026-04-12T09:00:00+08:00'); // 3 days before 15 April
    expect(await tracking.checkDeliveryForecasts()).toEqual([orderId]);
    expect(await tracking.checkDeliveryForecasts()).toEqual([]);
    clock.set('2026-04-16T00:30:00+08:00'); // after the date in Shanghai, still 15 April in UTC
    expect(await tracking.checkDeliveryForecasts()).toEqual([orderId]);
    const events = (await tracking.timeline(orderId))?.events.map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(['delivery.atRisk', 'delivery.overdue']));
  });

  it('TR-2 deliveryAlerts: shipped orders are not at risk, delivered ones never flagged, no agreed date no flag', () => {
    const t: TrackingState = emptyTracking();
    const now = '2026-04-14T09:00:00+08:00';
    expect(deliveryAlerts(order, t, { policy, now }).map((a) => a.kind)).toEqual(['atRisk']);
    const shipped = { ...t, steps: { shipping: { status: 'done' as const, at: now, by: 'u' } } };
    expect(deliveryAlerts(order, shipped, { policy, now })).toEqual([]);
    const deliveredT = { ...t, delivery: { date: '2026-04-14', at: now, by: 'u', onTime: true } };
    expect(deliveryAlerts(order, deliveredT, { policy, now: '2026-05-01T00:00:00+08:00' })).toEqual(
      [],
    );
    expect(
      deliveryAlerts(makeOrder({ requestedDeliveryDate: undefined }), t, { policy, now }),
    ).toEqual([]);
    expect(lateForecast(order, '2026-04-15', policy)).toBeUndefined();
    expect(lateForecast(order, '2026-04-16', policy)?.params).toEqual({
      forecast: '2026-04-16',
      agreed: '2026-04-15',
      days: 1,
    });
  });

  it('TR-2 the at-risk window is policy', () => {
    const wide = companyPolicy({ tracking: { delivery: { atRiskDays: 10 } } });
    const now = '2026-04-06T09:00:00+08:00';
    expect(deliveryAlerts(order, emptyTracking(), { policy, now })).toEqual([]);
    expect(
      deliveryAlerts(order, emptyTracking(), { policy: wide, now }).map((a) => a.kind),
    ).toEqual(['atRisk']);
  });
});

async function deliveredOrder() {
  const h = await confirmedOrder();
  await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
  ok(
    await h.tracking.recordProgress(h.orderId, people.zhou, { step: 'warehouse', status: 'done' }),
  );
  ok(await h.tracking.deliver(h.orderId, people.zhou, { date: '2026-04-14' }));
  return h;
}

describe('TR-3 acceptance issues tracked to closure', () => {
  it('TR-3 damage opens an issue with its remedy; closing it records the resolution', async () => {
    const { tracking, orderId } = await deliveredOrder();
    const r = await tracking.reportIssue(orderId, people.li, {
      kind: 'damage',
      remedy: 'replace',
      description: 'one pump housing cracked',
      lineIds: ['l1'],
    });
    const view = ok(r);
    expect(view.workflow.tracking?.issues).toEqual([
      expect.objectContaining({
        id: 'ISS-1',
        kind: 'damage',
        remedy: 'replace',
        status: 'open',
        lineIds: ['l1'],
      }),
    ]);
    expect(r.ok && r.findings[0]?.messageKey).toBe('tracking.issue.opened.damage.replace');
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'quantity_mismatch',
        remedy: 'return',
        description: '2 valves too many',
      }),
    );
    const closed = ok(
      await tracking.closeIssue(orderId, people.zhou, {
        issueId: 'ISS-1',
        resolution: 'replacement delivered',
      }),
    );
    expect(closed.workflow.tracking?.issues.map((i) => i.status)).toEqual(['closed', 'open']);
    expect(closed.workflow.tracking?.issues[0]).toMatchObject({
      closedBy: 'u-zhou',
      resolution: 'replacement delivered',
    });
  });

  it('TR-3 refusals: no description, unknown line, unknown issue, closing twice, no resolution', async () => {
    const { tracking, orderId } = await deliveredOrder();
    expect(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: ' ',
      }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    expect(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: 'x',
        lineIds: ['nope'],
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(
      await tracking.closeIssue(orderId, people.li, { issueId: 'ISS-9', resolution: 'x' }),
    ).toMatchObject({ ok: false, code: 'UNKNOWN_ISSUE' });
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: 'scratched',
      }),
    );
    expect(
      await tracking.closeIssue(orderId, people.li, { issueId: 'ISS-1', resolution: '' }),
    ).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
    ok(
      await tracking.closeIssue(orderId, people.li, {
        issueId: 'ISS-1',
        resolution: 'repaired on site',
      }),
    );
    expect(
      await tracking.closeIssue(orderId, people.li, { issueId: 'ISS-1', resolution: 'again' }),
    ).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('TR-4 completion when delivery and after-sales are done', () => {
  it('TR-4 refused while an issue is open, completed once it is closed', async () => {
    const { tracking, orderId } = await deliveredOrder();
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: 'scratched',
      }),
    );
    const blocked = await tracking.complete(orderId, people.li);
    expect(!blocked.ok && blocked.findings?.map((f) => f.messageKey)).toEqual([
      'tracking.complete.openIssues',
    ]);
    ok(await tracking.closeIssue(orderId, people.li, { issueId: 'ISS-1', resolution: 'repaired' }));
    const done = ok(await tracking.complete(orderId, people.li));
    expect(done.workflow.tracking?.completedAt).toBeDefined();
    expect(await tracking.complete(orderId, people.li)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });

  it('TR-4 completionBlockers names undelivered orders', () => {
    expect(completionBlockers(emptyTracking(), companyPolicy()).map((f) => f.messageKey)).toEqual([
      'tracking.complete.notDelivered',
    ]);
  });
});
