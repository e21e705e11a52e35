import { describe, expect, it } from 'vitest';
import { ok as okValue } from '../support/tracking.js';
import {
  gate,
  archiveDesk,
  ARCHIVE_KIND,
  archiveStream,
  ORDER_KIND,
  orderStream,
  read,
  list,
} from '../support/gate.js';
import {
  exportArchive,
  filingDueDate,
  filingMonthOf,
  isDueForDisposal,
  MemoryStore,
  planFiling,
  retainUntil,
  verifyArchiveBundle,
  type ArchiveRecord,
  type FilingContract,
  type OrderRecord,
} from '../../src/index.js';
import { nodeSha256 } from '../../src/node.js';
import { companyPolicy, people } from '../support/people.js';
import { confirmedOrder, ok, onCreditTerms, settledOrder } from '../support/tracking.js';

describe('AR-1 archive only when delivered, settled and after-sales closed', () => {
  it('AR-1 refused with every reason before delivery and settlement', async () => {
    const h = await confirmedOrder();
    const { archives, tracking, orderId } = h;
    await onCreditTerms(h); // unpaid goods leave on the customer's credit terms (CR-8)
    const early = await archives.archive(orderId, people.zhou);
    expect(early).toMatchObject({ ok: false, code: 'BLOCKED', ruleId: 'AR-1' });
    expect(!early.ok && early.findings.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['AR-1', 'archive.blocked.notDelivered'],
      ['AR-1', 'archive.blocked.notSettled.paid.invoiced'],
    ]);
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'warehouse', status: 'done' }));
    ok(await tracking.deliver(orderId, people.zhou));
    ok(
      await tracking.reportIssue(orderId, people.li, {
        kind: 'damage',
        remedy: 'repair',
        description: 'dent',
      }),
    );
    ok(await tracking.settle(orderId, people.zhao, { paid: true, invoiced: true }));
    const r = await archives.archive(orderId, people.zhou);
    expect(r).toMatchObject({ ok: false, code: 'BLOCKED' });
    expect(!r.ok && r.findings?.map((f) => [f.ruleId, f.messageKey])).toEqual([
      ['AR-1', 'archive.blocked.openIssues'],
    ]);
    ok(await tracking.closeIssue(orderId, people.li, { issueId: 'ISS-1', resolution: 'repaired' }));
    expect((await archives.archive(orderId, people.zhou)).ok).toBe(true);
  });

  it('AR-1 settled means paid and invoiced: a paid, uninvoiced delivery stays delivered and unarchivable', async () => {
    const { archives, tracking, orderId, desk } = await confirmedOrder();
    ok(await tracking.settle(orderId, people.zhao, { paid: true }));
    ok(await tracking.recordProgress(orderId, people.zhou, { step: 'shipping', status: 'done' }));
    ok(await tracking.deliver(orderId, people.zhou));
    expect((await desk.get(orderId))?.workflow.status).toBe('delivered');
    expect((await archives.archive(orderId, people.zhou)).ok).toBe(false);
  });

  it('AR-1 only the owner or the policy archive roles may archive; the order and its record are written together', async () => {
    const { archives, orderId, desk, store } = await settledOrder();
    expect(await archives.archive(orderId, people.outsider)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await list(store, ARCHIVE_KIND)).toHaveLength(0);
    const entry = ok(await archives.archive(orderId, people.zhou));
    expect(entry).toMatchObject({
      number: 'AR-202603-0001',
      customerId: 'c-1',
      productIds: ['P-200', 'V-50'],
      month: '2026-03',
    });
    expect((await read<OrderRecord>(store, ORDER_KIND, orderId))?.value.workflow.status).toBe(
      'archived',
    );
    await expect(desk.get(orderId)).rejects.toMatchObject({ code: 'ARCHIVED' });
    const trail = await store.readStream(orderStream(orderId));
    const record = (await read<ArchiveRecord>(store, ARCHIVE_KIND, entry.archiveId))?.value;
    expect(trail.at(-1)).toMatchObject({
      type: 'order.archived',
      data: { archiveId: entry.archiveId, recordHash: record?.seal.hash },
    });
    expect((await store.readStream(archiveStream(entry.archiveId)))[0]).toMatchObject({
      type: 'archive.sealed',
      data: { recordHash: record?.seal.hash },
    });
    expect(await archives.archive(orderId, people.zhou)).toMatchObject({
      ok: false,
      code: 'INVALID_TRANSITION',
    });
  });
});

