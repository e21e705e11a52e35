// Figures for decision 018, printed with ORDERGATE_FIGURES=1 (skipped otherwise): what the
// authenticator adds to a request — one API token verified (an indexed SELECT by hash) and one
// assertion id claimed (one INSERT … ON CONFLICT), sequentially, on PGlite and on PostgreSQL.
import { describe, expect, it } from 'vitest';
import {
  migrate,
  NodePgDriver,
  PgliteDriver,
  PostgresReplayGuard,
  TokenStore,
  type SqlDriver,
} from '../src/index.js';
import { freshSchema, postgresUrl } from './support/harness.js';

const url = postgresUrl();
const N = 2000;

async function timed(run: (i: number) => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await run(i);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.floor(N * q)]!.toFixed(3);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

async function measure(label: string, driver: SqlDriver) {
  const schema = freshSchema('fig');
  await migrate(driver, schema);
  const tokens = new TokenStore(driver, { schema });
  const guard = new PostgresReplayGuard(driver, { schema });
  const { token } = await tokens.create({
    name: 'figures',
    actor: { id: 'svc' },
    scopes: ['admin'],
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  const verify = await timed(() => tokens.verify(token));
  const claims: boolean[] = [];
  const claim = await timed(async (i) => {
    claims.push(await guard.claim(`j-${String(i)}`, Date.now() + 60_000, Date.now()));
  });
  expect(claims.every(Boolean)).toBe(true);
  console.log(`${label}: token verify ${verify}; jti claim ${claim} (${String(N)} each)`);
}

describe.skipIf(!process.env.ORDERGATE_FIGURES)('issue 11 identity figures', () => {
  it('PGlite in memory', async () => {
    const driver = await PgliteDriver.open();
    await measure('PGlite', driver);
    await driver.close();
  });
  it.skipIf(!url)('PostgreSQL 15 (node-postgres)', async () => {
    const driver = await NodePgDriver.connect({ connectionString: url! });
    await measure('PostgreSQL', driver);
    await driver.close();
  });
});
