// The core's store conformance suite on PGlite, in memory and on a directory. One PGlite per
// variant (a new database initialises for seconds); each case gets a schema of its own, which
// is a fresh, empty store.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { storeConformance } from '@ordergate/core/testing';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { freshSchema, harness } from './support/harness.js';

describe.each([
  ['in memory', false],
  ['on a directory', true],
])('PostgresStore on PGlite %s', (_, onDisk) => {
  let driver: PgliteDriver;
  let dir = '';
  beforeAll(async () => {
    dir = onDisk ? mkdtempSync(join(tmpdir(), 'ordergate-pglite-')) : '';
    driver = await PgliteDriver.open(onDisk ? { dataDir: dir } : {});
  });
  afterAll(async () => {
    await driver?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  storeConformance(harness, {
    makeStore: () => PostgresStore.open({ driver, schema: freshSchema('conf') }),
  });
});
