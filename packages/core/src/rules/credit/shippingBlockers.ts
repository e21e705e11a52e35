import { paymentsReceived } from './creditStanding.js';
import { creditReleaseBlockers } from './creditStanding.js';
import { formatMoney } from '../../i18n/formatMoney.js';
import { orderFacts } from '../../lib/orderFacts.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import { finding } from '../shared/finding.js';
import { hasCreditTerms } from '../shared/creditTerms.js';
import type { Customer } from '../../model/Customer.js';

/** What the shipping gate looks at besides the order and its workflow. */
export interface ShippingGateContext {
  policy: Policy;
  /** The current instant: a credit release that expired by now no longer covers the order. */
  now: string;
  /**
   * The customer with its credit facts, when the caller has them: its credit profile says whether
   * it has credit terms (`hasCreditTerms`, decision 014). None means no credit terms.
   */
  customer?: Customer;
}

/**
 * Money confirmed as received for the order (minor units of its currency): prepayments recorded
 * on the credit state, or the advance the ERP reported to tracking, whichever is larger (they
 * are two views of the same money, so they are not added); the whole order once settlement
 * records it paid.
 *
 * @example
 * paymentConfirmed(order, state); // 565_000
 */
export function paymentConfirmed(
  order: Order,
  state: Pick<OrderWorkflow, 'credit' | 'tracking'>,
): number {
  const total = orderFacts(order).totals.total;
  if (state.tracking?.settlement.paid === true) return total;
  return Math.max(paymentsReceived(state.credit), state.tracking?.advanceReceived ?? 0);
}

/** Whether the order's review asked for the RV-7 chain for shipping before payment and approved every step. */
function approvedInReview(order: Order, state: Pick<OrderWorkflow, 'findings' | 'route'>): boolean {
  if (!order.shipBeforePayment) return false;
  const request = state.findings.find(
    (f) =>
      f.ruleId === 'RV-7' &&
      f.severity === 'approval' &&
      f.messageKey === 'review.exceptional.shipBeforePayment',
  );
  const steps = request?.steps ?? [];
  if (steps.length === 0) return false;
  return steps.every(
    (key) => state.route?.steps.some((s) => s.key === key && s.status === 'approved') === true,
  );
}

/**
 * The reference of the approved ship-before-payment exception (RV-7) the goods may leave under,
 * if any: the latest exception asked for after review and approved through the RV-7 chain
 * (`SBP-<n>`, `REQUEST_SHIPPING_EXCEPTION`), else `review` when the order asked to ship before
 * payment and its review approved the chain.
 *
 * @example
 * approvedShippingException(order, state); // 'SBP-1'
 */
export function approvedShippingException(
  order: Order,
  state: Pick<OrderWorkflow, 'findings' | 'route' | 'credit'>,
): string | undefined {
  const asked = state.credit?.shippingExceptions ?? [];
  for (let i = asked.length - 1; i >= 0; i--) {
    const e = asked[i]!;
    if (e.status === 'approved') return e.id;
  }
  return approvedInReview(order, state) ? 'review' : undefined;
}

/** What the CR-8 gate decides for a shipment: the findings that stop it, and the exception it leaves under. */
export interface ShippingClearance {
  /** Empty when the goods may ship. */
  blockers: Finding[];
  /**
   * The approved ship-before-payment exception the goods leave under (`approvedShippingException`)
   * when neither payment nor credit terms let them ship; the shipment records it.
   */
  exception?: string;
}

/**
 * The CR-8 shipping gate with its grounds: payment confirmed (`paymentConfirmed`, the order
 * total including tax), the customer's credit terms (`hasCreditTerms`, decision 014), or an
 * approved ship-before-payment exception (`approvedShippingException`), which is then named so
 * the shipment records it. Unpaid shipping also needs every credit hold still covered
 * (`creditReleaseBlockers`).
 *
 * @example
 * const { blockers, exception } = shippingClearance(order, state, { policy, now, customer });
 * if (blockers.length === 0) recordShipping({ shippingException: exception });
 */
export function shippingClearance(
  order: Order,
  state: Pick<OrderWorkflow, 'credit' | 'tracking' | 'findings' | 'route'>,
  ctx: ShippingGateContext,
): ShippingClearance {
  const { policy, now } = ctx;
  const total = orderFacts(order).totals.total;
  const received = paymentConfirmed(order, state);
  if (received >= total) return { blockers: [] };
  const lapsed = creditReleaseBlockers(state, policy, now);
  if (hasCreditTerms(ctx.customer)) return { blockers: lapsed };
  const exception = approvedShippingException(order, state);
  if (exception !== undefined) return { blockers: lapsed, exception };
  const m = (n: number) => formatMoney(n, order.currency, policy);
  return {
    blockers: [
      ...lapsed,
      finding(policy, {
        ruleId: 'CR-8',
        severity: 'block',
        messageKey: 'credit.shipping.paymentRequired',
        params: { total: m(total), received: m(received), outstanding: m(total - received) },
        evidence: [
          { field: 'paymentConfirmed', value: received, limit: total },
          { field: 'customer.credit.creditTerms', value: false },
          { field: 'shipBeforePayment', value: order.shipBeforePayment },
        ],
      }),
    ],
  };
}

/**
 * CR-8 shipping gate, for the tracking area to call before shipping starts: goods ship only
 * after payment is confirmed (`paymentConfirmed` covers the order total including tax), unless
 * the customer has credit terms (`hasCreditTerms`: its credit profile, the one source of credit
 * terms, decision 014; our reading of the regulations: such a customer ships within its limit)
 * or shipping before payment was approved through the RV-7 chain — in review, or asked for on the
 * confirmed order (`REQUEST_SHIPPING_EXCEPTION`); see `shippingClearance` for the exception the
 * goods then leave under. Unpaid shipping also needs every credit hold still covered:
 * a release that expired blocks it (`creditReleaseBlockers`). Empty when the goods may ship.
 *
 * @example
 * const blockers = shippingBlockers(order, state, { policy, now: ctx.now, customer: ctx.customer });
 * if (blockers.length > 0) return refuse('BLOCKED', 'the goods cannot ship yet', { findings: blockers });
 */
export function shippingBlockers(
  order: Order,
  state: Pick<OrderWorkflow, 'credit' | 'tracking' | 'findings' | 'route'>,
  ctx: ShippingGateContext,
): Finding[] {
  return shippingClearance(order, state, ctx).blockers;
}
