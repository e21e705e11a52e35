import { approveStep } from '../../approvals/approveStep.js';
import { isRouteComplete } from '../../approvals/buildRoute.js';
import { reviewerStanding } from '../../approvals/reviewerStanding.js';
import type { Actor } from '../../model/Actor.js';
import type { RuleId } from '../../model/RuleId.js';
import {
  approvalActivityEffects,
  approvalEvents,
  stillDueNotices,
} from '../shared/approvalActs.js';
import { orderParties } from '../shared/orderParties.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { closeAllEffects, refuse } from '../shared/internal.js';
import { withLegalReview } from './legalReview.js';

/** The step's label in both languages, for messages (`{stepEn}`, `{stepZh}`); the key when unknown. */
function stepLabels(
  step: string | undefined,
  ctx: TransitionContext,
): { stepEn: string; stepZh: string } {
  const label = step === undefined ? undefined : ctx.policy.approvals.steps[step]?.label;
  return { stepEn: label?.en ?? step ?? '', stepZh: label?.zh ?? step ?? '' };
}

/**
 * The rule a step of the route serves, for refusals about it: the policy's `ruleId` for the step
 * (RV-3 for the sales head's…), else the first rule that required it; none for a name the policy
 * does not define.
 */
function stepRule(
  step: string | undefined,
  route: { steps: readonly { key: string; ruleIds: readonly RuleId[] }[] },
  ctx: TransitionContext,
): RuleId | undefined {
  if (step === undefined) return undefined;
  return (
    ctx.policy.approvals.steps[step]?.ruleId ?? route.steps.find((s) => s.key === step)?.ruleIds[0]
  );
}

/**
 * APPROVE (in review): one approval act, with roles, delegation, escalation and segregation of
 * duties enforced (RV-3, RV-4 and every route step): nobody who ever owned or submitted the order
 * approves it, in person or as a delegate, nor does a delegate on such a person's behalf
 * (`orderParties`). One act covers every open step the approver may sign when the policy allows
 * (`approvals.coverOpenSteps`); steps still due from the approver — a later stage's, or open ones
 * the act did not cover — are named to them (`review.approval.stillDue.*`). The last step
 * approves the order. The act that completes the route's legal steps marks the contract legally
 * reviewed (RV-10, `withLegalReview`); `recorded` carries the legal opinion's reference when the
 * act is `recordContractReview`'s.
 */
