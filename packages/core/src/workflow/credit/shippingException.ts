import { approveStep } from '../../approvals/approveStep.js';
import { buildRoute, isRouteComplete } from '../../approvals/buildRoute.js';
import { reviewDeadline } from '../../approvals/reviewDeadline.js';
import { reviewerStanding } from '../../approvals/reviewerStanding.js';
import type { Actor } from '../../model/Actor.js';
import type { RuleId } from '../../model/RuleId.js';
import { holdsRole } from '../../policy/roles.js';
import { shippingClearance } from '../../rules/credit/shippingBlockers.js';
import { finding } from '../../rules/shared/finding.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { emptyCreditState, type ShippingException } from '../../state/CreditWorkflowState.js';
import {
  approvalActivityEffects,
  approvalEvents,
  stillDueNotices,
} from '../shared/approvalActs.js';
import { closeAllEffects, refuse, scheduleEffects } from '../shared/internal.js';
import { orderParties } from '../shared/orderParties.js';

/** The rules a shipping exception serves: RV-7 decides it, CR-8 lets it ship the goods unpaid. */
const RULES: readonly RuleId[] = ['RV-7', 'CR-8'];

/**
 * The order's pending ship-before-payment exception (RV-7, CR-8), if any.
 *
 * @example
 * pendingShippingException(state)?.route.steps.filter((s) => s.status === 'active');
 */
export function pendingShippingException(
  state: Pick<OrderWorkflow, 'credit'>,
): ShippingException | undefined {
  return state.credit?.shippingExceptions?.find((e) => e.status === 'pending');
}

/**
 * Who may not approve or reject a shipping exception (segregation of duties, decision 009): its
 * requester and everyone who ever owned or submitted the order (`orderParties`) — in person or
 * through a delegate.
 *
 * @example
 * shippingExceptionParties(state, exception); // ['u-li']
 */
export function shippingExceptionParties(
  state: OrderWorkflow,
  exception: Pick<ShippingException, 'requestedBy'>,
): string[] {
  return [...new Set([exception.requestedBy, ...orderParties(state)])];
}

/** The workflow with one exception replaced. */
function withException(state: OrderWorkflow, next: ShippingException): OrderWorkflow {
  const credit = state.credit ?? emptyCreditState();
  return {
    ...state,
    credit: {
      ...credit,
      shippingExceptions: (credit.shippingExceptions ?? []).map((e) =>
        e.id === next.id ? next : e,
      ),
    },
  };
}

/** The step's label in both languages, for messages. */
function stepLabels(step: string | undefined, ctx: TransitionContext) {
  const label = step === undefined ? undefined : ctx.policy.approvals.steps[step]?.label;
  return { stepEn: label?.en ?? step ?? '', stepZh: label?.zh ?? step ?? '' };
}

/** Who hears of the decision: the requester and the order's owner. */
function deciders(state: OrderWorkflow, exception: ShippingException): string[] {
  return [...new Set([exception.requestedBy, state.owner])];
}

/** A refusal because segregation of duties bars `party`: the actor, or whom they act for. */
function selfApproval(actor: string, party: string): TransitionResult {
  const self = party === actor;
  return refuse(
    'SELF_APPROVAL',
    self
      ? `${actor} may not decide a shipping exception they requested, or of an order they owned or submitted`
      : `${actor} may not decide on behalf of ${party}, who requested the exception or owned or submitted the order`,
    {
      ruleId: 'RV-7',
      messageKey: self
        ? 'credit.shippingException.selfApproval'
        : 'credit.shippingException.selfApprovalOnBehalf',
      params: { actor, party },
    },
  );
}

/**
 * REQUEST_SHIPPING_EXCEPTION (confirmed, in fulfilment): shipping before payment asked for after
 * review (RV-7, CR-8). The order's owner or a holder of `credit.shippingException.requestRoles`
 * asks, with a reason (`REASON_REQUIRED` without one); the RV-7 chain (`review.routes.exceptional`:
 * marketing VP, finance director, president, one stage after another) is asked in order, its
 * first step scheduled now, every step due within the order's review hours (RV-2). Refused with
 * `CONFLICT` while another exception is pending, and `INVALID_TRANSITION` once shipping has
 * started or when nothing needs it — payment confirmed, credit terms, or an exception already
 * approved (`credit.shippingException.notNeeded`).
 *
 * @example
 * requestShippingException(state, { actor: li, reason: 'Customer line stoppage; payment on receipt' }, ctx);
 * // state.credit.shippingExceptions: [{ id: 'SBP-1', status: 'pending', route, … }]
 */
