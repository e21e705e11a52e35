import type { PGlite } from '@electric-sql/pglite';
import { ErpStore, type OrderDraft } from './store.js';

/**
 * The regulations' own cases as the sample ERP holds them (the same customers, figures and
 * people as `ordergate serve --demo`, `packages/server/src/cli/demo/`): what each seeded order
 * shows once ordergate has assessed it.
 */
export const SEEDED_CASES = [
  {
    ref: 'PO-HT-0301',
    story: 'regular order: production review, then the sales head (RV-5, RV-3)',
  },
  {
    ref: 'PO-HT-0302',
    story:
      'large order of a special product: joint review by technical, finance, production (RV-4)',
  },
  { ref: 'PO-HT-0303', story: "12 % discount beyond the salesperson's authority (RV-6)" },
  {
    ref: 'PO-HT-0304',
    story: 'incomplete order: returned to sales with every missing item (IN-2)',
  },
  { ref: 'PO-DF-0305', story: 'over the customer’s credit limit: on credit hold (CR-4)' },
] as const;

const day = 86_400_000;

function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Seeds a fresh sample ERP with the regulations' cases: two customers (Hengtai, grade A with a
 * 5,000,000.00 CNY limit; Dongfang, grade B, 500,000.00 CNY, with 320,000.00 in open invoices
 * and an 80,000.00 order delivered but not invoiced), three products, and five draft orders
 * (`SEEDED_CASES`). Does nothing when customers exist (a database kept in a directory).
 *
 * @example
 * await seedCases(db, Date.now());
 */
export async function seedCases(db: PGlite, now: number): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('select count(*)::int as n from customers');
  if (rows[0]!.n > 0) return false;
  await db.exec(`
    insert into customers (id, code, name, currency, credit_limit, tags, payment_term, credit_evaluated_on) values
      (1, 'C-HENGTAI', 'Hengtai Electromechanical', 'CNY', 5000000.00, '{grade:A,key-account}', 'NET30', '2025-12-01'),
      (2, 'C-DONGFANG', 'Dongfang Heavy Industry', 'CNY', 500000.00, '{grade:B}', 'NET30', '2025-12-01');
    select setval('customers_id_seq', 2);
    insert into products (id, code, name, specification, list_price, tax_rate, special, custom_made) values
      (1, 'CP-200', 'Centrifugal pump', 'DN80, 15 kW, 304 stainless', 12500.00, 13, false, false),
      (2, 'CP-200S', 'Centrifugal pump, special build', 'DN80, 15 kW, duplex steel, ATEX', 12500.00, 13, true, false),
      (3, 'SK-050', 'Seal kit', 'for CP-200', 320.00, 13, false, false);
    select setval('products_id_seq', 3);
    insert into invoices (name, customer_id, currency, amount_total, amount_residual, date_invoice, date_due, state) values
      ('INV/2026/0088', 2, 'CNY', 220000.00, 220000.00, '2026-01-16', '2026-02-15', 'open'),
      ('INV/2026/0093', 2, 'CNY', 150000.00, 100000.00, '2026-03-01', '2026-03-31', 'open'),
      ('INV/2026/0071', 1, 'CNY', 96050.00, 0.00, '2026-01-05', '2026-02-04', 'paid');
  `);
  const erp = new ErpStore(db);
  const hengtai = {
    customer_id: 1,
    currency: 'CNY',
    payment_terms: 'NET30',
    requested_date: shanghaiDate(now + 42 * day),
    channel: 'written' as const,
    salesperson: 'u-li',
    contact: { name: 'Manager Chen', phone: '+86 21 5555 0101', email: 'chen@hengtai.example' },
    ship_to: {
      street: '88 Zhangjiang Road, Pudong',
      city: 'Shanghai',
      zip: '201203',
      country: 'CN',
    },
    invoice_title: 'Hengtai Electromechanical Co., Ltd.',
    tax_id: '91310115MA1K4XXXX1',
  };
  const dongfang = {
    ...hengtai,
    customer_id: 2,
    contact: { name: 'Engineer Wu', phone: '+86 28 5555 0202', email: 'wu@dongfang.example' },
    ship_to: { street: '18 Huanghe Road', city: 'Deyang', zip: '618000', country: 'CN' },
    invoice_title: 'Dongfang Heavy Industry Co., Ltd.',
    tax_id: '91510600MA6XXXX2',
  };
  // Delivered last month, not invoiced yet: an open order in Dongfang's credit exposure.
  const delivered = await erp.createOrder({
    ...dongfang,
    client_ref: 'PO-DF-0241',
    state: 'done',
    lines: [{ product_id: 3, name: 'Seal kits and commissioning', qty: 1, price_unit: '70796.46' }],
  });
  const cases: OrderDraft[] = [
    { ...hengtai, client_ref: 'PO-HT-0301', lines: [{ product_id: 1, qty: 10 }] },
    {
      ...hengtai,
      client_ref: 'PO-HT-0302',
      technical_complexity: true,
      lines: [{ product_id: 2, qty: 80 }],
    },
    {
      ...hengtai,
      client_ref: 'PO-HT-0303',
      lines: [{ product_id: 1, qty: 10, discount: '12.00' }],
    },
    {
      ...hengtai,
      client_ref: 'PO-HT-0304',
      contact: { name: '', phone: 'call me', email: '' },
      invoice_title: '',
      tax_id: '',
      payment_terms: '',
      lines: [{ product_id: 1, qty: 10 }],
    },
    { ...dongfang, client_ref: 'PO-DF-0305', lines: [{ product_id: 1, qty: 10 }] },
  ];
  for (const c of cases) await erp.createOrder(c);
  await db.query(`update orders set date_order = $1, write_date = $1 where id = $2`, [
    new Date(now - 30 * day).toISOString(),
    delivered.id,
  ]);
  return true;
}

