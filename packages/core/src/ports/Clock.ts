/**
 * Source of the current time. Core never reads the clock itself.
 *
 * @example
 * const clock: Clock = { now: () => new Date().toISOString() };
 */
export interface Clock {
  /** The current instant as an ISO 8601 string with a zone. */
  now(): string;
}
