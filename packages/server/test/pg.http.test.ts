// Issue 11 on a real PostgreSQL server (node-postgres, the cluster the project's globalSetup
// starts): the authorisation matrix and 2,000 fuzzed requests (see support/matrix.ts and
// support/fuzz.ts), each in a schema of its own.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';
import { desk } from './support/http.js';
import type { Query } from './support/dump.js';
import { fuzzApi, fuzzBaseline } from './support/fuzz.js';
import { authorisationMatrix } from './support/matrix.js';

const url = postgresUrl();

describe.skipIf(url === undefined)('HTTP API on PostgreSQL (node-postgres)', () => {
  let pool: pg.Pool;
  let q: Query;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: url, max: 4 });
    q = async (sql, params) => (await pool.query(sql, params)).rows as Record<string, unknown>[];
  });
  afterAll(async () => {
    await pool?.end();
  });

  it('issue 11 authorisation matrix on PostgreSQL: every order command × every role × own and other’s order answers what the core allows', async () => {
    const schema = freshSchema('authz');
    const d = desk(await PostgresStore.open({ pool, schema }));
    const f = await authorisationMatrix(d, q, schema);
    console.log('authorisation matrix (PostgreSQL):', JSON.stringify(f));
    expect(f.allowed).toBeGreaterThan(10);
  }, 600_000);

  it('issue 11 fuzz on PostgreSQL: 2,000 fuzzed requests answer a success or a typed 4xx, never a 500; a refused one leaves the database byte-identical', async () => {
    const schema = freshSchema('fuzz');
    const d = desk(await PostgresStore.open({ pool, schema }));
    const ids = await fuzzBaseline(d);
    const f = await fuzzApi(d, q, schema, ids, 2_000);
    console.log('fuzz (PostgreSQL):', JSON.stringify(f));
    expect(f.requests).toBe(2_000);
    for (const s of ['200', '400', '401', '403', '404'])
      expect(f.byStatus[s], s).toBeGreaterThan(0);
  }, 600_000);
});
