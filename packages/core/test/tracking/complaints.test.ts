import { describe, expect, it } from 'vitest';
import {
  computeMetrics,
  formatMessage,
  initialWorkflow,
  parseAuditEvent,
  ValidationError,
  type AuditEvent,
} from '../../src/index.js';
import { makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';
import { confirmedOrder, ok, onCreditTerms } from '../support/tracking.js';

async function deliveredOrder() {
  const h = await confirmedOrder();
  await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
  ok(
    await h.tracking.recordProgress(h.orderId, people.zhou, { step: 'warehouse', status: 'done' }),
  );
  ok(await h.tracking.deliver(h.orderId, people.zhou, { date: '2026-04-14' }));
  return h;
}

describe('TR-3 complaints beyond damage and quantity are recorded and tracked to closure', () => {
  it('TR-3 a quality complaint opens an issue with its remedy, on the trail and the timeline', async () => {
    const { tracking, og, orderId } = await deliveredOrder();
    const r = await tracking.reportIssue(orderId, people.li, {
      kind: 'quality',
      remedy: 'replace',
      description: 'mechanical seals leak after 2 hours',
      lineIds: ['l1'],
    });
    const view = ok(r);
    expect(view.workflow.tracking?.issues).toEqual([
      expect.objectContaining({
        id: 'ISS-1',
        kind: 'quality',
        remedy: 'replace',
        status: 'open',
        lineIds: ['l1'],
      }),
    ]);
    const opened = r.ok ? r.findings[0] : undefined;
    expect(opened).toMatchObject({
      ruleId: 'TR-3',
      messageKey: 'tracking.issue.opened.quality.replace',
    });
    expect(formatMessage(opened!.messageKey, opened!.params, 'en')).toBe(
      'Acceptance issue ISS-1 opened: quality problem (mechanical seals leak after 2 hours); remedy: replace. It stays open until closed.',
    );
    expect(formatMessage(opened!.messageKey, opened!.params, 'zh')).toBe(
      '已登记验收问题 ISS-1:质量问题(mechanical seals leak after 2 hours),处理方式:换货。问题关闭前持续跟踪。',
    );
    const reported = (await og.history(orderId)).find((e) => e.type === 'acceptance.issueReported');
    expect(reported).toMatchObject({
      ruleIds: ['TR-3'],
      data: { kind: 'quality', remedy: 'replace' },
    });
    expect((await tracking.timeline(orderId))?.events.map((e) => e.type)).toContain(
      'acceptance.issueReported',
    );
  });

  it('TR-3 a late-delivery complaint is recorded without a remedy, or with one', async () => {
    const { tracking, og, orderId } = await deliveredOrder();
    const bare = await tracking.reportIssue(orderId, people.li, {
      kind: 'late_delivery',
      description: 'arrived 6 days after the agreed date',
    });
    expect(ok(bare).workflow.tracking?.issues[0]).toEqual(
      expect.not.objectContaining({ remedy: expect.anything() }),
    );
    expect(ok(bare).workflow.tracking?.issues[0]).toMatchObject({
      id: 'ISS-1',
      kind: 'late_delivery',
      status: 'open',
    });
    const finding = bare.ok ? bare.findings[0] : undefined;
    expect(finding?.messageKey).toBe('tracking.issue.opened.late_delivery');
    expect(formatMessage(finding!.messageKey, finding!.params, 'en')).toBe(
      'Acceptance issue ISS-1 opened: late delivery (arrived 6 days after the agreed date). It stays open until closed.',
    );
    expect(formatMessage(finding!.messageKey, finding!.params, 'zh')).toBe(
      '已登记验收问题 ISS-1:交付延迟(arrived 6 days after the agreed date)。问题关闭前持续跟踪。',
    );
    const returned = await tracking.reportIssue(orderId, people.li, {
      kind: 'late_delivery',
      remedy: 'return',
      description: 'too late for the line start-up',
    });
    expect(returned.ok && returned.findings[0]?.messageKey).toBe(
      'tracking.issue.opened.late_delivery.return',
    );
    // Both payloads fit the catalogue, with and without a remedy.
    const reported = (await og.history(orderId)).filter(
      (e) => e.type === 'acceptance.issueReported',
    );
    expect(reported.map((e) => parseAuditEvent(e).type)).toHaveLength(2);
  });

  it('TR-3 every kind is a complaint the owner and the notify roles hear of; a goods issue needs its remedy', async () => {
    const { tracking, orderId } = await deliveredOrder();
    const kinds = [
      { kind: 'damage', remedy: 'repair', description: 'housing dented' },
      { kind: 'quantity_mismatch', remedy: 'return', description: '2 valves too many' },
      { kind: 'quality', remedy: 'repair', description: 'paint peels' },
      { kind: 'late_delivery', description: 'a week late' },
    ] as const;
    for (const issue of kinds) {
      const r = await tracking.reportIssue(orderId, people.li, issue);
      expect(r.ok && r.effects).toEqual([
        expect.objectContaining({
          type: 'notify',
          to: { roles: ['salesHead'], users: ['u-li'] },
          ruleId: 'TR-3',
        }),
      ]);
    }
    const view = ok(
      await tracking.closeIssue(orderId, people.li, {
        issueId: 'ISS-4',
        resolution: 'apology and discount',
      }),
    );
    expect(view.workflow.tracking?.issues.map((i) => [i.kind, i.status])).toEqual([
      ['damage', 'open'],
      ['quantity_mismatch', 'open'],
      ['quality', 'open'],
      ['late_delivery', 'closed'],
    ]);
    await expect(
      tracking.reportIssue(orderId, people.li, {
        kind: 'quality',
        description: 'no remedy given',
      } as never),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      tracking.reportIssue(orderId, people.li, {
        kind: 'service',
        remedy: 'repair',
        description: 'not a kind',
      } as never),
    ).rejects.toBeInstanceOf(ValidationError);
  });
});

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

describe('TR-5 the complaint rate counts every kind of complaint', () => {
  it('TR-5 three complaints of different kinds over four deliveries: 0.75, by kind', () => {
    const orders = ['a', 'b', 'c', 'd'].map((id) => makeOrder({ id }));
    const records = orders.map((order) => ({
      order,
      workflow: initialWorkflow(order.id, order.salesperson),
    }));
    const delivered = (id: string) =>
      ev(id, 'order.delivered', '2026-03-20T10:00:00+08:00', { onTime: true });
    const complaint = (id: string, kind: string) =>
      ev(id, 'acceptance.issueReported', '2026-03-21T10:00:00+08:00', { kind });
    const events = [
      delivered('a'),
      delivered('b'),
      delivered('c'),
      delivered('d'),
      complaint('a', 'quality'),
      complaint('b', 'late_delivery'),
      complaint('b', 'damage'),
    ];
    const [all] = computeMetrics({ records, events }, { timeZone: 'Asia/Shanghai' });
    expect(all?.complaints).toEqual({ count: 3, of: 4, rate: 0.75 });
    expect(all?.complaintsByKind).toEqual({
      damage: 1,
      quantity_mismatch: 0,
      quality: 1,
      late_delivery: 1,
    });
    // A period that ends before the complaints were made counts the deliveries only.
    const [before] = computeMetrics(
      { records, events },
      { period: { to: '2026-03-20' }, timeZone: 'Asia/Shanghai' },
    );
    expect(before?.complaints).toEqual({ count: 0, of: 4, rate: 0 });
  });

  it('TR-5 the façade counts a quality and a late-delivery complaint of one delivery', async () => {
    const { tracking, orderId } = await deliveredOrder();
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'quality',
        remedy: 'repair',
        description: 'noisy bearing',
      }),
    );
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'late_delivery',
        description: '2 days late',
      }),
    );
    const [row] = await tracking.metrics();
    expect(row?.complaints).toEqual({ count: 2, of: 1, rate: 2 });
    expect(row?.complaintsByKind).toEqual({
      damage: 0,
      quantity_mismatch: 0,
      quality: 1,
      late_delivery: 1,
    });
  });
});
