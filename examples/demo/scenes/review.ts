import {
  formatMessage,
  type Actor,
  type OrderStatus,
  type Ordergate,
  type OrderView,
  type Result,
  type Route,
} from '@ordergate/core';
import { baseOrder, hengtai, people, SceneClock, sceneGate } from './company.js';
import type { SceneOutput } from './SceneOutput.js';

const t = (out: SceneOutput, en: string, zh: string) => (out.lang === 'zh' ? zh : en);
const status = (out: SceneOutput, s: OrderStatus) => formatMessage(`status.${s}`, {}, out.lang);

function stepStatus(out: SceneOutput, s: 'waiting' | 'active' | 'approved'): string {
  const labels = {
    waiting: ['waiting', '待处理'],
    active: ['awaiting approval', '待审批'],
    approved: ['approved', '已批准'],
  } as const;
  return labels[s][out.lang === 'zh' ? 1 : 0];
}

function printRoute(out: SceneOutput, route: Route | undefined): void {
  if (!route) return;
  out.line(t(out, 'Approval route:', '审批路线:'));
  for (const step of route.steps) {
    const who = step.approvals.map((a) => a.actor + (a.escalated ? '↑' : '')).join(', ');
    out.line(
      `  [${step.stage}] ${step.label[out.lang]} (${step.ruleIds.join(', ')}) — ${stepStatus(out, step.status)}` +
        (step.overdue ? t(out, ' — OVERDUE', ' — 已超时') : '') +
        (who ? ` ✔ ${who}` : ''),
    );
  }
}

function show(out: SceneOutput, result: Result<OrderView>): OrderView | undefined {
  if (!result.ok) {
    out.line(`✘ ${result.code}: ${formatMessage(result.messageKey, result.params, out.lang)}`);
    out.findings(result.findings);
    return undefined;
  }
  return result.value;
}

async function approveAll(
  out: SceneOutput,
  og: Ordergate,
  orderId: string,
  approvers: readonly (Actor & { name: string })[],
) {
  for (const who of approvers) {
    const r = await og.approve(orderId, who);
    const view = show(out, r);
    if (view) {
      const last = view.workflow.route?.steps
        .flatMap((s) => s.approvals.map((a) => ({ s, a })))
        .filter(({ a }) => a.actor === who.id)
        .pop();
      out.line(
        `  ✔ ${who.name}: ${last ? last.s.label[out.lang] : ''} → ${status(out, view.workflow.status)}`,
      );
      stillDue(out, r);
    }
  }
}

/** "One approver, one act": what the approval did not settle, as the approver is told. */
function stillDue(out: SceneOutput, result: Result<OrderView>): void {
  if (!result.ok) return;
  for (const e of result.effects) {
    if (e.type === 'notify' && e.messageKey.startsWith('review.approval.stillDue.'))
      out.line(`    ↳ ${formatMessage(e.messageKey, e.params, out.lang)}`);
  }
}

/**
 * The review scene: the regulations' own cases — a regular order, a large joint-review order, a
 * discounted order, a verbal order, an urgent order that runs overdue, an exceptional price, the
 * sales head's own order and one resubmitted naming him as salesperson (segregation of duties) —
 * each submitted, assessed, routed and approved step by step; an approver is told when a second
 * act is still due from them.
 */
