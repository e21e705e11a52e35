import { approveStep } from '../../approvals/approveStep.js';
import { capacities } from '../../approvals/capacities.js';
import { unbarredCapacities } from '../../approvals/unbarredCapacities.js';
import { ValidationError } from '../../errors.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import { isIsoDateTime } from '../../model/Temporal.js';
import type { Actor } from '../../model/Actor.js';
import type { RuleId } from '../../model/RuleId.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { orderParties } from '../shared/orderParties.js';
import { refuse, scheduleEffects, newlyActive } from '../shared/internal.js';
import { openCreditHolds } from '../../rules/credit/creditStanding.js';
import {
  emptyCreditState,
  type CreditRelease,
  type CreditWorkflowState,
} from '../../state/CreditWorkflowState.js';
import { creditReleaseRoute, rehold, releaseFromHold } from './holdForCredit.js';

type Ok = Extract<TransitionResult, { ok: true }>;

/** After money or a guarantee was recorded: leave credit hold if nothing holds the order any more. */
function settle(
  state: OrderWorkflow,
  credit: CreditWorkflowState,
  ctx: TransitionContext,
  event: RecordedEvent,
): Ok {
  const next = { ...state, credit };
  if (state.status === 'credit_hold' && openCreditHolds(credit, ctx.now).length === 0) {
    return releaseFromHold(next, ctx, { events: [event], effects: [] });
  }
  return { ok: true, state: next, effects: [], events: [event], findings: [] };
}

/**
 * Whether the actor may record payments and guarantees: a `credit.paymentRecordRoles` role held
 * in a capacity no owner or submitter of the order bars (`orderParties`), own or delegated.
 */
function recorderRefusal(
  state: OrderWorkflow,
  actor: Actor,
  ctx: TransitionContext,
): TransitionResult | undefined {
  const roles = ctx.policy.credit.paymentRecordRoles;
  const caps = capacities(ctx.policy, actor, ctx.now).filter((c) => roles.includes(c.role));
  if (caps.length === 0) {
    return refuse('NOT_ELIGIBLE', `${actor.id} holds none of ${roles.join(', ')}`, {
      messageKey: 'credit.record.notEligible',
      params: { actor: actor.id },
    });
  }
  const { usable, barredBy } = unbarredCapacities(caps, {
    actor: actor.id,
    barred: orderParties(state),
  });
  if (usable.length === 0) {
    const party = barredBy[0] ?? actor.id;
    return refuse(
      'SELF_APPROVAL',
      `${actor.id} may not record credit facts on an order ${party} owned or submitted`,
      {
        messageKey:
          party === actor.id ? 'credit.record.selfRecord' : 'credit.record.selfRecordOnBehalf',
        params: { actor: actor.id, party },
      },
    );
  }
  return undefined;
}

function holdRuleIds(credit: CreditWorkflowState | undefined, fallback: RuleId): RuleId[] {
  const ids = [...new Set((credit?.holds ?? []).map((h) => h.ruleId))];
  return ids.length > 0 ? ids : [fallback];
}

/**
 * RELEASE_CREDIT (CR-1, CR-4): one approval of the credit release on the policy's credit step,
 * through the same machinery as every route step (roles, delegation, segregation of duties: the
 * order's owner or submitter never releases it). A reason is required; an expiry, when given,
 * must be an instant after now (else `INVALID_EXPIRY`, CR-4). When the step is complete the release is in force until it expires, and an
 * order whose holds are all covered goes on to review. In a later status it renews an expired
 * release.
 *
 * @example
 * releaseCredit(state, { actor: financeDirector, reason: 'Payment promised', expiresAt: '2026-03-09T18:00:00+08:00' }, ctx);
 */
