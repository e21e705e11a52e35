import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import { departmentOf } from '../policy/roles.js';
import { approvalsDue, type DueApproval } from './approvalsDue.js';
import { activateNextStage } from './buildRoute.js';
import { capacities } from './capacities.js';
import type { ApprovalRecord, Route, RouteStep } from './Route.js';
import { hasApproved, holdsStep, stepContribution, type Contribution } from './stepContribution.js';
import { unbarredCapacities } from './unbarredCapacities.js';

/** Why an approval was refused. */
export type ApprovalRefusalCode =
  /**
   * Segregation of duties: the actor, or whoever they would act for, owned, submitted or
   * requested what the route decides (`party` says who).
   */
  | 'SELF_APPROVAL'
  /** The actor holds none of the roles the step needs. */
  | 'NOT_ELIGIBLE'
  /** The actor (or the person they act for) already approved this step. */
  | 'ALREADY_APPROVED'
  /**
   * The step exists but is waiting for an earlier stage, or is done. Also when no step was named
   * and nothing open needs the actor, but a step of a later stage will (`step` names it).
   */
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
  /**
   * People barred from approving (segregation of duties): everyone who ever owned or submitted
   * the order (`orderParties`), and the requester of a change, credit or access request. Neither
   * they nor anyone acting on their behalf approves.
   */
  owners: readonly string[];
}

/** One step an approval was recorded on. */
export interface StepApproval {
  /** The step as it now stands. */
  step: RouteStep;
  record: ApprovalRecord;
  /** Whether this approval satisfied the step's mode. */
  stepCompleted: boolean;
}

/** Outcome of `approveStep`. */
export type ApproveStepResult =
  | {
      ok: true;
      route: Route;
      /** The step the act was given on, as it now stands. */
      step: RouteStep;
      record: ApprovalRecord;
      stepCompleted: boolean;
      /**
       * Further open steps the same act approved ("one approver, one act",
       * `policy.approvals.coverOpenSteps`): one record each, with `coveredBy` = `step.key`.
       */
      covered: readonly StepApproval[];
      /**
       * Steps that still need an act of this actor after this one: open steps the act could not
       * cover (the policy switch is off) and steps of a later stage, open now (this act finished
       * the stage before) or not yet. Empty when nothing more is asked of them.
       */
      stillDue: readonly DueApproval[];
    }
  | {
      ok: false;
      code: ApprovalRefusalCode;
      step?: string;
      /** For `SELF_APPROVAL`: the barred person — the actor, or the person they would act for. */
      party?: string;
    };

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

function recordFor(
  cap: Contribution,
  input: ApproveStepInput,
  policy: Policy,
  coveredBy?: string,
): ApprovalRecord {
  return {
    actor: input.actor.id,
    ...(cap.onBehalfOf ? { onBehalfOf: cap.onBehalfOf } : {}),
    role: cap.role,
    department: departmentOf(policy, cap.role),
    at: input.at,
    ...(input.comment ? { comment: input.comment } : {}),
    ...(cap.escalated ? { escalated: true } : {}),
    ...(coveredBy === undefined ? {} : { coveredBy }),
  };
}

function withApproval(step: RouteStep, record: ApprovalRecord, policy: Policy): StepApproval {
  const updated: RouteStep = { ...step, approvals: [...step.approvals, record] };
  const stepCompleted = isSatisfied(updated, policy);
  return {
    step: stepCompleted ? { ...updated, status: 'approved' } : updated,
    record,
    stepCompleted,
  };
}

