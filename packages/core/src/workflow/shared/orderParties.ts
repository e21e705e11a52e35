import type { Actor } from '../../model/Actor.js';
import type { Order } from '../../model/Order.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';

/**
 * Everyone barred from approving the order, its credit release and its changes (segregation of
 * duties, decision 009): every owner and every submitter it ever had —
 * not only the last submission's — so naming someone else as salesperson on resubmission, or
 * having a colleague resubmit, never lets an earlier owner or submitter approve it.
 *
 * @example
 * orderParties(state); // ['u-li', 'u-wang', 'u-zhou']: first owner, later owner, a submitter
 */
export function orderParties(state: OrderWorkflow): string[] {
  return [
    ...new Set([
      ...state.parties.owners,
      state.owner,
      ...state.parties.submitters,
      ...(state.submitter ? [state.submitter.id] : []),
    ]),
  ];
}

function withPerson(list: readonly string[], id: string): readonly string[] {
  return list.includes(id) ? list : [...list, id];
}

/**
 * Keeps the order's parties on a submission (first or resubmission, RV-9): the submitter joins
 * `parties.submitters`, the order's salesperson as submitted becomes its owner and joins
 * `parties.owners` — earlier owners and submitters stay. A change of owner is recorded
 * (`order.ownerChanged`). Refusals pass through unchanged.
 *
 * @example
 * withSubmissionParties(submit(state, zhou, ctx), { actor: zhou, order: ctx.order });
 */
export function withSubmissionParties(
  result: TransitionResult,
  submission: { actor: Pick<Actor, 'id'>; order: Pick<Order, 'salesperson'> },
): TransitionResult {
  if (!result.ok) return result;
  const { state } = result;
  const owner = submission.order.salesperson;
  const next: OrderWorkflow = {
    ...state,
    owner,
    parties: {
      owners: withPerson(withPerson(state.parties.owners, state.owner), owner),
      submitters: withPerson(state.parties.submitters, submission.actor.id),
    },
  };
  const changed = owner !== state.owner;
  return {
    ...result,
    state: next,
    events: [
      ...result.events,
      ...(changed
        ? ([
            {
              type: 'order.ownerChanged',
              ruleIds: ['RV-9'],
              data: { from: state.owner, to: owner },
            },
          ] satisfies RecordedEvent[])
        : []),
    ],
  };
}
