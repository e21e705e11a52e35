import type { OdooClient } from '../../src/index.js';

/** What a scenario created in Odoo (stored in the fixture, reused in replay). */
export interface Scenario {
  suffix: string;
  companyId: number;
  contactId: number;
  tagName: string;
  invoiceId: number;
  confirmedOrderId: number;
  draftOrderId: number;
  productIds: number[];
  adminUid: number;
  demoUid: number;
}

/** Creates a customer with a credit limit, a grade tag, an overdue open invoice, a confirmed
 * uninvoiced order and a draft order, all with unique names. */
export async function createScenario(odoo: OdooClient, prefix: string): Promise<Scenario> {
  const suffix = `${prefix}-${Date.now().toString(36)}`;
  const tagName = `OG Grade B ${suffix}`;
  const [tagId] = await odoo.create('res.partner.category', [{ name: tagName }]);
  const [companyId] = await odoo.create('res.partner', [
    {
      name: `OG Customer ${suffix}`,
      is_company: true,
      street: '1 Test Road',
      city: 'Suzhou',
      zip: '215000',
      email: `buyer-${suffix}@example.com`,
      vat: 'CN91320000TEST',
      credit_limit: 5000.5,
      category_id: [[6, 0, [tagId]]],
    },
  ]);
  const [contactId] = await odoo.create('res.partner', [
    {
      name: `OG Buyer ${suffix}`,
      parent_id: companyId,
      phone: '+86 512 0000 0000',
      email: `li-${suffix}@example.com`,
    },
  ]);
  const products = await odoo.searchRead('product.product', {
    domain: [
      ['sale_ok', '=', true],
      ['default_code', '!=', false],
    ],
    fields: ['id'],
    order: 'id',
    limit: 2,
  });
  const productIds = products.map((p) => p.id);
  const [invoiceId] = await odoo.create('account.move', [
    {
      move_type: 'out_invoice',
      partner_id: companyId,
      invoice_date: '2026-01-10',
      invoice_date_due: '2026-02-09',
      invoice_line_ids: [
        [
          0,
          0,
          { name: `Service ${suffix}`, quantity: 1, price_unit: 1234.56, tax_ids: [[6, 0, []]] },
        ],
      ],
    },
  ]);
  await odoo.call('account.move', 'action_post', { ids: [invoiceId!] });
  const line = (productId: number, qty: number, price: number, discount = 0) => [
    0,
    0,
    { product_id: productId, product_uom_qty: qty, price_unit: price, discount },
  ];
  const [confirmedOrderId, draftOrderId] = await odoo.create('sale.order', [
    {
      partner_id: contactId,
      client_order_ref: `OGT-${suffix}-C`,
      order_line: [line(productIds[0]!, 2, 100.25)],
    },
    {
      partner_id: contactId,
      client_order_ref: `OGT-${suffix}-D`,
      commitment_date: '2026-12-31 16:30:00',
      note: '<p>Deliver to gate <b>3</b> &amp; call first</p>',
      order_line: [
        [0, 0, { display_type: 'line_section', name: 'Section A' }],
        line(productIds[0]!, 3, 19.99, 12.5),
        line(productIds[1]!, 1.5, 1000.005),
      ],
    },
  ]);
  await odoo.call('sale.order', 'action_confirm', { ids: [confirmedOrderId!] });
  const users = await odoo.searchRead('res.users', {
    domain: [['login', 'in', ['admin', 'demo']]],
    fields: ['login'],
  });
  const uid = (login: string) => users.find((u) => u.login === login)?.id ?? 0;
  return {
    suffix,
    companyId: companyId!,
    contactId: contactId!,
    tagName,
    invoiceId: invoiceId!,
    confirmedOrderId: confirmedOrderId!,
    draftOrderId: draftOrderId!,
    productIds,
    adminUid: uid('admin'),
    demoUid: uid('demo'),
  };
}
