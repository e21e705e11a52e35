import type { Customer } from '../../model/Customer.js';
import type { Finding } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import type { FulfilmentStep } from '../../policy/trackingPolicy.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import { paymentConfirmed, shippingClearance } from '../credit/shippingBlockers.js';
import { productionBlockers } from '../review/advancePayment.js';

/** What the fulfilment gates look at. */
export interface GateContext {
  policy: Policy;
  order: Order;
  /** The workflow with the tracking facts reported with the step (e.g. the advance received). */
  state: OrderWorkflow;
  now: string;
  customer?: Customer;
}

/**
 * The blockers of a fulfilment step about to start: the RV-8 advance before production
 * (`productionBlockers`, counting prepayments recorded by credit and the advance the ERP reported),
 * the CR-8 payment check before shipping (`shippingBlockers`). Empty when the step may go ahead.
 *
 * @example
 * stepBlockers('production', { policy, order, state, now }); // [RV-8 block] for an unpaid custom order
 */
export function stepBlockers(step: FulfilmentStep, ctx: GateContext): Finding[] {
  return stepClearance(step, ctx).blockers;
}

/**
 * `stepBlockers` with what let the step through: for shipping, the approved ship-before-payment
 * exception the goods leave under unpaid (CR-8, RV-7; `shippingClearance`), which the shipment
 * records.
 *
 * @example
 * stepClearance('shipping', { policy, order, state, now, customer }); // { blockers: [], shippingException: 'SBP-1' }
 */
export function stepClearance(
  step: FulfilmentStep,
  ctx: GateContext,
): { blockers: Finding[]; shippingException?: string } {
  switch (step) {
    case 'production':
      return {
        blockers: productionBlockers(ctx.order, ctx.policy, paymentConfirmed(ctx.order, ctx.state)),
      };
    case 'shipping': {
      const c = shippingClearance(ctx.order, ctx.state, {
        policy: ctx.policy,
        now: ctx.now,
        ...(ctx.customer ? { customer: ctx.customer } : {}),
      });
      return c.exception === undefined
        ? { blockers: c.blockers }
        : { blockers: c.blockers, shippingException: c.exception };
    }
    case 'procurement':
    case 'warehouse':
    case 'delivery':
    case 'acceptance':
    case 'settlement':
      return { blockers: [] };
  }
}
