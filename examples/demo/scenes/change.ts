import {
  CHANGE_FIELD_LABELS,
  formatMessage,
  type Actor,
  type Effect,
  type Ordergate,
  type OrderView,
  type Policy,
  type Result,
  type RevisionDiff,
  type Route,
} from '@ordergate/core';
import { baseOrder, hengtai, people, SceneClock, sceneGate } from './company.js';
import type { SceneOutput } from './SceneOutput.js';

const t = (out: SceneOutput, en: string, zh: string) => (out.lang === 'zh' ? zh : en);

function show(out: SceneOutput, result: Result<OrderView>): OrderView | undefined {
  if (!result.ok) {
    out.line(`  ✘ ${result.code}: ${formatMessage(result.messageKey, result.params, out.lang)}`);
    return undefined;
  }
  return result.value;
}

const fieldName = (out: SceneOutput, key: string) => CHANGE_FIELD_LABELS[key]?.[out.lang] ?? key;

function printRoute(out: SceneOutput, policy: Policy, route: Route | undefined): void {
  if (!route) return;
  out.line(t(out, 'Change approval route:', '变更审批路线:'));
  for (const step of route.steps) {
    const done = step.approvals.map((a) => a.actor).join(', ');
    out.line(
      `  [${String(step.stage)}] ${step.label[out.lang]} (${step.ruleIds.join(', ')}) — ${step.roles.map((r) => policy.roles[r]?.label[out.lang] ?? r).join(' + ')}${done ? ` ✔ ${done}` : ''}`,
    );
  }
}

function printEffects(out: SceneOutput, policy: Policy, effects: readonly Effect[]): void {
  for (const e of effects) {
    if (e.type === 'notify' && e.to.roles?.length) {
      const who = e.to.roles.map((r) => policy.roles[r]?.label[out.lang] ?? r).join(', ');
      out.line(`  → ${who}: ${formatMessage(e.messageKey, e.params, out.lang)}`);
    } else if (e.type === 'customerNotice') {
      out.line(
        `  → ${t(out, 'customer', '客户')} ${e.customerId}: ${formatMessage(e.messageKey, e.params, out.lang)}`,
      );
    } else if (e.type === 'cancelOrder') {
      out.line(`  → ERP: ${t(out, 'cancel the order', '取消订单')} (${e.reason})`);
    }
  }
}

