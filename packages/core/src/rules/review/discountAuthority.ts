import { approverParams } from '../shared/approverParams.js';
import { formatBasisPoints } from '../../lib/display.js';
import { orderFacts } from '../../lib/orderFacts.js';
import type { Actor } from '../../model/Actor.js';
import type { Evidence, Finding, MessageParam } from '../../model/Finding.js';
import { percentToBasisPoints, roundHalfAwayFromZero } from '../../model/Money.js';
import { isPricedLine, type OrderLine } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { holdsRole } from '../../policy/roles.js';
import type { PassRule } from '../shared/RuleContext.js';
import { finding } from '../shared/finding.js';

/**
 * RV-6: the discount (basis points) an actor may grant on their own — the highest
 * `review.discount.authorityByRole` entry among the roles they hold, and 0 when they hold none
 * of the roles listed (the seed: salespeople may not grant discounts on their own).
 *
 * @example
 * const policy = loadPolicy({ review: { discount: { authorityByRole: { salesperson: 5 } } },
 *   roles: { salesperson: { label: { en: 'Sales', zh: '销售' }, groups: ['sales'] } } });
 * discountAuthorityBp(policy, { id: 'u-li', groups: ['sales'] }); // 500
 */
export function discountAuthorityBp(policy: Policy, actor: Pick<Actor, 'id' | 'groups'>): number {
  let best = 0;
  for (const [role, percent] of Object.entries(policy.review.discount.authorityByRole)) {
    if (percent > 0 && holdsRole(policy, actor, role))
      best = Math.max(best, percentToBasisPoints(percent));
  }
  return best;
}

/** `part / whole` in basis points, rounded half away from zero; never negative. */
function ratioBp(part: number, whole: number): number {
  if (part <= 0 || whole <= 0) return 0;
  return roundHalfAwayFromZero((part * 10_000) / whole);
}

/**
 * RV-6: a line's effective discount in basis points. Against the price list when the line has
 * a list price: `1 − net / (quantity × listPrice)`, so a unit price below list counts as much as
 * an explicit `discountBp`; otherwise the line's `discountBp`. A price above list is not a
 * discount (0). Judged at basis-point precision: rounding noise below 0.005 % is no discount.
 *
 * @example
 * lineDiscountBp({ quantity: 2, listPrice: 10_000, discountBp: 0 }, 17_500); // 1250 (12.5 %)
 */
export function lineDiscountBp(
  line: Pick<OrderLine, 'quantity' | 'listPrice' | 'discountBp'>,
  net: number,
): number {
  if (line.listPrice === undefined) return line.discountBp;
  const atList = roundHalfAwayFromZero((line.quantity ?? 0) * line.listPrice);
  return ratioBp(atList - net, atList);
}

/**
 * RV-6: discounts beyond the submitter's authority (`discountAuthorityBp`) need the approval of
 * `review.discount.approvalStep` (the sales department head by default), and RV-7 applies when
 * a discount goes above `review.discount.exceptionalAbovePercent`.
 *
 * Judged per line (`lineDiscountBp`) and on the order total (`1 − untaxed / list`, only when
 * every line has a list price), all in integer basis points:
 * - beyond authority (strictly greater) → RV-6 `approval`, `steps` = `[discount.approvalStep]`:
 *   `review.discount.lineBeyondAuthority` (params `line` 1-based, `lineId`, `percent`,
 *   `authority`) or `review.discount.orderBeyondAuthority` (`percent`, `authority`);
 * - above the exceptional limit (strictly greater) → RV-7 `approval`, `steps` =
 *   `review.routes.exceptional`: `review.exceptional.lineDiscount` / `review.exceptional.orderDiscount`
 *   (params `percent`, `limit`, and `line` for a line).
 * A discount exactly at the authority or the limit is within it.
 *
 * @example
 * discountAuthority(Order.parse({ ...input, lines: [{ ...line, discountBp: 1250 }] }), ctx);
 * // [{ ruleId: 'RV-6', messageKey: 'review.discount.lineBeyondAuthority',
 * //    params: { line: 1, percent: '12.5', authority: '0', … }, steps: ['salesHead'], … }, …]
 */
