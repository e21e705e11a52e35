import type { Customer } from '../model/Customer.js';
import type { Order } from '../model/Order.js';
import type { Policy } from '../policy/Policy.js';

/** What `transition` needs besides the state and the event. */
export interface TransitionContext {
  policy: Policy;
  /** The order as it stands (current revision). */
  order: Order;
  /** The current instant (ISO), from the caller's clock. */
  now: string;
  /** The customer with credit facts, when the caller has them (credit rules). */
  customer?: Customer;
  /**
   * Credit (CR-4): the customer's other orders this engine confirmed and has not seen invoiced,
   * loaded by the desk for an assessment; exposure counts those the ERP does not list yet.
   */
  confirmedOrders?: readonly Order[];
}
