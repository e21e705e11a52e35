// Issue 11 authorisation matrix on PostgresStore (PGlite in memory): see support/matrix.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { desk } from './support/http.js';
import { authorisationMatrix, ORDER_COMMANDS } from './support/matrix.js';
import { people } from './support/scenario.js';

let driver: PgliteDriver;
let store: PostgresStore;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await PostgresStore.open({ driver, schema: 'http_authz' });
});
afterAll(async () => {
  await driver?.close();
});

describe('HTTP authorisation matrix (PGlite)', () => {
  it('issue 11, RV-3…RV-10, CR-1…CR-8, CH-1…CH-7, TR-1…TR-4, AR-1: every order command × every role of the company policy × own and other’s order (in review, confirmed) answers what the core allows', async () => {
    const d = desk(store);
    const f = await authorisationMatrix(
      d,
      (sql, params) => driver.query(sql, params),
      'http_authz',
    );
    console.log('authorisation matrix (PGlite):', JSON.stringify(f));
    expect(f.cells).toBeGreaterThanOrEqual(Object.keys(people).length * 2 * ORDER_COMMANDS.length);
    expect(f.allowed).toBeGreaterThan(10);
  });
});
