// Issue 11 fuzzed requests on PostgresStore (PGlite in memory): see support/fuzz.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { desk } from './support/http.js';
import { fuzzApi, fuzzBaseline } from './support/fuzz.js';

let driver: PgliteDriver;
let d: ReturnType<typeof desk>;
let ids: string[];
const total = { requests: 0 };

beforeAll(async () => {
  driver = await PgliteDriver.open();
  const store = await PostgresStore.open({ driver, schema: 'http_fuzz' });
  d = desk(store);
  ids = await fuzzBaseline(d);
});
afterAll(async () => {
  await driver?.close();
});

const q = (sql: string, params?: unknown[]) => driver.query(sql, params);

describe('HTTP fuzzed requests (PGlite)', () => {
  // four batches of 2,600 so that each stays within the test timeout on a shared machine
  for (const batch of [1, 2, 3, 4]) {
    it(`issue 11 fuzz batch ${String(batch)}: 2,600 fuzzed requests answer a success or a typed 4xx problem, never a 500, and a refused one leaves the database byte-identical`, async () => {
      const f = await fuzzApi(d, q, 'http_fuzz', ids, 2_600);
      total.requests += f.requests;
      console.log(`fuzz batch ${String(batch)} (PGlite):`, JSON.stringify(f));
      expect(f.requests).toBe(2_600);
      // the fuzz reaches the routes: successes, bad input, refusals and missing resources
      for (const s of ['200', '400', '401', '403', '404'])
        expect(f.byStatus[s], s).toBeGreaterThan(0);
    }, 600_000);
  }
  it('issue 11: at least 10,000 fuzzed requests in all', () => {
    expect(total.requests).toBeGreaterThanOrEqual(10_000);
  });
});