export const discountAuthority: PassRule = (order, ctx, facts = orderFacts(order)) => {
  const { policy } = ctx;
  const exceptionalAbove = policy.review.discount.exceptionalAbovePercent;
  const limits: Limits = {
    policy,
    authority: discountAuthorityBp(policy, ctx.submitter),
    exceptional:
      exceptionalAbove === undefined ? undefined : percentToBasisPoints(exceptionalAbove),
  };
  const out: Finding[] = [];

  for (let i = 0; i < order.lines.length; i++) {
    const line = order.lines[i]!;
    // A line without a quantity or price is IN-2's; its discount is judged once it has them.
    if (!isPricedLine(line)) continue;
    const bp = lineDiscountBp(line, facts.lines[i]?.net ?? 0);
    if (bp > 0) {
      const at = `lines.${String(i)}`;
      const context: Evidence[] =
        line.listPrice === undefined
          ? [{ field: `${at}.discountBp`, value: line.discountBp }]
          : [
              { field: `${at}.unitPrice`, value: line.unitPrice, limit: line.listPrice },
              { field: `${at}.discountBp`, value: line.discountBp },
            ];
      judge(out, limits, { bp, context, line: { index: i, id: line.id } });
    }
  }

  const { list, untaxed } = facts.totals;
  if (list !== undefined && facts.complete) {
    const bp = ratioBp(list - untaxed, list);
    if (bp > 0)
      judge(out, limits, { bp, context: [{ field: 'untaxed', value: untaxed, limit: list }] });
  }
  return out;
};

/** What a discount is held against, computed once per order. */
interface Limits {
  policy: Policy;
  /** The submitter's authority, basis points. */
  authority: number;
  /** `exceptionalAbovePercent` in basis points, when set. */
  exceptional: number | undefined;
}

/** One discount to judge: per line (with `line`) or on the order total. */
interface Judgement {
  bp: number;
  /** What the discount was computed from; the judged figure is added with its limit. */
  context: Evidence[];
  line?: { index: number; id: string };
}

// Module-level rather than a closure per order: assessment runs in bulk.
function judge(out: Finding[], limits: Limits, { bp, context, line }: Judgement): void {
  const { policy, authority, exceptional } = limits;
  const field = line ? `lines.${String(line.index)}.effectiveDiscountBp` : 'effectiveDiscountBp';
  const percent = formatBasisPoints(bp);
  if (bp > authority) {
    const steps = [policy.review.discount.approvalStep];
    const approver = approverParams(policy, steps);
    const params: Record<string, MessageParam> = {
      percent,
      authority: formatBasisPoints(authority),
      approverEn: approver.approverEn,
      approverZh: approver.approverZh,
    };
    if (line) {
      params.line = line.index + 1;
      params.lineId = line.id;
    }
    out.push(
      finding(policy, {
        ruleId: 'RV-6',
        severity: 'approval',
        messageKey: line
          ? 'review.discount.lineBeyondAuthority'
          : 'review.discount.orderBeyondAuthority',
        params,
        evidence: [...context, { field, value: bp, limit: authority }],
        steps,
      }),
    );
  }
  if (exceptional !== undefined && bp > exceptional) {
    const steps = policy.review.routes.exceptional;
    const approver = approverParams(policy, steps);
    const params: Record<string, MessageParam> = {
      percent,
      limit: formatBasisPoints(exceptional),
      approverEn: approver.approverEn,
      approverZh: approver.approverZh,
      check: 'RV-6 discount',
    };
    if (line) {
      params.line = line.index + 1;
      params.lineId = line.id;
    }
    out.push(
      finding(policy, {
        ruleId: 'RV-7',
        severity: 'approval',
        messageKey: line ? 'review.exceptional.lineDiscount' : 'review.exceptional.orderDiscount',
        params,
        evidence: [...context, { field, value: bp, limit: exceptional }],
        steps: [...steps],
      }),
    );
  }
}
