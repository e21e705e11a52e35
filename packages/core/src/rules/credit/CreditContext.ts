import type { CreditExposure } from './creditExposure.js';
import type { ExchangeRate } from '../../model/ExchangeRate.js';
import type { Customer } from '../../model/Customer.js';
import type { Order } from '../../model/Order.js';
import type { RuleContext } from '../shared/RuleContext.js';

/**
 * What the credit rules look at besides the order: the rule context plus the customer's credit
 * facts (parsed once at the boundary with `Customer.parse`), exchange rates and the instant
 * the facts are judged at.
 */
export interface CreditContext extends RuleContext {
  /** The customer with its credit facts; absent when the caller has none (`credit.withoutFacts`). */
  customer?: Customer;
  /** Rates for foreign-currency amounts; the customer's own `rates` when absent. */
  rates?: readonly ExchangeRate[];
  /**
   * CR-4: the customer's orders this engine confirmed and has not seen invoiced, loaded by the
   * desk (the rules read no store); counted in exposure unless the ERP's open orders list them
   * (`creditExposure`).
   */
  confirmedOrders?: readonly Order[];
  /**
   * The instant limits and ageing are judged at (temporary increases in force, days past due);
   * `submittedAt` when absent. Both come from the caller's clock.
   */
  asOf?: string;
}

/** What the credit rules share in one assessment, computed once. */
export interface CreditFacts {
  customer: Customer;
  /** Exposure with this order (CR-4), in the limit's currency. */
  exposure: CreditExposure;
  /** The instant of the assessment. */
  at: string;
  /** Its calendar date in the policy's time zone (ageing, CR-6, CR-7). */
  asOfDate: string;
  /** The customer was credit-evaluated (CR-1). */
  evaluated: boolean;
  /** This order's total including tax, in its own currency: what a prepayment of it must cover. */
  orderTotal: number;
}
