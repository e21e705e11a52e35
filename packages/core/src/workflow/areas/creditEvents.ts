/**
 * Workflow events of the credit rules. Each member has a literal `type`; see
 * `creditHandlers.ts` for what each does in each status.
 */
export type CreditEvent = never;
