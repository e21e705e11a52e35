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

/** Two more customers: one without credit terms, one with a 1,000,000.00 limit and nothing owed. */
const more: Record<'huaxin' | 'yongda', CustomerInput> = {
  // Grade A, no credit terms: its goods ship after payment unless an exception is approved.
  huaxin: {
    id: 'c-huaxin',
    name: '华信精工 Huaxin Precision',
    credit: { grade: 'A', limit: { amount: 200_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
  },
  // Grade B, a 1,000,000.00 limit, nothing owed yet.
  yongda: {
    id: 'c-yongda',
    name: '永达机械 Yongda Machinery',
    credit: { grade: 'B', limit: { amount: 100_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
  },
};

/**
 * The credit paths after confirmation (RV-7, CR-8, CR-4): shipping before payment asked for on a
 * confirmed order, approved by the marketing VP, the finance director and the president in that
 * order, the goods shipped naming the exception; and a second 600,000.00 order held because the
 * first, confirmed here a moment ago, already counts against the 1,000,000.00 limit.
 */
export async function creditAfterConfirmationScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-04T09:00:00+08:00');
  const { og, policy } = sceneGate(clock);
  for (const c of Object.values(more)) await og.putCustomer(c);
  const money = (n: number) => formatMoney(n, 'CNY', policy);
  const through = async (id: string, customer: CustomerInput, amount?: number) => {
    const order = baseOrder(id, {
      customer: { id: customer.id, name: customer.name ?? '' },
      enteredAt: clock.now(),
      ...(amount === undefined
        ? {}
        : {
            lines: [
              {
                id: `${id}-1`,
                productId: 'P-200',
                productName: '离心泵 Centrifugal pump',
                model: 'CP-200',
                specification: 'DN80, 15 kW, 304 stainless',
                quantity: amount / 1_250_000,
                unitPrice: 1_250_000,
                listPrice: 1_250_000,
                taxBp: 0,
              },
            ],
          }),
    });
    return show(out, await og.submit(order, people.li));
  };
  const confirm = async (id: string) => {
    for (const who of [people.liu, people.wang]) await og.approve(id, who);
    return show(out, await og.confirm(id, people.li));
  };

  // RV-7 / CR-8: the exception asked for after confirmation.
  out.heading(
    t(
      out,
      'Credit 6. Shipping before payment, asked for after confirmation',
      '信用 6. 订单确认后申请先发货后收款',
    ),
  );
  const submitted = await through('so-credit-sbp', more.huaxin);
  const confirmed = submitted ? await confirm(submitted.order.id) : undefined;
  if (confirmed) {
    const id = confirmed.order.id;
    out.line(
      `${confirmed.order.number} · ${more.huaxin.name ?? ''} · ${money(orderTotals(confirmed.order).total)} → ${status(out, confirmed.workflow.status)}`,
    );
    out.line(t(out, 'Zhou Ting (sales assistant) starts shipping:', '周婷(销售助理)开始发货:'));
    const blocked = await og.recordProgress(id, people.zhou, {
      step: 'shipping',
      status: 'started',
    });
    if (!blocked.ok) out.findings(blocked.findings);
    out.line(
      t(out, 'Li Na (the owner) asks to ship before payment:', '李娜(订单负责人)申请先发货后收款:'),
    );
    const requested = show(
      out,
      await og.requestShippingException(id, people.li, {
        reason: t(
          out,
          "The customer's line is stopped; it pays on receipt of the pumps",
          '客户生产线停产待料,收货后付款',
        ),
      }),
    );
    const exception = requested?.workflow.credit?.shippingExceptions?.at(-1);
    if (exception)
      out.line(
        `  ✔ ${exception.id}: ${exception.route.steps.map((s) => s.label[out.lang]).join(' → ')}`,
      );
    out.line(t(out, 'Ma (president) tries to approve first:', '马总裁试图先行审批:'));
    show(out, await og.approveShippingException(id, people.ma));
    for (const who of [people.zheng, people.qian, people.ma]) {
      clock.advanceHours(1);
      const r = show(out, await og.approveShippingException(id, who));
      const e = r?.workflow.credit?.shippingExceptions?.at(-1);
      if (!e) continue;
      const next = e.route.steps.find((s) => s.status === 'active');
      out.line(
        `  ✔ ${who.name}: ${
          e.status === 'approved'
            ? formatMessage('credit.shippingException.approved', { exception: e.id }, out.lang)
            : `${t(out, 'next', '下一步')}: ${next?.label[out.lang] ?? ''}`
        }`,
      );
    }
    const shipped = show(
      out,
      await og.recordProgress(id, people.zhou, {
        step: 'shipping',
        status: 'started',
        reference: 'WB-20260304-118',
      }),
    );
    const shipping = shipped?.workflow.tracking?.steps.shipping;
    if (shipping?.shippingException)
      out.line(
        `  ✔ ${t(out, 'Shipping started', '已发货')} (${shipping.reference ?? ''}): ${formatMessage('credit.shippingException.shipped', { exception: shipping.shippingException }, out.lang)}`,
      );
    const trail = (await og.history(id))
      .filter(
        (e) =>
          e.type.startsWith('credit.shippingException') ||
          (e.type === 'approval.granted' && e.data.shippingException !== undefined) ||
          (e.type === 'fulfilment.progress' && e.data.shippingException !== undefined),
      )
      .map((e) => `${e.type} (${(e.ruleIds ?? []).join(', ')})`);
    out.line(`  ${t(out, 'Audit', '审计记录')}: ${trail.join(' → ')}`);
  }

  // CR-4: the orders confirmed here count before the ERP reports them.
  out.heading(
    t(
      out,
      'Credit 7. Two 600,000.00 orders against a 1,000,000.00 limit',
      '信用 7. 两笔 600,000.00 订单对 1,000,000.00 额度',
    ),
  );
  const first = await through('so-credit-exp-1', more.yongda, 60_000_000);
  if (first && (await confirm(first.order.id))) {
    out.line(
      `${first.order.number} · ${more.yongda.name ?? ''} · ${money(orderTotals(first.order).total)} → ${status(out, 'confirmed')}`,
    );
    const second = await through('so-credit-exp-2', more.yongda, 60_000_000);
    if (second) {
      out.line(
        `${second.order.number} · ${more.yongda.name ?? ''} · ${money(orderTotals(second.order).total)} → ${status(out, second.workflow.status)}`,
      );
      out.findings(second.workflow.findings.filter((f) => f.ruleId === 'CR-4'));
      const exposure = (await og.order(second.order.id))?.credit?.exposure;
      if (exposure)
        out.line(
          `  ${t(out, 'Of the open orders, confirmed here and not yet in the ERP', '其中本系统已确认、ERP 尚未列出的订单')}: ${money(exposure.confirmedHere)}`,
        );
    }
  }
}
