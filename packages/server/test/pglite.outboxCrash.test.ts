// Issue 11, outbox delivery across a crash on the embedded store: a delivery worker process on a
// PGlite data directory, killed with SIGKILL in the middle of delivering and restarted on the same
// directory, loses no effect and applies none twice at a recording fake ERP on 127.0.0.1.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../src/index.js';
import { startFakeErp, type FakeErp } from './support/fakeErpEndpoint.js';
import { crashMidDelivery, figures, seedEffects } from './support/outboxCrash.js';

describe('outbox delivery on PGlite: a crash mid-delivery', () => {
  let erp: FakeErp;
  const dir = mkdtempSync(join(tmpdir(), 'ordergate-crash-'));
  beforeAll(async () => {
    erp = await startFakeErp(40);
  });
  afterAll(async () => {
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 11: a worker on a data directory killed with SIGKILL mid-delivery and restarted loses no effect and applies none twice, each order in commit order', async () => {
    const seeding = await PostgresStore.open({ dataDir: dir });
    const effects = await seedEffects(seeding, 60, 6);
    await seeding.close();
    const env = { DATA_DIR: dir, SCHEMA: 'ordergate', ERP_URL: erp.url, LEASE_MS: '1500' };

    const { atKill, redelivered } = await crashMidDelivery({ erp, effects, env });

    const reopened = await PostgresStore.open({ dataDir: dir });
    try {
      expect(await reopened.pendingEffects()).toEqual([]);
      expect(await reopened.deadEffects()).toEqual([]);
    } finally {
      await reopened.close();
    }
    figures(
      `SIGKILL mid-delivery on PGlite: ${String(atKill)}/${String(effects.length)} applied at the kill, ${String(redelivered)} sent again (applied once)`,
    );
  });
});
