import type { Actor } from '../../model/Actor.js';
import { changedFieldKeys, diffRevisions, isEmptyDiff } from '../../rules/change/diffRevisions.js';
import { fieldParams } from '../../rules/shared/changeLabels.js';
import type { ChangeOp } from '../../state/ChangeRequest.js';
import { LOCKED_STATUSES, type OrderStatus } from '../../state/OrderStatus.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { applyChangePatch } from './applyChangePatch.js';

/**
 * Statuses `EDIT_ORDER` is decided in: the two it applies in (draft, returned), the ones under
 * review that refuse it naming RV-9, and the locked ones that refuse it naming CH-1. Rejected and
 * cancelled orders refuse it as any other event.
 *
 * @example
 * EDIT_STATUSES.includes('confirmed'); // true: refused, CH-1
 */
export const EDIT_STATUSES: readonly OrderStatus[] = [
  'draft',
  'returned',
  'submitted',
  'in_review',
  'approved',
  'credit_hold',
  ...LOCKED_STATUSES,
];

/**
 * EDIT_ORDER: the owner corrects a draft or returned order (CH-1, RV-9) with field-level
 * operations (`applyChangePatch`, lines by id). The correction keeps the revision — revisions
 * count what was confirmed (CH-5) — and is recorded on the order's trail as the diff it made
 * (`order.edited`, RV-9); review judges it when the order is submitted again. Refusals:
 * - a confirmed (locked) order: `INVALID_TRANSITION` naming CH-1 (`change.edit.locked`): it
 *   changes only through a change request, whatever the ERP lets a user type;
 * - an order under review (submitted, in review, approved, on credit hold): `INVALID_TRANSITION`
 *   naming RV-9 (`change.edit.underReview`): a reviewer returns it first;
 * - anyone but the owner: `NOT_ELIGIBLE` naming RV-9;
 * - operations that do not fit the order, or change nothing: `INVALID_PATCH` naming RV-9.
 *
 * @example
 * editOrder(state, { actor: li, patch: [{ op: 'set', field: 'paymentTerms', value: 'NET30' }] }, ctx);
 * // { ok: true, order: { …, paymentTerms: 'NET30' }, events: [{ type: 'order.edited', … }] }
 * @throws {ValidationError} when the edited order is not an order at all (see `applyChangePatch`).
 */
export function editOrder(
  state: OrderWorkflow,
  event: { actor: Actor; patch: readonly ChangeOp[] },
  ctx: TransitionContext,
): TransitionResult {
  const { order, policy } = ctx;
  const number = order.number;
  if (LOCKED_STATUSES.has(state.status)) {
    return refuse('INVALID_TRANSITION', `order ${number} is locked (${state.status})`, {
      ruleId: 'CH-1',
      messageKey: 'change.edit.locked',
      params: { number },
    });
  }
  if (state.status !== 'draft' && state.status !== 'returned') {
    return refuse('INVALID_TRANSITION', `order ${number} is under review (${state.status})`, {
      ruleId: 'RV-9',
      messageKey: 'change.edit.underReview',
      params: { number },
    });
  }
  const { actor } = event;
  if (actor.id !== state.owner) {
    return refuse('NOT_ELIGIBLE', `${actor.id} does not own order ${number}`, {
      ruleId: 'RV-9',
      messageKey: 'change.edit.notOwner',
      params: { actor: actor.id, number },
    });
  }
  const applied = applyChangePatch(order, event.patch, policy, { ruleId: 'RV-9' });
  if (!applied.ok) {
    return refuse('INVALID_PATCH', `the edit does not fit order ${number}`, {
      ruleId: 'RV-9',
      messageKey: 'change.edit.invalid',
      params: { number, count: applied.findings.length },
      findings: applied.findings,
    });
  }
  const diff = diffRevisions(order, applied.order);
  if (isEmptyDiff(diff)) {
    return refuse('INVALID_PATCH', 'the edit changes nothing', {
      ruleId: 'RV-9',
      messageKey: 'change.edit.noChange',
      params: { number },
    });
  }
  return {
    ok: true,
    state,
    order: applied.order,
    effects: [
      {
        type: 'postMessage',
        messageKey: 'change.edit.recorded',
        params: { actor: actor.id, number, ...fieldParams(changedFieldKeys(diff)) },
        ruleId: 'RV-9',
      },
    ],
    events: [
      {
        type: 'order.edited',
        ruleIds: ['RV-9'],
        data: {
          revision: order.revision,
          by: actor.id,
          source: 'edit',
          header: diff.header,
          lines: diff.lines,
        },
      },
    ],
    findings: [],
  };
}
