import type { Route, RouteStep } from '../../approvals/Route.js';
import type { Finding, MessageParam } from '../../model/Finding.js';
import type { RuleId } from '../../model/RuleId.js';
import type { Policy } from '../../policy/Policy.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';

/**
 * Effects asking the holders of each newly active step to approve it — only those who may act on
 * it now: `barred` (the parties segregation of duties keeps out) are left out of `users` and
 * named in `barred`, so a connector resolving the roles leaves them out too.
 */
export function scheduleEffects(
  steps: readonly RouteStep[],
  policy: Policy,
  barred: readonly string[] = [],
): EffectDraft[] {
  const out = new Set(barred);
  return steps.map((s) => ({
    type: 'scheduleApproval' as const,
    step: s.key,
    roles: [...s.roles, ...s.escalatedTo],
    users: [
      ...new Set([...s.roles, ...s.escalatedTo].flatMap((r) => policy.roles[r]?.users ?? [])),
    ].filter((u) => !out.has(u)),
    ...(out.size > 0 ? { barred: [...out] } : {}),
    ...(s.deadline ? { deadline: s.deadline } : {}),
    ruleIds: s.ruleIds,
  }));
}

/** Steps active in `after` that were not active in `before`. */
export function newlyActive(before: Route | undefined, after: Route): RouteStep[] {
  const was = new Set(before?.steps.filter((s) => s.status === 'active').map((s) => s.key) ?? []);
  return after.steps.filter((s) => s.status === 'active' && !was.has(s.key));
}

/** Effects closing every open approval activity of a route. */
export function closeAllEffects(route: Route | undefined): EffectDraft[] {
  return (route?.steps ?? [])
    .filter((s) => s.status === 'active')
    .map((s) => ({ type: 'closeApproval' as const, step: s.key }));
}

/** A refusal result. */
export function refuse(
  code: Extract<TransitionResult, { ok: false }>['code'],
  message: string,
  extra: {
    findings?: readonly Finding[];
    step?: string;
    ruleId?: RuleId;
    messageKey?: string;
    params?: Readonly<Record<string, MessageParam>>;
  } = {},
): TransitionResult {
  return { ok: false, code, message, ...extra };
}

/** Chatter messages for findings (one per finding, keeping its key and parameters). */
export function findingMessages(findings: readonly Finding[]): EffectDraft[] {
  return findings.map((f) => ({
    type: 'postMessage' as const,
    messageKey: f.messageKey,
    params: f.params,
    ruleId: f.ruleId,
  }));
}

/** The `order.assessed` audit record of an assessment: every finding's rule, severity and message. */
export function assessedEvent(findings: readonly Finding[]): RecordedEvent {
  return {
    type: 'order.assessed',
    ruleIds: [...new Set(findings.map((f) => f.ruleId))],
    data: {
      findings: findings.map((f) => ({
        ruleId: f.ruleId,
        severity: f.severity,
        messageKey: f.messageKey,
        params: f.params,
      })),
    },
  };
}
