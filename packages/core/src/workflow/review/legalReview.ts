import type { ApprovalRecord, Route, RouteStep } from '../../approvals/Route.js';
import type { Actor } from '../../model/Actor.js';
import type { Policy } from '../../policy/Policy.js';
import { contractReasons } from '../../rules/review/contractReview.js';
import type { ContractReviewRecord } from '../../state/ContractState.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';

type Ok = Extract<TransitionResult, { ok: true }>;

/**
 * RV-10: the steps of a route that make up the contract's legal review — those the policy lists
 * in `review.routes.legal` (the legal department's `legalReview` by default).
 *
 * @example
 * legalSteps(route, policy).map((s) => s.key); // ['legalReview']
 */
export function legalSteps(route: Route | undefined, policy: Policy): RouteStep[] {
  const legal = policy.review.routes.legal;
  return (route?.steps ?? []).filter((s) => legal.includes(s.key));
}

/**
 * RV-10: whether a route's legal review is done — it has legal steps and every one is approved.
 *
 * @example
 * legalReviewDone(route, policy); // true once the legal department approved legalReview
 */
export function legalReviewDone(route: Route | undefined, policy: Policy): boolean {
  const steps = legalSteps(route, policy);
  return steps.length > 0 && steps.every((s) => s.status === 'approved');
}

/** An approval act as it touched the route: each step it approved, with its record. */
export interface LegalReviewAct {
  actor: Actor;
  /** The route before and after the act. */
  before: Route;
  after: Route;
  /** Every step the act approved (the one acted on, then those it covered). */
  approved: readonly { step: RouteStep; record: ApprovalRecord }[];
  /** Given by `recordContractReview`: the legal opinion's reference and the comment. */
  recorded?: { reference: string; comment?: string };
}

/**
 * RV-10: what an approval act on the route's legal steps records about the contract. The act that
 * completes the legal review of an order needing a contract — a plain approval of the legal step,
 * or `recordContractReview` — marks the contract legally reviewed: the order's
 * `contract.legalReviewed` is set (same revision), the workflow keeps the review
 * (`contract.review`), a `contract.reviewed` event is written and the owner is told the contract
 * may go to the customer for signature. A `recordContractReview` act on a legal step that leaves
 * another legal step open records its review with `reviewed: false`. Any other act passes through
 * unchanged.
 *
 * @example
 * withLegalReview(approved, state, ctx, { actor, before: route, after: result.route, approved: [result] });
 */
export function withLegalReview(result: Ok, ctx: TransitionContext, act: LegalReviewAct): Ok {
  const { policy, order, now } = ctx;
  const legal = policy.review.routes.legal;
  const acted = act.approved.filter((a) => legal.includes(a.step.key));
  if (acted.length === 0 || contractReasons(order, policy).length === 0) return result;
  const done = legalReviewDone(act.after, policy);
  const completes = done && !legalReviewDone(act.before, policy) && !order.contract.legalReviewed;
  if (!completes && act.recorded === undefined) return result;
  const onBehalfOf = acted.find((a) => a.record.onBehalfOf !== undefined)?.record.onBehalfOf;
  const comment = act.recorded?.comment;
  const review: ContractReviewRecord = {
    outcome: 'approved',
    by: act.actor.id,
    ...(onBehalfOf === undefined ? {} : { onBehalfOf }),
    at: now,
    ...(act.recorded ? { reference: act.recorded.reference } : {}),
    ...(comment ? { comment } : {}),
    steps: acted.map((a) => a.step.key),
    reviewed: done,
  };
  const current = result.order ?? order;
  const effects: EffectDraft[] = done
    ? [
        {
          type: 'notify',
          to: { users: [result.state.owner] },
          ...(act.recorded
            ? {
                messageKey: 'review.contract.reviewed',
                params: { by: act.actor.id, reference: act.recorded.reference },
              }
            : { messageKey: 'review.contract.reviewedByApproval', params: { by: act.actor.id } }),
          ruleId: 'RV-10',
        },
      ]
    : [];
  const event: RecordedEvent<'contract.reviewed'> = {
    type: 'contract.reviewed',
    ruleIds: ['RV-10'],
    data: review,
  };
  return {
    ...result,
    state: { ...result.state, contract: { ...result.state.contract, review } },
    ...(done
      ? { order: { ...current, contract: { ...current.contract, legalReviewed: true } } }
      : {}),
    effects: [...result.effects, ...effects],
    events: [...result.events, event],
  };
}
