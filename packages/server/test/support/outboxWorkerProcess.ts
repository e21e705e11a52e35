// A delivery worker as its own process, for the crash tests: `tsx outboxWorkerProcess.ts`, with
// DATABASE_URL (or DATA_DIR for PGlite), SCHEMA and ERP_URL. It delivers the outbox to the fake
// ERP until killed, printing `ready` once running and `pass <delivered>` after each pass.
import { loadPolicy, Ordergate, portableSha256 } from '@ordergate/core';
import { erpReceiver, OutboxWorker, PostgresStore } from '../../src/index.js';
import { httpApplier } from './fakeErpEndpoint.js';

const env = (name: string) => {
  const v = process.env[name];
  if (v === undefined || v === '') throw new Error(`${name} is required`);
  return v;
};

const store = await PostgresStore.open({
  ...(process.env.DATABASE_URL
    ? { connectionString: process.env.DATABASE_URL, maxConnections: 4 }
    : { dataDir: env('DATA_DIR') }),
  schema: env('SCHEMA'),
  hasher: portableSha256,
});
let n = 0;
const og = new Ordergate({
  policy: loadPolicy({}),
  store,
  clock: { now: () => new Date().toISOString() },
  ids: { next: (prefix) => `${prefix}-${String(process.pid)}-${String(++n)}` },
  receiver: erpReceiver(httpApplier(env('ERP_URL'))),
  delivery: { leaseMs: Number(process.env.LEASE_MS ?? 2000), baseDelayMs: 50, maxDelayMs: 500 },
});
const worker = new OutboxWorker({
  og,
  intervalMs: 50,
  batch: Number(process.env.BATCH ?? 5),
  onPass: (r) => process.stdout.write(`pass ${String(r.delivered)}\n`),
  onError: (e) => process.stderr.write(`error ${e instanceof Error ? e.message : 'unknown'}\n`),
}).start();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => store.close())
    .then(() => process.exit(0));
});
