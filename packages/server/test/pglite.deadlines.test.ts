// Issue 11, the deadline runner on a moved clock, over PostgresStore on PGlite: RV-2 overdue
// review steps escalated (once), CR-4 expired credit releases put back on hold with the credit
// approvers asked again, one run at a time.
import { afterEach, describe, expect, it } from 'vitest';
import { Ordergate, type Effect } from '@ordergate/core';
import { DeadlineRunner, PostgresStore, processLock } from '../src/index.js';
import { companyPolicy, must, orderInput, people } from './support/scenario.js';

/** A clock the test moves. */
function movableClock(start = '2026-03-02T09:00:00+08:00') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    advanceHours: (h: number) => void (now += h * 3_600_000),
  };
}

const stores: PostgresStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function setup() {
  const store = await PostgresStore.open();
  stores.push(store);
  const clock = movableClock();
  let n = 0;
  const og = new Ordergate({
    policy: companyPolicy(),
    store,
    clock,
    ids: { next: (p) => `${p}-${String(++n)}` },
  });
  return { og, clock, store };
}

const flagged = (checks: { effects: readonly Effect[] }[]) =>
  checks
    .flatMap((c) => c.effects)
    .filter((e) => e.type === 'notify')
    .map((e) => e.messageKey);

describe('DeadlineRunner on a moved clock', () => {
  it('RV-2 a review step past its deadline is escalated one level and the owner told, once; nothing before the deadline', async () => {
    const { og, clock } = await setup();
    must(await og.submit(orderInput('o-late'), people.li));
    const checked: number[] = [];
    const runner = new DeadlineRunner({ og, onChecks: (c) => checked.push(c.length) });

    clock.advanceHours(2);
    expect(await runner.runOnce()).toEqual({ ran: true, checks: [] });

    clock.advanceHours(24 * 3);
    const late = await runner.runOnce();
    expect(late.ran).toBe(true);
    const checks = late.ran ? late.checks : [];
    expect(checks.map((c) => c.orderId)).toEqual(['o-late']);
    expect(flagged(checks)).toContain('review.deadline.escalated');
    const escalation = checks[0]!.effects.find((e) => e.type === 'notify');
    expect(escalation).toMatchObject({ ruleId: 'RV-2', to: { users: [people.li.id] } });
    expect((await og.history('o-late')).some((e) => e.type === 'review.overdue')).toBe(true);
    expect(checked).toEqual([1]);

    // Idempotent: the next run finds nothing new to escalate.
    expect(await runner.runOnce()).toEqual({ ran: true, checks: [] });
  });

  it('CR-4 a credit release that expired puts the order back on hold and asks the credit approvers again', async () => {
    const { og, clock } = await setup();
    await og.putCustomer({
      id: 'c-1',
      name: 'Shanghai Precision Machinery Co., Ltd.',
      credit: { grade: 'B', limit: { amount: 100_000, currency: 'CNY' } },
    });
    const held = await og.submit(orderInput('o-held'), people.li);
    expect(held.ok && held.value.workflow.status).toBe('credit_hold');
    const expiresAt = new Date(Date.parse(clock.now()) + 48 * 3_600_000).toISOString();
    must(await og.releaseCredit('o-held', people.qian, { reason: 'Until month end', expiresAt }));
    for (let i = 0; i < 10 && (await og.order('o-held'))?.workflow.status === 'in_review'; i++) {
      for (const who of Object.values(people)) if ((await og.approve('o-held', who)).ok) break;
    }
    expect((await og.order('o-held'))?.workflow.status).toBe('approved');
    const runner = new DeadlineRunner({ og });

    clock.advanceHours(47);
    expect(await runner.runOnce()).toEqual({ ran: true, checks: [] });
    expect((await og.order('o-held'))?.workflow.status).toBe('approved');

    clock.advanceHours(1);
    const run = await runner.runOnce();
    const effects = run.ran ? run.checks.flatMap((c) => c.effects) : [];
    expect((await og.order('o-held'))?.workflow.status).toBe('credit_hold');
    const asked = effects.filter(
      (e): e is Extract<Effect, { type: 'scheduleApproval' }> => e.type === 'scheduleApproval',
    );
    expect(asked.map((e) => e.roles)).toEqual([expect.arrayContaining(['financeDirector'])]);
    expect((await og.history('o-held')).some((e) => e.type === 'credit.release.expired')).toBe(
      true,
    );
  });

  it('issue 11: one run at a time — while the lock is held elsewhere a run is skipped, and the loop stops cleanly', async () => {
    const lock = processLock();
    let calls = 0;
    let release: () => void = () => undefined;
    const slow = {
      runScheduledChecks: () => {
        calls++;
        return new Promise<[]>((resolve) => (release = () => resolve([])));
      },
    };
    const a = new DeadlineRunner({ og: slow, lock, intervalMs: 5 });
    const b = new DeadlineRunner({ og: slow, lock, intervalMs: 5 });
    const first = a.runOnce();
    expect(await b.runOnce()).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, checks: [] });
    expect(calls).toBe(1);

    const fast = { runScheduledChecks: () => (calls++, Promise.resolve([])) };
    const looping = new DeadlineRunner({ og: fast, intervalMs: 5 }).start();
    await new Promise((r) => setTimeout(r, 60));
    await looping.stop();
    const after = calls;
    await new Promise((r) => setTimeout(r, 30));
    expect(calls).toBe(after); // stopped: no more runs
    expect(after).toBeGreaterThan(2);
  });
});
