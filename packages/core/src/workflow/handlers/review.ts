import { approveStep } from '../../approvals/approveStep.js';
import { isRouteComplete } from '../../approvals/buildRoute.js';
import { capacities } from '../../approvals/capacities.js';
import type { Actor } from '../../model/Actor.js';
import type { OrderWorkflow } from '../OrderWorkflow.js';
import type { TransitionContext } from '../TransitionContext.js';
import type { TransitionResult } from '../TransitionResult.js';
import { closeAllEffects, newlyActive, refuse, scheduleEffects } from '../internal.js';

/** The step's label in both languages, for messages (`{stepEn}`, `{stepZh}`); the key when unknown. */
function stepLabels(
  step: string | undefined,
  ctx: TransitionContext,
): { stepEn: string; stepZh: string } {
  const label = step === undefined ? undefined : ctx.policy.approvals.steps[step]?.label;
  return { stepEn: label?.en ?? step ?? '', stepZh: label?.zh ?? step ?? '' };
}

/** Users who may not approve the order: its owner and whoever submitted it. */
export function ownersOf(state: OrderWorkflow): string[] {
  return [...new Set([state.owner, ...(state.submitter ? [state.submitter.id] : [])])];
}

/**
 * APPROVE (in review): one approval on a step, with roles, delegation, escalation and
 * segregation of duties enforced (RV-3, RV-4 and every route step). The last step approves the
 * order.
 */
export function approve(
  state: OrderWorkflow,
  event: { actor: Actor; step?: string; comment?: string },
  ctx: TransitionContext,
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
    { policy: ctx.policy, owners: ownersOf(state) },
  );
  if (!result.ok) {
    const messages = {
      SELF_APPROVAL: `${event.actor.id} may not approve an order they own or submitted`,
      NOT_ELIGIBLE: `${event.actor.id} holds no role that can approve ${result.step ?? 'this step'}`,
      ALREADY_APPROVED: `${event.actor.id} already approved ${result.step ?? 'this step'}`,
      STEP_NOT_ACTIVE: `${result.step ?? 'no step'} is not waiting for approval`,
      UNKNOWN_STEP: `${result.step ?? ''} is not a step of this order's route`,
    } as const;
    const keys = {
      SELF_APPROVAL: 'review.approval.selfApproval',
      NOT_ELIGIBLE: 'review.approval.notEligible',
      ALREADY_APPROVED: 'review.approval.alreadyApproved',
      STEP_NOT_ACTIVE: 'review.approval.stepNotActive',
      UNKNOWN_STEP: 'review.approval.unknownStep',
    } as const;
    return refuse(result.code, messages[result.code], {
      ...(result.step ? { step: result.step } : {}),
      messageKey: keys[result.code],
      params: { actor: event.actor.id, ...stepLabels(result.step, ctx) },
    });
  }
  const complete = isRouteComplete(result.route);
  const approvedEvent = {
    type: 'approval.granted',
    ruleIds: result.step.ruleIds,
    data: { step: result.step.key, ...result.record },
  };
  if (complete) {
    return {
      ok: true,
      state: { ...state, route: result.route, status: 'approved' },
      effects: [
        { type: 'closeApproval', step: result.step.key },
        {
          type: 'notify',
          to: { users: [state.owner] },
          messageKey: 'review.approved',
          params: {},
          ruleId: 'RV-3',
        },
      ],
      events: [
        approvedEvent,
        {
          type: 'order.approved',
          ruleIds: ['RV-3'],
          data: { steps: result.route.steps.map((s) => s.key) },
        },
      ],
      findings: [],
    };
  }
  return {
    ok: true,
    state: { ...state, route: result.route },
    effects: [
      ...(result.stepCompleted ? [{ type: 'closeApproval' as const, step: result.step.key }] : []),
      ...scheduleEffects(newlyActive(route, result.route), ctx.policy),
    ],
    events: [approvedEvent],
    findings: [],
  };
}

/** Whether the actor may act as a reviewer now: eligible for an active step and not an owner. */
function isReviewer(state: OrderWorkflow, actor: Actor, ctx: TransitionContext): boolean {
  if (ownersOf(state).includes(actor.id)) return false;
  const caps = capacities(ctx.policy, actor, ctx.now);
  return (state.route?.steps ?? []).some(
    (s) =>
      s.status === 'active' &&
      caps.some((c) => s.roles.includes(c.role) || s.escalatedTo.includes(c.role)),
  );
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
      messageKey: 'review.approval.reasonRequired',
      params: {},
    });
  }
  if (!isReviewer(state, event.actor, ctx)) {
    return ownersOf(state).includes(event.actor.id)
      ? refuse('SELF_APPROVAL', `${event.actor.id} may not review an order they own or submitted`, {
          messageKey: 'review.approval.selfApproval',
          params: { actor: event.actor.id },
        })
      : refuse('NOT_ELIGIBLE', `${event.actor.id} is not a reviewer of an active step`, {
          messageKey: 'review.notReviewer',
          params: { actor: event.actor.id },
        });
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