export async function reviewScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-02T09:00:00+08:00');
  const { og } = sceneGate(clock);
  // The customer's credit facts, as a connector would read them from the ERP (CR-1: evaluated).
  await og.putCustomer(hengtai);
  const submit = async (title: string, input: ReturnType<typeof baseOrder>) => {
    out.heading(title);
    const r = await og.submit(input, people.li);
    if (!r.ok && r.code === 'RETURNED' && r.recorded) {
      // Received and numbered, but returned to sales with every finding to correct (IN-2, RV-9).
      const view = r.recorded;
      out.line(`${view.order.number} — ${status(out, view.workflow.status)}`);
      out.line(`↩ ${r.code}: ${formatMessage(r.messageKey, r.params, out.lang)}`);
      out.findings(r.findings);
      return view;
    }
    const view = show(out, r);
    if (view) {
      out.line(`${view.order.number} — ${status(out, view.workflow.status)}`);
      out.findings(view.workflow.findings);
      printRoute(out, view.workflow.route);
    }
    return view;
  };

  // 1. A regular repeat order: production review, then the sales head (RV-5, RV-3).
  const regular = await submit(
    t(out, '1. Regular repeat order', '1. 常规重复订单'),
    baseOrder('so-regular'),
  );
  if (regular) {
    await approveAll(out, og, regular.order.id, [people.liu, people.wang]);
    show(out, await og.confirm(regular.order.id, people.li));
    out.line(t(out, 'Confirmed and locked.', '已确认并锁定。'));
  }

  // 2. Incomplete order: every missing item listed at once, corrected and resubmitted (IN-2, RV-9).
  const incomplete = baseOrder('so-incomplete', {
    contact: { name: '', phone: 'call me', email: '' },
    invoice: { title: '', taxId: '' },
    paymentTerms: '',
  });
  const returned = await submit(
    t(out, '2. Incomplete order returned to sales', '2. 信息不全的订单退回销售'),
    incomplete,
  );
  if (returned) {
    out.line(t(out, 'Sales corrects it and resubmits:', '销售更正后重新提交:'));
    const again = show(out, await og.submit(baseOrder('so-incomplete'), people.li));
    if (again)
      out.line(
        `${again.order.number} — ${status(out, again.workflow.status)}, ${t(out, `submission ${again.workflow.submissions}`, `第 ${again.workflow.submissions} 次提交`)}`,
      );
  }

  // 3. A large order with a special product: joint review by technical, finance, production (RV-4).
  const large = await submit(
    t(
      out,
      '3. Large order with a special product: joint review',
      '3. 含特殊产品的大额订单:联合评审',
    ),
    baseOrder('so-large', {
      technicalComplexity: true,
      lines: [{ ...baseOrder('x').lines[0]!, id: 'so-large-1', quantity: 80, special: true }],
    }),
  );
  if (large)
    await approveAll(out, og, large.order.id, [
      people.liu,
      people.sun,
      people.zhao,
      people.liu,
      people.wang,
    ]);

  // 4. A discount the salesperson may not grant alone (RV-6).
  const discounted = await submit(
    t(
      out,
      "4. Discounted order: beyond the salesperson's authority",
      '4. 折扣订单:超出销售人员权限',
    ),
    baseOrder('so-discount', {
      lines: [{ ...baseOrder('x').lines[0]!, id: 'so-discount-1', discountBp: 1200 }],
    }),
  );
  if (discounted) await approveAll(out, og, discounted.order.id, [people.liu, people.wang]);

  // 5. A verbal order: reviewed, but confirmation waits for the written confirmation (IN-3).
  const verbal = await submit(
    t(out, '5. Verbal order taken by phone', '5. 电话口头订单'),
    baseOrder('so-verbal', { channel: 'verbal' }),
  );
  if (verbal) {
    await approveAll(out, og, verbal.order.id, [people.liu, people.wang]);
    out.line(
      t(out, 'Confirming before the written confirmation arrives:', '在书面确认到达前尝试确认:'),
    );
    show(out, await og.confirm(verbal.order.id, people.li));
    show(out, await og.recordWrittenConfirmation(verbal.order.id, people.zhou, 'FAX-2026-0302-07'));
    const ok = show(out, await og.confirm(verbal.order.id, people.li));
    if (ok) out.line(`${ok.order.number} — ${status(out, ok.workflow.status)}`);
  }

  // 6. An urgent order: 4-hour review, first in the queue; it runs overdue and escalates (IN-4, RV-2).
  const urgent = await submit(
    t(
      out,
      '6. Urgent order: shorter deadline, escalated when overdue',
      '6. 紧急订单:审核时限更短,超时升级',
    ),
    baseOrder('so-urgent', {
      urgent: true,
      urgency: {
        reason: '客户生产线停机 Customer line down',
        feasible: true,
        assessedBy: 'u-liu',
        note: '',
      },
    }),
  );
  if (urgent) {
    // Liu Yang's work queue, urgent first (IN-4): the orders waiting for his review.
    const queue = (await og.workQueue(people.liu)).filter((o) => o.actions.includes('approve'));
    out.line(
      `${t(out, 'Review queue', '审核队列')}: ${queue.map((o) => (o.number ?? o.orderId) + (o.urgent ? '⚡' : '')).join(', ')}`,
    );
    clock.advanceHours(5);
    const overdue = await og.runScheduledChecks();
    out.line(
      `${t(out, 'After 5 hours, overdue', '5 小时后超时')}: ${overdue.map((c) => c.orderId).join(', ')}`,
    );
    const view = await og.order(urgent.order.id);
    printRoute(out, view?.workflow.route);
    for (const e of view?.history ?? []) {
      if (e.type !== 'review.overdue') continue;
      const { step, escalatedTo } = e.data;
      const label = og.policy.approvals.steps[step]?.label;
      const roles = escalatedTo.map((r) => og.policy.roles[r]?.label);
      out.line(
        '  ' +
          formatMessage(
            'review.deadline.escalated',
            {
              stepEn: label?.en ?? step,
              stepZh: label?.zh ?? step,
              roleEn: roles.map((l, i) => l?.en ?? escalatedTo[i]).join(', '),
              roleZh: roles.map((l, i) => l?.zh ?? escalatedTo[i]).join('、'),
            },
            out.lang,
          ),
      );
    }
    await approveAll(out, og, urgent.order.id, [people.he, people.wang]);
  }

  // 7. An exceptional price: far below the price list (RV-7 chain, RV-6).
  const exceptional = await submit(
    t(
      out,
      '7. Exceptional price: marketing VP → finance director → president',
      '7. 特殊价格:营销副总裁 → 财务总监 → 总裁',
    ),
    baseOrder('so-exceptional', {
      lines: [{ ...baseOrder('x').lines[0]!, id: 'so-exceptional-1', unitPrice: 900_000 }],
    }),
  );
  if (exceptional) {
    out.line(t(out, 'The president tries to approve first:', '总裁试图先行审批:'));
    show(out, await og.approve(exceptional.order.id, people.ma, { step: 'presidentApproval' }));
    await approveAll(out, og, exceptional.order.id, [
      people.liu,
      people.zheng,
      people.qian,
      people.ma,
      people.wang,
    ]);
  }

  // 8. Segregation of duties: the sales head enters an order himself and may not approve it.
  const own = await submit(
    t(
      out,
      "8. The sales head's own order: segregation of duties",
      '8. 销售部门负责人自己的订单:职责分离',
    ),
    baseOrder('so-own', { salesperson: people.wang.id }),
  );
  if (own) {
    await approveAll(out, og, own.order.id, [people.liu]);
    out.line(
      t(out, 'The sales head tries to approve his own order:', '销售部门负责人试图审批自己的订单:'),
    );
    show(out, await og.approve(own.order.id, people.wang));
    out.line(
      t(
        out,
        'The general manager approves instead once it is escalated; until then it waits.',
        '须由他人审批;超时后升级至总经理。',
      ),
    );
  }

  // 9. Segregation of duties follows the people: a resubmission naming the sales head as the
  // order's salesperson does not let him approve it, and the first salesperson stays barred too.
  const renamed = await submit(
    t(
      out,
      '9. Resubmitted naming the sales head as salesperson',
      '9. 重新提交时改由销售部门负责人担任销售人员',
    ),
    baseOrder('so-renamed'),
  );
  if (renamed) {
    show(out, await og.returnToSales(renamed.order.id, people.liu, 'Delivery date infeasible'));
    const again = show(
      out,
      await og.submit(baseOrder('so-renamed', { salesperson: people.wang.id }), people.li),
    );
    if (again)
      out.line(
        t(
          out,
          `Owners so far: ${again.workflow.parties.owners.join(', ')}; submitters: ${again.workflow.parties.submitters.join(', ')}`,
          `历任负责人:${again.workflow.parties.owners.join('、')};提交人:${again.workflow.parties.submitters.join('、')}`,
        ),
      );
    await approveAll(out, og, renamed.order.id, [people.liu]);
    out.line(t(out, 'The sales head tries to approve it:', '销售部门负责人试图审批:'));
    show(out, await og.approve(renamed.order.id, people.wang));
  }

  const verification = await og.verify();
  out.heading(t(out, 'Audit trail', '审计记录'));
  out.line(
    verification.ok
      ? t(
          out,
          `Hash chain verified: ${verification.events} events intact.`,
          `哈希链校验通过:${verification.events} 条事件完整。`,
        )
      : `✘ ${JSON.stringify(verification.problems)}`,
  );
}
