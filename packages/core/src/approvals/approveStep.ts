import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import { departmentOf } from '../policy/roles.js';
import { activateNextStage } from './buildRoute.js';
import { capacities, type Capacity } from './capacities.js';
import type { ApprovalRecord, Route, RouteStep } from './Route.js';

/** Why an approval was refused. */
export type ApprovalRefusalCode =
  /** Segregation of duties: the actor (or whoever they act for) submitted or owns the order. */
  | 'SELF_APPROVAL'
  /** The actor holds none of the roles the step needs. */
  | 'NOT_ELIGIBLE'
  /** The actor (or the person they act for) already approved this step. */
  | 'ALREADY_APPROVED'
  /** The step exists but is waiting for an earlier stage, or is done. */
  | 'STEP_NOT_ACTIVE'
  | 'UNKNOWN_STEP';

/** Input of `approveStep`. */
export interface ApproveStepInput {
  actor: Pick<Actor, 'id' | 'groups'>;
  at: string;
  /** The step to approve; the first active step the actor can approve when absent. */
  step?: string;
  comment?: string;
}

/** Context of `approveStep`. */
export interface ApproveStepContext {
  policy: Policy;
  /** Users who may not approve: the order's salesperson and submitter, a change's requester. */
  owners: readonly string[];
}

/** Outcome of `approveStep`. */
export type ApproveStepResult =
  | { ok: true; route: Route; step: RouteStep; record: ApprovalRecord; stepCompleted: boolean }
  | { ok: false; code: ApprovalRefusalCode; step?: string };

function person(record: Pick<ApprovalRecord, 'actor' | 'onBehalfOf'>): string[] {
  return record.onBehalfOf ? [record.actor, record.onBehalfOf] : [record.actor];
}

function isSatisfied(step: RouteStep, policy: Policy): boolean {
  if (step.approvals.some((a) => a.escalated)) return true;
  switch (step.mode) {
    case 'any':
      return step.approvals.length >= 1;
    case 'all':
      return step.roles.every((r) => step.approvals.some((a) => a.role === r));
    case 'eachDepartment': {
      const needed = new Set(step.roles.map((r) => departmentOf(policy, r)));
      return [...needed].every((d) => step.approvals.some((a) => a.department === d));
    }
    case 'mOfN':
      return new Set(step.approvals.map((a) => a.actor)).size >= (step.m ?? 1);
  }
}

/** The capacity in which the actor would add something to the step, if any. */
function contribution(
  step: RouteStep,
  caps: readonly Capacity[],
  policy: Policy,
): (Capacity & { escalated: boolean }) | undefined {
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

/**
 * Records one approval on a route, enforcing eligibility (roles, delegation, escalation) and
 * segregation of duties: nobody approves an order or change they submitted, nor does their
 * delegate on their behalf, and nobody approves the same step twice. When the step's mode is
 * satisfied it is approved, and when its stage is done the next stage becomes active.
 *
 * @example
 * const r = approveStep(route, { actor: head, at: now }, { policy, owners: ['u-li'] });
 * if (!r.ok) console.log(r.code); // 'SELF_APPROVAL' | 'NOT_ELIGIBLE' | …
 */
export function approveStep(
  route: Route,
  input: ApproveStepInput,
  ctx: ApproveStepContext,
): ApproveStepResult {
  const { policy, owners } = ctx;
  const { actor, at } = input;
  const caps = capacities(policy, actor, at).filter(
    (c) =>
      !owners.includes(actor.id) && (c.onBehalfOf === undefined || !owners.includes(c.onBehalfOf)),
  );
  const allCaps = capacities(policy, actor, at);

  let target: RouteStep | undefined;
  if (input.step !== undefined) {
    target = route.steps.find((s) => s.key === input.step);
    if (!target) return { ok: false, code: 'UNKNOWN_STEP', step: input.step };
    if (target.status !== 'active') return { ok: false, code: 'STEP_NOT_ACTIVE', step: target.key };
  } else {
    const active = route.steps.filter((s) => s.status === 'active');
    target =
      active.find((s) => contribution(s, caps, policy) && !hasApproved(s, actor.id, caps)) ??
      active.find((s) => contribution(s, allCaps, policy)) ??
      active[0];
    if (!target) return { ok: false, code: 'STEP_NOT_ACTIVE' };
  }

  const eligibleIgnoringOwnership =
    contribution(target, allCaps, policy) ?? wouldHold(target, allCaps);
  if (
    eligibleIgnoringOwnership &&
    caps.length < allCaps.length &&
    !contribution(target, caps, policy)
  ) {
    return { ok: false, code: 'SELF_APPROVAL', step: target.key };
  }
  if (hasApproved(target, actor.id, caps))
    return { ok: false, code: 'ALREADY_APPROVED', step: target.key };
  const cap = contribution(target, caps, policy);
  if (!cap) return { ok: false, code: 'NOT_ELIGIBLE', step: target.key };

  const record: ApprovalRecord = {
    actor: actor.id,
    ...(cap.onBehalfOf ? { onBehalfOf: cap.onBehalfOf } : {}),
    role: cap.role,
    department: departmentOf(policy, cap.role),
    at,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(cap.escalated ? { escalated: true } : {}),
  };
  const updated: RouteStep = { ...target, approvals: [...target.approvals, record] };
  const stepCompleted = isSatisfied(updated, policy);
  const finalStep: RouteStep = stepCompleted ? { ...updated, status: 'approved' } : updated;
  let next: Route = {
    ...route,
    steps: route.steps.map((s) => (s.key === finalStep.key ? finalStep : s)),
  };
  if (stepCompleted) next = activateNextStage(next, policy, at);
  return { ok: true, route: next, step: finalStep, record, stepCompleted };
}

function hasApproved(step: RouteStep, actorId: string, caps: readonly Capacity[]): boolean {
  const me = new Set([actorId, ...caps.flatMap((c) => (c.onBehalfOf ? [c.onBehalfOf] : []))]);
  return step.approvals.some((a) => person(a).some((p) => me.has(p)));
}

function wouldHold(step: RouteStep, caps: readonly Capacity[]): boolean {
  return caps.some((c) => step.roles.includes(c.role) || step.escalatedTo.includes(c.role));
}
