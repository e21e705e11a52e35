/**
 * Source of unique ids for records core creates (events, requests, grants).
 *
 * @example
 * const ids: IdSource = { next: (prefix) => `${prefix}-${crypto.randomUUID()}` };
 */
export interface IdSource {
  next(prefix: string): string;
}
