import type { ApproveStepResult } from '../../approvals/approveStep.js';
import type { DueApproval } from '../../approvals/approvalsDue.js';
import type { Route } from '../../approvals/Route.js';
import type { Policy } from '../../policy/Policy.js';
import type { EffectDraft } from '../../state/Effect.js';
import { newlyActive, scheduleEffects } from './internal.js';
import type { AuditEventData } from '../../state/auditEventTypes.js';
import type { RecordedEvent } from '../../state/TransitionResult.js';

type Approved = Extract<ApproveStepResult, { ok: true }>;

/**
 * The `approval.granted` records of one approval act: one per step it approved — the step acted
 * on first (listing the steps it `covered` and the acts `stillDue` from the approver), then each
 * covered step with its own record (`coveredBy`).
 *
 * @example
 * approvalEvents(result, { changeRequest: record.id }).map((e) => e.data.step); // ['regularReview', 'jointReview']
 */
export function approvalEvents(
  result: Approved,
  extra: Pick<
    AuditEventData<'approval.granted'>,
    'requestId' | 'changeRequest' | 'shippingException'
  > = {},
): RecordedEvent<'approval.granted'>[] {
  const covered = result.covered.map((c) => c.step.key);
  const stillDue = result.stillDue.map((d) => d.step);
  return [
    {
      type: 'approval.granted',
      ruleIds: result.step.ruleIds,
      data: {
        ...extra,
        step: result.step.key,
        ...result.record,
        ...(covered.length > 0 ? { covered } : {}),
        ...(stillDue.length > 0 ? { stillDue } : {}),
      },
    },
    ...result.covered.map((c): RecordedEvent<'approval.granted'> => ({
      type: 'approval.granted',
      ruleIds: c.step.ruleIds,
      data: { ...extra, step: c.step.key, ...c.record },
    })),
  ];
}

/**
 * The approval activities one act changes: close every step it completed, ask the holders of
 * every step it opened.
 *
 * @example
 * approvalActivityEffects(route, result, policy); // [{ type: 'closeApproval', step: 'regularReview' }, { type: 'scheduleApproval', step: 'jointReview', … }]
 */
export function approvalActivityEffects(
  before: Route,
  result: Approved,
  policy: Policy,
  barred: readonly string[] = [],
): EffectDraft[] {
  return [
    ...[result, ...result.covered]
      .filter((a) => a.stepCompleted)
      .map((a) => ({ type: 'closeApproval' as const, step: a.step.key })),
    ...scheduleEffects(newlyActive(before, result.route), policy, barred),
  ];
}

function labels(due: readonly DueApproval[], policy: Policy): { stepsEn: string; stepsZh: string } {
  const of = (d: DueApproval) => policy.approvals.steps[d.step]?.label;
  return {
    stepsEn: due.map((d) => of(d)?.en ?? d.step).join(', '),
    stepsZh: due.map((d) => of(d)?.zh ?? d.step).join('、'),
  };
}

/**
 * "One approver, one act": tells the approver plainly when the act did not settle everything
 * asked of them — `<prefix>.stillDue.open` for steps open now that need a separate act, and
 * `<prefix>.stillDue.later` for steps of a later stage that will (params `actor`, `stepsEn`,
 * `stepsZh`). Nothing when no act is still due.
 *
 * @example
 * stillDueNotices(result, { actor: 'u-liu', policy, prefix: 'review.approval' });
 * // [{ type: 'notify', to: { users: ['u-liu'] }, messageKey: 'review.approval.stillDue.open', … }]
 */
export function stillDueNotices(
  result: Approved,
  options: { actor: string; policy: Policy; prefix: 'review.approval' | 'change.approval' },
): EffectDraft[] {
  const { actor, policy, prefix } = options;
  const groups = [
    ['open', result.stillDue.filter((d) => d.open)],
    ['later', result.stillDue.filter((d) => !d.open)],
  ] as const;
  return groups
    .filter(([, due]) => due.length > 0)
    .map(([when, due]) => {
      const ruleId = result.route.steps.find((s) => s.key === due[0]?.step)?.ruleIds[0];
      return {
        type: 'notify' as const,
        to: { users: [actor] },
        messageKey: `${prefix}.stillDue.${when}`,
        params: { actor, ...labels(due, policy) },
        ...(ruleId ? { ruleId } : {}),
      };
    });
}
