import type { Customer } from '../../model/Customer.js';

/**
 * Whether the customer has credit terms (CR-8): goods may ship to it before payment, within its
 * credit limit (CR-4 watches the limit), and shipping before payment is then no exceptional order
 * (RV-7).
 *
 * The one source of credit terms is the customer's credit profile, `CreditProfile.creditTerms`,
 * as the ERP's customer master holds it (the Odoo connector reads it off the partner's payment
 * term) — see decision 014. The regulation gives credit terms to a _customer_, granted by credit
 * management with its grade and limit; the payment-term code on an order is typed by the
 * salesperson the gate restrains, so it does not open the gate. Without the customer's credit
 * facts there are no credit terms: the gate fails closed (decision 007).
 *
 * @example
 * hasCreditTerms(customer); // true when the ERP gives the customer credit terms
 * hasCreditTerms(undefined); // false: no facts, no credit terms
 */
export function hasCreditTerms(customer: Pick<Customer, 'credit'> | undefined): boolean {
  return customer?.credit.creditTerms === true;
}
