import type { Finding } from '../model/Finding.js';
import type { RuleId } from '../model/RuleId.js';
import type { Policy } from '../policy/Policy.js';
import { addHours } from './deadlines.js';
import type { Route, RouteStep } from './Route.js';

/** Inputs of `buildRoute` besides the findings. */
export interface BuildRouteOptions {
  policy: Policy;
  /** When the route starts: the first stage becomes active now. */
  now: string;
  /** The review deadline (RV-2) counted from receipt. */
  reviewDeadline: string;
}

/**
 * Builds an order's approval route from the `approval` findings: every step a finding names,
 * once, with the rules that require it; ordered by the policy's stages; the first stage active.
 *
 * @example
 * const route = buildRoute(assessment.findings, { policy, now, reviewDeadline });
 * route.steps.map((s) => s.key); // ['jointReview', 'salesHead']
 */
export function buildRoute(findings: readonly Finding[], options: BuildRouteOptions): Route {
  const { policy } = options;
  const required = new Map<string, Set<RuleId>>();
  for (const f of findings) {
    if (f.severity !== 'approval') continue;
    for (const key of f.steps ?? []) {
      const rules = required.get(key) ?? new Set<RuleId>();
      rules.add(f.ruleId);
      required.set(key, rules);
    }
  }
  const steps: RouteStep[] = [];
  for (const [key, ruleIds] of required) {
    const def = policy.approvals.steps[key];
    // Policy validation guarantees routes name known steps; a rule naming an unknown one is a bug.
    if (!def) throw new Error(`approval step "${key}" is not defined in the policy`);
    steps.push({
      key,
      label: def.label,
      stage: def.stage,
      roles: def.roles,
      mode: def.mode,
      ...(def.m === undefined ? {} : { m: def.m }),
      ruleIds: [...ruleIds],
      status: 'waiting',
      overdue: false,
      escalatedTo: [],
      approvals: [],
    });
  }
  steps.sort((a, b) => a.stage - b.stage || a.key.localeCompare(b.key));
  return activateNextStage({ steps, reviewDeadline: options.reviewDeadline }, policy, options.now);
}

/**
 * Activates every step of the lowest stage that still has unapproved steps, giving each its
 * deadline: the step's own `deadlineHours` from now, capped by the review deadline.
 *
 * @example
 * activateNextStage(route, policy, '2026-03-02T14:00:00+08:00'); // e.g. salesHead active once jointReview is approved
 */
export function activateNextStage(route: Route, policy: Policy, now: string): Route {
  const pending = route.steps.filter((s) => s.status !== 'approved');
  if (pending.length === 0) return route;
  const stage = Math.min(...pending.map((s) => s.stage));
  return {
    ...route,
    steps: route.steps.map((step) => {
      if (step.stage !== stage || step.status !== 'waiting') return step;
      const hours = policy.approvals.steps[step.key]?.deadlineHours;
      const own =
        hours === undefined
          ? route.reviewDeadline
          : addHours(now, hours, {
              calendar: policy.review.deadlines.calendar,
              timeZone: policy.timeZone,
            });
      const deadline =
        Date.parse(own) < Date.parse(route.reviewDeadline) ? own : route.reviewDeadline;
      return { ...step, status: 'active' as const, activatedAt: now, deadline };
    }),
  };
}

/**
 * Whether every step of the route is approved.
 *
 * @example
 * isRouteComplete(route); // true once jointReview and salesHead are both approved
 */
export function isRouteComplete(route: Route): boolean {
  return route.steps.every((s) => s.status === 'approved');
}

/**
 * The steps currently waiting for approvers.
 *
 * @example
 * activeSteps(route).map((s) => s.key); // ['jointReview']
 */
export function activeSteps(route: Route): RouteStep[] {
  return route.steps.filter((s) => s.status === 'active');
}
