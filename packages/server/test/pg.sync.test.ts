// Issue 11, sync on a real PostgreSQL with a fake ERP on 127.0.0.1: one sync at a time per ERP
// across instances (the advisory lock), and a sync service killed with SIGKILL in the middle of
// a sync, then restarted: it resumes from its checkpoint, no order missing, none submitted twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresStore, SyncService } from '../src/index.js';
import { FakeErpConnector, fakeCustomer, startFakeErp, type FakeErp } from './support/fakeErp.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { gateOver, orderInput } from './support/scenario.js';

const url = postgresUrl();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'support/syncChild.ts');

describe.skipIf(url === undefined)('issue 11 sync on PostgreSQL', () => {
  const stores: PostgresStore[] = [];
  const fakes: FakeErp[] = [];
  const open = async (schema: string) => {
    const s = await PostgresStore.open({ connectionString: url!, schema, maxConnections: 4 });
    stores.push(s);
    return s;
  };
  const erp = async (orders: number, options: { pageSize: number; delayMs?: number }) => {
    const fake = await startFakeErp(options);
    fakes.push(fake);
    fake.putCustomer(fakeCustomer);
    for (let i = 1; i <= orders; i++) fake.put(orderInput(`erp-${String(i)}`));
    return fake;
  };
  afterAll(async () => {
    await Promise.all(fakes.map((f) => f.close()));
    await Promise.all(stores.map((s) => s.close()));
  });

  it('issue 11 two SyncServices on one PostgreSQL never sync the same ERP at once (advisory lock)', async () => {
    const schema = freshSchema('sync_lock');
    const fake = await erp(6, { pageSize: 2, delayMs: 150 });
    const services = await Promise.all(
      [0, 1].map(async () => {
        const store = await open(schema);
        return new SyncService({
          og: gateOver(store).og,
          erp: new FakeErpConnector(fake.url),
          driver: store.driver,
          schema,
        });
      }),
    );
    const reports = await Promise.all(services.map((s) => s.syncOnce()));
    expect(reports.filter((r) => r.ran)).toHaveLength(1);
    expect(reports.filter((r) => !r.ran)).toEqual([{ ran: false, reason: 'locked' }]);
    expect(fake.counts.maxConcurrent).toBe(1);
    // the lock is released with the run: the other instance syncs next, incrementally
    const next = await services.find((_, i) => !reports[i]!.ran)!.syncOnce();
    expect(next).toMatchObject({ ran: true, counts: {}, checkpoint: '6' });
    // and again, many times over: never two page reads at once
    await Promise.all([...services, ...services].map((s) => s.syncOnce()));
    expect(fake.counts.maxConcurrent).toBe(1);
  });

  it('issue 11 SIGKILL in the middle of a sync, then a restart: resumes from the checkpoint, no order missing, none submitted twice', async () => {
    const schema = freshSchema('sync_kill');
    const total = 24;
    const fake = await erp(total, { pageSize: 3, delayMs: 250 });
    const started = String(Date.now());
    const run = (): { child: ChildProcess; out: string[]; exited: Promise<number | null> } => {
      const out: string[] = [];
      // node itself with tsx's loader: SIGKILL reaches the process that syncs (the tsx CLI
      // would run the script in a grandchild that outlives its killed parent)
      const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
        cwd: ROOT,
        env: {
          ...process.env,
          PG_URL: url!,
          PG_SCHEMA: schema,
          ERP_URL: fake.url,
          TEST_STARTED_MS: started,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.on('data', (d: Buffer) => out.push(...String(d).split('\n').filter(Boolean)));
      child.stderr.on('data', (d: Buffer) => out.push(`stderr ${String(d)}`));
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      return { child, out, exited };
    };

    const first = run();
    // wait until a few pages are committed, then kill it while it waits for the next page
    const deadline = Date.now() + 60_000;
    while (first.out.filter((l) => l.startsWith('order ')).length < 7) {
      if (Date.now() > deadline) throw new Error(`child made no progress: ${first.out.join('\n')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const before = first.out.filter((l) => l.startsWith('order ')).length;
    expect(before).toBeLessThan(total);

    const store = await open(schema);
    const { og } = gateOver(store);
    const log = new SyncService({
      og,
      erp: new FakeErpConnector(fake.url),
      driver: store.driver,
      schema,
    }).log;
    const saved = await log.checkpoint('fake');
    expect(Number(saved)).toBeGreaterThanOrEqual(6);
    const [killed] = await log.runs('fake', 1);
    expect(killed).toMatchObject({ status: 'running', trigger: 'child' }); // it never finished

    fake.delayMs = 0;
    // a request the killed process had sent may still be reaching the fake ERP
    await new Promise((r) => setTimeout(r, 500));
    const pagesBefore = fake.counts.since.length;
    const second = run();
    expect(await second.exited).toBe(0);
    const done = second.out.find((l) => l.startsWith('done '));
    expect(done, second.out.join('\n')).toBeDefined();
    // it resumed where the checkpoint said, not from the beginning
    expect(fake.counts.since[pagesBefore]).toBe(saved);
    expect(fake.counts.since.slice(pagesBefore)).not.toContain('0');

    for (let i = 1; i <= total; i++) {
      const id = `erp-${String(i)}`;
      const history = await og.history(id);
      expect(
        history.filter((e) => e.type === 'order.submitted'),
        id,
      ).toHaveLength(1);
      expect((await og.order(id))?.workflow.status).toBe('in_review');
    }
    expect(await log.checkpoint('fake')).toBe(String(total));
    expect((await og.verify()).ok).toBe(true);
  });
});