describe('AR-2 sealed, complete record; alteration detected and located; self-verifying export', () => {
  it('AR-2 the record holds every revision, the workflow with approvals, and the audit trail', async () => {
    const h = await settledOrder();
    const entry = ok(await h.archives.archive(h.orderId, people.zhou));
    const record = (await read<ArchiveRecord>(h.store, ARCHIVE_KIND, entry.archiveId))!.value;
    expect(record.content.workflow.route?.steps.every((s) => s.status === 'approved')).toBe(true);
    expect(record.content.events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        'order.submitted',
        'approval.granted',
        'order.confirmed',
        'order.delivered',
        'order.settled',
      ]),
    );
    expect(Object.keys(record.seal.sections).sort()).toEqual(Object.keys(record.content).sort());
    expect(await h.archives.verify()).toMatchObject({ ok: true, archives: 1 });
  });

  it('AR-2 an altered record section or archived event is detected and located', async () => {
    const h = await settledOrder();
    const { archiveId, number } = ok(await h.archives.archive(h.orderId, people.zhou));
    const snapshot = h.store.snapshot();
    const rec = snapshot.records.find((r) => r.kind === ARCHIVE_KIND)!.value as ArchiveRecord;
    rec.content.order.lines[0]!.unitPrice = 1;
    rec.content.events[2]!.actor = 'u-mallory';
    const tampered = new MemoryStore({ snapshot, hasher: nodeSha256 });
    const archives = archiveDesk(
      gate({
        policy: h.policy,
        store: tampered,
        clock: h.clock,
        ids: { next: (p) => p },
        hasher: nodeSha256,
      }),
    );
    const r = await archives.verify();
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'RECORD_ALTERED', archiveId, number, section: 'order' }),
        expect.objectContaining({ code: 'RECORD_ALTERED', archiveId, number, section: 'events' }),
        expect.objectContaining({
          code: 'EVENT_ALTERED',
          archiveId,
          seq: 3,
          detail: 'HASH_MISMATCH',
        }),
      ]),
    );
  });

  it('AR-2 the export bundle verifies with no store; an altered bundle fails; an anchor catches a re-seal', async () => {
    const h = await settledOrder();
    const { archiveId } = ok(await h.archives.archive(h.orderId, people.zhou));
    ok(await h.archives.requestAccess(archiveId, people.zhao, { reason: 'offsite backup' }));
    const request = (await list<{ id: string }>(h.store, 'archive-access'))[0]!.value.id;
    ok(await h.archives.approveAccess(request, people.wang));
    const bundle = ok(await h.archives.exportBundle(archiveId, people.zhao));
    const copy = JSON.parse(JSON.stringify(bundle)) as unknown;
    expect(verifyArchiveBundle(copy, nodeSha256)).toMatchObject({ ok: true });
    expect(verifyArchiveBundle(copy, nodeSha256, bundle.record.seal.hash).ok).toBe(true);
    expect(verifyArchiveBundle(copy, nodeSha256, '0'.repeat(64)).ok).toBe(false);
    const altered = JSON.parse(JSON.stringify(bundle)) as typeof bundle;
    altered.record.content.order.paymentTerms = 'NET90';
    const r = verifyArchiveBundle(altered, nodeSha256);
    expect(!r.ok && r.problems[0]).toMatchObject({
      code: 'RECORD_ALTERED',
      archiveId,
      section: 'order',
    });
    expect(verifyArchiveBundle({ ...bundle, format: 'zip' }, nodeSha256)).toMatchObject({
      ok: false,
      problems: [{ code: 'BUNDLE_INVALID' }],
    });
    expect(exportArchive(bundle.record, bundle.archiveEvents).archiveId).toBe(archiveId);
  });
});

