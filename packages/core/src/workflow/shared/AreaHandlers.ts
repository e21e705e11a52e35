import type { OrderStatus } from '../../state/OrderStatus.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';

/**
 * The part of the state machine one rule area owns: for each of its event types the statuses in
 * which it applies, and the handler. `transition` refuses an event in any other status before the
 * handler runs, so handlers only see events their table allows.
 *
 * @example
 * export const CREDIT_HANDLERS: AreaHandlers<CreditEvent> = {
 *   accepts: { RELEASE_CREDIT: ['credit_hold'] },
 *   handle: (state, event, ctx) => releaseCredit(state, event, ctx),
 * };
 */
export interface AreaHandlers<E extends { type: string }> {
  accepts: { readonly [T in E['type']]: readonly OrderStatus[] };
  handle(state: OrderWorkflow, event: E, ctx: TransitionContext): TransitionResult;
}
