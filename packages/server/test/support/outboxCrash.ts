// The outbox crash scenario shared by the PostgreSQL and PGlite suites (issue 11): seed effects,
// run a delivery worker in a child process, SIGKILL it while the ERP is applying an effect, restart
// it, and report what happened at the kill.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { Effect } from '@ordergate/core';
import type { PostgresStore } from '../../src/index.js';
import type { FakeErp } from './fakeErpEndpoint.js';

const AT = '2026-03-02T01:00:00.000Z';
const serverDir = fileURLToPath(new URL('../..', import.meta.url));

/** Prints a measured figure when `ORDERGATE_FIGURES` is set. */
export const figures = (line: string): void => {
  if (process.env.ORDERGATE_FIGURES) console.info(line);
};

/** `count` effects over `subjects` orders, committed in batches of ten as commands would. */
export async function seedEffects(
  store: PostgresStore,
  count: number,
  subjects: number,
): Promise<Effect[]> {
  const effects: Effect[] = Array.from({ length: count }, (_, i) => ({
    type: 'postMessage',
    key: `o${String(i % subjects)}:${String(Math.floor(i / subjects) + 1)}:0`,
    orderId: `o${String(i % subjects)}`,
    messageKey: 'review.submitted',
    params: { n: i },
  }));
  for (let i = 0; i < effects.length; i += 10) {
    await store.commit({ writes: [], events: [], effects: effects.slice(i, i + 10), at: AT });
  }
  return effects;
}

/** Starts `test/support/outboxWorkerProcess.ts` with `env`; `ready` settles once it delivers. */
export function startWorker(env: Record<string, string>): {
  child: ChildProcess;
  ready: Promise<void>;
} {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/outboxWorkerProcess.ts'],
    { cwd: serverDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${String(code)}): ${err}`)));
  });
  return { child, ready };
}

/** Polls `condition` every 20 ms; throws naming `what` after `ms`. */
export async function until(
  what: string,
  condition: () => boolean | Promise<boolean>,
  ms = 60_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Per order, the effects applied in commit order (their keys' version numbers ascend). */
export function inOrderPerSubject(applied: readonly Effect[]): boolean {
  const last = new Map<string, number>();
  for (const e of applied) {
    const [subject = '', version = '0'] = e.key.split(':');
    if (Number(version) <= (last.get(subject) ?? 0)) return false;
    last.set(subject, Number(version));
  }
  return true;
}

/**
 * Kills a worker with SIGKILL while the ERP applies an effect it sent, restarts it on the same
 * store, waits until every effect is applied and the outbox is empty, and checks that none was
 * lost, none applied twice and each order's effects arrived in commit order.
 */
export async function crashMidDelivery(options: {
  erp: FakeErp;
  effects: readonly Effect[];
  env: Record<string, string>;
  /**
   * Effects not yet delivered, read from the store under test while the worker runs; without it
   * (PGlite: one process per data directory) the last pass is given 300 ms to settle.
   */
  pending?: () => Promise<number>;
  /** Runs right after the kill, before the restart (e.g. to count leases left behind). */
  afterKill?: () => Promise<void>;
}): Promise<{ atKill: number; redelivered: number; restartMs: number }> {
  const { erp, effects, env } = options;
  const first = startWorker(env);
  await first.ready;
  // Killed while the ERP is applying an effect the worker sent: mid-delivery, not between passes.
  await until(
    'a third delivered and one in flight',
    () => erp.applied.length >= effects.length / 3 && erp.requests.size > erp.applied.length,
  );
  first.child.kill('SIGKILL');
  await new Promise((r) => first.child.once('exit', r));
  const atKill = erp.applied.length;
  expect(atKill).toBeLessThan(effects.length); // killed mid-way
  await options.afterKill?.();

  const second = startWorker(env);
  await second.ready;
  const started = Date.now();
  await until('every effect applied', () => erp.applied.length >= effects.length);
  const pending = options.pending;
  if (pending) await until('the outbox empty', async () => (await pending()) === 0);
  else await new Promise((r) => setTimeout(r, 300));
  const restartMs = Date.now() - started;
  second.child.kill('SIGTERM');
  await new Promise((r) => second.child.once('exit', r));

  expect(erp.applied.map((e) => e.key).sort()).toEqual(effects.map((e) => e.key).sort());
  expect(inOrderPerSubject(erp.applied)).toBe(true);
  const redelivered = [...erp.requests.values()].filter((n) => n > 1).length;
  // at least once: only effects in flight at the kill may have been sent again
  expect(redelivered).toBeGreaterThanOrEqual(1); // the one in flight at the kill
  expect(redelivered).toBeLessThanOrEqual(5); // at most the killed pass's batch
  return { atKill, redelivered, restartMs };
}
