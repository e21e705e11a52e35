/**
 * Workflow events of the tracking rules. Each member has a literal `type`; see
 * `trackingHandlers.ts` for what each does in each status.
 */
export type TrackingEvent = never;
