// PGlite on a directory keeps everything across a restart: records with their index values and
// anchors, sealed chains, sequences (never handed out twice), the outbox with its attempts; the
// migrations are not applied again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { portableSha256, verifySealed } from '@ordergate/core';
import { MIGRATIONS, PostgresStore } from '../src/index.js';

const AT = '2026-03-02T01:00:00.000Z';

describe('PostgresStore on a PGlite directory across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ordergate-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reopens with records, chains, sequences and the outbox intact', async () => {
    const first = await PostgresStore.open({ dataDir: dir });
    await first.commit({
      writes: [
        {
          kind: 'order',
          key: 'o1',
          expectedVersion: 0,
          value: { n: 1, name: 'Gate valve "DN50" \\ 闸阀 🚰' },
          index: { status: 'in_review', waitingFor: ['finance', 'sales'] },
          stream: 'order:o1',
        },
      ],
      events: [{ stream: 'order:o1', type: 'order.submitted', at: AT, actor: 'u-li', data: {} }],
      effects: [{ type: 'lockOrder', key: 'o1:1:0', orderId: 'o1' }],
      at: AT,
    });
    const numbers = [
      await first.nextSequence('SO-2026'),
      await first.nextSequence('SO-2026'),
      await first.nextSequence('SO-2026'),
    ];
    expect(numbers).toEqual([1, 2, 3]);
    await first.settleEffects({
      delivered: [],
      failed: [{ key: 'o1:1:0', error: 'ERP down', retryAt: AT }],
    });
    const before = await first.get('order', 'o1');
    await first.close();

    const again = await PostgresStore.open({ dataDir: dir });
    try {
      expect(await again.migrate()).toEqual({
        applied: [],
        version: Math.max(...MIGRATIONS.map((m) => m.version)),
      });
      expect(await again.get('order', 'o1')).toEqual(before);
      expect((await again.find('order', { waitingFor: 'finance' })).map((r) => r.key)).toEqual([
        'o1',
      ]);
      const sealed = await again.readSealed('order:o1');
      expect(verifySealed(sealed, portableSha256, before?.trail)).toMatchObject({
        ok: true,
        events: 1,
      });
      expect(await again.nextSequence('SO-2026')).toBe(4);
      expect(await again.pendingEffects()).toEqual([
        {
          effect: { type: 'lockOrder', key: 'o1:1:0', orderId: 'o1' },
          position: 1,
          attempts: 1,
          availableAt: AT,
          lastError: 'ERP down',
        },
      ]);
      // the chain goes on from the stored head
      await again.commit({
        writes: [],
        events: [{ stream: 'order:o1', type: 'order.approved', at: AT, actor: 'u-wang', data: {} }],
      });
      expect((await again.streamHead('order:o1'))?.seq).toBe(2);
    } finally {
      await again.close();
    }
  });
});
