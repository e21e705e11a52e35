// The ordergate CLI's `outbox list|retry` on a real PGlite directory: the effects an ERP refused
// until they became dead letters are listed (exit 1 with --dead, for monitoring), one is put back,
// and the next delivery pass delivers it (issue 11, "dead-letter state visible in the API and the
// CLI"; decision 020).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ordergate, type Effect } from '@ordergate/core';
import { PostgresStore } from '../src/index.js';
import { EXIT } from '../src/cli/support/exit.js';
import { cli, scratch } from './support/cli.js';
import { companyPolicy, orderInput, people } from './support/scenario.js';

const dir = scratch();
const dataDir = join(dir, 'data');
const at = ['--data-dir', dataDir];

/** An `Ordergate` on the CLI's directory whose ERP refuses or accepts, with one attempt each. */
async function withGate<T>(
  erpUp: boolean,
  fn: (og: Ordergate, delivered: Effect[]) => Promise<T>,
): Promise<T> {
  const store = await PostgresStore.open({ dataDir });
  const delivered: Effect[] = [];
  let n = 0;
  const og = new Ordergate({
    policy: companyPolicy(),
    store,
    clock: { now: () => new Date().toISOString() }, // the CLI puts a dead letter back at the real now
    ids: { next: (prefix) => `${prefix}-${String(++n)}-${String(Date.now())}` },
    receiver: {
      deliver: (effect) =>
        erpUp
          ? Promise.resolve(void delivered.push(effect))
          : Promise.reject(new Error('ERP answered 503')),
    },
    delivery: { maxAttempts: 1 },
  });
  try {
    return await fn(og, delivered);
  } finally {
    await store.close();
  }
}

describe('issue 11 CLI: outbox list and retry', () => {
  it('issue 11 dead letters are listed (exit 1 with --dead), one is retried, and the worker then delivers it', async () => {
    const keys = await withGate(false, async (og) => {
      const r = await og.submit(
        {
          ...orderInput('o-dead'),
          enteredAt: new Date().toISOString(),
          requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
        },
        people.li,
      );
      expect(r.ok).toBe(true);
      await og.dispatch(); // (the façade also tries right after the commit)
      expect(await og.pendingEffects()).toEqual([]);
      return (await og.deadEffects()).map((e) => e.effect.key);
    });
    expect(keys.length).toBeGreaterThan(0);

    const pending = await cli(['outbox', 'list', ...at], { cwd: dir });
    expect(pending.code).toBe(EXIT.OK);
    const dead = await cli(['outbox', 'list', '--dead', '--json', ...at], { cwd: dir });
    expect(dead.code).toBe(EXIT.FAILED);
    const listed = JSON.parse(dead.out) as { key: string; state: string; lastError?: string }[];
    expect(listed.map((i) => i.key)).toEqual(keys);
    expect(listed.every((i) => i.state === 'dead' && i.lastError?.includes('503'))).toBe(true);

    const first = keys[0]!;
    const retried = await cli(['outbox', 'retry', first, ...at], { cwd: dir });
    expect(retried.code).toBe(EXIT.OK);
    expect(retried.out).toContain(`${first} is back in the outbox`);
    // not a dead letter any more: retrying it again says so and changes nothing
    const again = await cli(['outbox', 'retry', first, ...at], { cwd: dir });
    expect(again.code).toBe(EXIT.FAILED);
    expect(again.err).toContain('EFFECT_NOT_DEAD');
    const unknown = await cli(['outbox', 'retry', 'no-such-effect', ...at], { cwd: dir });
    expect(unknown.code).toBe(EXIT.FAILED);
    expect(unknown.err).toContain('EFFECT_NOT_FOUND');

    const left = JSON.parse(
      (await cli(['outbox', 'list', '--dead', '--json', ...at], { cwd: dir })).out,
    ) as { key: string }[];
    expect(left.map((i) => i.key)).toEqual(keys.slice(1));

    const delivered = await withGate(true, async (og, got) => {
      await og.dispatch();
      return got.map((e) => e.key);
    });
    expect(delivered).toEqual([first]);
  });
});
