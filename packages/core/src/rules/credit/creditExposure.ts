import { ValidationError, type InputIssue } from '../../errors.js';
import { orderFacts } from '../../lib/orderFacts.js';
import type { Customer } from '../../model/Customer.js';
import type { Order } from '../../model/Order.js';
import type { Policy } from '../../policy/Policy.js';
import { currencyConverter, unknownCurrencyIssue } from './currencyConverter.js';
import { effectiveLimit } from './effectiveLimit.js';
import type { ExchangeRate } from '../../model/ExchangeRate.js';

const NO_DATE = '9999-99-99';

/** A customer's exposure with one more order (CR-4), in minor units of `currency`. */
export interface CreditExposure {
  /** The limit's currency, or the order's when no limit is on file. */
  currency: string;
  /** Open receivables. */
  receivables: number;
  /**
   * Confirmed orders not yet invoiced: the ERP's (`Customer.openOrders`) and those this engine
   * confirmed that the ERP does not list (`confirmedHere`); this order is never among them.
   */
  openOrders: number;
  /**
   * The part of `openOrders` from orders this engine confirmed and has not seen invoiced that the
   * ERP's open orders do not list yet (`CreditExposureOptions.confirmedOrders`).
   */
  confirmedHere: number;
  /** This order (including tax unless `credit.includeTax` is false). */
  thisOrder: number;
  /** receivables + openOrders + thisOrder. */
  total: number;
  /** Limit in force (with temporary increases); undefined when unlimited. */
  limit: number | undefined;
  /** Limit on file, without temporary increases. */
  baseLimit: number | undefined;
  /** Temporary increases in force. */
  temporaryIncrease: number;
  /** Earliest due date of an open receivable with something left to pay (CR-6, CR-7). */
  oldestDueDate: string | undefined;
}

/** Options of `creditExposure`. */
export interface CreditExposureOptions {
  policy: Pick<Policy, 'credit' | 'currencies'>;
  /** The instant the limit is judged at (temporary increases in force then). */
  at: string;
  /** Rates for foreign-currency amounts; the customer's own `rates` are used when absent. */
  rates?: readonly ExchangeRate[];
  /**
   * The customer's orders this engine confirmed and has not seen invoiced (confirmed, change
   * pending, in fulfilment, delivered), loaded by the desk from its store. Each counts at its
   * amount (tax included unless `credit.includeTax` is false) unless the ERP's open orders
   * already list it — by order id, or by a reference equal to the order's ERP reference
   * (`externalRef`) or its number — where the ERP's amount, net of what it invoiced, counts.
   */
  confirmedOrders?: readonly Order[];
}

/**
 * Exposure = open receivables + confirmed-but-uninvoiced orders + this order (CR-4), in the
 * currency of the customer's limit. Confirmed-but-uninvoiced orders are the ERP's open orders
 * plus the orders this engine confirmed that the ERP does not list yet (`confirmedOrders`): an
 * order confirmed here a minute ago counts before the ERP's next sync, and one the ERP lists is
 * counted once, at the ERP's amount. Amounts in another currency convert with the supplied rates,
 * each amount rounded once, half away from zero (see `currencyConverter`). An open order with
 * this order's id is skipped so a re-assessed order never counts twice.
 *
 * One pass over the facts, no allocation per item and no date parsing: due dates compare as
 * `YYYY-MM-DD` strings. Customer facts are parsed once at the boundary (`Customer.parse`),
 * never here.
 *
 * @example
 * const e = creditExposure(order, customer, { policy, at: clock.now() });
 * e.total > (e.limit ?? Infinity); // CR-4 hold
 * @throws {ValidationError} naming every field whose currency has no rate (`receivables.3.currency`,
 *   `confirmedOrders.0.currency`).
 */
export function creditExposure(
  order: Order,
  customer: Customer,
  options: CreditExposureOptions,
): CreditExposure {
  const { policy, at } = options;
  const limit = effectiveLimit(customer.credit, at, policy);
  const currency = limit.currency ?? order.currency;
  const conv = currencyConverter(currency, options.rates ?? customer.rates, policy);
  const issues: InputIssue[] = [];

  let receivables = 0;
  // A sentinel later than any real date keeps the hot loop to one string comparison per item.
  let oldest = NO_DATE;
  const rs = customer.receivables;
  for (let i = 0; i < rs.length; i++) {
    const r = rs[i]!;
    const amount = r.amount;
    if (r.currency === currency) receivables += amount;
    else {
      const v = conv.convert(amount, r.currency);
      if (v === undefined)
        issues.push(
          unknownCurrencyIssue(`receivables.${String(i)}.currency`, r.currency, currency),
        );
      else receivables += v;
    }
    const due = r.dueDate;
    if (due < oldest && amount > 0) oldest = due;
  }

  let openOrders = 0;
  const os = customer.openOrders;
  for (let i = 0; i < os.length; i++) {
    const o = os[i]!;
    if (o.id === order.id) continue;
    if (o.currency === currency) openOrders += o.amount;
    else {
      const v = conv.convert(o.amount, o.currency);
      if (v === undefined)
        issues.push(unknownCurrencyIssue(`openOrders.${String(i)}.currency`, o.currency, currency));
      else openOrders += v;
    }
  }

  let confirmedHere = 0;
  const here = options.confirmedOrders ?? [];
  if (here.length > 0) {
    const listed = new Set<string>();
    for (const o of os) {
      listed.add(`id:${o.id}`);
      if (o.reference !== '') listed.add(`ref:${o.reference}`);
    }
    const isListed = (o: Order) =>
      listed.has(`id:${o.id}`) ||
      (o.externalRef !== '' && listed.has(`ref:${o.externalRef}`)) ||
      (o.number !== '' && listed.has(`ref:${o.number}`));
    for (let i = 0; i < here.length; i++) {
      const o = here[i]!;
      if (o.id === order.id || isListed(o)) continue;
      const t = orderFacts(o).totals;
      const amount = policy.credit.includeTax ? t.total : t.untaxed;
      const v = conv.convert(amount, o.currency);
      if (v === undefined)
        issues.push(
          unknownCurrencyIssue(`confirmedOrders.${String(i)}.currency`, o.currency, currency),
        );
      else confirmedHere += v;
    }
    openOrders += confirmedHere;
  }

  const totals = orderFacts(order).totals;
  const own = policy.credit.includeTax ? totals.total : totals.untaxed;
  const thisOrder = conv.convert(own, order.currency);
  if (thisOrder === undefined)
    issues.push(unknownCurrencyIssue('order.currency', order.currency, currency));
  if (issues.length > 0) throw new ValidationError('credit facts', issues);

  const total = receivables + openOrders + (thisOrder ?? 0);
  if (!Number.isSafeInteger(total)) {
    throw new ValidationError('credit facts', [
      { path: 'receivables', message: 'exposure exceeds the safe integer range' },
    ]);
  }
  return {
    currency,
    receivables,
    openOrders,
    confirmedHere,
    thisOrder: thisOrder ?? 0,
    total,
    limit: limit.amount,
    baseLimit: limit.base,
    temporaryIncrease: limit.temporary,
    oldestDueDate: oldest === NO_DATE ? undefined : oldest,
  };
}
