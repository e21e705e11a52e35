// Odoo's quirks end in the mapping layer: false for empty, [id, name] pairs, naive UTC strings,
// float amounts → integer minor units with the currency's decimals (IN-2 judged by core).
import { describe, expect, it } from 'vitest';
import {
  mapOdooCustomer,
  mapOdooOrder,
  OdooMapping,
  OdooPartnerRecord,
  OdooSaleOrderLineRecord,
  OdooSaleOrderRecord,
} from '../src/index.js';

const currencies = new Map([
  [1, { id: 1, name: 'CNY', decimal_places: 2 }],
  [2, { id: 2, name: 'JPY', decimal_places: 0 }],
  [3, { id: 3, name: 'KWD', decimal_places: 3 }],
]);
const partners = new Map([
  [
    7,
    OdooPartnerRecord.parse({
      id: 7,
      name: 'Acme',
      commercial_partner_id: [7, 'Acme'],
      email: false,
      phone: false,
      street: false,
      city: 'Suzhou',
      zip: false,
      country_code: 'CN',
      vat: false,
      credit_limit: 0,
      currency_id: [1, 'CNY'],
      category_id: [],
    }),
  ],
]);
const order = (over: Record<string, unknown> = {}) =>
  OdooSaleOrderRecord.parse({
    id: 42,
    name: 'S00042',
    state: 'draft',
    locked: false,
    write_date: '2026-03-02 01:02:03',
    create_date: '2026-03-01 23:30:00',
    date_order: '2026-03-01 23:30:00',
    commitment_date: false,
    partner_id: [7, 'Acme'],
    partner_invoice_id: [7, 'Acme'],
    partner_shipping_id: [7, 'Acme'],
    currency_id: [1, 'CNY'],
    payment_term_id: false,
    user_id: false,
    create_uid: [2, 'Admin'],
    client_order_ref: false,
    note: false,
    invoice_status: 'no',
    ...over,
  });
const line = (over: Record<string, unknown> = {}) =>
  OdooSaleOrderLineRecord.parse({
    id: 1,
    order_id: [42, 'S00042'],
    display_type: false,
    product_id: [5, '[P-200] Pump'],
    name: '[P-200] Pump\nstainless, 2 bar',
    product_uom_qty: 2,
    price_unit: 1.005,
    discount: 12.5,
    product_uom: [1, 'Units'],
    tax_id: [9],
    ...over,
  });
const map = (o = order(), lines = [line()], cur = currencies) =>
  mapOdooOrder(
    {
      order: o,
      lines,
      partners,
      currencies: cur,
      taxes: new Map([[9, { id: 9, amount: 13, amount_type: 'percent' }]]),
    },
    { mapping: OdooMapping.parse({}), timeZone: 'Asia/Shanghai' },
  );

describe('mapOdooOrder', () => {
  it('turns false into empty strings, pairs into ids, naive UTC into Z, floats into minor units', () => {
    const { order: o } = map();
    expect(o.enteredAt).toBe('2026-03-01T23:30:00Z');
    expect(o.salesperson).toBe('2'); // no salesperson: the creator
    expect(o.contact).toEqual({ name: 'Acme', phone: '', email: '' });
    expect(o.deliveryAddress).toEqual({
      street: '',
      city: 'Suzhou',
      postalCode: '',
      country: 'CN',
    });
    expect(o.paymentTerms).toBe('');
    expect(o.lines[0]).toMatchObject({
      productId: '5',
      model: 'P-200',
      productName: 'Pump',
      specification: 'stainless, 2 bar',
      unitPrice: 101,
      discountBp: 1250,
      taxBp: 1300,
      uom: 'Units',
    });
  });

  it('uses the decimals of each currency (JPY 0, KWD 3)', () => {
    expect(
      map(order({ currency_id: [2, 'JPY'] }), [line({ price_unit: 1234.5 })]).order.lines[0]!
        .unitPrice,
    ).toBe(1235);
    expect(
      map(order({ currency_id: [3, 'KWD'] }), [line({ price_unit: 0.1 + 0.2 })]).order.lines[0]!
        .unitPrice,
    ).toBe(300);
  });

  it('skips sections, notes and non-positive quantities, saying so', () => {
    const { order: o, warnings } = map(order(), [
      line({
        id: 1,
        display_type: 'line_section',
        product_id: false,
        product_uom_qty: 0,
        price_unit: 0,
      }),
      line({ id: 2, product_uom_qty: 0 }),
      line({ id: 3 }),
    ]);
    expect(o.lines.map((l) => l.id)).toEqual(['3']);
    expect(warnings).toEqual(['line 2: quantity 0 skipped (not positive)']);
  });

  it('gives the delivery date in the configured time zone (Odoo stores UTC)', () => {
    expect(map(order({ commitment_date: '2026-04-30 17:00:00' })).order.requestedDeliveryDate).toBe(
      '2026-05-01',
    );
  });
});

describe('mapOdooCustomer', () => {
  it('maps credit limit, receivables (CR-7) and uninvoiced confirmed orders (CR-4)', () => {
    const c = mapOdooCustomer(
      {
        partner: OdooPartnerRecord.parse({
          ...partners.get(7),
          credit_limit: 50000.1,
          x_grade: 'good',
          property_payment_term_id: [3, '30 Days'],
        }),
        invoices: [
          {
            id: 11,
            name: 'INV/1',
            commercial_partner_id: [7, 'Acme'],
            currency_id: [1, 'CNY'],
            amount_residual: 99.99,
            invoice_date_due: '2026-02-01',
          },
        ],
        openOrders: [
          {
            id: 12,
            name: 'S12',
            partner_id: [7, 'Acme'],
            currency_id: [1, 'CNY'],
            amount_total: 300,
            amount_invoiced: 100.5,
          },
          {
            id: 13,
            name: 'S13',
            partner_id: [7, 'Acme'],
            currency_id: [1, 'CNY'],
            amount_total: 50,
            amount_invoiced: 50,
          },
        ],
        currencies,
        tagNames: new Map(),
        asOf: '2026-03-02T00:00:00Z',
      },
      {
        mapping: OdooMapping.parse({
          grade: { source: 'field', field: 'x_grade', values: { good: 'A' } },
        }),
      },
    );
    expect(c.credit).toMatchObject({
      grade: 'A',
      limit: { amount: 5000010, currency: 'CNY' },
      creditTerms: true,
      prepaymentTerms: false,
    });
    expect(c.receivables).toEqual([
      { id: '11', amount: 9999, currency: 'CNY', dueDate: '2026-02-01', reference: 'INV/1' },
    ]);
    expect(c.openOrders).toEqual([{ id: '12', amount: 19950, currency: 'CNY', reference: 'S12' }]);
  });
});
