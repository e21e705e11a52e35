import type { Policy } from '../policy/Policy.js';
import { departmentOf } from '../policy/roles.js';
import type { Capacity } from './capacities.js';
import type { ApprovalRecord, RouteStep } from './Route.js';

/** A capacity in which an approval would count on a step, and whether it counts as escalation. */
export type Contribution = Capacity & { escalated: boolean };

/**
 * The capacity in which an actor would add something to a step, if any: a role the step escalated
 * to (RV-2), else one of the step's roles that its mode still needs (`all`: a role nobody approved
 * in yet; `eachDepartment`: a department nobody signed for yet; `any` / `mOfN`: any of its roles).
 * Pass capacities already cleared of segregation of duties (`unbarredCapacities`).
 *
 * @example
 * stepContribution(jointReview, [{ role: 'production' }], policy); // { role: 'production', escalated: false }
 */
export function stepContribution(
  step: RouteStep,
  caps: readonly Capacity[],
  policy: Policy,
): Contribution | undefined {
  for (const cap of caps) {
    if (step.escalatedTo.includes(cap.role) && !step.roles.includes(cap.role)) {
      return { ...cap, escalated: true };
    }
  }
  const usable = caps.filter((c) => step.roles.includes(c.role));
  const fresh = usable.find((c) => {
    if (step.mode === 'all') return !step.approvals.some((a) => a.role === c.role);
    if (step.mode === 'eachDepartment') {
      const dept = departmentOf(policy, c.role);
      return !step.approvals.some((a) => a.department === dept);
    }
    return true;
  });
  return fresh ? { ...fresh, escalated: false } : undefined;
}

/** The people an approval record speaks for: who clicked, and whom they stood in for. */
function people(record: Pick<ApprovalRecord, 'actor' | 'onBehalfOf'>): string[] {
  return record.onBehalfOf ? [record.actor, record.onBehalfOf] : [record.actor];
}

/**
 * Whether the actor — or anyone they could act for — already approved the step: one person,
 * one approval per step, whether given in person or through a delegate.
 *
 * @example
 * hasApproved(step, 'u-zhou', [{ role: 'salesHead', onBehalfOf: 'u-wang' }]); // true once Wang approved
 */
export function hasApproved(step: RouteStep, actorId: string, caps: readonly Capacity[]): boolean {
  const me = new Set([actorId, ...caps.flatMap((c) => (c.onBehalfOf ? [c.onBehalfOf] : []))]);
  return step.approvals.some((a) => people(a).some((p) => me.has(p)));
}

/**
 * Whether any capacity holds one of the step's roles or a role it escalated to, whatever the
 * step's approvals so far.
 *
 * @example
 * holdsStep(salesHeadStep, [{ role: 'salesHead' }]); // true
 */
export function holdsStep(step: RouteStep, caps: readonly Capacity[]): boolean {
  return caps.some((c) => step.roles.includes(c.role) || step.escalatedTo.includes(c.role));
}
