import type { Finding, MessageParam } from '../model/Finding.js';
import type { Effect } from '../workflow/Effect.js';
import type { TransitionRefusalCode } from '../workflow/TransitionResult.js';

/**
 * Refusal codes of the archive desk: the transition's, plus `NOT_FOUND` (no such archive, order
 * or request), `NO_GRANT` (AR-5: a read without a live grant) and `ALREADY_DECIDED` (an access
 * request decided before).
 */
export type ArchiveRefusalCode =
  TransitionRefusalCode | 'NOT_FOUND' | 'NO_GRANT' | 'ALREADY_DECIDED';

/**
 * Outcome of an archive desk action: the value with the effects it produced, or a refusal with a
 * literal code. Failures (bad input, store down) are thrown.
 *
 * @example
 * const r = await archives.read(archiveId, reader);
 * if (!r.ok && r.code === 'NO_GRANT') askForAccess();
 */
export type ArchiveResult<T> =
  | { ok: true; value: T; effects: readonly Effect[] }
  | {
      ok: false;
      code: ArchiveRefusalCode;
      message: string;
      messageKey?: string;
      params?: Readonly<Record<string, MessageParam>>;
      findings?: readonly Finding[];
    };