describe('AR-3 monthly filing by the 25th, classified and numbered', () => {
  const policy = companyPolicy();
  const contract = (
    orderId: string,
    signedAt: string,
    customerId = 'c-1',
    productIds = ['P-200'],
  ): FilingContract => ({
    orderId,
    orderNumber: `SO-${orderId}`,
    contractNumber: `HT-${orderId}`,
    customerId,
    customerName: customerId,
    productIds,
    signedAt,
  });

  it('AR-3 the 25th is inclusive in the policy time zone; later contracts go to next month; a short month clamps', () => {
    expect(filingMonthOf('2026-03-25T23:30:00+08:00', policy)).toBe('2026-03');
    expect(filingMonthOf('2026-03-25T16:30:00Z', policy)).toBe('2026-04'); // 26 March 00:30 in Shanghai
    expect(filingMonthOf('2026-12-26T09:00:00+08:00', policy)).toBe('2027-01');
    expect(filingDueDate('2026-02', companyPolicy({ archive: { filing: { day: 30 } } }))).toBe(
      '2026-02-28',
    );
  });

  it('AR-3 the run files the month and earlier leftovers, flags late ones and carries over', () => {
    const contracts = [
      contract('b', '2026-03-10T09:00:00+08:00', 'c-2'),
      contract('a', '2026-03-12T09:00:00+08:00', 'c-1'),
      contract('old', '2026-02-20T09:00:00+08:00', 'c-1'),
      contract('late-signed', '2026-03-27T09:00:00+08:00'),
      contract('done', '2026-03-01T09:00:00+08:00'),
    ];
    const onTime = planFiling(
      { month: '2026-03', now: '2026-03-25T18:00:00+08:00', contracts, filed: new Set(['done']) },
      policy,
    );
    expect(onTime.toFile.map((e) => e.orderId)).toEqual(['old', 'a', 'b']);
    expect(onTime.late.map((e) => e.orderId)).toEqual(['old']);
    expect(onTime.carriedOver.map((c) => c.orderId)).toEqual(['late-signed']);
    expect(onTime.onTime).toBe(true);
    const late = planFiling(
      { month: '2026-03', now: '2026-03-26T08:00:00+08:00', contracts, filed: new Set() },
      policy,
    );
    expect(late.onTime).toBe(false);
    expect(late.late.map((e) => e.orderId)).toEqual(['old', 'done', 'a', 'b']);
  });

  it('AR-3 the desk numbers the filed contracts, records the run, and never files twice', async () => {
    const { archives, clock, store } = await confirmedOrder();
    clock.set('2026-03-20T10:00:00+08:00');
    const report = ok(await archives.fileMonth('2026-03', people.zhou));
    expect(report.filed.map((e) => [e.filingNumber, e.customerId, e.late])).toEqual([
      ['HT-202603-001', 'c-1', false],
    ]);
    expect(ok(await archives.fileMonth('2026-03', people.zhou)).filed).toEqual([]);
    expect((await store.readStream('filing:2026-03')).map((e) => e.type)).toEqual([
      'archive.filed',
      'archive.filed',
    ]);
    expect(await archives.fileMonth('2026-03', people.outsider)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
  });
});

describe('AR-4 contract ledger', () => {
  it('AR-4 lists signing date, customer, number, amount, delivery date, payment terms and status', async () => {
    const h = await settledOrder({
      contract: {
        required: true,
        number: 'HT-2026-017',
        legalReviewed: true,
        customerSignedAt: '2026-03-02T15:00:00+08:00',
      },
    });
    const [entry] = okValue(await h.archives.contractLedger(people.zhou));
    expect(entry).toMatchObject({
      contractNumber: 'HT-2026-017',
      signedAt: '2026-03-02T15:00:00+08:00',
      customerId: 'c-1',
      amount: 565_000,
      currency: 'CNY',
      deliveryDate: '2026-04-15',
      paymentTerms: 'NET30',
      status: 'settled',
      changes: [],
    });
    ok(await h.archives.archive(h.orderId, people.zhou));
    expect(okValue(await h.archives.contractLedger(people.zhou))[0]?.status).toBe('archived');
  });
});

async function archived() {
  const h = await settledOrder();
  const entry = ok(await h.archives.archive(h.orderId, people.zhou));
  return { ...h, archiveId: entry.archiveId, number: entry.number };
}

describe('AR-5 reading an archive needs an approved, time-limited request; every read recorded', () => {
  it('AR-5 a read without a grant is refused and recorded; an approved grant reads until it expires', async () => {
    const { archives, archiveId, store, clock } = await archived();
    expect(await archives.read(archiveId, people.chen)).toMatchObject({
      ok: false,
      code: 'NO_GRANT',
      messageKey: 'archive.access.noGrant',
    });
    const request = ok(
      await archives.requestAccess(archiveId, people.chen, { reason: 'customer dispute' }),
    );
    expect(request).toMatchObject({ status: 'pending', days: 7 });
    expect(await archives.read(archiveId, people.chen)).toMatchObject({
      ok: false,
      code: 'NO_GRANT',
    });
    const grant = ok(await archives.approveAccess(request.id, people.wang));
    expect(grant.status).toBe('approved');
    const content = ok(await archives.read(archiveId, people.chen));
    expect(content.order.id).toBe('o-1');
    expect(await archives.read(archiveId, people.li)).toMatchObject({
      ok: false,
      code: 'NO_GRANT',
    }); // someone else's grant
    clock.advanceHours(7 * 24);
    expect(await archives.read(archiveId, people.chen)).toMatchObject({
      ok: false,
      code: 'NO_GRANT',
    });
    const types = (await store.readStream(archiveStream(archiveId))).map((e) => e.type);
    expect(types).toEqual([
      'archive.sealed',
      'archive.readRefused',
      'archive.accessRequested',
      'archive.readRefused',
      'archive.accessGranted',
      'archive.read',
      'archive.readRefused',
      'archive.readRefused',
    ]);
    expect(await archives.verify()).toMatchObject({ ok: true });
  });

  it('AR-5 approval by the policy role only, never by the requester; rejection needs a reason; days capped', async () => {
    const { archives, archiveId } = await archived();
    expect(await archives.requestAccess(archiveId, people.chen, { reason: '' })).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    const mine = ok(
      await archives.requestAccess(archiveId, people.wang, { reason: 'audit', days: 90 }),
    );
    expect(mine.days).toBe(30);
    expect(await archives.approveAccess(mine.id, people.wang)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
    });
    const other = ok(await archives.requestAccess(archiveId, people.chen, { reason: 'audit' }));
    expect(await archives.approveAccess(other.id, people.zhao)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect(await archives.rejectAccess(other.id, people.wang, ' ')).toMatchObject({
      ok: false,
      code: 'REASON_REQUIRED',
    });
    expect(ok(await archives.rejectAccess(other.id, people.wang, 'not needed')).status).toBe(
      'rejected',
    );
    expect(await archives.approveAccess(other.id, people.wang)).toMatchObject({
      ok: false,
      code: 'ALREADY_DECIDED',
    });
    expect(await archives.read(archiveId, people.chen)).toMatchObject({
      ok: false,
      code: 'NO_GRANT',
    });
  });

  it('AR-5 the approver role is policy', async () => {
    const policy = companyPolicy({ archive: { access: { approverRoles: ['legal'] } } });
    const h = await settledOrder({}, policy);
    const { archiveId } = ok(await h.archives.archive(h.orderId, people.zhou));
    const req = ok(await h.archives.requestAccess(archiveId, people.chen, { reason: 'audit' }));
    expect(await h.archives.approveAccess(req.id, people.wang)).toMatchObject({
      ok: false,
      code: 'NOT_ELIGIBLE',
    });
    expect((await h.archives.approveAccess(req.id, people.wu)).ok).toBe(true);
  });
});

describe('AR-6 retention, legal hold and search', () => {
  const policy = companyPolicy();

  it('AR-6 kept until the tenth anniversary of archiving in the policy time zone (policy years), due from it', () => {
    expect(retainUntil('2026-03-31T20:00:00Z', policy)).toBe('2036-04-01');
    expect(retainUntil('2028-02-29T10:00:00+08:00', policy)).toBe('2038-02-28');
    expect(
      retainUntil(
        '2026-03-03T10:00:00+08:00',
        companyPolicy({ archive: { retention: { years: 30 } } }),
      ),
    ).toBe('2056-03-03');
    expect(
      isDueForDisposal(
        { retainUntil: '2036-03-03', legalHold: false },
        '2036-03-02T23:59:59+08:00',
        policy,
      ),
    ).toBe(false);
    expect(
      isDueForDisposal(
        { retainUntil: '2036-03-03', legalHold: false },
        '2036-03-03T00:00:00+08:00',
        policy,
      ),
    ).toBe(true);
    expect(
      isDueForDisposal(
        { retainUntil: '2036-03-03', legalHold: true },
        '2040-01-01T00:00:00+08:00',
        policy,
      ),
    ).toBe(false);
  });

  it('AR-6 a legal hold blocks disposal; only the policy role sets it; verify replays it', async () => {
    const { archives, archiveId, clock } = await archived();
    clock.set('2036-03-04T09:00:00+08:00');
    expect((await archives.dueForDisposal()).map((e) => e.archiveId)).toEqual([archiveId]);
    expect(
      await archives.setLegalHold(archiveId, people.wang, { hold: true, reason: 'litigation' }),
    ).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
    expect(
      ok(await archives.setLegalHold(archiveId, people.wu, { hold: true, reason: 'litigation' }))
        .legalHold,
    ).toBe(true);
    expect(await archives.dueForDisposal()).toEqual([]);
    expect(await archives.verify()).toMatchObject({ ok: true });
    ok(
      await archives.setLegalHold(archiveId, people.wu, {
        hold: false,
        reason: 'settled in court',
      }),
    );
    expect(await archives.dueForDisposal()).toHaveLength(1);
  });

  it('AR-6 search by number, customer, product and period', async () => {
    const { archives, number } = await archived();
    expect((await archives.search({ number })).map((e) => e.number)).toEqual([number]);
    expect(await archives.search({ number: 'SO-2026-000001' })).toHaveLength(1);
    expect(await archives.search({ customerId: 'c-1', productId: 'V-50' })).toHaveLength(1);
    expect(await archives.search({ productId: 'X' })).toEqual([]);
    expect(await archives.search({ period: { from: '2026-03', to: '2026-03' } })).toHaveLength(1);
    expect(await archives.search({ period: { from: '2026-04' } })).toEqual([]);
  });
});
