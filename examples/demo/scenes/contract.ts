import {
  formatMessage,
  type Effect,
  type OrderStatus,
  type OrderView,
  type Result,
  type Route,
} from '@ordergate/core';
import { baseOrder, hengtai, people, SceneClock, sceneGate } from './company.js';
import type { SceneOutput } from './SceneOutput.js';

const t = (out: SceneOutput, en: string, zh: string) => (out.lang === 'zh' ? zh : en);
/** An instant as the company reads it: `YYYY-MM-DD HH:mm` in Shanghai. */
const local = (instant: string) =>
  new Date(instant).toLocaleString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 16);
const status = (out: SceneOutput, s: OrderStatus) => formatMessage(`status.${s}`, {}, out.lang);

function show(out: SceneOutput, result: Result<OrderView>): OrderView | undefined {
  if (!result.ok) {
    const rule = result.ruleId ? ` ${result.ruleId}` : '';
    out.line(
      `  ✘ ${result.code}${rule}: ${formatMessage(result.messageKey, result.params, out.lang)}`,
    );
    out.findings(result.findings);
    return undefined;
  }
  return result.value;
}

/** What the people concerned are told (notices and chatter messages), as they read it. */
function told(out: SceneOutput, effects: readonly Effect[]): void {
  for (const e of effects)
    if ((e.type === 'notify' || e.type === 'postMessage') && e.ruleId === 'RV-10')
      out.line(`    ↳ ${formatMessage(e.messageKey, e.params, out.lang)}`);
}

function printRoute(out: SceneOutput, route: Route | undefined): void {
  for (const step of route?.steps ?? [])
    out.line(
      `  [${String(step.stage)}] ${step.label[out.lang]} (${step.ruleIds.join(', ')})` +
        (step.approvals.length > 0 ? ` ✔ ${step.approvals.map((a) => a.actor).join(', ')}` : ''),
    );
}

/**
 * The contract scene (RV-10): an order the customer wants under a signed contract. It is routed
 * through the legal department's review, approved, and refused at confirmation until the legal
 * review and the customer's signature are recorded; the signature cannot come before the review;
 * then it is confirmed, and its trail shows both.
 */
export async function contractScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-02T09:00:00+08:00');
  const { og } = sceneGate(clock);
  await og.putCustomer(hengtai);

  out.heading(
    t(
      out,
      'Contract 1. An order under contract: legal review, signature, then confirmation',
      '合同 1. 合同订单:法务审核、客户签署,然后确认',
    ),
  );
  const submitted = show(
    out,
    await og.submit(
      baseOrder('so-contract', { contract: { required: true, number: 'HT-2026-0317' } }),
      people.li,
    ),
  );
  if (!submitted) return;
  const id = submitted.order.id;
  out.line(`${submitted.order.number} — ${status(out, submitted.workflow.status)}`);
  out.findings(submitted.workflow.findings);
  out.line(t(out, 'Approval route:', '审批路线:'));
  printRoute(out, submitted.workflow.route);

  show(out, await og.approve(id, people.liu));
  out.line(`  ✔ ${people.liu.name}`);

  out.line(
    t(
      out,
      'The customer sends the signed contract before legal has reviewed it:',
      '法务审核前,客户已寄回签署的合同:',
    ),
  );
  show(
    out,
    await og.recordContractSigned(id, people.li, {
      signedAt: clock.now(),
      reference: 'HT-2026-0317',
    }),
  );

  out.line(t(out, 'The legal department records its review:', '法务部门登记审核意见:'));
  clock.advanceHours(3);
  const reviewed = await og.recordContractReview(id, people.wu, {
    outcome: 'approved',
    reference: 'LEGAL-2026-0317',
    comment: t(
      out,
      'Standard terms; liability capped at the order value',
      '标准条款;责任以订单金额为限',
    ),
  });
  if (show(out, reviewed) && reviewed.ok) {
    out.line(`  ✔ ${people.wu.name}`);
    told(out, reviewed.effects);
  }

  const approved = show(out, await og.approve(id, people.wang));
  if (approved) out.line(`  ✔ ${people.wang.name} → ${status(out, approved.workflow.status)}`);

  out.line(t(out, 'Confirming before the customer has signed:', '客户签署前尝试确认:'));
  show(out, await og.confirm(id, people.li));
  const panel = await og.allowedActions(id, people.li);
  const allowed = panel.filter((a) => a.allowed).map((a) => a.action);
  out.line(
    `  ${t(out, `${people.li.name} may now`, `${people.li.name}现在可以`)}: ${allowed.join(', ')}`,
  );

  out.line(t(out, 'The next morning the signed contract is back:', '次日上午,签署的合同寄回:'));
  clock.advanceHours(20);
  const signedAt = new Date(Date.parse(clock.now()) - 2 * 3_600_000).toISOString();
  const signed = await og.recordContractSigned(id, people.li, {
    signedAt,
    reference: 'HT-2026-0317',
  });
  if (show(out, signed) && signed.ok) told(out, signed.effects);
  const confirmed = show(out, await og.confirm(id, people.li));
  if (confirmed) out.line(`${confirmed.order.number} — ${status(out, confirmed.workflow.status)}`);

  out.line(t(out, 'Its trail:', '审计记录:'));
  for (const e of await og.history(id)) {
    if (e.type === 'contract.reviewed')
      out.line(`  ${e.type}: ${e.data.outcome} ${e.data.by} ${e.data.reference ?? ''}`);
    else if (e.type === 'contract.signed')
      out.line(`  ${e.type}: ${e.data.reference} ${local(e.data.signedAt)}`);
    else if (e.type === 'order.approved' || e.type === 'order.confirmed') out.line(`  ${e.type}`);
  }
}
