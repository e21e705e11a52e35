import { describe, expect, it } from 'vitest';
import { formatFinding, formatMessage } from '../../src/index.js';
import { approveAllChangeSteps } from '../support/change.js';
import { ARCHIVE_KIND, list } from '../support/gate.js';
import { makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';
import { confirmedOrder, ok, settledOrder } from '../support/tracking.js';

/** The AR-1 findings of a refusal: rule and message key. */
function reasons(r: { ok: boolean; findings?: readonly { ruleId: string; messageKey: string }[] }) {
  return (r.findings ?? []).map((f) => [f.ruleId, f.messageKey]);
}

describe('AR-1 archiving an order not yet delivered or settled says what is missing', () => {
  it('AR-1 an order still in review: BLOCKED with the AR-1 findings in both languages, nothing written, no number drawn', async () => {
    const h = await settledOrder();
    ok(await h.og.submit(makeOrder({ id: 'o-2', number: 'SO-2026-000002' }), people.li));
    expect((await h.og.order('o-2'))?.workflow.status).toBe('in_review');
    const r = await h.archives.archive('o-2', people.zhou);
    expect(r).toMatchObject({
      ok: false,
      code: 'BLOCKED',
      ruleId: 'AR-1',
      messageKey: 'archive.blocked',
      params: { count: 2 },
    });
    expect(reasons(r)).toEqual([
      ['AR-1', 'archive.blocked.notDelivered'],
      ['AR-1', 'archive.blocked.notSettled.paid.invoiced'],
    ]);
    expect(!r.ok && formatMessage(r.messageKey, r.params, 'en')).toBe(
      'The order cannot be archived yet (2 reason(s)).',
    );
    expect(!r.ok && formatMessage(r.messageKey, r.params, 'zh')).toBe(
      '订单暂不能归档(共 2 项原因)。',
    );
    expect(!r.ok && r.findings.map((f) => formatFinding(f, 'en'))).toEqual([
      'AR-1 The order is not delivered yet, so it cannot be archived.',
      'AR-1 The order is not settled: neither payment nor invoice is recorded.',
    ]);
    expect(!r.ok && r.findings.map((f) => formatFinding(f, 'zh'))).toEqual([
      'AR-1 订单尚未交付,不能归档。',
      'AR-1 订单尚未结算:收款和开票均未登记。',
    ]);
    expect((await h.og.order('o-2'))?.workflow.status).toBe('in_review');
    expect(await list(h.store, ARCHIVE_KIND)).toEqual([]);
    // The refusal drew no archive number: the first archive is still 0001.
    expect(ok(await h.archives.archive(h.orderId, people.zhou)).number).toBe('AR-202603-0001');
  });

  it('AR-1 in fulfilment and delivered, each missing fact is named until none is left', async () => {
    const { archives, tracking, orderId } = await confirmedOrder();
    ok(await tracking.settle(orderId, people.zhao, { paid: true }));
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'done' }));
    expect(reasons(await archives.archive(orderId, people.zhou))).toEqual([
      ['AR-1', 'archive.blocked.notDelivered'],
      ['AR-1', 'archive.blocked.notSettled.invoiced'],
    ]);
    ok(await tracking.deliver(orderId, people.zhou));
    const delivered = await archives.archive(orderId, people.zhou);
    expect(delivered).toMatchObject({ ok: false, code: 'BLOCKED', params: { count: 1 } });
    expect(reasons(delivered)).toEqual([['AR-1', 'archive.blocked.notSettled.invoiced']]);
    ok(await tracking.settle(orderId, people.zhao, { invoiced: true }));
    expect((await archives.archive(orderId, people.zhou)).ok).toBe(true);
  });

  it('AR-1 who may archive is judged first: an outsider is NOT_ELIGIBLE on an unfinished order too', async () => {
    const { archives, orderId } = await confirmedOrder();
    expect(await archives.archive(orderId, people.outsider)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'AR-1',
      messageKey: 'archive.notAllowed',
    });
  });

  it('AR-1 a cancelled order is past archiving by this path: INVALID_TRANSITION', async () => {
    const { desk, archives, orderId } = await confirmedOrder();
    ok(await desk.og.requestCancellation(orderId, people.li, 'Customer project stopped'));
    expect((await approveAllChangeSteps(desk, orderId)).workflow.status).toBe('cancelled');
    expect(await archives.archive(orderId, people.zhou)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});
