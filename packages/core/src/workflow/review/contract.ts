import { capacities } from '../../approvals/capacities.js';
import { unbarredCapacities } from '../../approvals/unbarredCapacities.js';
import { formatZoned } from '../../lib/zonedTime.js';
import type { Actor } from '../../model/Actor.js';
import { holdsRole } from '../../policy/roles.js';
import { approverParams } from '../../rules/shared/approverParams.js';
import { contractReasons, legalReviewRequired } from '../../rules/review/contractReview.js';
import type { ContractReviewOutcome, ContractReviewRecord } from '../../state/ContractState.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { orderParties } from '../shared/orderParties.js';
import { closeAllEffects, refuse } from '../shared/internal.js';
import { legalSteps } from './legalReview.js';
import { approve } from './review.js';

/** A RECORD_CONTRACT_REVIEW event's content. */
interface ContractReviewInput {
  actor: Actor;
  outcome: ContractReviewOutcome;
  reference: string;
  comment?: string;
}

/** The roles of the legal review's steps (`review.routes.legal`). */
function legalRoles(ctx: TransitionContext): string[] {
  const { policy } = ctx;
  return [
    ...new Set(policy.review.routes.legal.flatMap((k) => policy.approvals.steps[k]?.roles ?? [])),
  ];
}

/** `{stepEn}`, `{stepZh}`: the first legal step's label. */
function legalStepLabels(ctx: TransitionContext): { stepEn: string; stepZh: string } {
  const key = ctx.policy.review.routes.legal[0] ?? '';
  const label = ctx.policy.approvals.steps[key]?.label;
  return { stepEn: label?.en ?? key, stepZh: label?.zh ?? key };
}

/**
 * RECORD_CONTRACT_REVIEW (in review, approved): the legal reviewer records the review of the
 * order's contract, with the legal opinion's reference (RV-10). Only for an order that needs a
 * contract, when the policy asks for legal review (`review.routes.legal`), once.
 *
 * - In review, it is the legal reviewer's act on the route's open legal step: `approved` approves
 *   the step — the same act as `approve`, with its roles, delegation, escalation and segregation
 *   of duties, covering other open steps of the approver (one approver, one act) — and, once
 *   every legal step is approved, marks the contract legally reviewed (`withLegalReview`).
 *   `rejected` (a reason is required) sends the order back to sales to correct the contract
 *   (RV-9). A legal step of a later stage is not open yet (`STEP_NOT_ACTIVE`).
 * - Approved without a legal review on its route, a holder of a legal step's role (not an owner
 *   or submitter of the order, nor their delegate) records it directly.
 *
 * Every refusal names RV-10.
 */
export function recordContractReview(
  state: OrderWorkflow,
  event: ContractReviewInput,
  ctx: TransitionContext,
): TransitionResult {
  const { policy, order } = ctx;
  const reference = event.reference.trim();
  const comment = event.comment?.trim() ?? '';
  if (contractReasons(order, policy).length === 0)
    return refuse('INVALID_TRANSITION', 'the order needs no contract (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.notNeeded',
      params: {},
    });
  if (!legalReviewRequired(policy))
    return refuse('INVALID_TRANSITION', 'the policy asks for no legal review (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.noLegalReview',
      params: {},
    });
  if (order.contract.legalReviewed)
    return refuse('ALREADY_RECORDED', 'the contract is already legally reviewed (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.alreadyReviewed',
      params: {},
    });
  if (reference === '')
    return refuse('REFERENCE_REQUIRED', 'the legal review needs its reference (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.referenceRequired',
      params: {},
    });
  if (event.outcome === 'rejected' && comment === '')
    return refuse('REASON_REQUIRED', 'a refused contract needs a reason (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.reasonRequired',
      params: {},
    });
  const input = { ...event, reference, comment };
  const open = legalSteps(state.route, policy).filter((s) => s.status !== 'approved');
  return state.status === 'in_review' && open.length > 0
    ? reviewOnRoute(state, input, ctx, open)
    : reviewOffRoute(state, input, ctx);
}