export function releaseCredit(
  state: OrderWorkflow,
  event: { actor: Actor; reason: string; expiresAt?: string; comment?: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const reason = event.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'a credit release needs a reason', {
      messageKey: 'credit.release.reasonRequired',
      params: {},
    });
  }
  if (event.expiresAt !== undefined) {
    if (!isIsoDateTime(event.expiresAt)) {
      return refuse(
        'INVALID_EXPIRY',
        `the release expiry "${event.expiresAt}" is not an ISO 8601 date-time with a zone`,
        {
          ruleId: 'CR-4',
          messageKey: 'credit.release.expiryMalformed',
          params: { expiresAt: event.expiresAt },
        },
      );
    }
    if (Date.parse(event.expiresAt) <= Date.parse(now)) {
      return refuse(
        'INVALID_EXPIRY',
        `the release would expire at ${event.expiresAt}, not after now`,
        {
          ruleId: 'CR-4',
          messageKey: 'credit.release.expiryPast',
          params: { expiresAt: event.expiresAt },
        },
      );
    }
  }
  const credit = state.credit ?? emptyCreditState();
  const open = openCreditHolds(credit, now);
  if (open.length === 0) {
    return refuse('INVALID_TRANSITION', 'nothing holds this order for credit', {
      messageKey: 'credit.release.nothingHeld',
      params: {},
    });
  }
  if (!open.some((h) => h.paths.includes('approval'))) {
    return refuse('BLOCKED', 'these credit holds are released only by prepayment or a guarantee', {
      messageKey: 'credit.release.notByApproval',
      params: { rules: [...new Set(open.map((h) => h.ruleId))].join(', ') },
      findings: state.findings.filter((f) =>
        open.some((h) => h.ruleId === f.ruleId && h.messageKey === f.messageKey),
      ),
    });
  }
  const current = credit.releaseRoute;
  const pending = current !== undefined && current.steps.some((s) => s.status === 'active');
  const route = pending ? current : creditReleaseRoute(open, ctx);
  if (route === undefined) return refuse('INVALID_TRANSITION', 'no credit release step applies');
  const result = approveStep(
    route,
    {
      actor: event.actor,
      at: now,
      ...(event.comment ? { comment: event.comment } : { comment: reason }),
    },
    { policy, owners: orderParties(state) },
  );
  if (!result.ok) {
    const party = result.party ?? event.actor.id;
    const keys = {
      SELF_APPROVAL:
        party === event.actor.id
          ? 'credit.release.selfApproval'
          : 'credit.release.selfApprovalOnBehalf',
      NOT_ELIGIBLE: 'credit.release.notEligible',
      ALREADY_APPROVED: 'review.approval.alreadyApproved',
      STEP_NOT_ACTIVE: 'review.approval.stepNotActive',
      UNKNOWN_STEP: 'review.approval.unknownStep',
    } as const;
    return refuse(result.code, `${event.actor.id} may not release credit (${result.code})`, {
      ...(result.step ? { step: result.step } : {}),
      messageKey: keys[result.code],
      params: {
        actor: event.actor.id,
        step: result.step ?? '',
        ...(result.code === 'SELF_APPROVAL' ? { party } : {}),
      },
    });
  }
  const ruleIds = holdRuleIds(credit, 'CR-4');
  const approval: RecordedEvent = {
    type: 'approval.granted',
    ruleIds,
    data: {
      step: result.step.key,
      ...result.record,
      reason,
      ...(event.expiresAt ? { expiresAt: event.expiresAt } : {}),
    },
  };
  if (!result.stepCompleted) {
    return {
      ok: true,
      state: { ...state, credit: { ...credit, releaseRoute: result.route } },
      effects: scheduleEffects(newlyActive(route, result.route), policy, orderParties(state)),
      events: [approval],
      findings: [],
    };
  }
  const release: CreditRelease = {
    by: event.actor.id,
    ...(result.record.onBehalfOf ? { onBehalfOf: result.record.onBehalfOf } : {}),
    role: result.record.role,
    reason,
    at: now,
    ...(event.expiresAt ? { expiresAt: event.expiresAt } : {}),
  };
  const next: CreditWorkflowState = { ...credit, releaseRoute: result.route, release };
  const granted: RecordedEvent = { type: 'credit.release.granted', ruleIds, data: { ...release } };
  const closing = { type: 'closeApproval' as const, step: result.step.key };
  if (state.status === 'credit_hold' && openCreditHolds(next, now).length === 0) {
    return releaseFromHold({ ...state, credit: next }, ctx, {
      events: [approval, granted],
      effects: [closing],
    });
  }
  return {
    ok: true,
    state: { ...state, credit: next },
    effects: [closing],
    events: [approval, granted],
    findings: [],
  };
}