export function requestShippingException(
  state: OrderWorkflow,
  event: { actor: Actor; reason: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, order, now } = ctx;
  const { actor } = event;
  const allowed =
    actor.id === state.owner ||
    policy.credit.shippingException.requestRoles.some((r) => holdsRole(policy, actor, r));
  if (!allowed) {
    return refuse('NOT_ELIGIBLE', `${actor.id} may not ask to ship this order before payment`, {
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.notAllowed',
      params: { actor: actor.id },
    });
  }
  const reason = event.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'shipping before payment is asked for with a reason', {
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.reasonRequired',
      params: {},
    });
  }
  const pending = pendingShippingException(state);
  if (pending) {
    return refuse('CONFLICT', `shipping exception ${pending.id} is already pending`, {
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.pending',
      params: { exception: pending.id },
    });
  }
  if (state.tracking?.steps.shipping !== undefined) {
    return refuse('INVALID_TRANSITION', 'the goods have started shipping already', {
      ruleId: 'CR-8',
      messageKey: 'credit.shippingException.alreadyShipping',
      params: {},
    });
  }
  const clearance = shippingClearance(order, state, {
    policy,
    now,
    ...(ctx.customer ? { customer: ctx.customer } : {}),
  });
  if (!clearance.blockers.some((f) => f.ruleId === 'CR-8')) {
    return refuse('INVALID_TRANSITION', 'nothing stops the goods shipping for want of payment', {
      ruleId: 'CR-8',
      messageKey: 'credit.shippingException.notNeeded',
      params: {},
    });
  }
  const steps = policy.review.routes.exceptional;
  const route = buildRoute(
    RULES.map((ruleId) =>
      finding(policy, {
        ruleId,
        severity: 'approval',
        messageKey: 'review.exceptional.shipBeforePayment',
        steps: [...steps],
      }),
    ),
    { policy, now, reviewDeadline: reviewDeadline(order, policy, now) },
  );
  const credit = state.credit ?? emptyCreditState();
  const asked = credit.shippingExceptions ?? [];
  const exception: ShippingException = {
    id: `SBP-${String(asked.length + 1)}`,
    reason,
    requestedBy: actor.id,
    requestedAt: now,
    route,
    status: 'pending',
  };
  return {
    ok: true,
    state: { ...state, credit: { ...credit, shippingExceptions: [...asked, exception] } },
    effects: [
      {
        type: 'postMessage',
        messageKey: 'credit.shippingException.requested',
        params: { exception: exception.id, reason },
        ruleId: 'RV-7',
      },
      ...scheduleEffects(
        route.steps.filter((s) => s.status === 'active'),
        policy,
        shippingExceptionParties(state, exception),
      ),
    ],
    events: [
      {
        type: 'credit.shippingException.requested',
        ruleIds: RULES,
        data: {
          id: exception.id,
          reason,
          by: actor.id,
          at: now,
          steps: route.steps.map((s) => s.key),
        },
      },
    ],
    findings: [],
  };
}

const REFUSALS = {
  NOT_ELIGIBLE: 'credit.shippingException.notEligible',
  ALREADY_APPROVED: 'credit.shippingException.alreadyApproved',
  STEP_NOT_ACTIVE: 'credit.shippingException.stepNotActive',
  UNKNOWN_STEP: 'credit.shippingException.unknownStep',
} as const;

/**
 * APPROVE_SHIPPING_EXCEPTION (confirmed, change pending, in fulfilment): one approval on the
 * pending exception's RV-7 chain, with roles, delegation, escalation and segregation of duties —
 * neither the requester nor anyone who owned or submitted the order approves it, in person or
 * through a delegate (`shippingExceptionParties`). Each completed step closes its activity and
 * schedules the next stage's; the last approves the exception, and the requester and the owner
 * are told: the goods may ship unpaid, naming it.
 *
 * @example
 * approveShippingException(state, { actor: zheng }, ctx); // marketing VP review approved, finance director asked
 */
