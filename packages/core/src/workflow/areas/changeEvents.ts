/**
 * Workflow events of the change rules. Each member has a literal `type`; see
 * `changeHandlers.ts` for what each does in each status.
 */
export type ChangeEvent = never;