export function approve(
  state: OrderWorkflow,
  event: { actor: Actor; step?: string; comment?: string },
  ctx: TransitionContext,
  recorded?: { reference: string; comment?: string },
): TransitionResult {
  const route = state.route;
  if (!route) return refuse('INVALID_TRANSITION', 'the order has no approval route');
  const result = approveStep(
    route,
    {
      actor: event.actor,
      at: ctx.now,
      ...(event.step ? { step: event.step } : {}),
      ...(event.comment ? { comment: event.comment } : {}),
    },
    { policy: ctx.policy, owners: orderParties(state) },
  );
  if (!result.ok) {
    const party = result.party ?? event.actor.id;
    // The refusal names the rule the step serves (RV-3 the sales head's, RV-4 the joint review…).
    const ruleId = stepRule(result.step, route, ctx);
    const notYetOpen =
      result.code === 'STEP_NOT_ACTIVE' &&
      route.steps.some((s) => s.key === result.step && s.status === 'waiting');
    const messages = {
      SELF_APPROVAL:
        party === event.actor.id
          ? `${event.actor.id} may not approve an order they owned or submitted`
          : `${event.actor.id} may not approve on behalf of ${party}, who owned or submitted the order`,
      NOT_ELIGIBLE: `${event.actor.id} holds no role that can approve ${result.step ?? 'this step'}`,
      ALREADY_APPROVED: `${event.actor.id} already approved ${result.step ?? 'this step'}`,
      STEP_NOT_ACTIVE: `${result.step ?? 'no step'} is not waiting for approval`,
      UNKNOWN_STEP: `${result.step ?? ''} is not a step of this order's route`,
    } as const;
    const keys = {
      SELF_APPROVAL:
        party === event.actor.id
          ? 'review.approval.selfApproval'
          : 'review.approval.selfApprovalOnBehalf',
      NOT_ELIGIBLE: 'review.approval.notEligible',
      ALREADY_APPROVED: 'review.approval.alreadyApproved',
      STEP_NOT_ACTIVE: notYetOpen ? 'review.approval.notYetOpen' : 'review.approval.stepNotActive',
      UNKNOWN_STEP: 'review.approval.unknownStep',
    } as const;
    return refuse(result.code, messages[result.code], {
      ...(result.step ? { step: result.step } : {}),
      ...(ruleId ? { ruleId } : {}),
      messageKey: keys[result.code],
      params: {
        actor: event.actor.id,
        ...(result.code === 'SELF_APPROVAL' ? { party } : {}),
        ...stepLabels(result.step, ctx),
      },
    });
  }
  const complete = isRouteComplete(result.route);
  const stillDue = stillDueNotices(result, {
    actor: event.actor.id,
    policy: ctx.policy,
    prefix: 'review.approval',
  });
  // RV-10: the act that completes the legal steps marks the contract legally reviewed.
  const acted = withLegalReview(
    {
      ok: true,
      state: { ...state, route: result.route },
      effects: approvalActivityEffects(route, result, ctx.policy, orderParties(state)),
      events: approvalEvents(result),
      findings: [],
    },
    ctx,
    {
      actor: event.actor,
      before: route,
      after: result.route,
      approved: [result, ...result.covered],
      ...(recorded ? { recorded } : {}),
    },
  );
  if (complete) {
    return {
      ...acted,
      state: { ...acted.state, status: 'approved' },
      effects: [
        ...acted.effects,
        {
          type: 'notify',
          to: { users: [state.owner] },
          messageKey: 'review.approved',
          params: {},
          ruleId: 'RV-3',
        },
      ],
      events: [
        ...acted.events,
        {
          type: 'order.approved',
          ruleIds: ['RV-3'],
          data: { steps: result.route.steps.map((s) => s.key) },
        },
      ],
    };
  }
  return { ...acted, effects: [...acted.effects, ...stillDue] };
}

/**
 * REJECT / RETURN (in review): a reviewer of an active step rejects the order or returns it to
 * sales for correction; either needs a reason (RV-9).
 */
export function rejectOrReturn(
  state: OrderWorkflow,
  event: { type: 'REJECT' | 'RETURN'; actor: Actor; reason: string },
  ctx: TransitionContext,
): TransitionResult {
  const reason = event.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'a reason is required (RV-9)', {
      ruleId: 'RV-9',
      messageKey: 'review.approval.reasonRequired',
      params: {},
    });
  }
  const standing = reviewerStanding(state.route, event.actor, {
    policy: ctx.policy,
    now: ctx.now,
    barred: orderParties(state),
  });
  if (!standing.reviewer) {
    const { party } = standing;
    if (party === undefined)
      return refuse('NOT_ELIGIBLE', `${event.actor.id} is not a reviewer of an active step`, {
        ruleId: 'RV-9',
        messageKey: 'review.notReviewer',
        params: { actor: event.actor.id },
      });
    return refuse(
      'SELF_APPROVAL',
      party === event.actor.id
        ? `${event.actor.id} may not review an order they owned or submitted`
        : `${event.actor.id} may not review on behalf of ${party}, who owned or submitted the order`,
      {
        ruleId: 'RV-9',
        messageKey:
          party === event.actor.id
            ? 'review.approval.selfApproval'
            : 'review.approval.selfApprovalOnBehalf',
        params: { actor: event.actor.id, party, stepEn: '', stepZh: '' },
      },
    );
  }
  const record = { at: ctx.now, by: event.actor.id, reason };
  const rejected = event.type === 'REJECT';
  return {
    ok: true,
    state: rejected
      ? { ...state, status: 'rejected', rejection: record }
      : { ...state, status: 'returned', lastReturn: record },
    effects: [
      ...closeAllEffects(state.route),
      {
        type: 'notify',
        to: { users: [state.owner] },
        messageKey: rejected ? 'review.rejected' : 'review.returned',
        params: { reason },
        ruleId: 'RV-9',
      },
    ],
    events: [
      { type: rejected ? 'order.rejected' : 'order.returned', ruleIds: ['RV-9'], data: record },
    ],
    findings: [],
  };
}
