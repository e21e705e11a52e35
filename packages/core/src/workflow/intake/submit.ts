import { orderParties } from '../shared/orderParties.js';
import { buildRoute } from '../../approvals/buildRoute.js';
import { reviewDeadline } from '../../approvals/reviewDeadline.js';
import type { Actor } from '../../model/Actor.js';
import { assessOrder } from '../../rules/assessOrder.js';
// credit (CR)
import { holdForCredit } from '../credit/holdForCredit.js';
import { withOrderPrepayments } from '../credit/orderPrepayments.js';
import { isCreditHold } from '../../rules/credit/creditHolds.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { assessedEvent, findingMessages, scheduleEffects } from '../shared/internal.js';

/**
 * SUBMIT (draft or returned): the order is received for review. Records who submitted it and
 * when (RV-2 deadlines count from here); a second submission is a correction (RV-9).
 */
export function submit(
  state: OrderWorkflow,
  actor: Actor,
  ctx: TransitionContext,
): TransitionResult {
  const { order, now } = ctx;
  const submissions = state.submissions + 1;
  const next: OrderWorkflow = {
    ...state,
    status: 'submitted',
    submitter: { id: actor.id, groups: actor.groups },
    receivedAt: now,
    submissions,
    findings: [],
  };
  delete next.route;
  // RV-10: a resubmitted order's contract is reviewed and signed afresh, from its own facts.
  delete next.contract;
  return {
    ok: true,
    state: next,
    effects: [],
    events: [
      {
        type: submissions > 1 ? 'order.resubmitted' : 'order.submitted',
        ruleIds: submissions > 1 ? ['RV-9'] : ['IN-1'],
        data: { number: order.number, revision: order.revision, submissions },
      },
    ],
    findings: [],
  };
}

/**
 * ASSESS (submitted): run every rule. Blocking findings return the order to sales at once,
 * listing every problem (IN-2, RV-9); otherwise the approval route is built from the findings and
 * its first stage scheduled, with the review deadline counted from receipt (RV-2).
 */
export function assess(state: OrderWorkflow, ctx: TransitionContext): TransitionResult {
  const { policy, order, now } = ctx;
  const receivedAt = state.receivedAt ?? now;
  const findings = assessOrder(order, {
    policy,
    submittedAt: receivedAt,
    submitter: {
      id: state.submitter?.id ?? state.owner,
      groups: [...(state.submitter?.groups ?? [])],
    },
    ...(ctx.customer ? { customer: ctx.customer } : {}),
    // credit (CR-4): orders confirmed here and not invoiced count in exposure
    ...(ctx.confirmedOrders ? { confirmedOrders: ctx.confirmedOrders } : {}),
  });
  // credit (CR-1, CR-8): money the order arrived with counts as received from now on
  const paid = withOrderPrepayments(state, ctx);
  const base: OrderWorkflow = { ...paid.state, findings };
  const assessed = assessedEvent(findings);

  const blocks = findings.filter((f) => f.severity === 'block');
  // credit (CR-1, CR-4, CR-6): when every block is a credit hold, the order waits on credit hold
  // for a release instead of going back to sales; intake and review blocks still return it.
  if (blocks.length > 0 && blocks.every(isCreditHold)) {
    const held = holdForCredit(base, findings, ctx);
    return held.ok ? { ...held, events: [...paid.events, ...held.events] } : held;
  }
  if (blocks.length > 0) {
    const reason = [...new Set(blocks.map((f) => f.ruleId))].join(', ');
    return {
      ok: true,
      state: { ...base, status: 'returned', lastReturn: { at: now, by: 'system', reason } },
      effects: [
        ...findingMessages(blocks),
        {
          type: 'notify',
          to: { users: [state.owner] },
          messageKey: 'review.returned',
          params: { reason },
          ruleId: 'RV-9',
        },
      ],
      events: [
        ...paid.events,
        assessed,
        {
          type: 'order.returned',
          ruleIds: [...new Set(blocks.map((f) => f.ruleId)), 'RV-9'],
          data: { by: 'system', reason },
        },
      ],
      findings,
    };
  }

  const route = buildRoute(findings, {
    policy,
    now,
    reviewDeadline: reviewDeadline(order, policy, receivedAt),
  });
  return {
    ok: true,
    state: { ...base, status: 'in_review', route },
    effects: [
      ...findingMessages(findings.filter((f) => f.severity === 'warn')),
      ...scheduleEffects(
        route.steps.filter((s) => s.status === 'active'),
        policy,
        [...orderParties(base), order.salesperson],
      ),
    ],
    events: [
      ...paid.events,
      assessed,
      {
        type: 'review.started',
        ruleIds: ['RV-2'],
        data: { reviewDeadline: route.reviewDeadline, steps: route.steps.map((s) => s.key) },
      },
    ],
    findings,
  };
}
