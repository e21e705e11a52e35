/**
 * Connects to Odoo with settings from the environment, syncs the open orders with a progress
 * line, assesses each against a policy with @ordergate/core, prints the findings and, with
 * `--apply`, writes the effects back (a chatter note with the findings, one approval activity
 * per approver for each required step — RV-3 — and a lock for blocked orders).
 *
 *   ODOO_URL=… ODOO_DB=… ODOO_USER=… ODOO_KEY=… pnpm --filter @ordergate/example-odoo-assess start [--apply] [--policy file.json]
 */
import { readFileSync } from 'node:fs';
import { assessOrder, type Effect, type Finding, formatFinding, loadPolicy } from '@ordergate/core';
import { OdooConnector, OdooError, odooConfigFromEnv } from '@ordergate/connectors';

const args = process.argv.slice(2);
const apply = args.includes('--apply');
const policyFile = args[args.indexOf('--policy') + 1] ?? new URL('./policy.json', import.meta.url);
const policy = loadPolicy(
  JSON.parse(
    readFileSync(
      args.includes('--policy') ? policyFile : new URL('./policy.json', import.meta.url),
      'utf8',
    ),
  ),
);

/**
 * Keys name what the findings say, not the order's write_date: writing the effects back changes
 * write_date, and the same findings must not be written twice.
 */
function effectsFor(orderId: string, findings: readonly Finding[]): Effect[] {
  const version = [...new Set(findings.map((f) => `${f.ruleId}.${f.severity}`))].sort().join(',');
  const key = `assess:${orderId}:${version}`;
  const effects: Effect[] = [];
  if (findings.length > 0) {
    effects.push({
      type: 'postMessage',
      key: `${key}:note`,
      orderId,
      messageKey: 'ordergate.assessment',
      params: { findings: findings.map((f) => formatFinding(f, policy.locale)).join(' | ') },
    });
  }
  const steps = [
    ...new Set(findings.flatMap((f) => (f.severity === 'approval' ? (f.steps ?? []) : []))),
  ];
  for (const step of steps) {
    const def = policy.approvals.steps[step];
    if (!def) continue;
    effects.push({
      type: 'scheduleApproval',
      key: `${key}:${step}`,
      orderId,
      step,
      roles: def.roles,
      users: [],
      ruleIds: [...new Set(findings.filter((f) => f.steps?.includes(step)).map((f) => f.ruleId))],
    });
  }
  if (findings.some((f) => f.severity === 'block'))
    effects.push({ type: 'lockOrder', key: `${key}:lock`, orderId });
  return effects;
}

try {
  const odoo = await OdooConnector.connect(odooConfigFromEnv(process.env), {
    writeBack: {
      policy,
      locale: policy.locale,
      render: (e) => ('params' in e ? String(e.params.findings ?? e.messageKey) : ''),
    },
  });
  console.log(`Connected to Odoo ${odoo.client.server.version} over ${odoo.client.transport}`);
  const now = new Date().toISOString();
  let assessed = 0;
  let blocked = 0;
  const report: string[] = [];
  const effects: Effect[] = [];
  for await (const page of odoo.sync({
    domain: [['state', 'in', ['draft', 'sent', 'sale']]],
    pageSize: 200,
  })) {
    for (const rec of page.orders) {
      const customer = page.customers.find((c) => c.id === rec.order.customer.id);
      const findings = assessOrder(rec.order, {
        policy,
        submittedAt: now,
        submitter: { id: rec.order.salesperson, groups: [] },
        ...(customer ? { customer } : {}),
      });
      assessed++;
      if (findings.some((f) => f.severity === 'block')) blocked++;
      report.push(
        `${rec.odoo.name} (${rec.order.customer.name}): ${findings.length === 0 ? 'passes' : ''}`,
      );
      for (const f of findings)
        report.push(`  ${f.severity.padEnd(8)} ${formatFinding(f, policy.locale)}`);
      effects.push(...effectsFor(rec.order.id, findings));
    }
    for (const r of page.rejected)
      report.push(`${r.name}: not readable as an order — ${r.error.message}`);
    process.stderr.write(
      `\rsynced ${page.progress.delivered} orders, ${page.progress.calls} RPC calls`,
    );
  }
  process.stderr.write('\n');
  console.log(report.join('\n'));
  console.log(`\n${assessed} orders assessed, ${blocked} blocked, ${effects.length} effects`);
  if (apply) {
    const outcomes = await odoo.writer.applyAll(effects);
    const count = (s: string) => outcomes.filter((o) => o.status === s).length;
    console.log(
      `applied ${count('applied')}, already applied ${count('already-applied')}, skipped ${count('skipped')}`,
    );
  } else if (effects.length > 0) {
    console.log('run with --apply to write them back to Odoo');
  }
  console.log(`${odoo.stats.calls} RPC calls`);
} catch (error) {
  if (error instanceof OdooError) {
    console.error(`${error.name} (${error.code}): ${error.message}`);
    process.exit(1);
  }
  throw error;
}
