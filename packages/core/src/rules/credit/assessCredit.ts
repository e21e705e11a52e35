import { creditDate } from './ageingReport.js';
import { creditExposure } from './creditExposure.js';
import { orderFacts, type OrderFacts } from '../../lib/orderFacts.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import { abnormalCredit } from './abnormalCredit.js';
import type { CreditContext, CreditFacts } from './CreditContext.js';
import { creditEvaluation, creditWithoutFacts } from './creditEvaluation.js';
import { creditGrade } from './creditGrade.js';
import { creditLimit } from './creditLimit.js';

/**
 * Assesses an order's credit (CR-1…CR-7) and returns the findings, in this order: CR-1 never
 * evaluated; CR-2/CR-5/CR-6 by grade; CR-4 over the limit or CR-5 near it; CR-6 overdue
 * receivables and incidents. Holds are `block` findings of CR-1, CR-4 or CR-6 (`isCreditHold`);
 * the workflow puts the order on credit hold for them. No findings means credit passes.
 *
 * Exposure and ageing are judged at `ctx.asOf` (or `ctx.submittedAt`), in the policy's time
 * zone. Without customer facts, see `credit.withoutFacts`.
 *
 * @example
 * const findings = assessCredit(order, { policy, submittedAt: clock.now(), submitter, customer });
 * findings.filter(isCreditHold); // what holds the order
 * @throws {ValidationError} naming every amount whose currency has no rate (`receivables.3.currency`).
 */
export function assessCredit(
  order: Order,
  ctx: CreditContext,
  amounts: OrderFacts = orderFacts(order),
): Finding[] {
  const customer = ctx.customer;
  if (customer === undefined) return creditWithoutFacts(order, ctx);
  const { policy } = ctx;
  const at = ctx.asOf ?? ctx.submittedAt;
  const facts: CreditFacts = {
    customer,
    exposure: creditExposure(order, customer, {
      policy,
      at,
      ...(ctx.rates ? { rates: ctx.rates } : {}),
      ...(ctx.confirmedOrders ? { confirmedOrders: ctx.confirmedOrders } : {}),
    }),
    at,
    asOfDate: creditDate(at, policy),
    evaluated: customer.credit.evaluatedAt !== undefined,
    orderTotal: amounts.totals.total,
  };
  return [
    ...creditEvaluation(order, facts, ctx),
    ...creditGrade(order, facts, ctx),
    ...creditLimit(order, facts, ctx),
    ...abnormalCredit(order, facts, ctx),
  ];
}
