// The core's store conformance suite on a real PostgreSQL server (the cluster the project's
// globalSetup starts), through node-postgres with a pool of several connections, so the racing
// writers of the suite really run in parallel transactions.
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { storeConformance } from '@ordergate/core/testing';
import { PostgresStore } from '../src/index.js';
import { freshSchema, harness, postgresUrl } from './support/harness.js';

const url = postgresUrl();

describe.skipIf(url === undefined)('PostgresStore on PostgreSQL (node-postgres)', () => {
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: url, max: 8 });
  });
  afterAll(async () => {
    await pool?.end();
  });

  storeConformance(harness, {
    makeStore: () => PostgresStore.open({ pool, schema: freshSchema('conf') }),
  });
});
