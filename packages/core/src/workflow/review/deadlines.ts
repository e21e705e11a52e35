import { checkDeadlines as checkRouteDeadlines } from '../../approvals/checkDeadlines.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse, scheduleEffects } from '../shared/internal.js';

/**
 * CHECK_DEADLINES (in review): steps past their deadline are flagged overdue and escalated to the
 * next level, who is asked to act; the owner is told (RV-2). Nothing changes when none is overdue.
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
        messageKey: 'review.deadline.escalated',
        params: { step: o.step, role: o.escalatedTo.join(', ') },
        ruleId: 'RV-2' as const,
      })),
      ...scheduleEffects(escalatedSteps, ctx.policy),
    ],
    events: overdue.map((o) => ({
      type: 'review.overdue',
      ruleIds: ['RV-2'] as const,
      data: { ...o },
    })),
    findings: [],
  };
}
