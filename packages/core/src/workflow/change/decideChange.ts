import { approveStep } from '../../approvals/approveStep.js';
import { isRouteComplete } from '../../approvals/buildRoute.js';
import { checkDeadlines } from '../../approvals/checkDeadlines.js';
import type { Actor } from '../../model/Actor.js';
import { reviewerStanding } from '../../approvals/reviewerStanding.js';
import {
  approvalActivityEffects,
  approvalEvents,
  stillDueNotices,
} from '../shared/approvalActs.js';
import { closeAllEffects, refuse, scheduleEffects } from '../shared/internal.js';
import { orderParties } from '../shared/orderParties.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { applyApprovedChange, decidedState } from './applyChange.js';
import type { ChangeDecision, ChangeRequestRecord } from '../../state/ChangeRequest.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { RecordedEvent } from '../../state/TransitionResult.js';

/**
 * Users who may not approve or reject a change or cancellation request (segregation of duties):
 * whoever requested it, and every owner and submitter the order ever had (`orderParties`).
 * Neither they nor a delegate on their behalf decides it.
 *
 * @example
 * changeOwners(state, record); // ['u-zhou', 'u-li']: the requester, then the order's parties
 */
export function changeOwners(state: OrderWorkflow, record: ChangeRequestRecord): string[] {
  return [...new Set([record.requestedBy, ...orderParties(state)])];
}

/** The refusal when segregation of duties stops `actor`: as themself, or on behalf of `party`. */
function changeSelfApproval(
  actor: string,
  party: string,
  params: Record<string, string>,
): TransitionResult {
  const self = party === actor;
  return refuse(
    'SELF_APPROVAL',
    self
      ? `${actor} may not decide a change they requested or of an order they owned or submitted`
      : `${actor} may not decide on behalf of ${party}, who requested the change or owned or submitted the order`,
    {
      messageKey: self ? 'change.approval.selfApproval' : 'change.approval.selfApprovalOnBehalf',
      params: { actor, party, ...params },
    },
  );
}

/** A step's label in each language, as message parameters (`{stepEn}`, `{stepZh}`). */
function stepParams(
  step: string | undefined,
  ctx: TransitionContext,
): { stepEn: string; stepZh: string } {
  if (step === undefined) return { stepEn: '', stepZh: '' };
  const label = ctx.policy.approvals.steps[step]?.label;
  return { stepEn: label?.en ?? step, stepZh: label?.zh ?? step };
}

const REFUSALS = {
  SELF_APPROVAL: 'change.approval.selfApproval',
  NOT_ELIGIBLE: 'change.approval.notEligible',
  ALREADY_APPROVED: 'change.approval.alreadyApproved',
  STEP_NOT_ACTIVE: 'change.approval.stepNotActive',
  UNKNOWN_STEP: 'change.approval.unknownStep',
} as const;

/**
 * APPROVE_CHANGE (change pending): one approval act on the pending request's route, with roles,
 * delegation, escalation and segregation of duties (nobody approves a change they requested, or
 * of an order they ever owned or submitted, nor as a delegate or through one: `changeOwners`).
 * One act covers every open step the approver may sign when the policy allows
 * (`approvals.coverOpenSteps`); acts still due from the approver are named to them
 * (`change.approval.stillDue.*`). The last step decides the request:
 * - a change or cancellation of a contract order waits for the signed amendment (CH-7:
 *   `change.awaitingSignature`, then `RECORD_AMENDMENT_SIGNED`);
 * - otherwise it takes effect (`applyApprovedChange`): a change becomes the order's next revision
 *   (CH-5) — the patch applied to the revision it was written against — with the CH-6 / CH-7
 *   effects and records, the rules re-run on it (credit hold when it takes the exposure over the
 *   limit); a material change the customer asked for marks the order `customerRequestedChange`
 *   (non-regular from now on, RV-5); a cancellation cancels the order (CH-3).
 *
 * @example
 * const r = approveChange(state, { actor: head }, { policy, order, now });
 * if (r.ok && r.order) save(r.order); // revision + 1
 */
