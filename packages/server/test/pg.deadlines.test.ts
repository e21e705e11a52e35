// Issue 11: the deadline runner runs on one instance at a time, under a PostgreSQL advisory lock
// shared by every instance on the database (two drivers = two instances).
import { afterAll, describe, expect, it } from 'vitest';
import { advisoryLock, DeadlineRunner, NodePgDriver } from '../src/index.js';
import { postgresUrl } from './support/harness.js';

const url = postgresUrl();

describe.skipIf(url === undefined)('DeadlineRunner under a PostgreSQL advisory lock', () => {
  const drivers: NodePgDriver[] = [];
  afterAll(async () => {
    await Promise.all(drivers.map((d) => d.close()));
  });

  it('issue 11: while one instance runs the checks, the other skips its turn; afterwards either may run', async () => {
    const a = await NodePgDriver.connect({ connectionString: url!, max: 2 });
    const b = await NodePgDriver.connect({ connectionString: url!, max: 2 });
    drivers.push(a, b);
    let running = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const og = {
      runScheduledChecks: async () => {
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => (release = resolve));
        running--;
        return [];
      },
    };
    const one = new DeadlineRunner({ og, lock: advisoryLock(a) });
    const two = new DeadlineRunner({ og, lock: advisoryLock(b) });
    const first = one.runOnce();
    await new Promise((r) => setTimeout(r, 100)); // a holds the lock now
    expect(await two.runOnce()).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, checks: [] });
    const second = two.runOnce();
    await new Promise((r) => setTimeout(r, 100));
    release();
    expect(await second).toEqual({ ran: true, checks: [] });
    expect(most).toBe(1);
  });
});
