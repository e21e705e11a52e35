// What the conformance suite leaves open, on PGlite: index rows follow a record's rewrites, the
// index comes back as written, options are checked, the schema version is guarded, and a
// tampered or truncated trail in the tables is caught by the core's verify.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrentModificationError } from '@ordergate/core';
import { MIGRATIONS, PgliteDriver, PostgresStore } from '../src/index.js';
import { freshSchema } from './support/harness.js';
import { confirmedOrder, gateOver, must, people } from './support/scenario.js';

const AT = '2026-03-02T01:00:00.000Z';

describe('PostgresStore on PGlite', () => {
  let driver: PgliteDriver;
  beforeAll(async () => {
    driver = await PgliteDriver.open();
  });
  afterAll(async () => {
    await driver?.close();
  });
  const open = (schema = freshSchema('pg')) => PostgresStore.open({ driver, schema });

  it('rewrites a record’s index rows with each version and returns the index as written', async () => {
    const store = await open();
    const keys = async (where: Record<string, string | string[]>) =>
      (await store.find('order', where)).map((r) => r.key);
    await store.commit({
      writes: [
        {
          kind: 'order',
          key: 'o1',
          expectedVersion: 0,
          value: {},
          index: { status: 'in_review', waitingFor: ['finance', 'finance', 'sales'] },
        },
        { kind: 'order', key: 'o2', expectedVersion: 0, value: {}, index: { waitingFor: [] } },
      ],
      events: [],
    });
    expect(await keys({ waitingFor: 'finance' })).toEqual(['o1']);
    expect((await store.get('order', 'o2'))?.index).toEqual({ waitingFor: [] });
    expect((await store.get('order', 'o1'))?.index).toEqual({
      status: 'in_review',
      waitingFor: ['finance', 'finance', 'sales'],
    });
    await store.commit({
      writes: [
        {
          kind: 'order',
          key: 'o1',
          expectedVersion: 1,
          value: {},
          index: { status: 'approved', waitingFor: [] },
        },
      ],
      events: [],
    });
    expect(await keys({ waitingFor: 'finance' })).toEqual([]);
    expect(await keys({ status: 'in_review' })).toEqual([]);
    expect(await keys({ status: 'approved' })).toEqual(['o1']);
    expect(await keys({ status: [] })).toEqual([]);
    expect(await keys({ unknown: 'x' })).toEqual([]);
    expect((await store.find('customer')).length).toBe(0);
  });

  it('fails a stale or duplicate write as a conflict and leaves nothing behind', async () => {
    const store = await open();
    await store.commit({
      writes: [{ kind: 'order', key: 'o1', expectedVersion: 0, value: { n: 1 } }],
      events: [],
    });
    for (const expectedVersion of [0, 2, 5]) {
      await expect(
        store.commit({
          writes: [{ kind: 'order', key: 'o1', expectedVersion, value: { n: 9 } }],
          events: [{ stream: 'order:o1', type: 'x', at: AT, actor: null, data: {} }],
        }),
      ).rejects.toBeInstanceOf(ConcurrentModificationError);
    }
    expect(await store.get('order', 'o1')).toMatchObject({ version: 1, value: { n: 1 } });
    expect(await store.streams()).toEqual([]);
    expect(await store.streamHead('order:o1')).toBeUndefined();
  });

  it('checks its options and the schema version', async () => {
    await expect(PostgresStore.open({ driver, dataDir: '/tmp/x' })).rejects.toThrow(
      /give one of dataDir, driver/,
    );
    await expect(PostgresStore.open({ driver, schema: 'Bad-Name' })).rejects.toThrow(/schema name/);
    const schema = freshSchema('newer');
    await open(schema);
    await driver.query(
      `INSERT INTO "${schema}".schema_migrations (version, name) VALUES ($1, $2)`,
      [Math.max(...MIGRATIONS.map((m) => m.version)) + 1, 'from the future'],
    );
    await expect(open(schema)).rejects.toThrow(/newer than this @ordergate\/server knows/);
  });

  it('lets the core’s verify catch an edited event text and a cut trail in the tables', async () => {
    const schema = freshSchema('tamper');
    const store = await open(schema);
    const { og } = gateOver(store);
    await confirmedOrder(og, 'o-1');
    must(await og.forecastDelivery('o-1', people.li, { date: '2026-04-10', reason: 'casting' }));
    expect(await og.verify()).toMatchObject({ ok: true });

    await driver.query(
      `UPDATE "${schema}".audit_events SET text = replace(text, '"casting"', '"castings"')
        WHERE stream = 'order:o-1'`,
    );
    expect(await og.verify()).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'CHAIN_BROKEN', stream: 'order:o-1' }),
      ]),
    });
    await driver.query(
      `DELETE FROM "${schema}".audit_events WHERE stream = 'order:o-1'
          AND seq = (SELECT max(seq) FROM "${schema}".audit_events WHERE stream = 'order:o-1')`,
    );
    expect(await og.verify()).toMatchObject({
      ok: false,
      problems: expect.arrayContaining([
        expect.objectContaining({ code: 'TRAIL_MISMATCH', stream: 'order:o-1' }),
      ]),
    });
  });
});