export function approveChange(
  state: OrderWorkflow,
  event: { actor: Actor; step?: string; comment?: string },
  ctx: TransitionContext,
): TransitionResult {
  const record = state.change?.pending;
  if (!record) return noChangePending('APPROVE_CHANGE', state);
  const { policy, now } = ctx;
  const result = approveStep(
    record.route,
    {
      actor: event.actor,
      at: now,
      ...(event.step ? { step: event.step } : {}),
      ...(event.comment ? { comment: event.comment } : {}),
    },
    { policy, owners: changeOwners(state, record) },
  );
  if (!result.ok) {
    if (result.code === 'SELF_APPROVAL')
      return changeSelfApproval(
        event.actor.id,
        result.party ?? event.actor.id,
        stepParams(result.step, ctx),
      );
    return refuse(
      result.code,
      `${event.actor.id}: ${result.code} on ${result.step ?? 'the change route'}`,
      {
        ...(result.step ? { step: result.step } : {}),
        messageKey: REFUSALS[result.code],
        params: { actor: event.actor.id, ...stepParams(result.step, ctx) },
      },
    );
  }
  const granted = approvalEvents(result, { changeRequest: record.id });
  const activity = approvalActivityEffects(
    record.route,
    result,
    policy,
    changeOwners(state, record),
  );
  const updated: ChangeRequestRecord = { ...record, route: result.route };
  if (!isRouteComplete(result.route)) {
    return {
      ok: true,
      state: { ...state, change: { history: state.change?.history ?? [], pending: updated } },
      effects: [
        ...activity,
        ...stillDueNotices(result, { actor: event.actor.id, policy, prefix: 'change.approval' }),
      ],
      events: granted,
      findings: [],
    };
  }

  if (record.classification.contract) {
    return awaitSignature(state, updated, ctx, {
      by: event.actor.id,
      effects: activity,
      events: granted,
    });
  }
  return applyApprovedChange(state, updated, ctx, {
    at: now,
    by: event.actor.id,
    effects: activity,
    events: granted,
  });
}

/**
 * CH-7: every step approved a change or cancellation of a contract order. It takes effect only
 * once the amendment (or termination) is signed and entered in the contract ledger
 * (`RECORD_AMENDMENT_SIGNED`): the request stays pending, marked approved, the order unchanged;
 * the requester, the owner and the roles that record amendments (`change.contract.recordRoles`)
 * are told.
 */
function awaitSignature(
  state: OrderWorkflow,
  record: ChangeRequestRecord,
  ctx: TransitionContext,
  done: { by: string; effects: EffectDraft[]; events: RecordedEvent[] },
): TransitionResult {
  const { order, now, policy } = ctx;
  const contract = order.contract.number || order.number;
  const waiting: ChangeRequestRecord = {
    ...record,
    awaitingSignature: { approvedAt: now, approvedBy: done.by },
  };
  const notice = {
    messageKey:
      record.kind === 'cancel' ? 'change.termination.awaiting' : 'change.amendment.awaiting',
    params: { request: record.id, contract },
    ruleId: 'CH-7' as const,
  };
  return {
    ok: true,
    state: { ...state, change: { history: state.change?.history ?? [], pending: waiting } },
    effects: [
      ...done.effects,
      { type: 'postMessage', ...notice },
      {
        type: 'notify',
        to: {
          users: [...new Set([record.requestedBy, state.owner])],
          roles: [...policy.change.contract.recordRoles],
        },
        ...notice,
      },
    ],
    events: [
      ...done.events,
      {
        type: 'change.awaitingSignature',
        ruleIds: ['CH-7'],
        data: {
          changeRequest: record.id,
          kind: record.kind,
          contractNumber: contract,
          approvedAt: now,
          approvedBy: done.by,
        },
      },
    ],
    findings: [],
  };
}

/**
 * Whether the actor may review the pending request now — holding an active step's role in a
 * capacity that no requester or party of the order bars (`changeOwners`) — and, when SoD is
 * why not, the barred person.
 */