/** The review as the act on the route's legal step: active steps first, then later ones. */
function reviewOnRoute(
  state: OrderWorkflow,
  input: ContractReviewInput & { comment: string },
  ctx: TransitionContext,
  open: readonly { key: string; status: string }[],
): TransitionResult {
  const keys = [
    ...open.filter((s) => s.status === 'active').map((s) => s.key),
    ...open.filter((s) => s.status !== 'active').map((s) => s.key),
  ];
  const recorded = {
    reference: input.reference,
    ...(input.comment ? { comment: input.comment } : {}),
  };
  let first: TransitionResult | undefined;
  for (const step of keys) {
    const r = approve(
      state,
      { actor: input.actor, step, ...(input.comment ? { comment: input.comment } : {}) },
      ctx,
      recorded,
    );
    if (r.ok) {
      if (input.outcome === 'approved') return r;
      const record = r.state.route?.steps
        .find((s) => s.key === step)
        ?.approvals.filter((a) => a.actor === input.actor.id)
        .pop();
      return rejected(state, input, ctx, [step], record?.onBehalfOf);
    }
    first ??= r;
  }
  // The refusal of the first legal step: the rule is the contract review's.
  return first && !first.ok
    ? { ...first, ruleId: 'RV-10' }
    : refuse('STEP_NOT_ACTIVE', 'no legal step waits', { ruleId: 'RV-10' });
}

