import { z } from '@hono/zod-openapi';
import { ArchiveAccessInput, FilingMonth, IdString, LegalHoldInput } from '@ordergate/core';
import {
  AccessRequestSchema,
  ArchiveBundleSchema,
  ArchiveContentSchema,
  ArchiveIndexEntrySchema,
  ContractLedgerEntrySchema,
  FilingReportSchema,
  OrderIdParam,
  ReasonBody,
  openapi,
} from '../shared/schemas.js';
import {
  callerOf,
  command,
  idParam,
  localeOf,
  query,
  resultEnvelope,
  settle,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

const ArchiveIdParam = z.object({ id: idParam('id', 'archive-1') });
const RequestIdParam = z.object({ requestId: idParam('requestId', 'access-1') });
const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .optional();
const SearchQuery = z.object({
  number: IdString.optional().openapi({ param: { name: 'number', in: 'query' } }),
  customerId: IdString.optional().openapi({ param: { name: 'customerId', in: 'query' } }),
  productId: IdString.optional().openapi({ param: { name: 'productId', in: 'query' } }),
  from: Month.openapi({ param: { name: 'from', in: 'query' }, example: '2026-01' }),
  to: Month.openapi({ param: { name: 'to', in: 'query' }, example: '2026-12' }),
});
const IndexEntry = resultEnvelope(ArchiveIndexEntrySchema, 'ArchiveIndexEntryResult');
const AccessResult = resultEnvelope(AccessRequestSchema, 'AccessRequestResult');
const BundleResult = resultEnvelope(ArchiveBundleSchema, 'ArchiveBundleResult');

/**
 * The archive (AR-1…AR-6): archive an order, search the index, ask for and decide access, read
 * and export under a grant (the core checks it and records every read), legal holds, the monthly
 * filing and the contract ledger.
 *
 * @example
 * registerArchiveRoutes(app, { og, readers });
 */
export function registerArchiveRoutes(app: Api, { og, readers }: RouteDeps): void {
  command(app, {
    path: '/v1/orders/{id}/archive',
    summary: 'AR-1, AR-2: archive a settled order into a sealed record',
    params: OrderIdParam,
    response: IndexEntry,
    run: (p, a) => og.archive(p.id, a),
  });

  query(app, {
    path: '/v1/archive',
    summary: 'AR-6: search archives by number, customer, product and period (index entries only)',
    query: SearchQuery,
    response: valueEnvelope(z.array(ArchiveIndexEntrySchema), 'ArchiveSearchAnswer'),
    statuses: [400, 401, 403],
    run: (c, _p, q) => {
      readers.archiveIndex(callerOf(c), localeOf(c));
      const period =
        q.from === undefined && q.to === undefined
          ? undefined
          : { ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}) };
      return og.searchArchive({
        ...(q.number ? { number: q.number } : {}),
        ...(q.customerId ? { customerId: q.customerId } : {}),
        ...(q.productId ? { productId: q.productId } : {}),
        ...(period ? { period } : {}),
      });
    },
  });

  query(app, {
    path: '/v1/archive/due-for-disposal',
    summary: 'AR-6: archives due for disposal and not on legal hold',
    response: valueEnvelope(z.array(ArchiveIndexEntrySchema), 'DisposalAnswer'),
    statuses: [401, 403],
    run: (c) => {
      readers.archiveIndex(callerOf(c), localeOf(c));
      return og.dueForDisposal();
    },
  });

  query(app, {
    path: '/v1/contract-ledger',
    summary: 'AR-4: the contract ledger (the core decides who may read it; every read recorded)',
    response: valueEnvelope(z.array(ContractLedgerEntrySchema), 'ContractLedgerAnswer'),
    statuses: [401, 403],
    run: async (c) => settle(await og.contractLedger(c.get('actor')), localeOf(c)).value,
  });

  query(app, {
    path: '/v1/archive/{id}',
    summary:
      'AR-5: read an archived order under a live grant (every read, granted or not, recorded)',
    params: ArchiveIdParam,
    response: valueEnvelope(ArchiveContentSchema, 'ArchiveContentAnswer'),
    run: async (c, p) => settle(await og.readArchive(p.id, c.get('actor')), localeOf(c)).value,
  });

  command(app, {
    path: '/v1/archive/{id}/export',
    summary: 'AR-2, AR-5: export an archive as a self-verifying bundle, under a grant',
    params: ArchiveIdParam,
    response: BundleResult,
    run: (p, a) => og.exportArchive(p.id, a),
  });
  command(app, {
    path: '/v1/archive/{id}/backup',
    summary: 'AR-2: the archive keeper exports the sealed record for the off-site backup',
    params: ArchiveIdParam,
    response: BundleResult,
    run: (p, a) => og.exportArchiveBackup(p.id, a),
  });
  command(app, {
    path: '/v1/archive/{id}/access-requests',
    summary: 'AR-5: ask to read an archive, with a reason, for some days',
    params: ArchiveIdParam,
    body: openapi(ArchiveAccessInput, 'ArchiveAccessRequest'),
    status: 201,
    response: AccessResult,
    run: (p, a, b) => og.requestArchiveAccess(p.id, a, b),
  });
  command(app, {
    path: '/v1/archive/access-requests/{requestId}/approve',
    summary: 'AR-5: grant an access request (never one’s own)',
    params: RequestIdParam,
    response: AccessResult,
    run: (p, a) => og.approveArchiveAccess(p.requestId, a),
  });
  command(app, {
    path: '/v1/archive/access-requests/{requestId}/reject',
    summary: 'AR-5: reject an access request, with a reason',
    params: RequestIdParam,
    body: ReasonBody,
    response: AccessResult,
    run: (p, a, b) => og.rejectArchiveAccess(p.requestId, a, b.reason),
  });
  command(app, {
    path: '/v1/archive/{id}/legal-hold',
    summary: 'AR-6: place or lift a legal hold, with a reason',
    params: ArchiveIdParam,
    body: openapi(LegalHoldInput, 'LegalHold'),
    response: IndexEntry,
    run: (p, a, b) => og.setLegalHold(p.id, a, b),
  });
  command(app, {
    path: '/v1/archive/filings',
    summary: 'AR-3: file a month’s signed contracts',
    params: z.object({}),
    body: z.object({ month: FilingMonth }).strict().openapi('FilingRun'),
    response: resultEnvelope(FilingReportSchema, 'FilingResult'),
    run: (_p, a, b) => og.fileMonth(b.month, a),
  });
}
