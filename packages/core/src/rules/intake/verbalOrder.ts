import { formatZoned } from '../../lib/zonedTime.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { Rule, RuleContext } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

const MS_PER_HOUR = 3_600_000;

function awaitingConfirmation(order: Order): boolean {
  return order.channel === 'verbal' && order.writtenConfirmation === undefined;
}

/**
 * IN-3 at assessment: a verbal order without a recorded written confirmation.
 *
 * The seed only forbids *confirming* such an order, so review must go on: the finding here is a
 * `warn`, never a `block`.
 * - `block` mode (default): `intake.verbal.confirmationPending` — the order will not be confirmed
 *   until the written confirmation is recorded; the workflow enforces that at CONFIRM time with
 *   `verbalConfirmationBlockers`.
 * - `deadline` mode: `intake.verbal.confirmationDeadline` with `deadline` (policy time zone,
 *   `YYYY-MM-DD HH:mm`) — confirmation is allowed, and the order is flagged and escalated when
 *   the confirmation is still missing then (see `verbalConfirmationDeadline`).
 *
 * @example
 * verbalOrder(Order.parse({ ...input, channel: 'verbal' }), ctx);
 * // [{ ruleId: 'IN-3', severity: 'warn', messageKey: 'intake.verbal.confirmationPending', … }]
 */
export const verbalOrder: Rule = (order, ctx) => {
  if (!awaitingConfirmation(order)) return [];
  const { policy } = ctx;
  const evidence = [
    { field: 'channel', value: order.channel },
    { field: 'writtenConfirmation', value: undefined },
  ];
  if (policy.intake.verbal.mode === 'block') {
    return [
      finding(policy, {
        ruleId: 'IN-3',
        severity: 'warn',
        messageKey: 'intake.verbal.confirmationPending',
        evidence,
      }),
    ];
  }
  const deadline = addHours(ctx.submittedAt, policy.intake.verbal.confirmationDeadlineHours);
  return [
    finding(policy, {
      ruleId: 'IN-3',
      severity: 'warn',
      messageKey: 'intake.verbal.confirmationDeadline',
      params: {
        deadline: formatZoned(deadline, policy.timeZone),
        hours: policy.intake.verbal.confirmationDeadlineHours,
      },
      evidence: [...evidence, { field: 'writtenConfirmation.at', limit: deadline }],
    }),
  ];
};

/**
 * IN-3 at CONFIRM time: in `block` mode a verbal order without a recorded written confirmation
 * cannot be confirmed — one `block` finding `intake.verbal.confirmationBlocked`. Empty in
 * `deadline` mode, for written and electronic orders, and once the confirmation is recorded.
 *
 * @example
 * const blockers = verbalConfirmationBlockers(order, policy);
 * if (blockers.length > 0) return { ok: false, issues: blockers };
 */
export function verbalConfirmationBlockers(order: Order, policy: Policy): Finding[] {
  if (!awaitingConfirmation(order) || policy.intake.verbal.mode !== 'block') return [];
  return [
    finding(policy, {
      ruleId: 'IN-3',
      severity: 'block',
      messageKey: 'intake.verbal.confirmationBlocked',
      evidence: [
        { field: 'channel', value: order.channel },
        { field: 'writtenConfirmation', value: undefined },
      ],
    }),
  ];
}

/**
 * IN-3 in `deadline` mode: the instant (ISO, UTC) by which a verbal order's written confirmation
 * must be recorded — submission plus `confirmationDeadlineHours`, counted in clock hours (the
 * business calendar is for review deadlines, RV-2). `undefined` when there is no such deadline:
 * `block` mode, a non-verbal order, or a confirmation already recorded. The workflow flags and
 * escalates the order once its clock passes this instant.
 *
 * @example
 * verbalConfirmationDeadline(order, { policy, submittedAt: '2026-03-02T09:00:00+08:00' });
 * // '2026-03-04T01:00:00.000Z' (48 h later)
 */
export function verbalConfirmationDeadline(
  order: Order,
  ctx: Pick<RuleContext, 'policy' | 'submittedAt'>,
): string | undefined {
  if (!awaitingConfirmation(order) || ctx.policy.intake.verbal.mode !== 'deadline')
    return undefined;
  return addHours(ctx.submittedAt, ctx.policy.intake.verbal.confirmationDeadlineHours);
}

function addHours(instant: string, hours: number): string {
  return new Date(Date.parse(instant) + hours * MS_PER_HOUR).toISOString();
}
