import type { Customer } from '@ordergate/core';
import { shiftOdooDateTime } from './odooValues.js';
import type { OdooClient } from './OdooClient.js';
import {
  OdooReader,
  type OdooOrderRecord,
  type OdooReaderOptions,
  type OdooRejectedOrder,
} from './OdooReader.js';
import { OdooSyncCheckpoint } from './OdooSyncCheckpoint.js';

/** What to sync and how. */
export interface SyncOrdersOptions extends OdooReaderOptions {
  /** Resume from here (incremental sync); absent = full sync. */
  checkpoint?: OdooSyncCheckpoint;
  /** Extra domain on the order model, e.g. `[['state', 'in', ['draft', 'sent', 'sale']]]`. */
  domain?: readonly unknown[];
  /** Orders per page (one order call, one line call and a few credit calls per page). */
  pageSize?: number;
  /**
   * Seconds re-read before the checkpoint. `write_date` is the start time of the writing
   * transaction, so a long transaction can commit rows older than the checkpoint; the window
   * catches them. Default 300.
   */
  overlapSeconds?: number;
  /** A reader to reuse (its caches); a new one per sync by default. */
  reader?: OdooReader;
}

/** One page of a sync. Persist `checkpoint` after handling the page to resume from there. */
export interface OdooSyncPage {
  orders: OdooOrderRecord[];
  customers: Customer[];
  rejected: OdooRejectedOrder[];
  checkpoint: OdooSyncCheckpoint;
  progress: {
    page: number;
    /** Orders delivered so far in this run. */
    delivered: number;
    /** Rows re-read and dropped as already delivered (overlap window). */
    skipped: number;
    /** RPC calls made by the client so far. */
    calls: number;
  };
}

/**
 * Syncs orders by `write_date` as an async iterator of pages, each with a checkpoint.
 *
 * Odoo stores `write_date` with microseconds but reads it truncated to seconds, so the cursor is
 * a second plus how many rows of that second were consumed (rows are ordered by the stored value,
 * then id); a few rows before that position are re-read and de-duplicated, which tolerates rows
 * moving while the sync runs. Resuming from a checkpoint re-reads `overlapSeconds` before it and
 * drops what `recent` says was delivered: nothing is lost and nothing is delivered twice.
 *
 * @example
 * let checkpoint = await store.load();
 * for await (const page of syncOrders(odoo, { checkpoint, pageSize: 200 })) {
 *   await handle(page.orders, page.customers);
 *   await store.save(page.checkpoint);
 * }
 */
export async function* syncOrders(
  client: OdooClient,
  options: SyncOrdersOptions = {},
): AsyncGenerator<OdooSyncPage, void, undefined> {
  const pageSize = options.pageSize ?? 200;
  const overlap = options.overlapSeconds ?? 300;
  const margin = Math.min(8, Math.floor(pageSize / 4));
  const reader = options.reader ?? new OdooReader(client, options);
  const model = reader.mapping.models.order;
  const fields = reader.orderFields();
  const start = options.checkpoint ? OdooSyncCheckpoint.parse(options.checkpoint) : undefined;
  const recent = new Map<number, string>(start?.recent ?? []);
  let second = start ? shiftOdooDateTime(start.writeDate, -overlap) : undefined;
  let lastDelivered = start?.writeDate;
  let consumed = 0;
  let page = 0;
  let delivered = 0;
  let skipped = 0;

  for (;;) {
    const offset = consumed > 0 ? Math.max(0, consumed - margin) : 0;
    // One row more than a page tells whether another page exists without an extra empty call.
    const fetched = await client.searchRead(model, {
      domain: [...(options.domain ?? []), ...(second ? [['write_date', '>=', second]] : [])],
      fields,
      order: 'write_date asc, id asc',
      limit: pageSize + 1,
      offset,
    });
    const rows = fetched.slice(0, pageSize);
    const fresh = rows.filter((r) => recent.get(r.id) !== r.write_date);
    skipped += rows.length - fresh.length;
    const last = rows.at(-1);
    if (last && typeof last.write_date === 'string') {
      const lastSecond = last.write_date;
      if (lastSecond === second) consumed = offset + rows.length;
      else {
        second = lastSecond;
        consumed = rows.filter((r) => r.write_date === lastSecond).length;
      }
    }
    const result = fresh.length > 0 ? await reader.readPage(fresh) : undefined;
    for (const r of fresh) {
      if (typeof r.write_date !== 'string') continue;
      recent.set(r.id, r.write_date);
      if (!lastDelivered || r.write_date > lastDelivered) lastDelivered = r.write_date;
    }
    if (lastDelivered) {
      const floor = shiftOdooDateTime(lastDelivered, -overlap);
      for (const [id, wd] of recent) if (wd < floor) recent.delete(id);
    }
    delivered += result?.orders.length ?? 0;
    const done = fetched.length <= pageSize;
    if (result || done) {
      page++;
      yield {
        orders: result?.orders ?? [],
        customers: result?.customers ?? [],
        rejected: result?.rejected ?? [],
        checkpoint: {
          version: 1,
          writeDate: lastDelivered ?? '1970-01-01 00:00:00',
          recent: [...recent].sort((a, b) => a[0] - b[0]),
        },
        progress: { page, delivered, skipped, calls: client.stats.calls },
      };
    }
    if (done) return;
  }
}
