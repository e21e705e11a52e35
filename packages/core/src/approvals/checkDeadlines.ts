import type { Policy } from '../policy/Policy.js';
import { levelAbove } from '../policy/roles.js';
import type { Route, RouteStep } from './Route.js';

/** A step found overdue by `checkDeadlines`, and who it was escalated to. */
export interface OverdueStep {
  step: string;
  deadline: string;
  escalatedTo: readonly string[];
}

/**
 * RV-2: the level an overdue step escalates to — the one level the policy names for the step: its
 * `escalateTo`, else the one level above every role of the step (`levelAbove`: a one-role step's
 * next level; the general manager for the default joint review). Empty when there is none (a
 * step of the president's).
 *
 * @example
 * escalationLevel(route.steps[0], policy); // ['generalManager']
 */
export function escalationLevel(
  step: Pick<RouteStep, 'key' | 'roles'>,
  policy: Pick<Policy, 'approvals' | 'roles'>,
): string[] {
  const level = policy.approvals.steps[step.key]?.escalateTo ?? levelAbove(policy, step.roles);
  return level === undefined ? [] : [level];
}

/**
 * Marks active steps whose deadline has passed (strictly after, per our reading of the
 * regulations) as overdue and escalates each to its one next level (`escalationLevel`), not to
 * the next level of every role on it (RV-2). Returns the steps that became overdue now; a step is
 * escalated once.
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
    const targets = escalationLevel(step, policy);
    overdue.push({ step: step.key, deadline: step.deadline, escalatedTo: targets });
    return { ...step, overdue: true, escalatedTo: targets };
  });
  return { route: overdue.length ? { ...route, steps } : route, overdue };
}
