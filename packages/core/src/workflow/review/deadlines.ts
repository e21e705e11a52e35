import { orderParties } from '../shared/orderParties.js';
import { checkDeadlines as checkRouteDeadlines } from '../../approvals/checkDeadlines.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse, scheduleEffects } from '../shared/internal.js';
import type { LocalizedText } from '../../policy/LocalizedText.js';
import type { Policy } from '../../policy/Policy.js';

/** `{<name>En}` and `{<name>Zh}` message parameters from a label, or the fallback in both. */
function labels<N extends string>(
  label: LocalizedText | undefined,
  fallback: string,
  name: N,
): Record<`${N}En` | `${N}Zh`, string> {
  return { [`${name}En`]: label?.en ?? fallback, [`${name}Zh`]: label?.zh ?? fallback } as Record<
    `${N}En` | `${N}Zh`,
    string
  >;
}

/** The escalation levels' role labels, joined in each language. */
function levelLabels(roles: readonly string[], policy: Policy): LocalizedText {
  const of = (r: string) => policy.roles[r]?.label;
  return {
    en: roles.map((r) => of(r)?.en ?? r).join(', '),
    zh: roles.map((r) => of(r)?.zh ?? r).join('、'),
  };
}

/**
 * CHECK_DEADLINES (in review): steps past their deadline are flagged overdue and escalated to the
 * one level the policy names for each (`escalationLevel`), who is asked to act; the owner is told
 * (RV-2), with the step and the level by their labels in both languages. A step with no level
 * above it is flagged and the owner told so. Nothing changes when none is overdue.
 */
export function checkDeadlines(state: OrderWorkflow, ctx: TransitionContext): TransitionResult {
  if (!state.route) return refuse('INVALID_TRANSITION', 'the order has no approval route');
  const { route, overdue } = checkRouteDeadlines(state.route, ctx.policy, ctx.now);
  if (overdue.length === 0) return { ok: true, state, effects: [], events: [], findings: [] };
  const escalatedSteps = route.steps.filter((s) => overdue.some((o) => o.step === s.key));
  return {
    ok: true,
    state: { ...state, route },
    effects: [
      ...overdue.map((o) => ({
        type: 'notify' as const,
        to: { roles: o.escalatedTo, users: [state.owner] },
        messageKey:
          o.escalatedTo.length > 0 ? 'review.deadline.escalated' : 'review.deadline.noLevelAbove',
        params: {
          step: o.step,
          role: o.escalatedTo.join(', '),
          ...labels(ctx.policy.approvals.steps[o.step]?.label, o.step, 'step'),
          ...labels(levelLabels(o.escalatedTo, ctx.policy), '', 'role'),
        },
        ruleId: 'RV-2' as const,
      })),
      ...scheduleEffects(escalatedSteps, ctx.policy, orderParties(state)),
    ],
    events: overdue.map((o) => ({
      type: 'review.overdue',
      ruleIds: ['RV-2'] as const,
      data: { ...o },
    })),
    findings: [],
  };
}
