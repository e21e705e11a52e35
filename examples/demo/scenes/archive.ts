import {
  formatMessage,
  formatMoney,
  MemoryStore,
  Ordergate,
  verifyArchiveBundle,
  type ArchiveProblem,
  type OrderView,
  type Refusal,
  type Result,
} from '@ordergate/core';
import { nodeSha256 } from '@ordergate/core/node';
import { baseOrder, hengtai, people, SceneClock, sceneGate } from './company.js';
import type { SceneOutput } from './SceneOutput.js';

const t = (out: SceneOutput, en: string, zh: string) => (out.lang === 'zh' ? zh : en);

function refused(out: SceneOutput, r: Refusal<unknown>): void {
  out.line(`✘ ${r.code}: ${formatMessage(r.messageKey, r.params, out.lang)}`);
  out.findings(r.findings);
}

function step(out: SceneOutput, label: string, r: Result<OrderView>): OrderView | undefined {
  if (!r.ok) {
    refused(out, r);
    return undefined;
  }
  out.line(`  ✔ ${label} → ${formatMessage(`status.${r.value.workflow.status}`, {}, out.lang)}`);
  out.findings(r.findings);
  return r.value;
}

function value<T>(out: SceneOutput, r: Result<T>): T | undefined {
  if (!r.ok) {
    refused(out, r);
    return undefined;
  }
  return r.value;
}

function problems(out: SceneOutput, list: readonly ArchiveProblem[]): void {
  for (const p of list) {
    const where = [
      p.section && `section ${p.section}`,
      p.stream && `${p.stream}`,
      p.seq !== undefined && `seq ${String(p.seq)}`,
    ]
      .filter(Boolean)
      .join(', ');
    out.line(`  ⛔ ${p.code} — ${p.number || p.archiveId}${where ? ` (${where})` : ''}`);
  }
}

/**
 * The archive scene (TR-1…TR-5, AR-1…AR-6): an order is fulfilled, delivered, paid and invoiced;
 * the customer reports a dented pump and a quality complaint; archiving is refused until it is
 * settled with after-sales closed; closing the quality complaint, the last open issue, completes
 * the order; then it is sealed and filed in the monthly run; a read without a grant is refused, an
 * approved one succeeds; the archive keeper exports the off-site backup without a grant (a
 * sales assistant's attempt is refused), the export verifies on its own, and a tampered record is
 * caught and located.
 */
