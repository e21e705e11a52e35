// Issue 11, outbox delivery across a crash on the embedded store: a delivery worker process on a
// PGlite data directory, killed with SIGKILL in the middle of delivering and restarted on the same
// directory, loses no effect and applies none twice at a recording fake ERP on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Effect } from '@ordergate/core';
import { PostgresStore } from '../src/index.js';
import { startFakeErp, type FakeErp } from './support/fakeErpEndpoint.js';

const AT = '2026-03-02T01:00:00.000Z';
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const figures = (line: string) => {
  if (process.env.ORDERGATE_FIGURES) console.info(line);
};

/** `count` effects over `subjects` orders, committed in batches as commands would. */
async function seed(store: PostgresStore, count: number, subjects: number): Promise<Effect[]> {
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

function startWorker(env: Record<string, string>): { child: ChildProcess; ready: Promise<void> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'test/support/outboxWorkerProcess.ts'],
    {
      cwd: serverDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
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

async function until(what: string, condition: () => boolean | Promise<boolean>, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Per order, the effects applied in commit order (their keys' version numbers ascend). */
function inOrderPerSubject(applied: readonly Effect[]): boolean {
  const last = new Map<string, number>();
  for (const e of applied) {
    const [subject = '', version = '0'] = e.key.split(':');
    if (Number(version) <= (last.get(subject) ?? 0)) return false;
    last.set(subject, Number(version));
  }
  return true;
}

describe('outbox delivery on PGlite: a crash mid-delivery', () => {
  let erp: FakeErp;
  const dir = mkdtempSync(join(tmpdir(), 'ordergate-crash-'));
  beforeAll(async () => {
    erp = await startFakeErp(40);
  });
  afterAll(async () => {
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 11: a worker on a data directory killed with SIGKILL mid-delivery and restarted loses no effect and applies none twice, each order in commit order', async () => {
    const seeding = await PostgresStore.open({ dataDir: dir });
    const effects = await seed(seeding, 60, 6);
    await seeding.close();
    const env = { DATA_DIR: dir, SCHEMA: 'ordergate', ERP_URL: erp.url, LEASE_MS: '1500' };

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
    expect(atKill).toBeLessThan(effects.length);

    const second = startWorker(env);
    await second.ready;
    await until('every effect applied', () => erp.applied.length >= effects.length);
    await new Promise((r) => setTimeout(r, 300)); // the last pass settles
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));

    expect(erp.applied.map((e) => e.key).sort()).toEqual(effects.map((e) => e.key).sort());
    expect(inOrderPerSubject(erp.applied)).toBe(true);
    const reopened = await PostgresStore.open({ dataDir: dir });
    try {
      expect(await reopened.pendingEffects()).toEqual([]);
      expect(await reopened.deadEffects()).toEqual([]);
    } finally {
      await reopened.close();
    }
    const redelivered = [...erp.requests.values()].filter((n) => n > 1).length;
    expect(redelivered).toBeGreaterThanOrEqual(1); // the one in flight at the kill
    expect(redelivered).toBeLessThanOrEqual(5); // at most the killed pass's batch
    figures(
      `SIGKILL mid-delivery on PGlite: ${String(atKill)}/${String(effects.length)} applied at the kill, ${String(redelivered)} sent again (applied once)`,
    );
  });
});