/**
 * Fills a fresh sample ERP with `orders` generated orders for the benchmark, in bulk SQL: 50
 * customers (grade tags, limits), two open invoices each, and orders of two lines each whose
 * changes are one minute apart, oldest first. Ids and refs are predictable (`SO-B-000001`…).
 *
 * @example
 * await seedBulk(db, 10_000);
 */
export async function seedBulk(db: PGlite, orders: number): Promise<void> {
  await db.exec(`
    insert into products (id, code, name, specification, list_price, tax_rate, special, custom_made) values
      (1, 'CP-200', 'Centrifugal pump', 'DN80, 15 kW, 304 stainless', 12500.00, 13, false, false),
      (2, 'SK-050', 'Seal kit', 'for CP-200', 320.00, 13, false, false)
      on conflict do nothing;
    insert into customers (id, code, name, currency, credit_limit, tags, payment_term, credit_evaluated_on)
      select i, 'C-B' || lpad(i::text, 4, '0'), 'Bench customer ' || i, 'CNY',
        (1000000 + i * 10000)::numeric(14,2), array['grade:' || (array['A','B','C','D'])[1 + i % 4]],
        'NET30', '2026-01-01'
      from generate_series(1, 50) i on conflict do nothing;
    insert into invoices (name, customer_id, currency, amount_total, amount_residual, date_invoice, date_due, state)
      select 'INV/B/' || c || '-' || k, c, 'CNY', 10000.00 + c, 10000.00 + c, '2026-01-15',
        case k when 0 then date '2026-02-14' else date '2026-12-31' end, 'open'
      from generate_series(1, 50) c, generate_series(0, 1) k on conflict do nothing;
  `);
  await db.query(
    `insert into orders (id, name, state, customer_id, client_ref, currency, payment_terms, requested_date,
       salesperson, contact_name, contact_phone, contact_email, ship_street, ship_city, ship_zip,
       ship_country, invoice_title, tax_id, date_order, write_date)
     select i, 'SO-B-' || lpad(i::text, 6, '0'), 'draft', 1 + i % 50, 'PO-B-' || i, 'CNY', 'NET30',
       date '2026-09-01', 'u-li', 'Buyer ' || i, '+86 21 5555 ' || lpad((i % 10000)::text, 4, '0'),
       'buyer' || i || '@example.com', i || ' Bench Road', 'Shanghai', '200000', 'CN',
       'Bench customer ' || (1 + i % 50) || ' Co., Ltd.', '9131' || lpad(i::text, 14, '0'),
       timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute',
       timestamptz '2026-01-01T00:00:00Z' + i * interval '1 minute'
     from generate_series(1, $1::int) i`,
    [orders],
  );
  await db.query(
    `insert into order_lines (order_id, seq, product_id, name, specification, qty, price_unit, discount, tax_rate)
     select i, k, k, case k when 1 then 'Centrifugal pump' else 'Seal kit' end,
       case k when 1 then 'DN80, 15 kW, 304 stainless' else 'for CP-200' end,
       (1 + i % 7) * k, case k when 1 then 12500.00 else 320.00 end, (i % 3) * 2.5, 13
     from generate_series(1, $1::int) i, generate_series(1, 2) k`,
    [orders],
  );
  await db.exec(`
    select setval('orders_id_seq', (select max(id) from orders));
    select setval('customers_id_seq', (select max(id) from customers));
    select setval('products_id_seq', (select max(id) from products));
  `);
}
