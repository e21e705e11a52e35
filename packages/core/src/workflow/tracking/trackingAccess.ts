import { mayAct } from '../../approvals/mayAct.js';
import type { Actor } from '../../model/Actor.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';

/**
 * TR-1: whether the actor may record fulfilment facts on the order — its owner, or a holder of
 * one of the policy's `tracking.progressRoles` (or `roles` when given). A refusal when not.
 *
 * @example
 * const denied = progressRefusal(state, event.actor, ctx);
 * if (denied) return denied;
 */
export function progressRefusal(
  state: OrderWorkflow,
  actor: Actor,
  ctx: TransitionContext & { roles?: readonly string[] },
): TransitionResult | undefined {
  const roles = ctx.roles ?? ctx.policy.tracking.progressRoles;
  const owner = ctx.roles === undefined && actor.id === state.owner;
  if (owner || mayAct(ctx.policy, actor, { roles, now: ctx.now })) return undefined;
  return refuse('NOT_ELIGIBLE', `${actor.id} may not record this on the order`, {
    messageKey: 'tracking.notAllowed',
    params: { actor: actor.id, roles: roles.join(', ') },
  });
}
