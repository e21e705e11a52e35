import { orderParties } from '../shared/orderParties.js';
import { buildRoute, isRouteComplete } from '../../approvals/buildRoute.js';
import { reviewDeadline } from '../../approvals/reviewDeadline.js';
import type { Route } from '../../approvals/Route.js';
import type { Finding } from '../../model/Finding.js';
import type { RuleId } from '../../model/RuleId.js';
import { finding } from '../../rules/shared/finding.js';
import {
  holdReleasePaths,
  isCreditHold,
  prepaymentRequiredOf,
  type CreditHoldRuleId,
} from '../../rules/credit/creditHolds.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import {
  assessedEvent,
  closeAllEffects,
  findingMessages,
  scheduleEffects,
} from '../shared/internal.js';
import { openCreditHolds, releasingPath } from '../../rules/credit/creditStanding.js';
import {
  emptyCreditState,
  type CreditHold,
  type CreditWorkflowState,
} from '../../state/CreditWorkflowState.js';

type Ok = Extract<TransitionResult, { ok: true }>;

/**
 * A fresh one-step route for a credit release on the policy's credit step (`credit.approvalStep`,
 * the finance director by default), active now, due within the order's review hours.
 *
 * @example
 * creditReleaseRoute(state.credit.holds, ctx)?.steps.map((s) => s.key); // ['creditApproval']
 */
export function creditReleaseRoute(
  holds: readonly CreditHold[],
  ctx: Pick<TransitionContext, 'policy' | 'order' | 'now'>,
): Route | undefined {
  const { policy, order, now } = ctx;
  const approvable = holds.filter((h) => h.paths.includes('approval'));
  if (approvable.length === 0) return undefined;
  const step = policy.credit.approvalStep;
  // buildRoute takes approval findings; one per hold rule makes the step list those rules.
  const requests: Finding[] = approvable.map((h) =>
    finding(policy, {
      ruleId: h.ruleId,
      severity: 'approval',
      messageKey: h.messageKey,
      steps: [step],
    }),
  );
  return buildRoute(requests, { policy, now, reviewDeadline: reviewDeadline(order, policy, now) });
}

function ruleIdsOf(holds: readonly CreditHold[]): RuleId[] {
  return [...new Set(holds.map((h) => h.ruleId))];
}

/**
 * Puts an order on credit hold: the credit state records each hold with its release paths, a
 * release approval is scheduled when any hold allows one, and the owner is told (CR-1, CR-4,
 * CR-6). Prepayments and a guarantee recorded earlier still count; when they already cover every
 * hold, the order goes straight on to review.
 */
function enterHold(
  state: OrderWorkflow,
  credit: CreditWorkflowState,
  ctx: TransitionContext,
  extra: {
    findings: readonly Finding[];
    events: RecordedEvent[];
    effects: EffectDraft[];
    resumeStatus?: OrderWorkflow['status'];
  },
): Ok {
  const { policy, now } = ctx;
  const open = openCreditHolds(credit, now);
  if (open.length === 0 && extra.resumeStatus !== undefined) {
    // Covered already (prepayments, a guarantee): nothing holds it; it stays where it returns to.
    return {
      ok: true,
      state: { ...state, status: extra.resumeStatus, credit },
      effects: extra.effects,
      events: extra.events,
      findings: extra.findings,
    };
  }
  if (open.length === 0) {
    return releaseFromHold({ ...state, credit }, ctx, {
      events: extra.events,
      effects: extra.effects,
      findings: extra.findings,
    });
  }
  const releaseRoute = creditReleaseRoute(open, ctx);
  const held: CreditWorkflowState = {
    ...credit,
    heldAt: now,
    ...(releaseRoute ? { releaseRoute } : {}),
    ...(extra.resumeStatus ? { resumeStatus: extra.resumeStatus } : {}),
  };
  if (!releaseRoute) delete held.releaseRoute;
  return {
    ok: true,
    state: { ...state, status: 'credit_hold', credit: held },
    effects: [
      ...extra.effects,
      {
        type: 'notify',
        to: { users: [state.owner] },
        messageKey: 'credit.hold.entered',
        params: { rules: ruleIdsOf(open).join(', ') },
        ruleId: open[0]?.ruleId ?? 'CR-4',
      },
      ...(releaseRoute
        ? scheduleEffects(
            releaseRoute.steps.filter((s) => s.status === 'active'),
            policy,
            orderParties(state),
          )
        : []),
    ],
    events: [
      ...extra.events,
      {
        type: 'credit.held',
        ruleIds: ruleIdsOf(open),
        data: {
          holds: open.map((h) => ({
            ruleId: h.ruleId,
            paths: h.paths,
            prepaymentRequired: h.prepaymentRequired,
          })),
        },
      },
    ],
    findings: extra.findings,
  };
}

/** Options of `holdForCredit` for a hold that is not a submission's (CH: an approved change). */
export interface HoldForCreditOptions {
  /**
   * Where the order goes back to once every hold is released (or at once when prepayments or a
   * guarantee already cover them), instead of on to review: the status a changed order had.
   */
  resumeStatus?: OrderWorkflow['status'];
  /** The audit record of the assessment, instead of `order.assessed`. */
  assessed?: RecordedEvent;
  /** Records and effects that come first (e.g. the approval and the new revision). */
  events?: readonly RecordedEvent[];
  effects?: readonly EffectDraft[];
}

/**
 * ASSESS with credit holds (CR-1, CR-4, CR-6): called by the review area's `assess` when every
 * blocking finding is a credit hold (`isCreditHold`). The order goes to `credit_hold` instead of
 * back to sales; review starts once every hold is released (`releaseFromHold`), so no approver
 * spends time on an order credit may still stop. An approved change that takes the exposure over
 * the limit holds the order too (CH-5 with CR-4), with `options.resumeStatus`: once released it
 * returns to where it was.
 *
 * @example
 * if (blocks.length > 0 && blocks.every(isCreditHold)) return holdForCredit(base, findings, ctx);
 * holdForCredit(changed, reassessed, { ...ctx, order: next }, { resumeStatus: 'confirmed' });
 */
