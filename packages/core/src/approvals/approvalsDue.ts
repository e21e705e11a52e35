import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import { capacities } from './capacities.js';
import type { Route } from './Route.js';
import { hasApproved, stepContribution } from './stepContribution.js';
import { unbarredCapacities } from './unbarredCapacities.js';

/** A step of a route that still waits for an act of one approver. */
export interface DueApproval {
  step: string;
  stage: number;
  /**
   * True when the step is active now; false while it waits for an earlier stage — the act will
   * be due once that stage is done (unless a colleague in the same role signs first).
   */
  open: boolean;
  /** The role the approver would sign in. */
  role: string;
  /** Whom the approver would stand in for, when the role is delegated to them. */
  onBehalfOf?: string;
}

/**
 * "One approver, one act": every step of a route that still needs an act of this actor — steps
 * not approved yet where their approval would count (roles, delegation, escalation, the step's
 * mode), that they have not approved, and that segregation of duties lets them decide. Steps of
 * a later stage are listed with `open: false`: they are not open yet, but the act will be due.
 * Panels and work queues use it to tell an approver that a second act is coming.
 *
 * @example
 * approvalsDue(route, { actor: liu, at: now }, { policy, owners: ['u-li'] });
 * // [{ step: 'jointReview', stage: 20, open: false, role: 'production' }]
 */
export function approvalsDue(
  route: Route,
  input: { actor: Pick<Actor, 'id' | 'groups'>; at: string },
  ctx: { policy: Policy; owners: readonly string[] },
): DueApproval[] {
  const { policy, owners } = ctx;
  const all = capacities(policy, input.actor, input.at);
  const { usable } = unbarredCapacities(all, { actor: input.actor.id, barred: owners });
  const due: DueApproval[] = [];
  for (const step of route.steps) {
    if (step.status === 'approved' || hasApproved(step, input.actor.id, usable)) continue;
    const cap = stepContribution(step, usable, policy);
    if (!cap) continue;
    due.push({
      step: step.key,
      stage: step.stage,
      open: step.status === 'active',
      role: cap.role,
      ...(cap.onBehalfOf ? { onBehalfOf: cap.onBehalfOf } : {}),
    });
  }
  return due;
}
