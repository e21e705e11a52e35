import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  verifyArchiveBundle,
  type Actor,
  type PolicyInput,
} from '../../src/index.js';
import { nodeSha256 } from '../../src/node.js';
import { ACCESS_KIND, archiveStream, list } from '../support/gate.js';
import { companyPolicy, people } from '../support/people.js';
import { ok, settledOrder } from '../support/tracking.js';

/** The company's archive keeper (an ERP user in the archive office). */
const gao: Actor = { id: 'u-gao', groups: ['archive_office'] };
const withKeeper: PolicyInput = {
  roles: { archiveKeeper: { groups: ['archive_office'] } },
};

async function archived(policy = companyPolicy(withKeeper)) {
  const h = await settledOrder({}, policy);
  const entry = ok(await h.archives.archive(h.orderId, people.zhou));
  return { ...h, archiveId: entry.archiveId, number: entry.number };
}

describe('AR-2 the archive keeper exports the off-site backup without a read grant', () => {
  it('AR-2 the keeper exports with no access request; the export is recorded with who and when and is in the bundle, which verifies on its own', async () => {
    const { og, store, clock, archiveId } = await archived();
    clock.advanceHours(2);
    const bundle = ok(await og.exportArchiveBackup(archiveId, gao));
    expect(await list(store, ACCESS_KIND)).toEqual([]); // no grant was asked for or used
    const log = await store.readStream(archiveStream(archiveId));
    expect(log.map((e) => e.type)).toEqual(['archive.sealed', 'archive.backupExported']);
    expect(log.at(-1)).toMatchObject({
      actor: 'u-gao',
      at: clock.now(),
      ruleIds: ['AR-2'],
      data: { by: 'u-gao', recordHash: bundle.record.seal.hash },
    });
    expect(bundle.archiveEvents.at(-1)?.type).toBe('archive.backupExported');
    const offsite = JSON.parse(JSON.stringify(bundle)) as unknown;
    expect(verifyArchiveBundle(offsite, nodeSha256, bundle.record.seal.hash)).toMatchObject({
      ok: true,
    });
    expect(await og.verifyArchive(archiveId)).toMatchObject({ ok: true });
    expect(await og.verify()).toMatchObject({ ok: true });
  });

  it('AR-2 anyone else is refused NOT_ELIGIBLE (recorded), a grant does not make a keeper, and they export under a grant instead', async () => {
    const { og, store, archiveId, number } = await archived();
    const refused = await og.exportArchiveBackup(archiveId, people.chen);
    expect(refused).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
      ruleId: 'AR-2',
      messageKey: 'archive.backup.notAllowed',
    });
    expect(!refused.ok && formatMessage(refused.messageKey, refused.params, 'en')).toBe(
      `u-chen may not export archive ${number} for the off-site backup: only archiveKeeper may. To read or export it for use, request access. The attempt was recorded.`,
    );
    expect(!refused.ok && formatMessage(refused.messageKey, refused.params, 'zh')).toBe(
      `u-chen无权导出档案 ${number} 用于异地备份:仅archiveKeeper可以导出。如需查阅或导出使用,请提出查阅申请。本次尝试已记录。`,
    );
    // The sales head approves access but keeps no archive.
    expect(await og.exportArchiveBackup(archiveId, people.wang)).toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    const request = ok(
      await og.requestArchiveAccess(archiveId, people.chen, { reason: 'dispute' }),
    );
    ok(await og.approveArchiveAccess(request.id, people.wang));
    expect(await og.exportArchiveBackup(archiveId, people.chen)).toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    expect((await og.exportArchive(archiveId, people.chen)).ok).toBe(true);
    const log = await store.readStream(archiveStream(archiveId));
    expect(log.filter((e) => e.type === 'archive.backupExportRefused').map((e) => e.data)).toEqual([
      { by: 'u-chen', code: 'NOT_ELIGIBLE' },
      { by: 'u-wang', code: 'NOT_ELIGIBLE' },
      { by: 'u-chen', code: 'NOT_ELIGIBLE' },
    ]);
    expect(await og.verifyArchive(archiveId)).toMatchObject({ ok: true });
  });

  it('AR-2 AR-5 exporting is not reading: the keeper still needs a grant to read or to export for use', async () => {
    const { og, archiveId } = await archived();
    expect(await og.readArchive(archiveId, gao)).toMatchObject({ ok: false, code: 'NO_GRANT' });
    expect(await og.exportArchive(archiveId, gao)).toMatchObject({ ok: false, code: 'NO_GRANT' });
    expect((await og.exportArchiveBackup(archiveId, gao)).ok).toBe(true);
  });

  it('AR-2 the keeper roles are policy: nobody holds the default role until mapped; another role may be named', async () => {
    const unmapped = await archived(companyPolicy());
    expect(unmapped.og.policy.archive.backup.keeperRoles).toEqual(['archiveKeeper']);
    expect(await unmapped.og.exportArchiveBackup(unmapped.archiveId, gao)).toMatchObject({
      code: 'NOT_ELIGIBLE',
    });
    const assistants = await archived(
      companyPolicy({ archive: { backup: { keeperRoles: ['salesAssistant'] } } }),
    );
    expect((await assistants.og.exportArchiveBackup(assistants.archiveId, people.zhou)).ok).toBe(
      true,
    );
    expect(await assistants.og.exportArchiveBackup('archive-404', people.zhou)).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
    });
  });
});
