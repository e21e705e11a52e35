import { describe, expect, it } from 'vitest';
import { computeMetrics, initialWorkflow, type AuditEvent } from '../../src/index.js';
import { makeLine, makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';
import { confirmedOrder, ok, onCreditTerms } from '../support/tracking.js';

let seq = 0;
const ev = (
  orderId: string,
  type: string,
  at: string,
  data: Record<string, unknown> = {},
): AuditEvent => ({
  stream: `order:${orderId}`,
  seq: ++seq,
  type,
  at,
  actor: null,
  data,
  prevHash: '',
  hash: '',
});

describe('TR-5 metrics from the events', () => {
  const a = makeOrder({ id: 'a', customer: { id: 'c-1', name: 'One' }, salesperson: 'u-li' });
  const b = makeOrder({
    id: 'b',
    customer: { id: 'c-2', name: 'Two' },
    salesperson: 'u-chen',
    lines: [makeLine({ productId: 'V-50', productName: 'Valve' })],
  });
  const records = [a, b].map((order) => ({
    order,
    workflow: initialWorkflow(order.id, order.salesperson),
  }));
  const events = [
    ev('a', 'order.submitted', '2026-03-02T09:00:00+08:00'),
    ev('a', 'order.assessed', '2026-03-02T09:00:00+08:00'),
    ev('a', 'review.overdue', '2026-03-03T10:00:00+08:00'),
    ev('a', 'order.approved', '2026-03-03T15:00:00+08:00'),
    ev('a', 'order.delivered', '2026-03-20T10:00:00+08:00', { onTime: true }),
    ev('a', 'acceptance.issueReported', '2026-03-21T10:00:00+08:00'),
    ev('b', 'order.submitted', '2026-03-02T09:00:00+08:00'),
    ev('b', 'order.assessed', '2026-03-02T09:00:00+08:00'),
    ev('b', 'order.returned', '2026-03-02T09:00:00+08:00'),
    ev('b', 'order.resubmitted', '2026-03-04T09:00:00+08:00'),
    ev('b', 'order.assessed', '2026-03-04T09:00:00+08:00'),
    ev('b', 'credit.held', '2026-03-04T09:00:00+08:00'),
    ev('b', 'order.approved', '2026-03-04T21:00:00+08:00'),
    ev('b', 'order.delivered', '2026-04-02T10:00:00+08:00', { onTime: false }),
  ];

  it('TR-5 accuracy, on-time delivery, review cycle, overdue reviews, credit holds and complaints overall', () => {
    const [all] = computeMetrics({ records, events }, { timeZone: 'Asia/Shanghai' });
    expect(all?.accuracy).toEqual({ count: 1, of: 2, rate: 0.5 });
    expect(all?.onTimeDelivery).toEqual({ count: 1, of: 2, rate: 0.5 });
    // a: 30 h from submission; b: 12 h from the resubmission that was approved
    expect(all?.reviewCycle).toEqual({ count: 2, averageHours: 21, maxHours: 30 });
    expect(all?.overdueReviews).toBe(1);
    expect(all?.creditHolds).toBe(1);
    expect(all?.complaints).toEqual({ count: 1, of: 2, rate: 0.5 });
  });

  it('TR-5 per customer, product and salesperson, and per period', () => {
    const byCustomer = computeMetrics(
      { records, events },
      { groupBy: 'customer', timeZone: 'Asia/Shanghai' },
    );
    expect(byCustomer.map((r) => [r.key, r.label, r.accuracy.rate, r.creditHolds])).toEqual([
      ['c-1', 'One', 1, 0],
      ['c-2', 'Two', 0, 1],
    ]);
    const byProduct = computeMetrics(
      { records, events },
      { groupBy: 'product', timeZone: 'Asia/Shanghai' },
    );
    expect(byProduct.map((r) => [r.key, r.onTimeDelivery.of])).toEqual([
      ['P-200', 1],
      ['V-50', 2],
    ]);
    const bySalesperson = computeMetrics(
      { records, events },
      { groupBy: 'salesperson', timeZone: 'Asia/Shanghai' },
    );
    expect(bySalesperson.map((r) => r.key)).toEqual(['u-chen', 'u-li']);
    const [march] = computeMetrics(
      { records, events },
      { period: { from: '2026-03-01', to: '2026-03-31' }, timeZone: 'Asia/Shanghai' },
    );
    expect(march?.onTimeDelivery).toEqual({ count: 1, of: 1, rate: 1 });
    const [april] = computeMetrics(
      { records, events },
      { period: { from: '2026-04-01' }, timeZone: 'Asia/Shanghai' },
    );
    expect(april?.accuracy.of).toBe(0);
    expect(april?.accuracy.rate).toBeNull();
  });

  it('TR-5 the tracking desk computes them from the store', async () => {
    const h = await confirmedOrder();
    const { tracking, orderId } = h;
    await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'warehouse', status: 'done' }));
    ok(await tracking.deliver(orderId, people.zhou, { date: '2026-04-01' }));
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: 'dent',
      }),
    );
    const [row] = await tracking.metrics({ groupBy: 'customer' });
    expect(row).toMatchObject({
      key: 'c-1',
      accuracy: { rate: 1 },
      onTimeDelivery: { count: 1, of: 1 },
      complaints: { count: 1, of: 1 },
    });
  });
});