/** The review recorded directly: no open legal step on the route (e.g. the order is approved). */
function reviewOffRoute(
  state: OrderWorkflow,
  input: ContractReviewInput & { comment: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const roles = legalRoles(ctx);
  const all = capacities(policy, input.actor, now);
  const { usable, barredBy } = unbarredCapacities(all, {
    actor: input.actor.id,
    barred: orderParties(state),
  });
  const cap = usable.find((c) => roles.includes(c.role));
  if (!cap) {
    const barred = all.find((c) => roles.includes(c.role));
    if (barred) {
      const party = barredBy.includes(input.actor.id)
        ? input.actor.id
        : (barred.onBehalfOf ?? input.actor.id);
      return refuse('SELF_APPROVAL', `${input.actor.id} may not review this order's contract`, {
        ruleId: 'RV-10',
        messageKey:
          party === input.actor.id
            ? 'review.approval.selfApproval'
            : 'review.approval.selfApprovalOnBehalf',
        params: { actor: input.actor.id, party },
      });
    }
    return refuse('NOT_ELIGIBLE', `${input.actor.id} is no legal reviewer`, {
      ruleId: 'RV-10',
      messageKey: 'review.approval.notEligible',
      params: { actor: input.actor.id, ...legalStepLabels(ctx) },
    });
  }
  if (input.outcome === 'rejected') return rejected(state, input, ctx, [], cap.onBehalfOf);
  const review: ContractReviewRecord = {
    outcome: 'approved',
    by: input.actor.id,
    ...(cap.onBehalfOf ? { onBehalfOf: cap.onBehalfOf } : {}),
    at: now,
    reference: input.reference,
    ...(input.comment ? { comment: input.comment } : {}),
    steps: [],
    reviewed: true,
  };
  return {
    ok: true,
    state: { ...state, contract: { ...state.contract, review } },
    order: { ...ctx.order, contract: { ...ctx.order.contract, legalReviewed: true } },
    effects: [
      {
        type: 'notify',
        to: { users: [state.owner] },
        messageKey: 'review.contract.reviewed',
        params: { by: input.actor.id, reference: input.reference },
        ruleId: 'RV-10',
      },
    ],
    events: [{ type: 'contract.reviewed', ruleIds: ['RV-10'], data: review }],
    findings: [],
  };
}

/** The legal review refused the contract: the order goes back to sales to correct it (RV-9). */
function rejected(
  state: OrderWorkflow,
  input: ContractReviewInput & { comment: string },
  ctx: TransitionContext,
  steps: readonly string[],
  onBehalfOf: string | undefined,
): TransitionResult {
  const { now } = ctx;
  const review: ContractReviewRecord = {
    outcome: 'rejected',
    by: input.actor.id,
    ...(onBehalfOf ? { onBehalfOf } : {}),
    at: now,
    reference: input.reference,
    comment: input.comment,
    steps,
    reviewed: false,
  };
  const lastReturn = { at: now, by: input.actor.id, reason: input.comment };
  return {
    ok: true,
    state: {
      ...state,
      status: 'returned',
      lastReturn,
      contract: { ...state.contract, review },
    },
    effects: [
      ...closeAllEffects(state.route),
      {
        type: 'notify',
        to: { users: [state.owner] },
        messageKey: 'review.contract.rejected',
        params: { reference: input.reference, reason: input.comment },
        ruleId: 'RV-10',
      },
    ],
    events: [
      { type: 'contract.reviewed', ruleIds: ['RV-10'], data: review },
      { type: 'order.returned', ruleIds: ['RV-9', 'RV-10'], data: lastReturn },
    ],
    findings: [],
  };
}

/**
 * RECORD_CONTRACT_SIGNED (in review, credit hold, approved): the customer's signature of the
 * contract (or written confirmation of the order) is recorded, with its reference (RV-10): the
 * order's `contract.customerSignedAt` is set (same revision) and the workflow keeps the signature,
 * which lifts RV-10's gate on confirmation. The owner, the roles that confirm orders
 * (`workflow.confirmRoles`) and the legal reviewers may record it, once; legal review comes before
 * signing, so it is refused while the contract is not legally reviewed, or when the signature is
 * dated before the recorded review; a signature dated after now is an `INVALID_DATE`. Every
 * refusal names RV-10.
 */
export function recordContractSigned(
  state: OrderWorkflow,
  event: { actor: Actor; signedAt: string; reference: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, order, now } = ctx;
  const { actor } = event;
  const reference = event.reference.trim();
  const at = (instant: string) => formatZoned(instant, policy.timeZone);
  if (contractReasons(order, policy).length === 0)
    return refuse('INVALID_TRANSITION', 'the order needs no contract (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.notNeeded',
      params: {},
    });
  const roles = legalRoles(ctx);
  const allowed =
    actor.id === state.owner ||
    policy.workflow.confirmRoles.some((r) => holdsRole(policy, actor, r)) ||
    capacities(policy, actor, now).some((c) => roles.includes(c.role));
  if (!allowed)
    return refuse('NOT_ELIGIBLE', `${actor.id} may not record the signature (RV-10)`, {
      ruleId: 'RV-10',
      messageKey: 'review.contract.signatureNotAllowed',
      params: { actor: actor.id },
    });
  if (reference === '')
    return refuse('REFERENCE_REQUIRED', 'the signature needs its reference (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.signatureReferenceRequired',
      params: {},
    });
  const signed = order.contract.customerSignedAt;
  if (signed !== undefined)
    return refuse('ALREADY_RECORDED', 'the signature is already recorded (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.alreadySigned',
      params: { signedAt: at(signed) },
    });
  if (Date.parse(event.signedAt) > Date.parse(now))
    return refuse('INVALID_DATE', 'the signature is dated after now (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedInFuture',
      params: { signedAt: at(event.signedAt), now: at(now) },
    });
  if (legalReviewRequired(policy) && !order.contract.legalReviewed)
    return refuse('BLOCKED', 'the contract is not legally reviewed yet (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedBeforeReview',
      params: { ...approverParams(policy, policy.review.routes.legal) },
    });
  const review = state.contract?.review;
  if (review?.reviewed && Date.parse(event.signedAt) < Date.parse(review.at))
    return refuse('BLOCKED', 'the signature predates the legal review (RV-10)', {
      ruleId: 'RV-10',
      messageKey: 'review.contract.signedBeforeReviewed',
      params: { signedAt: at(event.signedAt), reviewedAt: at(review.at) },
    });
  const signature = { signedAt: event.signedAt, reference, by: actor.id, at: now };
  return {
    ok: true,
    state: { ...state, contract: { ...state.contract, signature } },
    order: { ...order, contract: { ...order.contract, customerSignedAt: event.signedAt } },
    effects: [
      {
        type: 'postMessage',
        messageKey: 'review.contract.signed',
        params: { reference, signedAt: at(event.signedAt) },
        ruleId: 'RV-10',
      },
    ],
    events: [{ type: 'contract.signed', ruleIds: ['RV-10'], data: signature }],
    findings: [],
  };
}
