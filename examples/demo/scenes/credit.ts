import {
  orderTotals,
  formatMessage,
  formatMoney,
  type CustomerInput,
  type OrderStatus,
  type OrderView,
  type Result,
} from '@ordergate/core';
import { baseOrder, people, SceneClock, sceneGate } from './company.js';
import type { SceneOutput } from './SceneOutput.js';

const t = (out: SceneOutput, en: string, zh: string) => (out.lang === 'zh' ? zh : en);
const status = (out: SceneOutput, s: OrderStatus) => formatMessage(`status.${s}`, {}, out.lang);

function show(out: SceneOutput, result: Result<OrderView>): OrderView | undefined {
  if (!result.ok) {
    // The findings behind a refusal were shown when the order was assessed.
    out.line(`  ✘ ${result.code}: ${formatMessage(result.messageKey, result.params, out.lang)}`);
    return undefined;
  }
  return result.value;
}

const EVALUATED = '2025-11-20T10:00:00+08:00';

/** Three customers of the demo company, with the credit facts the ERP holds for them. */
const customers: Record<'hengtai' | 'dongfang' | 'xinghe', CustomerInput> = {
  // Grade C: poor, but within its limit.
  hengtai: {
    id: 'c-hengtai',
    name: '恒泰机电 Hengtai Electromechanical',
    credit: { grade: 'C', limit: { amount: 100_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
    receivables: [
      { id: 'INV/2026/0101', amount: 8_000_000, currency: 'CNY', dueDate: '2026-03-20' },
    ],
  },
  // Grade B, but 400,000.00 already owed against a 500,000.00 limit.
  dongfang: {
    id: 'c-dongfang',
    name: '东方重工 Dongfang Heavy Industry',
    credit: { grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
    receivables: [
      { id: 'INV/2026/0088', amount: 22_000_000, currency: 'CNY', dueDate: '2026-02-15' },
      { id: 'INV/2026/0093', amount: 10_000_000, currency: 'CNY', dueDate: '2026-03-31' },
    ],
    openOrders: [{ id: 'SO-2026-000041', amount: 8_000_000, currency: 'CNY' }],
  },
  // Grade D: bad credit.
  xinghe: {
    id: 'c-xinghe',
    name: '星河贸易 Xinghe Trading',
    credit: { grade: 'D', limit: { amount: 20_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
    receivables: [
      { id: 'INV/2025/0977', amount: 3_500_000, currency: 'CNY', dueDate: '2025-10-31' },
    ],
  },
};

/**
 * The credit scene (CR-1…CR-8): a grade C customer gets a warning and the order goes on; an order
 * over the limit waits on credit hold until the finance director releases it; a grade D
 * customer's order is suspended until it pays ahead — each with the audit of what happened.
 */
export async function creditScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-02T09:00:00+08:00');
  const { og, policy } = sceneGate(clock);
  for (const c of Object.values(customers)) await og.putCustomer(c);

  const submit = async (id: string, customer: CustomerInput) => {
    const r = await og.submit(
      baseOrder(id, { customer: { id: customer.id, name: customer.name ?? '' } }),
      people.li,
    );
    const view = show(out, r);
    if (view) {
      out.line(
        `${view.order.number} · ${customer.name ?? ''} · ${formatMoney(orderTotals(view.order).total, view.order.currency, policy)} → ${status(out, view.workflow.status)}`,
      );
      out.findings(view.workflow.findings.filter((f) => f.ruleId.startsWith('CR')));
    }
    return view;
  };

  // 1. Grade C (CR-5): a warning, closer collection follow-up, the order goes on to review.
  out.heading(
    t(
      out,
      'Credit 1. Grade C customer: warning, the order goes on',
      '信用 1. C 级客户:预警,订单继续',
    ),
  );
  await submit('so-credit-c', customers.hengtai);

  // 2. Over the limit (CR-4): held, released by the finance director with a reason and an expiry.
  out.heading(
    t(
      out,
      'Credit 2. Over the credit limit: hold, released by approval',
      '信用 2. 超出信用额度:冻结,审批放行',
    ),
  );
  const held = await submit('so-credit-limit', customers.dongfang);
  if (held) {
    const id = held.order.id;
    out.line(
      t(
        out,
        'Li Na (the owner) tries to release her own order:',
        '李娜(订单负责人)试图为自己的订单放行:',
      ),
    );
    show(out, await og.releaseCredit(id, people.li, { reason: 'Good customer' }));
    clock.advanceHours(2);
    const expiresAt = '2026-03-09T18:00:00+08:00';
    out.line(
      t(
        out,
        `Qian (finance director) releases it until ${expiresAt}:`,
        `钱总监(财务总监)批准放行,有效期至 ${expiresAt}:`,
      ),
    );
    const released = show(
      out,
      await og.releaseCredit(id, people.qian, {
        reason: t(
          out,
          'Payment of INV/2026/0088 promised by 6 March',
          '客户承诺 3 月 6 日前支付 INV/2026/0088',
        ),
        expiresAt,
      }),
    );
    if (released) {
      out.line(
        `  ✔ ${formatMessage('credit.hold.released', {}, out.lang)} → ${status(out, released.workflow.status)}`,
      );
      out.line(
        `  ${t(out, 'Review route', '审批路线')}: ${(released.workflow.route?.steps ?? []).map((s) => s.label[out.lang]).join(' → ')}`,
      );
    }
  }

  // 3. Grade D (CR-6): suspended; approval cannot lift it, prepayment of the whole order does.
  out.heading(
    t(
      out,
      'Credit 3. Grade D customer: suspended until it pays ahead',
      '信用 3. D 级客户:暂停接单,预付款后解除',
    ),
  );
  const blocked = await submit('so-credit-d', customers.xinghe);
  if (blocked) {
    const id = blocked.order.id;
    out.line(
      t(out, 'Qian (finance director) tries to release it by approval:', '钱总监试图审批放行:'),
    );
    show(out, await og.releaseCredit(id, people.qian, { reason: 'Old friend' }));
    clock.advanceHours(24);
    out.line(
      t(
        out,
        'The customer pays 141,250.00 CNY ahead; Zhao Min (finance) records it:',
        '客户预付 141,250.00 CNY,赵敏(财务)登记:',
      ),
    );
    const paid = show(
      out,
      await og.recordPrepayment(id, people.zhao, {
        amount: 14_125_000,
        reference: 'BANK-20260303-017',
      }),
    );
    if (paid)
      out.line(
        `  ✔ ${formatMessage('credit.hold.released', {}, out.lang)} → ${status(out, paid.workflow.status)}`,
      );
    const trail = (await og.history(id))
      .filter((e) => e.type.startsWith('credit.'))
      .map((e) => `${e.type} (${(e.ruleIds ?? []).join(', ')})`);
    out.line(`  ${t(out, 'Audit', '审计记录')}: ${trail.join(' → ')}`);
  }

  // CR-3: a limit change is itself a request: sales proposes, finance reviews, management approves.
  out.heading(
    t(
      out,
      "Credit 4. Raising Dongfang's limit: proposed, reviewed, approved",
      '信用 4. 提高东方重工额度:销售申请、财务审核、管理层批准',
    ),
  );
  const proposed = await og.proposeCreditChange(
    {
      customerId: 'c-dongfang',
      limit: { amount: 80_000_000, currency: 'CNY' },
      reason: t(out, 'Two years of prompt payment', '两年来按时付款'),
    },
    people.li,
  );
  if (proposed.ok) {
    for (const who of [people.zhao, people.he]) {
      const r = await og.approveCreditRequest(proposed.value.id, who);
      const state = r.ok
        ? r.value.status === 'approved'
          ? t(out, 'approved, in force', '已批准并生效')
          : t(out, 'reviewed, waiting for management', '已审核,待管理层批准')
        : r.code;
      out.line(`  ${r.ok ? '✔' : '✘'} ${who.name}: ${state}`);
    }
    const limit = (await og.customer('c-dongfang'))?.credit.limit;
    if (limit)
      out.line(
        `  ${t(out, 'Limit now', '现额度')}: ${formatMoney(limit.amount, limit.currency, policy)}`,
      );
    out.line(
      `  ${t(out, 'Audit', '审计记录')}: ${(await og.customerHistory('c-dongfang')).map((e) => e.type).join(' → ')}`,
    );
    await submit('so-credit-limit-2', customers.dongfang);
  }

  // CR-7: the ageing that feeds CR-5 and CR-6.
  out.heading(
    t(
      out,
      'Credit 5. Receivables ageing of Dongfang Heavy Industry',
      '信用 5. 东方重工应收账款账龄',
    ),
  );
  const report = await og.ageing('c-dongfang');
  if (!report) return;
  for (const b of report.buckets) {
    const label =
      b.minDays === undefined
        ? formatMessage('credit.ageing.current', {}, out.lang)
        : b.maxDays === undefined
          ? formatMessage('credit.ageing.over', { days: b.minDays - 1 }, out.lang)
          : formatMessage('credit.ageing.range', { from: b.minDays, to: b.maxDays }, out.lang);
    out.line(
      `  ${formatMoney(b.amount, report.currency, policy).padStart(18)}  ${label} (${String(b.count)})`,
    );
  }
}
