import { orderParties } from '../shared/orderParties.js';
import { activeSteps } from '../../approvals/buildRoute.js';
import { reviewDeadline } from '../../approvals/reviewDeadline.js';
import type { Actor } from '../../model/Actor.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { Finding } from '../../model/Finding.js';
import { holdsRole } from '../../policy/roles.js';
import { missingInformation } from '../../rules/intake/requiredInformation.js';
import { assessChange } from '../../rules/change/assessChange.js';
import { classifyCancellation, classifyChange } from '../../rules/change/classifyChange.js';
import { reassessChange, routeFinding } from './reassessChange.js';
import { findingMessages, refuse, scheduleEffects } from '../shared/internal.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { applyChangePatch } from './applyChangePatch.js';
import { buildChangeRoute } from './buildChangeRoute.js';
import type { AnyChangeRequest, ChangeRequestRecord } from '../../state/ChangeRequest.js';
import { diffRevisions, isEmptyDiff } from '../../rules/change/diffRevisions.js';

/**
 * REQUEST_CHANGE (confirmed, in fulfilment): a change or cancellation request on a locked order
 * (CH-1). Refused with `CONFLICT` when another request is pending or the request was written
 * against a revision that is no longer current (CH-5) — so of concurrent requests on one
 * revision exactly one is accepted; `NOT_ELIGIBLE` unless the actor owns the order or holds a
 * role of `change.requestRoles` (CH-2); `REASON_REQUIRED` without a reason (and, for a change,
 * its impact: CH-2, CH-3). The patch is applied to the current revision (`applyChangePatch`):
 * `INVALID_PATCH` (CH-2, CH-3) with one finding per operation that does not fit it, or when it
 * changes nothing; `BLOCKED` (IN-2) with the IN-2 findings the change would introduce (a zero
 * quantity, a blanked contact…): a change may not leave the order incomplete. The review rules
 * then run on the revision the change would make, at the request's instant and with the
 * requester's authority (`reassessChange`): a block the change brings (a delivery date in the
 * past, a lead time too short, a zero price: RV-1) is `BLOCKED` with those findings, and what it
 * brings otherwise (an RV-7 payment-term exception, an RV-6 discount…) joins its route with its
 * own rule. The request is classified and routed (`assessChange`, `buildChangeRoute`) and the
 * order waits in `change_pending`, remembering the status to return to.
 *
 * @example
 * requestChange(state, { actor: li, request: ChangeRequest.parse(input) }, { policy, order, now });
 * // { ok: true, state: { status: 'change_pending', change: { pending: { route, … } } }, … }
 * @throws {ValidationError} when the patched order is malformed (e.g. a quantity given as text).
 */