export function holdForCredit(
  state: OrderWorkflow,
  findings: readonly Finding[],
  ctx: TransitionContext,
  options: HoldForCreditOptions = {},
): TransitionResult {
  const { policy } = ctx;
  const holds: CreditHold[] = findings.filter(isCreditHold).map((f) => ({
    ruleId: f.ruleId as CreditHoldRuleId,
    messageKey: f.messageKey,
    paths: holdReleasePaths(policy, f.ruleId as CreditHoldRuleId),
    prepaymentRequired: prepaymentRequiredOf(f),
  }));
  const prior = state.credit ?? emptyCreditState();
  // A new assessment needs a new release: an approval given for the previous one does not carry
  // over. Money received and a guarantee on file do.
  const credit: CreditWorkflowState = {
    holds,
    prepayments: prior.prepayments,
    ...(prior.guarantee ? { guarantee: prior.guarantee } : {}),
  };
  const assessed = options.assessed ?? assessedEvent(findings);
  const shown = findings.filter((f) => f.severity === 'block' || f.severity === 'warn');
  return enterHold({ ...state, findings }, credit, ctx, {
    findings,
    events: [...(options.events ?? []), assessed],
    effects: [...(options.effects ?? []), ...findingMessages(shown)],
    ...(options.resumeStatus ? { resumeStatus: options.resumeStatus } : {}),
  });
}

/**
 * Puts a released order back on credit hold when its release has expired and nothing else
 * covers the hold (CR-4 "releases expire as stated"); it returns to where it was once released
 * again. Nothing happens while the release is in force.
 *
 * @example
 * rehold(state, ctx); // state unchanged when the release is still in force
 */
export function rehold(state: OrderWorkflow, ctx: TransitionContext): TransitionResult {
  const credit = state.credit;
  const open = openCreditHolds(credit, ctx.now);
  if (credit === undefined || open.length === 0)
    return { ok: true, state, effects: [], events: [], findings: [] };
  const base = { ...credit };
  delete base.releaseRoute;
  return enterHold(state, base, ctx, {
    findings: [],
    resumeStatus: state.status,
    events: [
      {
        type: 'credit.release.expired',
        ruleIds: ruleIdsOf(open),
        data: { expiresAt: credit.release?.expiresAt ?? null, resumeStatus: state.status },
      },
    ],
    // Reviewers cannot act while the order is held: their open activities close, and reopen on release.
    effects: closeAllEffects(state.route),
  });
}

/**
 * Leaves credit hold once every hold is covered (CR-1, CR-4, CR-6): back to where a re-held
 * order was, or on to review with the route built now from the assessment's approval findings
 * and the review deadline counted from the release (RV-2: reviewers could not act before).
 *
 * @example
 * if (openCreditHolds(credit, ctx.now).length === 0) return releaseFromHold({ ...state, credit }, ctx, { events, effects: [] });
 */
export function releaseFromHold(
  state: OrderWorkflow,
  ctx: TransitionContext,
  extra: { events: RecordedEvent[]; effects: EffectDraft[]; findings?: readonly Finding[] },
): Ok {
  const { policy, order, now } = ctx;
  const credit = state.credit ?? emptyCreditState();
  const released: RecordedEvent<'credit.released'> = {
    type: 'credit.released',
    ruleIds: ruleIdsOf(credit.holds),
    data: {
      paths: credit.holds.map((h) => ({
        ruleId: h.ruleId,
        by: releasingPath(h, credit, now) ?? null,
      })),
    },
  };
  const openRelease = (credit.releaseRoute?.steps ?? []).filter((s) => s.status === 'active');
  const closing: EffectDraft[] = openRelease.map((s) => ({ type: 'closeApproval', step: s.key }));
  const nextCredit: CreditWorkflowState = { ...credit, releasedAt: now };
  delete nextCredit.resumeStatus;
  const notify: EffectDraft = {
    type: 'notify',
    to: { users: [state.owner] },
    messageKey: 'credit.hold.released',
    params: {},
    ruleId: credit.holds[0]?.ruleId ?? 'CR-4',
  };
  if (
    credit.resumeStatus !== undefined &&
    credit.holds.length > 0 &&
    state.status === 'credit_hold'
  ) {
    return {
      ok: true,
      state: { ...state, status: credit.resumeStatus, credit: nextCredit },
      effects: [
        ...extra.effects,
        ...closing,
        notify,
        ...scheduleEffects(
          (state.route?.steps ?? []).filter((s) => s.status === 'active'),
          policy,
          orderParties(state),
        ),
      ],
      events: [...extra.events, released],
      findings: extra.findings ?? [],
    };
  }
  const route = buildRoute(state.findings, {
    policy,
    now,
    reviewDeadline: reviewDeadline(order, policy, now),
  });
  const complete = isRouteComplete(route);
  return {
    ok: true,
    state: { ...state, status: complete ? 'approved' : 'in_review', route, credit: nextCredit },
    effects: [
      ...extra.effects,
      ...closing,
      notify,
      ...scheduleEffects(
        route.steps.filter((s) => s.status === 'active'),
        policy,
        orderParties(state),
      ),
    ],
    events: [
      ...extra.events,
      released,
      {
        type: 'review.started',
        ruleIds: ['RV-2'],
        data: { reviewDeadline: route.reviewDeadline, steps: route.steps.map((s) => s.key) },
      },
    ],
    findings: extra.findings ?? [],
  };
}
