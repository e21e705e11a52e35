import { orderFacts } from '../../lib/orderFacts.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { assessOrder, type AssessContext } from '../../rules/assessOrder.js';
import { isCreditHold } from '../../rules/credit/creditHolds.js';
import { assessReview } from '../../rules/reviewRules.js';

/** What the rules say of a change: the new revision's findings, and what the change brings. */
export interface ChangeReassessment {
  /** Every finding of the proposed revision, as `assessOrder` (or `assessReview`) gives them. */
  findings: Finding[];
  /**
   * Findings of the proposed revision the current one does not have under the same context:
   * what the change itself brings (a payment term outside policy, a discount beyond authority…).
   * RV-5's route finding is never among them: every order has one, and change routing (CH-4)
   * decides when review re-opens.
   */
  introduced: Finding[];
  /** `block` findings the change brings, other than credit holds (IN, RV). */
  blocks: Finding[];
  /**
   * Whether the change raises the order's amount, which credit counts (CR-4): a higher total, or
   * another currency. Only such a change is judged for credit again.
   */
  exposureRaised: boolean;
  /** The credit holds (CR-1, CR-4, CR-6) of the proposed revision, when the change raises exposure. */
  holds: Finding[];
}

/**
 * A finding's identity across two revisions: its rule, severity, message and what it is about
 * (its line by id, or the fields it names, line positions turned into line ids), not its
 * parameters, which move with the figures.
 */
function findingKey(f: Finding, order: Order): string {
  const lineId = f.params.lineId;
  const about =
    lineId === undefined
      ? f.evidence
          .map((e) =>
            e.field.replace(
              /^lines\.(\d+)/,
              (whole, i: string) => `lines.${order.lines[Number(i)]?.id ?? whole}`,
            ),
          )
          .join(',')
      : String(lineId);
  return `${f.ruleId}|${f.severity}|${f.messageKey}|${about}`;
}

/**
 * Runs the rules of submission again on the revision a change would make, and on the current one
 * under the same context (the change's instant, its requester), and says what the change brings.
 * With `credit: true` the credit rules run too (`assessOrder`), as when the approved change takes
 * effect; without, only intake and review (`assessReview`), as when the request is routed.
 *
 * Our reading of the regulations: the change answers for what it changes. A finding both
 * revisions have (a lead time that has since grown short, a customer over the limit on other
 * orders) is not the change's, and credit is judged again only when the change raises the
 * order's amount (`exposureRaised`); then every credit hold of the new revision counts.
 *
 * @example
 * const r = reassessChange(current, proposed, { policy, submittedAt: now, submitter, customer }, { credit: true });
 * if (r.holds.length > 0) holdForCredit(state, r.findings, ctx); // CR-4 over the limit
 * @throws {ValidationError} when a credit amount's currency has no rate (see `assessCredit`).
 */
export function reassessChange(
  current: Order,
  proposed: Order,
  ctx: AssessContext,
  options: { credit: boolean },
): ChangeReassessment {
  const assess = (order: Order) =>
    options.credit ? assessOrder(order, ctx) : assessReview(order, ctx);
  const findings = assess(proposed);
  const before = new Set(assess(current).map((f) => findingKey(f, current)));
  const introduced = findings.filter(
    (f) => f.ruleId !== 'RV-5' && !before.has(findingKey(f, proposed)),
  );
  const a = orderFacts(current).totals;
  const b = orderFacts(proposed).totals;
  const exposureRaised = proposed.currency !== current.currency || b.total > a.total;
  return {
    findings,
    introduced,
    blocks: introduced.filter((f) => f.severity === 'block' && !isCreditHold(f)),
    exposureRaised,
    holds: options.credit && exposureRaised ? findings.filter(isCreditHold) : [],
  };
}

/**
 * The RV-5 route finding of an order (regular, or non-regular with its reasons): which review a
 * change that re-opens review goes through (CH-4), citing RV-5.
 *
 * @example
 * routeFinding(reassessChange(current, proposed, ctx, { credit: false }).findings)?.steps; // ['regularReview']
 */
export function routeFinding(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.ruleId === 'RV-5' && f.severity === 'approval');
}