function changeReviewerStanding(
  state: OrderWorkflow,
  record: ChangeRequestRecord,
  actor: Actor,
  ctx: TransitionContext,
): { reviewer: boolean; party?: string } {
  return reviewerStanding(record.route, actor, {
    policy: ctx.policy,
    now: ctx.now,
    barred: changeOwners(state, record),
  });
}

/**
 * REJECT_CHANGE (change pending): a reviewer of an active step rejects the request with a
 * reason; the order returns unchanged to the status it had, and the requester and owner are told.
 *
 * @example
 * rejectChange(state, { actor: head, reason: 'Price below cost' }, { policy, order, now });
 */
export function rejectChange(
  state: OrderWorkflow,
  event: { actor: Actor; reason: string },
  ctx: TransitionContext,
): TransitionResult {
  const record = state.change?.pending;
  if (!record) return noChangePending('REJECT_CHANGE', state);
  const reason = event.reason.trim();
  if (reason === '')
    return refuse('REASON_REQUIRED', 'a rejection states its reason', {
      messageKey: 'change.reject.reasonRequired',
      params: {},
    });
  const standing = changeReviewerStanding(state, record, event.actor, ctx);
  if (!standing.reviewer) {
    return standing.party === undefined
      ? refuse('NOT_ELIGIBLE', `${event.actor.id} is not a reviewer of an active step`, {
          messageKey: 'change.notReviewer',
          params: { actor: event.actor.id },
        })
      : changeSelfApproval(event.actor.id, standing.party, { stepEn: '', stepZh: '' });
  }
  const decision: ChangeDecision = { outcome: 'rejected', at: ctx.now, by: event.actor.id, reason };
  return {
    ok: true,
    state: { ...decidedState(state, record, decision), status: record.resumeStatus },
    effects: [
      ...closeAllEffects(record.route),
      {
        type: 'notify',
        to: { users: [...new Set([record.requestedBy, state.owner])] },
        messageKey: 'change.rejected',
        params: { request: record.id, reason },
        ruleId: 'CH-1',
      },
    ],
    events: [
      {
        type: 'change.rejected',
        ruleIds: ['CH-1'],
        data: { changeRequest: record.id, by: event.actor.id, reason },
      },
    ],
    findings: [],
  };
}

/**
 * CHECK_CHANGE_DEADLINES (change pending): steps of the pending request's route past their
 * deadline are flagged overdue and escalated to the next level, like review steps (RV-2).
 *
 * @example
 * checkChangeDeadlines(state, { policy, order, now: clock.now() });
 */
export function checkChangeDeadlines(
  state: OrderWorkflow,
  ctx: TransitionContext,
): TransitionResult {
  const record = state.change?.pending;
  if (!record) return { ok: true, state, effects: [], events: [], findings: [] };
  const { route, overdue } = checkDeadlines(record.route, ctx.policy, ctx.now);
  if (overdue.length === 0) return { ok: true, state, effects: [], events: [], findings: [] };
  const escalated = route.steps.filter((s) => overdue.some((o) => o.step === s.key));
  return {
    ok: true,
    state: {
      ...state,
      change: { history: state.change?.history ?? [], pending: { ...record, route } },
    },
    effects: [
      ...overdue.map((o) => ({
        type: 'notify' as const,
        to: { roles: o.escalatedTo, users: [record.requestedBy] },
        messageKey: 'change.deadline.escalated',
        params: { ...stepParams(o.step, ctx), role: o.escalatedTo.join(', ') },
        ruleId: 'RV-2' as const,
      })),
      ...scheduleEffects(escalated, ctx.policy, changeOwners(state, record)),
    ],
    events: overdue.map((o) => ({
      type: 'change.overdue',
      ruleIds: ['RV-2'] as const,
      data: { changeRequest: record.id, ...o },
    })),
    findings: [],
  };
}

/**
 * The refusal of a change decision (approve, reject, withdraw) when no request is pending.
 *
 * @example
 * if (!state.change?.pending) return noChangePending('APPROVE_CHANGE', state);
 */
export function noChangePending(event: string, state: OrderWorkflow): TransitionResult {
  return refuse('INVALID_TRANSITION', 'no change request is pending', {
    messageKey: 'workflow.invalidTransition',
    params: { event, status: state.status },
  });
}
