import { describe, expect, it } from 'vitest';
import { formatMessage, PolicyError, type PolicyInput } from '../../src/index.js';
import { companyPolicy, people } from '../support/people.js';
import { confirmedOrder, ok, onCreditTerms, settledOrder } from '../support/tracking.js';

const quality = {
  kind: 'quality',
  remedy: 'replace',
  description: 'seals leak',
} as const;
const late = { kind: 'late_delivery', description: 'two days late' } as const;

describe('TR-4 closing the last open after-sales issue of a settled order completes it', () => {
  it('TR-4 the last issue closed: the order is completed, with order.completed naming the issue and the completion posted', async () => {
    const { og, tracking, orderId } = await settledOrder();
    ok(await tracking.reportIssue(orderId, people.li, quality));
    const r = await tracking.closeIssue(orderId, people.zhou, {
      issueId: 'ISS-1',
      resolution: 'seals replaced',
    });
    const view = ok(r);
    expect(view.workflow.status).toBe('settled');
    expect(view.workflow.tracking?.completedAt).toBeDefined();
    const trail = await og.history(orderId);
    expect(trail.slice(-2).map((e) => [e.type, e.ruleIds, e.actor, e.data])).toEqual([
      [
        'acceptance.issueClosed',
        ['TR-3'],
        'u-zhou',
        expect.objectContaining({ id: 'ISS-1', remaining: 0 }),
      ],
      ['order.completed', ['TR-4'], 'u-zhou', { by: 'u-zhou', issue: 'ISS-1' }],
    ]);
    expect(r.ok && r.effects).toEqual([
      expect.objectContaining({
        type: 'postMessage',
        messageKey: 'tracking.issue.closed',
        ruleId: 'TR-3',
      }),
      expect.objectContaining({
        type: 'postMessage',
        messageKey: 'tracking.completed',
        ruleId: 'TR-4',
      }),
    ]);
    expect(formatMessage('tracking.completed', {}, 'zh')).toBe('交付与售后均已完成:订单已完成。');
    // Completed once: an explicit step afterwards is refused.
    expect(await tracking.complete(orderId, people.li)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
      messageKey: 'tracking.complete.already',
    });
  });

  it('TR-4 one of two issues closed: still open, completion refused; the second closed completes it', async () => {
    const { og, tracking, orderId } = await settledOrder();
    ok(await tracking.reportIssue(orderId, people.li, quality));
    ok(await tracking.reportIssue(orderId, people.li, late));
    const first = ok(
      await tracking.closeIssue(orderId, people.zhou, { issueId: 'ISS-2', resolution: 'apology' }),
    );
    expect(first.workflow.tracking?.completedAt).toBeUndefined();
    expect((await og.history(orderId)).map((e) => e.type)).not.toContain('order.completed');
    const blocked = await tracking.complete(orderId, people.li);
    expect(blocked).toMatchObject({ ok: false, code: 'BLOCKED', ruleId: 'TR-4' });
    expect(!blocked.ok && blocked.findings.map((f) => [f.messageKey, f.params])).toEqual([
      ['tracking.complete.openIssues', { count: 1, issues: 'ISS-1' }],
    ]);
    const last = ok(
      await tracking.closeIssue(orderId, people.zhou, {
        issueId: 'ISS-1',
        resolution: 'seals replaced',
      }),
    );
    expect(last.workflow.tracking?.completedAt).toBeDefined();
    expect((await og.history(orderId)).filter((e) => e.type === 'order.completed')).toHaveLength(1);
  });

  it('TR-4 the last issue of a delivered order not yet settled closes without completing it', async () => {
    const h = await confirmedOrder();
    await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
    ok(
      await h.tracking.recordProgress(h.orderId, people.zhou, {
        step: 'warehouse',
        status: 'done',
      }),
    );
    ok(await h.tracking.deliver(h.orderId, people.zhou));
    ok(await h.tracking.reportIssue(h.orderId, people.li, quality));
    const closed = ok(
      await h.tracking.closeIssue(h.orderId, people.zhou, {
        issueId: 'ISS-1',
        resolution: 'seals replaced',
      }),
    );
    expect(closed.workflow.status).toBe('delivered');
    expect(closed.workflow.tracking?.completedAt).toBeUndefined();
  });

  it('TR-4 under tracking.completion "explicit" the order stays uncompleted until complete', async () => {
    const { og, tracking, orderId } = await settledOrder(
      {},
      companyPolicy({ tracking: { completion: 'explicit' } }),
    );
    ok(await tracking.reportIssue(orderId, people.li, quality));
    const closed = ok(
      await tracking.closeIssue(orderId, people.zhou, {
        issueId: 'ISS-1',
        resolution: 'seals replaced',
      }),
    );
    expect(closed.workflow.tracking?.completedAt).toBeUndefined();
    expect((await og.history(orderId)).map((e) => e.type)).not.toContain('order.completed');
    const done = ok(await tracking.complete(orderId, people.li));
    expect(done.workflow.tracking?.completedAt).toBeDefined();
    expect((await og.history(orderId)).at(-1)).toMatchObject({
      type: 'order.completed',
      data: { by: 'u-li' },
    });
  });

  it('TR-4 the completion setting is strict: automatic by default, explicit, nothing else', () => {
    expect(companyPolicy().tracking.completion).toBe('automatic');
    expect(() =>
      companyPolicy({ tracking: { completion: 'sometimes' } } as unknown as PolicyInput),
    ).toThrow(PolicyError);
  });
});
