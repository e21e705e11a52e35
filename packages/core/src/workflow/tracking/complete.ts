import type { Actor } from '../../model/Actor.js';
import { completionBlockers } from '../../rules/tracking/completionBlockers.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { progressRefusal } from './trackingAccess.js';
import { emptyTracking } from '../../state/TrackingState.js';

/**
 * COMPLETE (delivered or settled, TR-4): delivery and after-sales are done — the order is marked
 * completed. Refused while an acceptance issue is open.
 *
 * @example
 * transition(state, { type: 'COMPLETE', actor }, ctx);
 */
export function complete(
  state: OrderWorkflow,
  event: { actor: Actor },
  ctx: TransitionContext,
): TransitionResult {
  const denied = progressRefusal(state, event.actor, ctx);
  if (denied) return denied;
  const tracking = state.tracking ?? emptyTracking();
  if (tracking.completedAt) {
    return refuse('INVALID_TRANSITION', 'the order is already completed', {
      messageKey: 'tracking.complete.already',
      params: {},
    });
  }
  const blockers = completionBlockers(tracking, ctx.policy);
  if (blockers.length > 0) {
    return refuse('BLOCKED', 'the order cannot be completed yet', {
      findings: blockers,
      messageKey: 'tracking.complete.blocked',
      params: {},
    });
  }
  return {
    ok: true,
    state: { ...state, tracking: { ...tracking, completedAt: ctx.now } },
    effects: [
      { type: 'postMessage', messageKey: 'tracking.completed', params: {}, ruleId: 'TR-4' },
    ],
    events: [{ type: 'order.completed', ruleIds: ['TR-4'], data: { by: event.actor.id } }],
    findings: [],
  };
}
