import type { Policy } from '../policy/Policy.js';
import type { Route, RouteStep } from './Route.js';

/** A step found overdue by `checkDeadlines`, and who it was escalated to. */
export interface OverdueStep {
  step: string;
  deadline: string;
  escalatedTo: readonly string[];
}

/**
 * Marks active steps whose deadline has passed (strictly after, per our reading of the regulations) as overdue and
 * escalates them to the next level: the step's `escalateTo`, or the `nextLevel` of each of its
 * roles (RV-2). Returns the steps that became overdue now; a step is escalated once.
 *
 * @example
 * const { route, overdue } = checkDeadlines(order.route, policy, clock.now());
 */
export function checkDeadlines(
  route: Route,
  policy: Policy,
  now: string,
): { route: Route; overdue: OverdueStep[] } {
  const nowMs = Date.parse(now);
  const overdue: OverdueStep[] = [];
  const steps = route.steps.map((step): RouteStep => {
    if (step.status !== 'active' || step.overdue || step.deadline === undefined) return step;
    if (!(nowMs > Date.parse(step.deadline))) return step;
    const def = policy.approvals.steps[step.key];
    const targets = def?.escalateTo
      ? [def.escalateTo]
      : [...new Set(step.roles.flatMap((r) => policy.roles[r]?.nextLevel ?? []))];
    overdue.push({ step: step.key, deadline: step.deadline, escalatedTo: targets });
    return { ...step, overdue: true, escalatedTo: targets };
  });
  return { route: overdue.length ? { ...route, steps } : route, overdue };
}
