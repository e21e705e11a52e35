import type { Finding } from '../../model/Finding.js';
import { reassessChange } from './reassessChange.js';
import { diffRevisions } from '../../rules/change/diffRevisions.js';
import type { ChangeDecision, ChangeRequestRecord } from '../../state/ChangeRequest.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { holdForCredit } from '../credit/holdForCredit.js';
import { closeAllEffects, findingMessages, refuse } from '../shared/internal.js';
import { applyChangePatch } from './applyChangePatch.js';
import { cancellationApprovedOutcome, changeApprovedOutcome } from './changeOutcome.js';

/**
 * The workflow with the pending request decided (approved, rejected or withdrawn) and moved to
 * the history.
 *
 * @example
 * decidedState(state, record, { outcome: 'withdrawn', at: now, by: 'u-li' }).change?.pending; // undefined
 */
export function decidedState(
  state: OrderWorkflow,
  record: ChangeRequestRecord,
  decision: ChangeDecision,
): OrderWorkflow {
  return {
    ...state,
    change: { history: [...(state.change?.history ?? []), { ...record, decision }] },
  };
}

/** The `change.reassessed` record of the rules' re-run on a new revision. */
function reassessedEvent(
  record: ChangeRequestRecord,
  revision: number,
  r: { findings: readonly Finding[]; exposureRaised: boolean; holds: readonly Finding[] },
): RecordedEvent {
  return {
    type: 'change.reassessed',
    ruleIds: [...new Set(r.findings.map((f) => f.ruleId))],
    data: {
      changeRequest: record.id,
      revision,
      exposureRaised: r.exposureRaised,
      holds: [...new Set(r.holds.map((f) => f.ruleId))],
      findings: r.findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        messageKey: f.messageKey,
        params: f.params,
      })),
    },
  };
}

/**
 * An approved change or cancellation takes effect (CH-3, CH-5…CH-7): after the last approval,
 * or, for a contract order, once the signed amendment is recorded (`record.amendment`).
 *
 * - A cancellation cancels the order (`cancellationApprovedOutcome`).
 * - A change becomes the order's next revision (the patch applied to the revision it was written
 *   against), with its CH-6 / CH-7 effects and records (`changeApprovedOutcome`). The rules of
 *   submission then run again on the new revision, at this instant, with the requester's
 *   authority and the customer's credit facts as the store holds them (`reassessChange`): their
 *   findings become the order's assessment, are on the result and in a `change.reassessed`
 *   record. A block the change brings (RV-1…) refuses it with `BLOCKED`: the request stays
 *   pending, to be rejected or withdrawn. A change that raises the order's amount and takes the
 *   exposure over the limit (or meets another credit hold: CR-1, CR-6) puts the order on credit
 *   hold (`holdForCredit`), to return to the status it had once released; otherwise it returns
 *   there at once.
 *
 * @example
 * applyApprovedChange(state, record, ctx, { at: now, by: 'u-wang', effects: [], events: [] });
 * // { ok: true, order: { revision: 2, … }, state: { status: 'credit_hold' | 'confirmed', … }, findings }
 */
export function applyApprovedChange(
  state: OrderWorkflow,
  record: ChangeRequestRecord,
  ctx: TransitionContext,
  done: { at: string; by: string; effects: EffectDraft[]; events: RecordedEvent[] },
): TransitionResult {
  const { policy, order, now } = ctx;
  const { at, by } = done;
  if (record.kind === 'cancel') {
    const outcome = cancellationApprovedOutcome(record, { order, at, by });
    // RV-7, CH-3: a ship-before-payment exception still pending dies with the order: withdrawn,
    // its open approval activities closed.
    const decided = decidedState(state, record, { outcome: 'approved', at, by });
    const exceptions = decided.credit?.shippingExceptions ?? [];
    const pending = exceptions.filter((e) => e.status === 'pending');
    return {
      ok: true,
      state: {
        ...decided,
        status: 'cancelled',
        ...(pending.length > 0 && decided.credit
          ? {
              credit: {
                ...decided.credit,
                shippingExceptions: exceptions.map((e) =>
                  e.status === 'pending'
                    ? { ...e, status: 'withdrawn' as const, decidedAt: at, decidedBy: by }
                    : e,
                ),
              },
            }
          : {}),
      },
      effects: [
        ...done.effects,
        ...pending.flatMap((e) => closeAllEffects(e.route)),
        ...outcome.effects,
      ],
      events: [...done.events, ...outcome.events],
      findings: [],
    };
  }
  // The order cannot have moved while the request was pending (only change events are accepted
  // in change_pending and none of them writes the order), so this is a guard, not a code path.
  if (order.revision !== record.baseRevision) {
    return refuse(
      'CONFLICT',
      `the order moved from revision ${String(record.baseRevision)} to ${String(order.revision)}`,
      {
        messageKey: 'change.conflict.revision',
        params: { base: record.baseRevision, current: order.revision },
      },
    );
  }
  const applied = applyChangePatch(order, record.patch, policy);
  if (!applied.ok) {
    return refuse('INVALID_PATCH', 'the approved patch no longer fits the order', {
      ruleId: 'CH-2',
      messageKey: 'change.patch.invalid',
      params: { revision: order.revision, count: applied.findings.length },
      findings: applied.findings,
    });
  }
  const patched = applied.order;
  const next = {
    ...patched,
    revision: order.revision + 1,
    customerRequestedChange:
      patched.customerRequestedChange ||
      (record.customerRequested && record.classification.material.length > 0),
  };
  const reassessed = reassessChange(
    order,
    next,
    {
      policy,
      submittedAt: now,
      submitter: { id: record.requestedBy, groups: [...(record.requesterGroups ?? [])] },
      ...(ctx.customer ? { customer: ctx.customer } : {}),
    },
    { credit: true },
  );
  if (reassessed.blocks.length > 0) {
    return refuse('BLOCKED', `change request ${record.id} breaks the rules on the new revision`, {
      messageKey: 'change.apply.blocked',
      params: { request: record.id, count: reassessed.blocks.length },
      findings: reassessed.blocks,
    });
  }
  const diff = diffRevisions(order, next);
  const outcome = changeApprovedOutcome(record, { before: order, after: next, diff, at, by });
  const changed: OrderWorkflow = {
    ...decidedState(state, record, { outcome: 'approved', at, by, revision: next.revision }),
    status: record.resumeStatus,
    findings: reassessed.findings,
  };
  const assessed = reassessedEvent(record, next.revision, reassessed);
  const effects = [
    ...done.effects,
    ...outcome.effects,
    ...findingMessages(reassessed.introduced.filter((f) => f.severity === 'warn')),
  ];
  const events = [...done.events, ...outcome.events];
  if (reassessed.holds.length > 0) {
    const held = holdForCredit(
      changed,
      reassessed.findings,
      { ...ctx, order: next },
      { resumeStatus: record.resumeStatus, assessed, events, effects },
    );
    return held.ok ? { ...held, order: next } : held;
  }
  return {
    ok: true,
    state: changed,
    order: next,
    effects,
    events: [...events, assessed],
    findings: reassessed.findings,
  };
}
