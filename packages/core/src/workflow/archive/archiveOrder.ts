import { mayAct } from '../../approvals/mayAct.js';
import type { Actor } from '../../model/Actor.js';
import { archiveBlockers } from '../../rules/archive/archiveBlockers.js';
import type { ArchiveSealRef } from '../../state/archiveEvents.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';

/**
 * ARCHIVE (any status of an order on its way, AR-1): the order is archived once delivered, settled
 * (paid and invoiced) and with every after-sales issue closed — refused `BLOCKED` with every
 * reason otherwise, each an AR-1 finding saying what is missing (not delivered, not paid, not
 * invoiced, issues open), also for an order still in review or fulfilment. Only the owner or the
 * policy's `archive.archiveRoles` may archive. The sealed record's hash goes on the order's trail
 * (AR-2), so the trail and the archive vouch for each other.
 *
 * @example
 * transition(state, { type: 'ARCHIVE', actor, seal: { archiveId, number, recordHash } }, ctx);
 */
export function archiveOrder(
  state: OrderWorkflow,
  event: { actor: Actor; seal: ArchiveSealRef },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  if (
    event.actor.id !== state.owner &&
    !mayAct(policy, event.actor, { roles: policy.archive.archiveRoles, now })
  ) {
    return refuse('NOT_ELIGIBLE', `${event.actor.id} may not archive this order`, {
      messageKey: 'archive.notAllowed',
      params: { actor: event.actor.id, roles: policy.archive.archiveRoles.join(', ') },
    });
  }
  const blockers = archiveBlockers(state, policy);
  if (blockers.length > 0) {
    return refuse('BLOCKED', 'the order cannot be archived yet', {
      findings: blockers,
      messageKey: 'archive.blocked',
      params: { count: blockers.length },
    });
  }
  return {
    ok: true,
    state: { ...state, status: 'archived' },
    effects: [
      {
        type: 'postMessage',
        messageKey: 'archive.archived',
        params: { number: event.seal.number },
        ruleId: 'AR-1',
      },
    ],
    events: [
      {
        type: 'order.archived',
        ruleIds: ['AR-1', 'AR-2'],
        data: { by: event.actor.id, ...event.seal },
      },
    ],
    findings: [],
  };
}
