import type { Actor } from '../../model/Actor.js';
import { finding } from '../../rules/shared/finding.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { completesOnClose, completion } from './complete.js';
import { progressRefusal } from './trackingAccess.js';
import {
  emptyTracking,
  openIssues,
  type AcceptanceIssue,
  type IssueReport,
  type TrackingState,
} from '../../state/TrackingState.js';

/**
 * REPORT_ACCEPTANCE_ISSUE (delivered or settled, TR-3): the customer reports damage, a quantity
 * mismatch or a quality problem, each with its remedy (replace, return, repair), or a late
 * delivery, with a remedy or none; an issue `ISS-n` opens and stays open until closed — keeping
 * after-sales open, which blocks completion (TR-4) and archiving (AR-1) — and counts in the
 * complaint rate (TR-5). The owner and the policy's `tracking.issues.notifyRoles` are told.
 *
 * @example
 * transition(state, { type: 'REPORT_ACCEPTANCE_ISSUE', actor, kind: 'damage', remedy: 'replace', description: '2 pumps dented' }, ctx);
 * transition(state, { type: 'REPORT_ACCEPTANCE_ISSUE', actor, kind: 'late_delivery', description: 'arrived 6 days late' }, ctx);
 */
export function reportAcceptanceIssue(
  state: OrderWorkflow,
  event: { actor: Actor } & IssueReport,
  ctx: TransitionContext,
): TransitionResult {
  const description = event.description.trim();
  if (description === '') {
    return refuse('REASON_REQUIRED', 'an acceptance issue needs a description (TR-3)', {
      messageKey: 'tracking.issue.descriptionRequired',
      params: {},
    });
  }
  const denied = progressRefusal(state, event.actor, ctx);
  if (denied) return denied;
  const known = new Set(ctx.order.lines.map((l) => l.id));
  const unknown = (event.lineIds ?? []).filter((id) => !known.has(id));
  if (unknown.length > 0) {
    return refuse('INVALID_TRANSITION', `no such order line: ${unknown.join(', ')}`, {
      messageKey: 'tracking.issue.unknownLine',
      params: { lines: unknown.join(', ') },
    });
  }
  const tracking = state.tracking ?? emptyTracking();
  const issue: AcceptanceIssue = {
    id: `ISS-${String(tracking.issues.length + 1)}`,
    kind: event.kind,
    ...(event.remedy !== undefined ? { remedy: event.remedy } : {}),
    description,
    lineIds: [...(event.lineIds ?? [])],
    reportedAt: ctx.now,
    reportedBy: event.actor.id,
    status: 'open',
  };
  const opened = finding(ctx.policy, {
    ruleId: 'TR-3',
    severity: 'info',
    messageKey: ['tracking.issue.opened', issue.kind, ...(issue.remedy ? [issue.remedy] : [])].join(
      '.',
    ),
    params: { issue: issue.id, description },
    evidence: issue.lineIds.map((id) => ({ field: `lines.${id}` })),
  });
  return {
    ok: true,
    state: { ...state, tracking: { ...tracking, issues: [...tracking.issues, issue] } },
    effects: [
      {
        type: 'notify',
        to: { roles: ctx.policy.tracking.issues.notifyRoles, users: [state.owner] },
        messageKey: opened.messageKey,
        params: opened.params,
        ruleId: 'TR-3',
      },
    ],
    events: [{ type: 'acceptance.issueReported', ruleIds: ['TR-3'], data: { ...issue } }],
    findings: [opened],
  };
}

/**
 * CLOSE_ISSUE (delivered or settled, TR-3): an acceptance issue is resolved, with the resolution
 * recorded. When it was the last open one, after-sales is done: a settled order is then completed
 * at once (TR-4: `order.completed` naming the issue, `tracking.completed` posted), unless the
 * policy asks for an explicit completion step (`tracking.completion: 'explicit'`).
 *
 * @example
 * transition(state, { type: 'CLOSE_ISSUE', actor, issueId: 'ISS-1', resolution: 'replacement delivered' }, ctx);
 */
export function closeIssue(
  state: OrderWorkflow,
  event: { actor: Actor; issueId: string; resolution: string },
  ctx: TransitionContext,
): TransitionResult {
  const tracking = state.tracking ?? emptyTracking();
  const issue = tracking.issues.find((i) => i.id === event.issueId);
  if (!issue) {
    return refuse('UNKNOWN_ISSUE', `no acceptance issue ${event.issueId} on this order`, {
      messageKey: 'tracking.issue.unknown',
      params: { issue: event.issueId },
    });
  }
  if (issue.status === 'closed') {
    return refuse('INVALID_TRANSITION', `${issue.id} is already closed`, {
      messageKey: 'tracking.issue.alreadyClosed',
      params: { issue: issue.id },
    });
  }
  const resolution = event.resolution.trim();
  if (resolution === '') {
    return refuse('REASON_REQUIRED', 'closing an issue needs its resolution (TR-3)', {
      messageKey: 'tracking.issue.resolutionRequired',
      params: {},
    });
  }
  const denied = progressRefusal(state, event.actor, ctx);
  if (denied) return denied;
  const closed: AcceptanceIssue = {
    ...issue,
    status: 'closed',
    closedAt: ctx.now,
    closedBy: event.actor.id,
    resolution,
  };
  const issues = tracking.issues.map((i) => (i.id === issue.id ? closed : i));
  const after: TrackingState = { ...tracking, issues };
  const remaining = openIssues(after).length;
  const closing = {
    effects: [
      {
        type: 'postMessage',
        messageKey: 'tracking.issue.closed',
        params: { issue: issue.id, resolution, remaining },
        ruleId: 'TR-3',
      },
    ] satisfies EffectDraft[],
    events: [
      {
        type: 'acceptance.issueClosed',
        ruleIds: ['TR-3'],
        data: { id: issue.id, closedAt: ctx.now, closedBy: event.actor.id, resolution, remaining },
      },
    ] satisfies RecordedEvent[],
  };
  if (!completesOnClose(state, after, ctx)) {
    return { ok: true, state: { ...state, tracking: after }, ...closing, findings: [] };
  }
  // TR-4: the last open issue of a delivered, settled order: after-sales is done, so is the order.
  const done = completion(after, { by: event.actor.id, issue: issue.id }, ctx);
  return {
    ok: true,
    state: { ...state, tracking: done.tracking },
    effects: [...closing.effects, ...done.effects],
    events: [...closing.events, ...done.events],
    findings: [],
  };
}