export function approveShippingException(
  state: OrderWorkflow,
  event: { actor: Actor; step?: string; comment?: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const pending = pendingShippingException(state);
  if (!pending) return noExceptionPending();
  const result = approveStep(
    pending.route,
    {
      actor: event.actor,
      at: now,
      ...(event.step ? { step: event.step } : {}),
      ...(event.comment ? { comment: event.comment } : {}),
    },
    { policy, owners: shippingExceptionParties(state, pending) },
  );
  if (!result.ok) {
    if (result.code === 'SELF_APPROVAL')
      return selfApproval(event.actor.id, result.party ?? event.actor.id);
    return refuse(
      result.code,
      `${event.actor.id}: ${result.code} on ${result.step ?? 'the shipping exception'}`,
      {
        ruleId: 'RV-7',
        ...(result.step ? { step: result.step } : {}),
        messageKey: REFUSALS[result.code],
        params: { actor: event.actor.id, ...stepLabels(result.step, ctx) },
      },
    );
  }
  const granted = approvalEvents(result, { shippingException: pending.id });
  const activity = approvalActivityEffects(
    pending.route,
    result,
    policy,
    shippingExceptionParties(state, pending),
  );
  if (!isRouteComplete(result.route)) {
    return {
      ok: true,
      state: withException(state, { ...pending, route: result.route }),
      effects: [
        ...activity,
        ...stillDueNotices(result, { actor: event.actor.id, policy, prefix: 'review.approval' }),
      ],
      events: granted,
      findings: [],
    };
  }
  const approved: ShippingException = {
    ...pending,
    route: result.route,
    status: 'approved',
    decidedAt: now,
    decidedBy: event.actor.id,
  };
  const notice: EffectDraft = {
    type: 'notify',
    to: { users: deciders(state, pending) },
    messageKey: 'credit.shippingException.approved',
    params: { exception: pending.id },
    ruleId: 'CR-8',
  };
  return {
    ok: true,
    state: withException(state, approved),
    effects: [...activity, notice],
    events: [
      ...granted,
      {
        type: 'credit.shippingException.approved',
        ruleIds: RULES,
        data: {
          id: pending.id,
          at: now,
          by: event.actor.id,
          steps: result.route.steps.map((s) => s.key),
        },
      },
    ],
    findings: [],
  };
}

/**
 * REJECT_SHIPPING_EXCEPTION (confirmed, change pending, in fulfilment): a reviewer of an active
 * step of the pending exception's chain rejects it, with a reason (`REASON_REQUIRED` without
 * one); the requester and the owner are told, the chain's open activities close, and the goods
 * wait for payment (CR-8). The same segregation of duties as approving applies.
 *
 * @example
 * rejectShippingException(state, { actor: qian, reason: 'Overdue invoices' }, ctx);
 */
export function rejectShippingException(
  state: OrderWorkflow,
  event: { actor: Actor; reason: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const pending = pendingShippingException(state);
  if (!pending) return noExceptionPending();
  const reason = event.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'rejecting a shipping exception needs a reason', {
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.reasonRequired',
      params: {},
    });
  }
  const standing = reviewerStanding(pending.route, event.actor, {
    policy,
    now,
    barred: shippingExceptionParties(state, pending),
  });
  if (!standing.reviewer) {
    if (standing.party !== undefined) return selfApproval(event.actor.id, standing.party);
    return refuse('NOT_ELIGIBLE', `${event.actor.id} is not a reviewer of an active step`, {
      ruleId: 'RV-7',
      messageKey: 'credit.shippingException.notReviewer',
      params: { actor: event.actor.id },
    });
  }
  const rejected: ShippingException = {
    ...pending,
    status: 'rejected',
    decidedAt: now,
    decidedBy: event.actor.id,
    rejection: reason,
  };
  return {
    ok: true,
    state: withException(state, rejected),
    effects: [
      ...closeAllEffects(pending.route),
      {
        type: 'notify',
        to: { users: deciders(state, pending) },
        messageKey: 'credit.shippingException.rejected',
        params: { exception: pending.id, reason },
        ruleId: 'CR-8',
      },
    ],
    events: [
      {
        type: 'credit.shippingException.rejected',
        ruleIds: RULES,
        data: { id: pending.id, at: now, by: event.actor.id, reason },
      },
    ],
    findings: [],
  };
}

/** The refusal of a decision when no shipping exception waits for one (RV-7). */
function noExceptionPending(): TransitionResult {
  return refuse('INVALID_TRANSITION', 'no shipping exception is pending', {
    ruleId: 'RV-7',
    messageKey: 'credit.shippingException.nonePending',
    params: {},
  });
}