export async function archiveScene(out: SceneOutput): Promise<void> {
  const clock = new SceneClock('2026-03-02T09:00:00+08:00');
  const { og, store, policy } = sceneGate(clock, { hasher: nodeSha256 });
  await og.putCustomer(hengtai); // CR-1: an evaluated customer, so credit passes

  out.heading(
    t(out, 'Archive 1. Fulfilment, settlement and archiving', '归档 1. 执行、结算与归档'),
  );
  const submitted = await og.submit(baseOrder('so-archive'), people.li);
  if (!submitted.ok) return refused(out, submitted);
  const id = submitted.value.order.id;
  out.line(
    `${submitted.value.order.number} — ${t(out, 'approved by production and the sales head, then confirmed', '经生产主管、销售部门负责人批准后确认')}`,
  );
  await og.approve(id, people.liu);
  await og.approve(id, people.wang);
  await og.confirm(id, people.li);

  clock.advanceHours(24);
  step(
    out,
    t(out, 'Production started (TR-1)', '生产开始(TR-1)'),
    await og.recordProgress(id, people.zhou, { step: 'production', status: 'started' }),
  );
  clock.advanceHours(24 * 20);
  // 23 March: the month's filing run, by the 25th (AR-3); shown below.
  const filing = await og.fileMonth('2026-03', people.zhou);
  clock.advanceHours(24 * 15);
  step(
    out,
    t(out, 'Forecast: delivery on 18 April (TR-2)', '预计 4 月 18 日交付(TR-2)'),
    await og.forecastDelivery(id, people.zhou, {
      date: '2026-04-18',
      reason: 'motor supplier late',
    }),
  );
  step(
    out,
    t(out, 'Production done', '生产完成'),
    await og.recordProgress(id, people.zhou, { step: 'production', status: 'done' }),
  );
  out.line(t(out, 'Shipping before payment (CR-8):', '未收款即发货(CR-8):'));
  step(
    out,
    t(out, 'Shipping', '发货'),
    await og.recordProgress(id, people.zhou, { step: 'shipping', status: 'started' }),
  );
  step(
    out,
    t(out, 'Finance records the payment', '财务登记收款'),
    await og.settle(id, people.zhao, { paid: true, paymentRef: 'BANK-20260325' }),
  );
  step(
    out,
    t(out, 'Shipped (waybill SF-1234)', '已发货(运单 SF-1234)'),
    await og.recordProgress(id, people.zhou, {
      step: 'shipping',
      status: 'done',
      reference: 'SF-1234',
    }),
  );
  clock.advanceHours(24 * 11);
  step(
    out,
    t(out, 'Delivered', '已交付'),
    await og.deliver(id, people.zhou, { reference: 'DN-0418' }),
  );
  step(
    out,
    t(
      out,
      'Customer reports a dented pump at acceptance (TR-3)',
      '客户验收时报告一台泵外壳凹陷(TR-3)',
    ),
    await og.reportIssue(id, people.li, {
      kind: 'damage',
      remedy: 'replace',
      description: t(out, 'pump housing dented', '泵壳凹陷'),
      lineIds: ['so-archive-1'],
    }),
  );

  step(
    out,
    t(
      out,
      'The customer also complains that a motor runs hot: a quality complaint (TR-3)',
      '客户还投诉一台电机过热:质量投诉(TR-3)',
    ),
    await og.reportIssue(id, people.li, {
      kind: 'quality',
      remedy: 'repair',
      description: t(out, 'motor runs hot under load', '电机带载运行过热'),
      lineIds: ['so-archive-1'],
    }),
  );

  out.line(t(out, 'Archive now? (AR-1)', '现在归档?(AR-1)'));
  value(out, await og.archive(id, people.zhou));

  clock.advanceHours(24 * 5);
  step(
    out,
    t(out, 'Replacement delivered, damage issue closed', '换货完成,损坏问题关闭'),
    await og.closeIssue(id, people.zhou, {
      issueId: 'ISS-1',
      resolution: t(out, 'pump replaced', '已更换新泵'),
    }),
  );
  step(
    out,
    t(out, 'Invoice issued (INV-0042)', '已开票(INV-0042)'),
    await og.settle(id, people.zhao, { invoiced: true, invoiceRef: 'INV-0042' }),
  );
  clock.advanceHours(24 * 3);
  // TR-4: the last open issue of a delivered, settled order: closing it completes the order.
  const lastClosed = step(
    out,
    t(
      out,
      'Motor repaired on site, quality complaint closed (TR-3)',
      '电机现场维修完毕,质量投诉关闭(TR-3)',
    ),
    await og.closeIssue(id, people.zhou, {
      issueId: 'ISS-2',
      resolution: t(out, 'fan replaced, motor runs cool', '已更换风扇,电机温度正常'),
    }),
  );
  if (lastClosed?.workflow.tracking?.completedAt)
    out.line(`  ✔ ${formatMessage('tracking.completed', {}, out.lang)} (TR-4)`);
  const [metrics] = await og.metrics();
  if (metrics)
    out.line(
      t(
        out,
        `    complaints (TR-5): ${String(metrics.complaints.count)} over ${String(metrics.complaints.of)} delivery — damage ${String(metrics.complaintsByKind.damage)}, quality ${String(metrics.complaintsByKind.quality)}`,
        `    投诉(TR-5):交付 ${String(metrics.complaints.of)} 次,投诉 ${String(metrics.complaints.count)} 次——损坏 ${String(metrics.complaintsByKind.damage)},质量 ${String(metrics.complaintsByKind.quality)}`,
      ),
    );
  const entry = value(out, await og.archive(id, people.zhou));
  if (!entry) return;
  out.line(`  ✔ ${formatMessage('archive.archived', { number: entry.number }, out.lang)}`);
  out.line(
    `    ${t(out, 'classified', '分类')}: ${entry.customerName} / ${entry.productIds.join(', ')} / ${entry.month}; ${t(out, 'kept until', '保管至')} ${entry.retainUntil} (AR-6)`,
  );

  out.heading(
    t(
      out,
      'Archive 2. Monthly filing by the 25th (AR-3) and the contract ledger (AR-4)',
      '归档 2. 每月 25 日前归档(AR-3)与合同台账(AR-4)',
    ),
  );
  if (filing.ok) {
    const report = filing.value;
    out.line(
      `${t(out, 'Run for', '归档月份')} ${report.month}, ${t(out, 'due', '截止')} ${report.dueDate} — ${report.onTime ? t(out, 'on time', '按时') : t(out, 'late', '逾期')}`,
    );
    for (const e of report.filed)
      out.line(
        `  ${e.filingNumber}  ${e.orderNumber}  ${e.customerId}  ${e.productIds.join(', ')}  ${t(out, 'signed', '签订')} ${e.signedDate}${e.late ? t(out, '  — filed late', '  — 逾期归档') : ''}`,
      );
  } else refused(out, filing);
  // The ledger is read by someone who files contracts; the read itself is recorded (AR-4, AR-5).
  for (const c of value(out, await og.contractLedger(people.zhou)) ?? []) {
    out.line(
      `  ${c.contractNumber}  ${c.signedAt.slice(0, 10)}  ${c.customerName}  ${formatMoney(c.amount, c.currency, policy)}  ${c.deliveryDate ?? ''}  ${c.paymentTerms}  ${c.status}`,
    );
  }

  out.heading(
    t(
      out,
      'Archive 3. Reading the archive needs an approved request (AR-5)',
      '归档 3. 查阅档案须经批准(AR-5)',
    ),
  );
  const chen = { id: 'u-chen', name: '陈晨 Chen Chen (salesperson)', groups: ['sales'] };
  out.line(
    t(out, `${chen.name} opens the archive without a grant:`, `${chen.name} 未经批准直接查阅:`),
  );
  value(out, await og.readArchive(entry.archiveId, chen));
  const request = value(
    out,
    await og.requestArchiveAccess(entry.archiveId, chen, {
      reason: t(out, 'customer asks for a copy of the acceptance record', '客户索取验收记录副本'),
    }),
  );
  if (!request) return;
  out.line(
    `  → ${formatMessage('archive.access.requested', { number: entry.number, requester: chen.id, reason: request.reason, days: request.days }, out.lang)}`,
  );
  out.line(
    t(
      out,
      'The requester cannot approve it; the sales head does:',
      '申请人不能自批,由销售部门负责人审批:',
    ),
  );
  value(out, await og.approveArchiveAccess(request.id, chen));
  const grant = value(out, await og.approveArchiveAccess(request.id, people.wang));
  if (grant)
    out.line(
      `  ✔ ${formatMessage('archive.access.granted', { number: entry.number, by: people.wang.id, until: grant.validUntil ?? '' }, out.lang)}`,
    );
  const content = value(out, await og.readArchive(entry.archiveId, chen));
  if (content)
    out.line(
      `  ✔ ${content.orderNumber}: ${content.revisions.length + 1} ${t(out, 'revision(s)', '个版本')}, ${content.events.length} ${t(out, 'audit events', '条审计记录')}`,
    );
  const log = await store.readStream(`archive:${entry.archiveId}`);
  out.line(`${t(out, 'Archive log', '档案日志')}: ${log.map((e) => e.type).join(' → ')}`);

  out.heading(t(out, 'Archive 4. Tamper evidence (AR-2)', '归档 4. 防篡改(AR-2)'));
  const verified = await og.verifyArchive();
  out.line(
    `${t(out, 'Verification of the store', '存储校验')}: ${verified.ok ? `✔ ${String(verified.archives)} ${t(out, 'archive(s)', '份档案')}, ${String(verified.events)} ${t(out, 'events', '条事件')}` : '✘'}`,
  );
  // AR-2: the off-site backup is the archive keeper's; exporting it is not reading it (no grant).
  out.line(
    t(out, `${people.zhou.name} tries to export the backup:`, `${people.zhou.name} 尝试导出备份:`),
  );
  value(out, await og.exportArchiveBackup(entry.archiveId, people.zhou));
  out.line(
    t(
      out,
      `${people.gao.name} exports the off-site backup, with no access request:`,
      `${people.gao.name} 导出异地备份,无需查阅申请:`,
    ),
  );
  clock.advanceHours(2);
  const bundle = value(out, await og.exportArchiveBackup(entry.archiveId, people.gao));
  if (!bundle) return;
  const recorded = (await store.readStream(`archive:${entry.archiveId}`)).at(-1);
  if (recorded)
    out.line(
      `  ✔ ${t(out, 'recorded', '已记录')}: ${recorded.type} — ${recorded.actor ?? ''}, ${recorded.at}`,
    );
  const offsite = JSON.parse(JSON.stringify(bundle)) as unknown;
  const own = verifyArchiveBundle(offsite, nodeSha256, bundle.record.seal.hash);
  out.line(
    `${t(out, 'Offsite backup bundle verified on its own', '异地备份包独立校验')}: ${own.ok ? '✔' : '✘'}`,
  );

  out.line(
    t(
      out,
      'Someone lowers the unit price in the stored archive and edits an approval in the trail:',
      '有人修改了存储中档案的单价,并改动了审计记录中的一条审批:',
    ),
  );
  const snapshot = store.snapshot();
  const stored = snapshot.records.find((r) => r.kind === 'archive')?.value as
    { content: { order: { lines: { unitPrice: number }[] } } } | undefined;
  if (stored?.content.order.lines[0]) stored.content.order.lines[0].unitPrice = 990_000;
  // The trail is stored as the exact text each hash covers: edit the approver in that text.
  const approval = snapshot.events.find(
    (e) => e.stream === `order:${id}` && e.text.includes('"approval.granted"'),
  );
  if (approval) approval.text = approval.text.replace(/"actor":"[^"]*"/, '"actor":"u-li"');
  const tampered = new Ordergate({
    policy,
    store: new MemoryStore({ snapshot, hasher: nodeSha256 }),
    clock,
    ids: { next: (p: string) => p },
    hasher: nodeSha256,
  });
  const caught = await tampered.verifyArchive();
  if (!caught.ok) problems(out, caught.problems);
}