/**
 * Records one approval act on a route, enforcing eligibility (roles, delegation, escalation) and
 * segregation of duties: nobody in `owners` approves — not in person, not as someone's delegate —
 * nor does a delegate on their behalf, and nobody approves the same step twice. When a step's
 * mode is satisfied it is approved, and when its stage is done the next stage becomes active.
 *
 * "One approver, one act": with `policy.approvals.coverOpenSteps` (the default) the act also
 * approves every other open step of the active stage where the actor's approval would count, one
 * record per step (`coveredBy` names the step the act was given on, the comment is the same).
 * Steps of a later stage are not open, so no act covers them: `stillDue` lists them, and any open
 * step left, so the approver is told a second act is due.
 *
 * @example
 * const r = approveStep(route, { actor: head, at: now }, { policy, owners: ['u-li'] });
 * if (!r.ok) console.log(r.code, r.party); // 'SELF_APPROVAL' 'u-li' | 'NOT_ELIGIBLE' | …
 * else console.log(r.covered.map((c) => c.step.key), r.stillDue.map((d) => d.step));
 */
export function approveStep(
  route: Route,
  input: ApproveStepInput,
  ctx: ApproveStepContext,
): ApproveStepResult {
  const { policy, owners } = ctx;
  const { actor, at } = input;
  const allCaps = capacities(policy, actor, at);
  const { usable: caps, barredBy } = unbarredCapacities(allCaps, {
    actor: actor.id,
    barred: owners,
  });
  // The barred person behind a refusal: the actor, or the delegator whose role fits the step.
  const barredParty = (step: RouteStep): string =>
    barredBy.includes(actor.id)
      ? actor.id
      : (allCaps.find(
          (c) =>
            c.onBehalfOf !== undefined && barredBy.includes(c.onBehalfOf) && holdsStep(step, [c]),
        )?.onBehalfOf ??
        barredBy[0] ??
        actor.id);
  const contributes = (s: RouteStep) =>
    stepContribution(s, caps, policy) !== undefined && !hasApproved(s, actor.id, caps);

  let target: RouteStep | undefined;
  if (input.step !== undefined) {
    target = route.steps.find((s) => s.key === input.step);
    if (!target) return { ok: false, code: 'UNKNOWN_STEP', step: input.step };
    if (target.status !== 'active') return { ok: false, code: 'STEP_NOT_ACTIVE', step: target.key };
  } else {
    const active = route.steps.filter((s) => s.status === 'active');
    target = active.find(contributes) ?? active.find((s) => stepContribution(s, allCaps, policy));
    if (!target) {
      // One approver, one act: nothing open waits for them, but a later stage will: say which.
      const later = route.steps.find((s) => s.status === 'waiting' && contributes(s));
      if (later) return { ok: false, code: 'STEP_NOT_ACTIVE', step: later.key };
      target = active[0];
    }
    if (!target) return { ok: false, code: 'STEP_NOT_ACTIVE' };
  }

  if (
    barredBy.length > 0 &&
    (stepContribution(target, allCaps, policy) ?? holdsStep(target, allCaps)) &&
    !stepContribution(target, caps, policy)
  ) {
    return { ok: false, code: 'SELF_APPROVAL', step: target.key, party: barredParty(target) };
  }
  if (hasApproved(target, actor.id, caps))
    return { ok: false, code: 'ALREADY_APPROVED', step: target.key };
  const cap = stepContribution(target, caps, policy);
  if (!cap) return { ok: false, code: 'NOT_ELIGIBLE', step: target.key };

  const primary = withApproval(target, recordFor(cap, input, policy), policy);
  const targetKey = target.key;
  const covered: StepApproval[] = [];
  if (policy.approvals.coverOpenSteps) {
    for (const s of route.steps) {
      if (s.key === targetKey || s.status !== 'active' || !contributes(s)) continue;
      const c = stepContribution(s, caps, policy);
      if (c) covered.push(withApproval(s, recordFor(c, input, policy, targetKey), policy));
    }
  }
  const updated = new Map([primary, ...covered].map((a) => [a.step.key, a.step]));
  let next: Route = { ...route, steps: route.steps.map((s) => updated.get(s.key) ?? s) };
  if (primary.stepCompleted || covered.some((c) => c.stepCompleted))
    next = activateNextStage(next, policy, at);
  return {
    ok: true,
    route: next,
    ...primary,
    covered,
    stillDue: approvalsDue(next, { actor, at }, ctx),
  };
}
