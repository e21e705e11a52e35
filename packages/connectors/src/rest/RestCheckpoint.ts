import { ConnectorError } from '../internal/http/ConnectorError.js';

/**
 * Where a REST sync resumes: the highest change time seen (`since`, epoch ms) and the orders
 * already handled inside the overlap window (`id@changedMs`), so the overlap re-reads them
 * without handing them on twice.
 */
export interface RestCheckpoint {
  since: number;
  seen: string[];
}

/**
 * The checkpoint as the opaque string `ErpOrderPage.checkpoint` carries.
 *
 * @example
 * encodeCheckpoint({ since: Date.parse('2026-03-02T01:00:00Z'), seen: ['42@1772413200000'] }, false);
 */
export function encodeCheckpoint(cp: RestCheckpoint, full: boolean): string {
  return JSON.stringify(full ? { v: 1, full: true } : { v: 1, since: cp.since, seen: cp.seen });
}

/**
 * Reads a checkpoint string (absent: start at `start`). A string this connector did not make is
 * a `ConnectorError` `REST_CHECKPOINT`, never a silent full resync.
 *
 * @example
 * decodeCheckpoint(undefined, 0); // { since: 0, seen: [] }
 */
export function decodeCheckpoint(text: string | undefined, start: number): RestCheckpoint {
  if (text === undefined || text === '') return { since: start, seen: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const v = value as { v?: unknown; since?: unknown; seen?: unknown; full?: unknown } | undefined;
  if (v && v.v === 1 && v.full === true) return { since: start, seen: [] };
  if (
    v &&
    v.v === 1 &&
    typeof v.since === 'number' &&
    Number.isFinite(v.since) &&
    Array.isArray(v.seen) &&
    v.seen.every((s) => typeof s === 'string')
  ) {
    return { since: v.since, seen: v.seen };
  }
  throw new ConnectorError(
    'REST_CHECKPOINT',
    `Not a checkpoint of the REST connector: ${text.slice(0, 60)}`,
    { retryable: false },
  );
}