/**
 * DECLINE_CREDIT (credit hold): a holder of the credit step declines the release with a reason;
 * the order goes back to sales (who may resubmit it, e.g. on prepayment terms), like a return
 * in review (RV-9). The owner or submitter cannot decline their own order's release either.
 *
 * @example
 * declineCredit(state, { actor: financeDirector, reason: 'Ask for prepayment terms' }, ctx).ok; // true → returned
 */
export function declineCredit(
  state: OrderWorkflow,
  event: { actor: Actor; reason: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const reason = event.reason.trim();
  if (reason === '') {
    return refuse('REASON_REQUIRED', 'declining a credit release needs a reason', {
      messageKey: 'credit.release.reasonRequired',
      params: {},
    });
  }
  const step = policy.approvals.steps[policy.credit.approvalStep];
  const held = capacities(policy, event.actor, now).filter((c) => step?.roles.includes(c.role));
  const { usable: caps, barredBy } = unbarredCapacities(held, {
    actor: event.actor.id,
    barred: orderParties(state),
  });
  // Segregation of duties first, as before: an owner or submitter never decides, in any capacity.
  const party = barredBy.includes(event.actor.id) ? event.actor.id : barredBy[0];
  if (party !== undefined && (party === event.actor.id || caps.length === 0)) {
    return refuse(
      'SELF_APPROVAL',
      party === event.actor.id
        ? `${event.actor.id} may not decide on an order they own or submitted`
        : `${event.actor.id} may not decide on behalf of ${party}, who owned or submitted the order`,
      {
        messageKey:
          party === event.actor.id
            ? 'credit.release.selfApproval'
            : 'credit.release.selfApprovalOnBehalf',
        params: { actor: event.actor.id, party },
      },
    );
  }
  if (caps.length === 0) {
    return refuse('NOT_ELIGIBLE', `${event.actor.id} may not decide on a credit release`, {
      messageKey: 'credit.release.notEligible',
      params: { actor: event.actor.id },
    });
  }
  const record = { at: now, by: event.actor.id, reason };
  const credit = state.credit ?? emptyCreditState();
  const active = (credit.releaseRoute?.steps ?? []).filter((s) => s.status === 'active');
  const ruleIds = holdRuleIds(credit, 'CR-4');
  return {
    ok: true,
    state: { ...state, status: 'returned', lastReturn: record },
    effects: [
      ...active.map((s) => ({ type: 'closeApproval' as const, step: s.key })),
      {
        type: 'notify',
        to: { users: [state.owner] },
        messageKey: 'credit.release.declined',
        params: { reason },
        ruleId: ruleIds[0] ?? 'CR-4',
      },
    ],
    events: [{ type: 'credit.release.declined', ruleIds: [...ruleIds, 'RV-9'], data: record }],
    findings: [],
  };
}

/**
 * RECORD_PREPAYMENT: money received ahead of shipping, in the order's currency. It releases
 * every hold whose prepayment it covers (CR-1, CR-4, CR-6; cumulative with earlier payments)
 * and counts as payment for the shipping gate (CR-8). An amount of zero or less is refused
 * (`INVALID_AMOUNT`, CR-4); a reference the order already arrived with (`Order.prepayments`) is
 * the same money again and refused (`CONFLICT`, CR-8).
 * @example
 * recordPrepayment(state, { actor: finance, amount: 65_000, reference: 'BANK-1' }, ctx);
 * @throws {ValidationError} when the amount is not a whole number of minor units (malformed).
 */
export function recordPrepayment(
  state: OrderWorkflow,
  event: { actor: Actor; amount: number; reference?: string },
  ctx: TransitionContext,
): TransitionResult {
  if (!Number.isSafeInteger(event.amount)) {
    throw new ValidationError('prepayment', [
      { path: 'amount', message: 'must be a whole number of minor units (a safe integer)' },
    ]);
  }
  if (event.amount <= 0) {
    return refuse('INVALID_AMOUNT', `a prepayment of ${String(event.amount)} is not positive`, {
      ruleId: 'CR-4',
      messageKey: 'credit.prepayment.notPositive',
      params: { amount: formatMoney(event.amount, ctx.order.currency, ctx.policy) },
    });
  }
  const refused = recorderRefusal(state, event.actor, ctx);
  if (refused) return refused;
  const credit = state.credit ?? emptyCreditState();
  const reference = event.reference?.trim() ?? '';
  if (
    reference !== '' &&
    credit.prepayments.some((p) => p.source === 'order' && p.reference === reference)
  ) {
    // The same money counted twice would ship goods unpaid (CR-8).
    return refuse('CONFLICT', `payment ${reference} came with the order already`, {
      ruleId: 'CR-8',
      messageKey: 'credit.prepayment.duplicate',
      params: { reference },
    });
  }
  const payment = {
    at: ctx.now,
    by: event.actor.id,
    amount: event.amount,
    reference,
  };
  const next: CreditWorkflowState = { ...credit, prepayments: [...credit.prepayments, payment] };
  const ruleIds: RuleId[] = [
    ...new Set([
      ...credit.holds.filter((h) => h.paths.includes('prepayment')).map((h) => h.ruleId),
      'CR-8' as const,
    ]),
  ];
  return settle(state, next, ctx, {
    type: 'credit.prepayment.recorded',
    ruleIds,
    data: { ...payment, currency: ctx.order.currency },
  });
}

/**
 * RECORD_GUARANTEE: the customer gave a guarantee for this order; it releases every hold the
 * policy lets a guarantee release (CR-4, CR-6 by default). A guarantee without its document
 * reference is refused (`REFERENCE_REQUIRED`, CR-4).
 * @example
 * recordGuarantee(state, { actor: finance, reference: 'BG-2026-001' }, ctx);
 */
export function recordGuarantee(
  state: OrderWorkflow,
  event: { actor: Actor; reference: string },
  ctx: TransitionContext,
): TransitionResult {
  const reference = event.reference.trim();
  if (reference === '') {
    return refuse('REFERENCE_REQUIRED', 'a guarantee is recorded with its document reference', {
      ruleId: 'CR-4',
      messageKey: 'credit.guarantee.referenceRequired',
      params: {},
    });
  }
  const refused = recorderRefusal(state, event.actor, ctx);
  if (refused) return refused;
  const credit = state.credit ?? emptyCreditState();
  const guarantee = { at: ctx.now, by: event.actor.id, reference };
  const ruleIds = holdRuleIds(
    { ...credit, holds: credit.holds.filter((h) => h.paths.includes('guarantee')) },
    'CR-4',
  );
  return settle(state, { ...credit, guarantee }, ctx, {
    type: 'credit.guarantee.recorded',
    ruleIds,
    data: guarantee,
  });
}

/**
 * CHECK_CREDIT_RELEASE (in review, approved): an order whose credit release has expired, with no
 * prepayment or guarantee covering its holds, goes back on credit hold (CR-4); it resumes where
 * it was once released again. Nothing changes otherwise.
 *
 * @example
 * checkCreditRelease(state, { ...ctx, now: clock.now() }).ok; // true; status credit_hold once expired
 */
export function checkCreditRelease(state: OrderWorkflow, ctx: TransitionContext): TransitionResult {
  return rehold(state, ctx);
}