function printDiff(out: SceneOutput, diff: RevisionDiff): void {
  out.line(
    t(
      out,
      `Revision ${String(diff.from)} → ${String(diff.to)}:`,
      `第${String(diff.from)}版 → 第${String(diff.to)}版:`,
    ),
  );
  for (const c of diff.header)
    out.line(
      `  ${fieldName(out, c.field)}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
    );
  for (const l of diff.lines) {
    if (l.kind === 'changed') {
      for (const c of l.changes)
        out.line(
          `  ${t(out, 'line', '行')} ${l.lineId} ${fieldName(out, `lines.${c.field}`)}: ${JSON.stringify(c.before)} → ${JSON.stringify(c.after)}`,
        );
    } else {
      out.line(
        `  ${t(out, 'line', '行')} ${l.lineId}: ${l.kind === 'added' ? t(out, 'added', '新增') : t(out, 'removed', '删除')}`,
      );
    }
  }
}

async function approveInTurn(
  out: SceneOutput,
  og: Ordergate,
  orderId: string,
  approvers: readonly (Actor & { name: string })[],
) {
  let last: Result<OrderView> | undefined;
  for (const who of approvers) {
    last = await og.approveChange(orderId, who);
    const view = show(out, last);
    if (view)
      out.line(
        `  ✔ ${who.name} → ${formatMessage(`status.${view.workflow.status}`, {}, out.lang)}`,
      );
  }
  return last;
}

/**
 * The change scene (CH-1…CH-7): a confirmed order gets a price change that runs the exceptional
 * chain (RV-7 via CH-4), the two revisions are compared (CH-5), a stale request conflicts, and
 * the order is finally cancelled with a reason (CH-3), every department concerned being told (CH-6).
 * Then a second customer's order: a quantity increase re-runs the credit check on the new
 * revision and holds the order (CH-5 with CR-4) until the finance director releases it, and a
 * request is withdrawn by the one who asked (CH-2).
 */
export async function changeScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-02T09:00:00+08:00');
  const { og, policy } = sceneGate(clock);
  await og.putCustomer(hengtai); // CR-1: an evaluated customer, so credit passes

  out.heading(t(out, 'Change control: a confirmed order is locked', '变更管理:已确认订单锁定'));
  const input = baseOrder('so-change', {
    lines: [
      ...baseOrder('so-change').lines,
      {
        id: 'so-change-2',
        productId: 'V-50',
        productName: '闸阀 Gate valve',
        model: 'GV-50',
        specification: 'DN50 PN16',
        quantity: 20,
        unitPrice: 80_000,
        listPrice: 80_000,
        taxBp: 1300,
      },
    ],
  });
  const submitted = show(out, await og.submit(input, people.li));
  if (!submitted) return;
  const id = submitted.order.id;
  for (const who of [people.liu, people.wang]) show(out, await og.approve(id, who));
  const confirmed = show(out, await og.confirm(id, people.li));
  if (!confirmed) return;
  out.line(
    t(
      out,
      `${confirmed.order.number} confirmed at revision 1: from now on it changes only through a change request.`,
      `${confirmed.order.number}已确认(第1版):此后只能通过变更申请修改。`,
    ),
  );

  clock.advanceHours(48);
  out.heading(t(out, 'A price change runs the exceptional chain', '价格变更走异常订单审批链'));
  out.line(
    t(
      out,
      'Li Na asks to lower the pump price and deliver two weeks later.',
      '李娜申请下调离心泵单价,并将交货日期推迟两周。',
    ),
  );
  const requested = show(
    out,
    await og.requestChange(id, people.li, {
      baseRevision: 1,
      reason: t(
        out,
        'Competitor quote; the customer’s site is not ready',
        '竞争对手报价;客户现场尚未就绪',
      ),
      impact: t(
        out,
        'Margin on pumps −5.6 %; production slot moves two weeks',
        '离心泵毛利下降5.6%;生产排期顺延两周',
      ),
      patch: [
        { op: 'updateLine', lineId: 'so-change-1', set: { unitPrice: 1_180_000 } },
        { op: 'set', field: 'requestedDeliveryDate', value: '2026-04-29' },
      ],
    }),
  );
  if (!requested) return;
  out.findings(requested.workflow.change?.pending?.findings ?? []);
  printRoute(out, policy, requested.workflow.change?.pending?.route);

  out.line(
    t(
      out,
      'Li Na tries a second change while this one is pending:',
      '李娜在该申请待审批期间又提出另一项变更:',
    ),
  );
  show(
    out,
    await og.requestChange(id, people.li, {
      baseRevision: 1,
      reason: 'x',
      impact: 'y',
      patch: [{ op: 'set', field: 'notes', value: 'z' }],
    }),
  );

  const last = await approveInTurn(out, og, id, [
    people.liu,
    people.zhao,
    people.zheng,
    people.qian,
    people.ma,
    people.wang,
  ]);
  if (last?.ok) {
    out.line(
      t(
        out,
        `Revision ${String(last.value.order.revision)} is in force. Who is told (CH-6):`,
        `第${String(last.value.order.revision)}版生效。通知对象(CH-6):`,
      ),
    );
    printEffects(out, policy, last.effects);
  }

  out.heading(t(out, 'Every revision stays readable and comparable', '每个版本均可查阅和比对'));
  printDiff(out, await og.diff(id, 1, 2));
  out.line(t(out, 'A request still written against revision 1:', '仍基于第1版的变更申请:'));
  show(
    out,
    await og.requestChange(id, people.li, {
      baseRevision: 1,
      reason: 'r',
      impact: 'i',
      patch: [{ op: 'set', field: 'paymentTerms', value: 'NET60' }],
    }),
  );

  clock.advanceHours(72);
  out.heading(t(out, 'Cancellation is a request with a reason', '取消订单须提出申请并说明原因'));
  const cancel = show(
    out,
    await og.requestCancellation(
      id,
      people.li,
      t(out, 'The customer’s project was cancelled', '客户项目已取消'),
    ),
  );
  if (!cancel) return;
  out.findings(cancel.workflow.change?.pending?.findings ?? []);
  printRoute(out, policy, cancel.workflow.change?.pending?.route);
  const done = await approveInTurn(out, og, id, [people.zhao, people.liu, people.wang]);
  if (done?.ok) printEffects(out, policy, done.effects);

  await creditRerun(out, og, clock);
}

/** CH-5 with CR-4: a quantity increase takes the exposure over the limit; CH-2: a withdrawal. */
async function creditRerun(out: SceneOutput, og: Ordergate, clock: SceneClock): Promise<void> {
  out.heading(
    t(out, 'A quantity increase re-runs the credit check', '增加数量:对新版本重新执行信用检查'),
  );
  // CR-1: evaluated, grade A, a 200,000.00 CNY limit; nothing else open.
  await og.putCustomer({
    id: 'c-ningbo',
    name: '宁波港机 Ningbo Port Machinery',
    credit: {
      grade: 'A',
      limit: { amount: 20_000_000, currency: 'CNY' },
      evaluatedAt: '2025-12-01T00:00:00+08:00',
    },
  });
  const input = baseOrder('so-ningbo', {
    customer: { id: 'c-ningbo', name: '宁波港机 Ningbo Port Machinery' },
  });
  const submitted = show(out, await og.submit(input, people.li));
  if (!submitted) return;
  const id = submitted.order.id;
  for (const who of [people.liu, people.wang]) show(out, await og.approve(id, who));
  const confirmed = show(out, await og.confirm(id, people.li));
  if (!confirmed) return;
  out.line(
    t(
      out,
      `${confirmed.order.number}: 10 pumps, 141,250.00 CNY with tax, within Ningbo Port Machinery’s 200,000.00 CNY limit.`,
      `${confirmed.order.number}:离心泵10台,含税141,250.00元,在宁波港机200,000.00元信用额度之内。`,
    ),
  );
  clock.advanceHours(24);
  out.line(
    t(
      out,
      'The customer wants 15 pumps instead of 10 (211,875.00 CNY with tax).',
      '客户要求将离心泵由10台增至15台(含税211,875.00元)。',
    ),
  );
  show(
    out,
    await og.requestChange(id, people.li, {
      baseRevision: 1,
      reason: t(out, 'Second production line at the customer', '客户新增第二条生产线'),
      impact: t(out, 'Five more pumps to produce', '需多生产5台离心泵'),
      patch: [{ op: 'updateLine', lineId: 'so-ningbo-1', set: { quantity: 15 } }],
    }),
  );
  const last = await approveInTurn(out, og, id, [people.liu, people.wang]);
  if (last?.ok) {
    out.line(
      t(
        out,
        `Revision ${String(last.value.order.revision)} is in force, and the rules ran again on it:`,
        `第${String(last.value.order.revision)}版生效,并对新版本重新执行了各项规则:`,
      ),
    );
    out.findings(last.findings.filter((f) => f.ruleId.startsWith('CR')));
  }
  const released = show(
    out,
    await og.releaseCredit(id, people.qian, {
      reason: t(out, 'Customer pays 30 % on order', '客户下单时预付30%'),
    }),
  );
  if (released)
    out.line(
      t(
        out,
        `  ✔ ${people.qian.name} releases the credit hold → ${formatMessage(`status.${released.workflow.status}`, {}, out.lang)}`,
        `  ✔ ${people.qian.name}解除信用冻结 → ${formatMessage(`status.${released.workflow.status}`, {}, out.lang)}`,
      ),
    );

  out.heading(t(out, 'A request withdrawn by the one who asked', '申请人撤回变更申请'));
  const pending = show(
    out,
    await og.requestChange(id, people.li, {
      baseRevision: 2,
      reason: t(out, 'Customer asks to deliver a week later', '客户要求推迟一周交货'),
      impact: t(out, 'Production slot moves a week', '生产排期顺延一周'),
      patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-04-22' }],
    }),
  );
  if (!pending) return;
  out.line(
    t(
      out,
      `${people.wang.name} tries to withdraw Li Na’s request:`,
      `${people.wang.name}试图撤回李娜的申请:`,
    ),
  );
  show(out, await og.withdrawChange(id, people.wang));
  const withdrawn = show(
    out,
    await og.withdrawChange(
      id,
      people.li,
      t(out, 'The customer keeps the agreed date', '客户维持原定交货日期'),
    ),
  );
  if (withdrawn)
    out.line(
      t(
        out,
        `  ✔ ${people.li.name} withdraws it → ${formatMessage(`status.${withdrawn.workflow.status}`, {}, out.lang)}, still revision ${String(withdrawn.order.revision)}; the production review’s activity is closed.`,
        `  ✔ ${people.li.name}撤回申请 → ${formatMessage(`status.${withdrawn.workflow.status}`, {}, out.lang)},仍为第${String(withdrawn.order.revision)}版;生产评审待办已关闭。`,
      ),
    );
}
