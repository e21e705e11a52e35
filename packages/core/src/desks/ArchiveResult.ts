import type { Result } from '../runner/Result.js';

/**
 * Refusal codes of archiving: the state machine's, plus `NOT_FOUND` (no such archive, order or
 * request), `NO_GRANT` (AR-5: a read without a live grant) and `ALREADY_DECIDED` (an access
 * request decided before).
 */
export type ArchiveRefusalCode = Extract<Result<never>, { ok: false }>['code'];

/**
 * Outcome of an archive action: the one `Result` shape of every command.
 *
 * @example
 * const r = await og.readArchive(archiveId, reader);
 * if (!r.ok && r.code === 'NO_GRANT') askForAccess();
 */
export type ArchiveResult<T> = Result<T>;
