/**
 * Workflow events of the archive rules. Each member has a literal `type`; see
 * `archiveHandlers.ts` for what each does in each status.
 */
export type ArchiveEvent = never;
