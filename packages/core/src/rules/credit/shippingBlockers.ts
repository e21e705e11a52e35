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
   * it has credit terms (`hasCreditTerms`, decision 012). None means no credit terms.
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

/** Whether the RV-7 chain for shipping before payment was asked for and every step of it approved. */
function exceptionApproved(
  order: Order,
  state: Pick<OrderWorkflow, 'findings' | 'route'>,
): boolean {
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
 * CR-8 shipping gate, for the tracking area to call before shipping starts: goods ship only
 * after payment is confirmed (`paymentConfirmed` covers the order total including tax), unless
 * the customer has credit terms (`hasCreditTerms`: its credit profile, the one source of credit
 * terms, decision 012; our reading of the regulations: such a customer ships within its limit)
 * or shipping before payment was approved through the RV-7 chain. Unpaid shipping also needs every credit hold still covered:
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
  const { policy, now } = ctx;
  const total = orderFacts(order).totals.total;
  const received = paymentConfirmed(order, state);
  if (received >= total) return [];
  const lapsed = creditReleaseBlockers(state, policy, now);
  if (hasCreditTerms(ctx.customer) || exceptionApproved(order, state)) return lapsed;
  const m = (n: number) => formatMoney(n, order.currency, policy);
  return [
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
  ];
}
