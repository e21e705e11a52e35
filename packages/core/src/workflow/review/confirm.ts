import type { Actor } from '../../model/Actor.js';
import { holdsRole } from '../../policy/roles.js';
import { verbalConfirmationBlockers } from '../../rules/intake/verbalOrder.js';
import { contractBlockers } from '../../rules/review/contractReview.js';
import { stockShortages } from '../../rules/review/stockCheck.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { findingMessages, refuse } from '../shared/internal.js';
// credit (CR)
import { creditReleaseBlockers } from '../../rules/credit/creditStanding.js';

/**
 * CONFIRM (approved): the order becomes binding and is locked against direct edits (CH-1). Refused
 * while a verbal order lacks its written confirmation (IN-3) or a required contract is not signed
 * (RV-10). After confirmation stock is checked: shortages are shown and raise a procurement need
 * (RV-11).
 */
export function confirm(
  state: OrderWorkflow,
  actor: Actor,
  ctx: TransitionContext,
): TransitionResult {
  const { policy, order, now } = ctx;
  const allowed =
    actor.id === state.owner ||
    policy.workflow.confirmRoles.some((r) => holdsRole(policy, actor, r));
  if (!allowed) {
    // RV-10: who makes the order formal to the customer (`workflow.confirmRoles`, and its owner).
    return refuse('NOT_ELIGIBLE', `${actor.id} may not confirm this order`, {
      ruleId: 'RV-10',
      messageKey: 'workflow.confirm.notAllowed',
      params: { actor: actor.id },
    });
  }
  const blockers = [
    ...verbalConfirmationBlockers(order, policy),
    ...contractBlockers(order, policy),
    // credit (CR-4): a credit release that expired before confirmation no longer covers the order
    ...creditReleaseBlockers(state, policy, ctx.now),
  ];
  if (blockers.length > 0) {
    return refuse('BLOCKED', 'the order cannot be confirmed yet', {
      findings: blockers,
      messageKey: 'workflow.confirm.blocked',
      params: { rules: [...new Set(blockers.map((f) => f.ruleId))].join(', ') },
    });
  }
  const { findings: shortageFindings, shortages } = stockShortages(order, policy);
  return {
    ok: true,
    state: {
      ...state,
      status: 'confirmed',
      confirmedAt: now,
      findings: [...state.findings, ...shortageFindings],
    },
    effects: [
      { type: 'lockOrder' },
      ...findingMessages(shortageFindings),
      ...(shortages.length > 0 ? [{ type: 'procurementNeed' as const, lines: shortages }] : []),
    ],
    events: [
      { type: 'order.confirmed', ruleIds: ['CH-1'], data: { by: actor.id } },
      ...(shortages.length > 0
        ? ([
            { type: 'stock.shortage', ruleIds: ['RV-11'], data: { shortages } },
          ] satisfies RecordedEvent[])
        : []),
    ],
    findings: shortageFindings,
  };
}

/**
 * RECORD_WRITTEN_CONFIRMATION: the written confirmation of a verbal order is recorded on the
 * order (same revision: it is a fact about the order, not a change of it), which lifts the IN-3
 * gate on confirmation. An order not taken verbally needs none (refused, IN-3).
 */
export function recordWrittenConfirmation(
  state: OrderWorkflow,
  event: { actor: Actor; reference: string },
  ctx: TransitionContext,
): TransitionResult {
  const reference = event.reference.trim();
  if (ctx.order.channel !== 'verbal') {
    return refuse('INVALID_TRANSITION', 'only a verbal order needs a written confirmation (IN-3)', {
      ruleId: 'IN-3',
      messageKey: 'intake.verbal.notVerbal',
      params: {},
    });
  }
  if (reference === '') {
    return refuse('REFERENCE_REQUIRED', 'the written confirmation needs a reference (IN-3)', {
      ruleId: 'IN-3',
      messageKey: 'intake.verbal.referenceRequired',
      params: {},
    });
  }
  const writtenConfirmation = { at: ctx.now, reference };
  return {
    ok: true,
    state,
    order: { ...ctx.order, writtenConfirmation },
    effects: [
      {
        type: 'postMessage',
        messageKey: 'intake.verbal.confirmed',
        params: { reference },
        ruleId: 'IN-3',
      },
    ],
    events: [
      {
        type: 'order.writtenConfirmation',
        ruleIds: ['IN-3'],
        data: { by: event.actor.id, ...writtenConfirmation },
      },
    ],
    findings: [],
  };
}