export function requestChange(
  state: OrderWorkflow,
  event: { actor: Actor; request: AnyChangeRequest },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, order, now } = ctx;
  const { actor, request } = event;
  const pending = state.change?.pending;
  if (pending) {
    return refuse('CONFLICT', `change request ${pending.id} is already pending`, {
      messageKey: 'change.conflict.pending',
      params: { request: pending.id },
    });
  }
  if (request.baseRevision !== undefined && request.baseRevision !== order.revision) {
    return refuse(
      'CONFLICT',
      `the request is based on revision ${String(request.baseRevision)}, the order is at revision ${String(order.revision)}`,
      {
        messageKey: 'change.conflict.revision',
        params: { base: request.baseRevision, current: order.revision },
      },
    );
  }
  const allowed =
    actor.id === state.owner || policy.change.requestRoles.some((r) => holdsRole(policy, actor, r));
  if (!allowed) {
    return refuse('NOT_ELIGIBLE', `${actor.id} may not request a change of this order`, {
      messageKey: 'change.request.notAllowed',
      params: { actor: actor.id },
    });
  }
  const reason = request.reason.trim();
  const impact = request.impact.trim();
  if (reason === '' || (request.kind === 'change' && impact === '')) {
    return refuse(
      'REASON_REQUIRED',
      request.kind === 'change'
        ? 'a change request states its reason and impact (CH-2)'
        : 'a cancellation states its reason (CH-3)',
      {
        messageKey:
          request.kind === 'change'
            ? 'change.request.reasonRequired'
            : 'change.cancel.reasonRequired',
        params: {},
      },
    );
  }

  let assessment;
  let classification;
  if (request.kind === 'change') {
    const applied = applyChangePatch(order, request.patch, policy);
    if (!applied.ok) {
      const { findings } = applied;
      return refuse(
        'INVALID_PATCH',
        `the patch does not fit revision ${String(order.revision)}: ${findings
          .map((f) => f.evidence[0]?.field ?? '')
          .join(', ')}`,
        {
          ruleId: findings[0]?.ruleId ?? 'CH-2',
          messageKey: 'change.patch.invalid',
          params: { revision: order.revision, count: findings.length },
          findings,
        },
      );
    }
    const proposed = applied.order;
    const diff = diffRevisions(order, proposed);
    if (isEmptyDiff(diff)) {
      return refuse('INVALID_PATCH', 'the patch changes nothing', {
        ruleId: 'CH-2',
        messageKey: 'change.patch.noChange',
        params: { revision: order.revision },
      });
    }
    const gaps = introducedGaps(order, proposed, policy);
    if (gaps.length > 0) {
      return refuse('BLOCKED', 'the change would leave the order without required information', {
        ruleId: 'IN-2',
        messageKey: 'change.request.incomplete',
        params: { count: gaps.length },
        findings: gaps,
      });
    }
    classification = classifyChange(diff, { policy, order });
    // The review rules on the revision the change would make, against the current one (RV-1,
    // RV-5…RV-7): what the change brings routes it, and what it breaks refuses it now.
    const review = reassessChange(
      order,
      {
        ...proposed,
        customerRequestedChange:
          proposed.customerRequestedChange ||
          (request.customerRequested && classification.material.length > 0),
      },
      { policy, submittedAt: now, submitter: actor },
      { credit: false },
    );
    const blocks = review.blocks.filter((f) => f.ruleId !== 'IN-2');
    if (blocks.length > 0) {
      return refuse('BLOCKED', 'the change would break company policy', {
        messageKey: 'change.request.blocked',
        params: { count: blocks.length },
        findings: blocks,
      });
    }
    const route = routeFinding(review.findings);
    assessment = assessChange(
      {
        kind: 'change',
        current: order,
        proposed,
        customerRequested: request.customerRequested,
        classification,
        reason,
        ...(route ? { route } : {}),
        review: review.introduced,
      },
      policy,
    );
  } else {
    classification = classifyCancellation(order, policy);
    assessment = assessChange(
      {
        kind: 'cancel',
        current: order,
        customerRequested: request.customerRequested,
        classification,
        reason,
      },
      policy,
    );
  }
  const route = buildChangeRoute(assessment, {
    policy,
    now,
    reviewDeadline: reviewDeadline(order, policy, now),
  });
  const history = state.change?.history ?? [];
  const seq = history.length + 1;
  const record: ChangeRequestRecord = {
    id: `${order.id}/change-${String(seq)}`,
    seq,
    kind: request.kind,
    requestedBy: actor.id,
    requesterGroups: [...actor.groups],
    requestedAt: now,
    reason,
    impact,
    customerRequested: request.customerRequested,
    baseRevision: order.revision,
    patch: request.kind === 'change' ? request.patch : [],
    classification,
    findings: assessment.findings,
    route,
    resumeStatus: state.status,
  };
  const { findings } = assessment;
  return {
    ok: true,
    state: { ...state, status: 'change_pending', change: { history, pending: record } },
    effects: [
      {
        type: 'postMessage',
        messageKey: request.kind === 'change' ? 'change.requested' : 'change.cancel.requested',
        params: { request: record.id, actor: actor.id, revision: order.revision, reason },
        ruleId: request.kind === 'change' ? 'CH-1' : 'CH-3',
      },
      ...findingMessages(findings.filter((f) => f.severity !== 'approval')),
      ...scheduleEffects(activeSteps(route), policy, [actor.id, ...orderParties(state)]),
    ],
    events: [
      {
        type: request.kind === 'change' ? 'change.requested' : 'change.cancellationRequested',
        ruleIds: [...new Set(findings.map((f) => f.ruleId))],
        data: {
          request: record.id,
          kind: record.kind,
          baseRevision: record.baseRevision,
          reason,
          impact,
          customerRequested: record.customerRequested,
          patch: record.patch,
          fields: classification.fields,
          material: classification.material,
          steps: route.steps.map((s) => s.key),
        },
      },
    ],
    findings,
  };
}

/** What names an IN-2 gap across revisions: its item, and its line by id (positions shift). */
function gapKey(f: Finding): string {
  const line = f.params.lineId;
  return line === undefined
    ? `${f.messageKey}|${f.evidence.map((e) => e.field).join(',')}`
    : `${f.messageKey}|${String(line)}`;
}

/**
 * IN-2 findings of the proposed revision that the current one does not have: what the change
 * would break. Gaps already there (e.g. an item the policy began to require later) do not stop
 * an unrelated change.
 */
function introducedGaps(current: Order, proposed: Order, policy: Policy): Finding[] {
  const after = missingInformation(proposed, policy);
  if (after.length === 0) return after;
  const before = new Set(missingInformation(current, policy).map(gapKey));
  return after.filter((f) => !before.has(gapKey(f)));
}
