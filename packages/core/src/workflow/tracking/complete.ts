import type { Actor } from '../../model/Actor.js';
import { completionBlockers } from '../../rules/tracking/completionBlockers.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { progressRefusal } from './trackingAccess.js';
import { emptyTracking, type TrackingState } from '../../state/TrackingState.js';

/**
 * TR-4: what completing an order adds — the completion time on its tracking, the
 * `tracking.completed` message and the `order.completed` event (naming the issue whose closing
 * completed it, when it completed by itself). The caller has checked that it may complete.
 *
 * @example
 * const done = completion(tracking, { by: actor.id }, ctx);
 * return { ok: true, state: { ...state, tracking: done.tracking }, effects: done.effects, events: done.events, findings: [] };
 */
export function completion(
  tracking: TrackingState,
  by: { by: string; issue?: string },
  ctx: Pick<TransitionContext, 'now'>,
): { tracking: TrackingState; effects: EffectDraft[]; events: RecordedEvent[] } {
  return {
    tracking: { ...tracking, completedAt: ctx.now },
    effects: [
      { type: 'postMessage', messageKey: 'tracking.completed', params: {}, ruleId: 'TR-4' },
    ],
    events: [{ type: 'order.completed', ruleIds: ['TR-4'], data: { ...by } }],
  };
}

/**
 * TR-4: whether closing an issue completes the order by itself — the policy completes
 * automatically (`tracking.completion`), the order is delivered and settled, not yet completed,
 * and nothing blocks completion (no issue left open).
 *
 * @example
 * if (completesOnClose(state, tracking, ctx)) { … }
 */
export function completesOnClose(
  state: Pick<OrderWorkflow, 'status'>,
  tracking: TrackingState,
  ctx: Pick<TransitionContext, 'policy'>,
): boolean {
  return (
    ctx.policy.tracking.completion === 'automatic' &&
    state.status === 'settled' &&
    tracking.completedAt === undefined &&
    completionBlockers(tracking, ctx.policy).length === 0
  );
}

/**
 * COMPLETE (delivered or settled, TR-4): delivery and after-sales are done — the order is marked
 * completed. Refused while an acceptance issue is open. Under `tracking.completion: 'automatic'`
 * (the default) a settled order completes by itself when its last open issue is closed; this step
 * completes the others (an order without issues, one not yet settled, or every order under
 * `explicit`).
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
  const done = completion(tracking, { by: event.actor.id }, ctx);
  return {
    ok: true,
    state: { ...state, tracking: done.tracking },
    effects: done.effects,
    events: done.events,
    findings: [],
  };
}
