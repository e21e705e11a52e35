import {
  type Customer,
  type CustomerInput,
  Customer as CustomerSchema,
  parseOrThrow,
} from '@ordergate/core';
import { many2one, minorUnits, plainDate, text, utcDateTime } from './odooValues.js';
import type { OdooMapping } from './OdooMapping.js';
import type {
  OdooCurrencyRecord,
  OdooInvoiceRecord,
  OdooOpenOrderRecord,
  OdooPartnerRecord,
} from './OdooRecords.js';

/** Everything a customer's credit facts map from. */
export interface OdooCustomerBundle {
  /** The commercial partner (the company, not a contact person). */
  partner: OdooPartnerRecord;
  /** Its posted, not fully paid customer invoices. */
  invoices: readonly OdooInvoiceRecord[];
  /** Its confirmed orders not fully invoiced. */
  openOrders: readonly OdooOpenOrderRecord[];
  currencies: ReadonlyMap<number, OdooCurrencyRecord>;
  /** Partner tag names by id (for a grade read from tags). */
  tagNames: ReadonlyMap<number, string>;
  /** When the facts were read, ISO with zone. */
  asOf: string;
}

/** Mapping settings plus an optional hook for customised databases. */
export interface MapCustomerOptions {
  mapping: OdooMapping;
  customize?: (input: CustomerInput, bundle: OdooCustomerBundle) => CustomerInput;
}

function decimalsOf(currencies: ReadonlyMap<number, OdooCurrencyRecord>, id: number | undefined) {
  const c = id === undefined ? undefined : currencies.get(id);
  return { code: c?.name ?? '', decimals: c?.decimal_places ?? 2 };
}

/**
 * Maps a commercial partner with its open invoices (CR-7 receivables, ageing from
 * `invoice_date_due`) and confirmed-uninvoiced orders (CR-4 exposure) into a core `Customer`.
 * The credit limit (CR-3) is `credit_limit` in the company currency; the grade (CR-2) comes from
 * the configured field or tags.
 *
 * @example
 * const customer = mapOdooCustomer(bundle, { mapping: OdooMapping.parse({}) });
 */
export function mapOdooCustomer(bundle: OdooCustomerBundle, options: MapCustomerOptions): Customer {
  const { partner, currencies, mapping } = { ...bundle, mapping: options.mapping };
  const company = decimalsOf(currencies, many2one(partner.currency_id)?.id);
  const limit =
    typeof partner.credit_limit === 'number' && partner.credit_limit > 0 && company.code
      ? { amount: minorUnits(partner.credit_limit, company.decimals), currency: company.code }
      : undefined;
  const grade = readGrade(partner, bundle.tagNames, mapping);
  const term = many2one(partner.property_payment_term_id)?.name ?? '';
  const prepaid = term !== '' && mapping.prepaymentTerms.includes(term);
  const evaluated = mapping.evaluatedAtField ? partner[mapping.evaluatedAtField] : undefined;
  const evaluatedAt =
    utcDateTime(evaluated) ??
    (plainDate(evaluated) ? `${plainDate(evaluated)}T00:00:00Z` : undefined);
  const incident = mapping.incidentField ? text(partner[mapping.incidentField]) : '';

  let input: CustomerInput = {
    id: String(partner.id),
    name: text(partner.name),
    credit: {
      ...(grade ? { grade } : {}),
      ...(limit ? { limit } : {}),
      ...(evaluatedAt ? { evaluatedAt } : {}),
      guaranteeOnFile: mapping.guaranteeField ? partner[mapping.guaranteeField] === true : false,
      prepaymentTerms: prepaid,
      creditTerms: term !== '' && !prepaid,
      ...(incident ? { incident } : {}),
    },
    receivables: bundle.invoices
      .filter((inv) => inv.amount_residual > 0)
      .map((inv) => {
        const cur = decimalsOf(currencies, many2one(inv.currency_id)?.id);
        return {
          id: String(inv.id),
          amount: minorUnits(inv.amount_residual, cur.decimals),
          currency: cur.code,
          dueDate: plainDate(inv.invoice_date_due) ?? plainDate(inv.invoice_date) ?? '',
          reference: text(inv.name),
        };
      }),
    // CR-4: the whole confirmed commitment not invoiced yet (Odoo's `amount_to_invoice` only
    // counts delivered quantities under a delivery invoicing policy).
    openOrders: bundle.openOrders
      .map((o) => ({ o, cur: decimalsOf(currencies, many2one(o.currency_id)?.id) }))
      .map(({ o, cur }) => ({
        o,
        cur,
        left:
          minorUnits(o.amount_total, cur.decimals) - minorUnits(o.amount_invoiced, cur.decimals),
      }))
      .filter(({ left }) => left > 0)
      .map(({ o, cur, left }) => {
        return {
          id: String(o.id),
          amount: left,
          currency: cur.code,
          reference: text(o.name),
        };
      }),
    asOf: bundle.asOf,
  };
  if (options.customize) input = options.customize(input, bundle);
  return parseOrThrow(CustomerSchema, input, `Odoo res.partner ${partner.id}`);
}

function readGrade(
  partner: OdooPartnerRecord,
  tagNames: ReadonlyMap<number, string>,
  mapping: OdooMapping,
): 'A' | 'B' | 'C' | 'D' | undefined {
  const source = mapping.grade;
  switch (source.source) {
    case 'none':
      return undefined;
    case 'field': {
      const value = text(partner[source.field]);
      if (source.values[value]) return source.values[value];
      return ['A', 'B', 'C', 'D'].includes(value) ? (value as 'A' | 'B' | 'C' | 'D') : undefined;
    }
    case 'tag': {
      for (const id of partner.category_id ?? []) {
        const grade = source.tags[tagNames.get(id) ?? ''];
        if (grade) return grade;
      }
      return undefined;
    }
  }
}
