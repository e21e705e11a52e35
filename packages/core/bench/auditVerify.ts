// Benchmark (AR-2): verifying a chain of 1,000,000 audit events against raw SHA-256 over the same
// bytes, in the same run. Target: verification at least half of raw SHA-256 speed.
// Run: npx tsx packages/core/bench/auditVerify.ts [events]
import { createHash, hash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  sealDraft,
  verifyChain,
  verifySealed,
  type AuditEvent,
  type SealedEvent,
} from '../src/index.js';
import { nodeSha256 } from '../src/node.js';

/** Events shaped like the desk's: an order stream with approvals, progress and settlement. */
function buildChain(count: number): { events: AuditEvent[]; sealed: SealedEvent[] } {
  const types = [
    'order.submitted',
    'order.assessed',
    'approval.granted',
    'fulfilment.progress',
    'order.delivered',
    'order.settlement',
  ];
  const events = new Array<AuditEvent>(count);
  const sealed = new Array<SealedEvent>(count);
  let head: { seq: number; hash: string } | undefined;
  const base = Date.parse('2026-03-02T01:00:00.000Z');
  for (let i = 0; i < count; i++) {
    const r = sealDraft(
      head,
      {
        stream: 'order:bench',
        type: types[i % types.length]!,
        at: new Date(base + i * 1000).toISOString(),
        actor: i % 3 === 0 ? null : `u-${String(i % 17)}`,
        ruleIds: i % 2 === 0 ? ['TR-1'] : ['RV-3', 'AR-1'],
        data: {
          step: 'production',
          status: 'done',
          by: `u-${String(i % 17)}`,
          note: `事件 ${String(i)}`,
          amount: i * 7,
        },
      },
      nodeSha256,
    );
    events[i] = r.event;
    sealed[i] = r.sealed;
    head = { seq: r.sealed.seq, hash: r.sealed.hash };
  }
  return { events, sealed };
}

/** The fastest raw SHA-256 node offers: one-shot `crypto.hash` where available (Node ≥ 20.12). */
const sha256: (text: string) => string =
  typeof hash === 'function'
    ? (text) => hash('sha256', text, 'hex')
    : (text) => createHash('sha256').update(text, 'utf8').digest('hex');

function best(runs: number, fn: () => void): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min / 1000;
}

/**
 * Builds `count` sealed events, then times, with the native hasher: `verifySealed` over the chain
 * as a store keeps it (what `OrderDesk.verify` and `ArchiveDesk.verify` run), `verifyChain` over
 * structured events (what an export bundle needs, re-serialising every event), and raw
 * `node:crypto` SHA-256 over the same bytes. Prints events/s, MB/s and the ratios.
 *
 * @example
 * await runAuditVerifyBench(); // prints figures for 1,000,000 events
 */
export async function runAuditVerifyBench(count = 1_000_000): Promise<void> {
  const t0 = performance.now();
  const { events, sealed } = buildChain(count);
  const built = (performance.now() - t0) / 1000;
  const texts = sealed.map((e) => e.text);
  // The raw figure must hash exactly what verification hashes: the texts reproduce the stored hashes.
  for (let i = 0; i < Math.min(count, 1000); i++) {
    if (sha256(texts[i]!) !== sealed[i]!.hash)
      throw new Error(`hash format differs at ${String(i)}`);
  }
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0);
  console.log(
    `audit chain: ${count.toLocaleString('en')} events, ${(bytes / 1e6).toFixed(1)} MB hashed, built in ${built.toFixed(1)} s`,
  );

  let ok = true;
  const stored = best(3, () => {
    ok &&= verifySealed(sealed, nodeSha256).ok;
  });
  const structured = best(2, () => {
    ok &&= verifyChain(events, nodeSha256).ok;
  });
  if (!ok) throw new Error('benchmark chain failed verification');
  let sink = 0;
  const raw = best(3, () => {
    for (const t of texts) sink += sha256(t).length;
  });
  if (sink === 0) throw new Error('unreachable');

  const row = (name: string, s: number) =>
    `  ${name.padEnd(34)} ${(count / s / 1e3).toFixed(0).padStart(7)} k events/s  ${(bytes / s / 1e6).toFixed(1).padStart(7)} MB/s  (${s.toFixed(2)} s)`;
  console.log(row('verifySealed (stored chain)', stored));
  console.log(row('verifyChain (structured events)', structured));
  console.log(row('raw SHA-256 (node:crypto)', raw));
  const ratio = raw / stored;
  console.log(
    `  ratio verifySealed / raw SHA-256: ${ratio.toFixed(2)} — ${ratio >= 0.5 ? 'PASS' : 'MISS'} (target ≥ 0.50); verifyChain: ${(raw / structured).toFixed(2)}`,
  );
  return Promise.resolve();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await runAuditVerifyBench(Number(process.argv[2] ?? 1_000_000));
}
