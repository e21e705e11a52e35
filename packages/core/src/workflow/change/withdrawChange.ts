import type { Actor } from '../../model/Actor.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { closeAllEffects, refuse } from '../shared/internal.js';
import { noChangePending } from './decideChange.js';
import { decidedState } from './applyChange.js';

/**
 * WITHDRAW_CHANGE (change pending): the requester, or the order's owner, withdraws the pending
 * change or cancellation request — also one approved and waiting for its signed amendment
 * (CH-7) — optionally saying why. Anyone else is refused `NOT_ELIGIBLE` (CH-2: a request is the
 * owner's to raise, and so to take back). The order returns unchanged to the status it had; the
 * route's open approval activities are closed through the outbox (`closeApproval`), the
 * requester and owner told (and, for one awaiting its signature, the roles that record it), and
 * `change.withdrawn` recorded.
 *
 * @example
 * withdrawChange(state, { actor: li, reason: 'Customer kept the old date' }, { policy, order, now });
 * // { ok: true, state: { status: 'confirmed', change: { history: [{ decision: { outcome: 'withdrawn' } }] } } }
 */
export function withdrawChange(
  state: OrderWorkflow,
  event: { actor: Actor; reason?: string },
  ctx: TransitionContext,
): TransitionResult {
  const record = state.change?.pending;
  if (!record) return noChangePending('WITHDRAW_CHANGE', state);
  const { actor } = event;
  if (actor.id !== record.requestedBy && actor.id !== state.owner) {
    return refuse(
      'NOT_ELIGIBLE',
      `${actor.id} neither requested ${record.id} nor owns the order, so may not withdraw it`,
      {
        ruleId: 'CH-2',
        messageKey: 'change.withdraw.notAllowed',
        params: { actor: actor.id, request: record.id },
      },
    );
  }
  const reason = event.reason?.trim() ?? '';
  const params = { request: record.id, actor: actor.id, reason };
  const messageKey = reason === '' ? 'change.withdrawn' : 'change.withdrawn.reason';
  const others = [...new Set([record.requestedBy, state.owner])].filter((u) => u !== actor.id);
  // CH-7: those asked to record the signed amendment no longer wait for it.
  const recorders = record.awaitingSignature ? [...ctx.policy.change.contract.recordRoles] : [];
  return {
    ok: true,
    state: {
      ...decidedState(state, record, {
        outcome: 'withdrawn',
        at: ctx.now,
        by: actor.id,
        ...(reason === '' ? {} : { reason }),
      }),
      status: record.resumeStatus,
    },
    effects: [
      ...closeAllEffects(record.route),
      { type: 'postMessage', messageKey, params, ruleId: 'CH-2' },
      ...(others.length + recorders.length > 0
        ? [
            {
              type: 'notify' as const,
              to: { users: others, ...(recorders.length > 0 ? { roles: recorders } : {}) },
              messageKey,
              params,
              ruleId: 'CH-2' as const,
            },
          ]
        : []),
    ],
    events: [
      {
        type: 'change.withdrawn',
        ruleIds: ['CH-2'],
        data: { changeRequest: record.id, kind: record.kind, by: actor.id, reason },
      },
    ],
    findings: [],
  };
}
