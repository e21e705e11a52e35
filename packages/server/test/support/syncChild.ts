// A sync service as its own process, for the SIGKILL test (run with tsx): opens the store on
// PostgreSQL, syncs the fake ERP once, prints `done <json report>` and exits. Environment:
// PG_URL, PG_SCHEMA, ERP_URL, TEST_STARTED_MS.
import { Ordergate } from '@ordergate/core';
import { PostgresStore, SyncService } from '../../src/index.js';
import { FakeErpConnector } from './fakeErp.js';
import { companyPolicy } from './scenario.js';

const store = await PostgresStore.open({
  connectionString: process.env.PG_URL!,
  schema: process.env.PG_SCHEMA!,
  maxConnections: 4,
});
const og = new Ordergate({
  policy: companyPolicy(),
  store,
  // the scenario's day, moving with real time since the test began (monotonic across restarts)
  clock: {
    now: () =>
      new Date(
        Date.parse('2026-03-02T01:00:00Z') + Date.now() - Number(process.env.TEST_STARTED_MS),
      ).toISOString(),
  },
  ids: { next: (prefix) => `${prefix}-${crypto.randomUUID()}` },
});
const sync = new SyncService({
  og,
  erp: new FakeErpConnector(process.env.ERP_URL!),
  driver: store.driver,
  schema: store.schema,
  onEvent: (e) => {
    if (e.type === 'order') process.stdout.write(`order ${e.orderId} ${e.outcome}\n`);
  },
});
const report = await sync.syncOnce('child');
process.stdout.write(`done ${JSON.stringify(report)}\n`);
await store.close();
