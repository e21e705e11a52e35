import type { Context, Hono } from 'hono';
import { ORDER_STATES } from './db.js';
import {
  ErpError,
  draftOf,
  type ApiCustomer,
  type ApiOrder,
  type ApiProduct,
  type ErpStore,
  type LineDraft,
  type OrderDraft,
} from './store.js';
import type { WebhookSender } from './webhooks.js';

/** Markup that is already escaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * A tagged template whose interpolations are escaped (lists are joined, `Html` is kept as is).
 *
 * @example
 * h`<td>${order.client_ref}</td>`; // a ref "<b>" shows as text
 */
export function h(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new Html(out);
}

function render(v: unknown): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(render).join('');
  if (v === undefined || v === null || v === false) return '';
  if (typeof v === 'string') return escapeHtml(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')
    return escapeHtml(String(v));
  return escapeHtml(JSON.stringify(v) ?? '');
}

const STYLE = `body{font:14px system-ui,sans-serif;margin:1.5rem;color:#222}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left}th{background:#f3f3f3}
input,select,textarea{font:inherit}fieldset{margin:.8rem 0}label{display:inline-block;margin:.2rem .8rem .2rem 0}
.locked{color:#a40}.err{background:#fee;border:1px solid #c00;padding:.5rem}.note{white-space:pre-wrap}`;

function page(title: string, body: Html): string {
  return h`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title} · Sample ERP</title>
<style>${new Html(STYLE)}</style></head><body><p><a href="/">Orders</a> · <a href="/orders/new">New order</a> · <a href="/customers">Customers</a></p>
<h1>${title}</h1>${body}</body></html>`.text;
}

/** What the pages need. */
export interface PageDeps {
  erp: ErpStore;
  webhooks?: WebhookSender;
}

const LINE_ROWS_FREE = 2;

/**
 * Mounts the sample ERP's pages, plain server-rendered HTML with every value escaped: the order
 * list (`/`), entering (`/orders/new`) and editing (`/orders/{id}`) an order with its lines,
 * and the customers with their credit facts (`/customers`). Saving an order sends the webhook.
 * A form posted from another origin is refused (403). The pages have no login: the sample ERP
 * is meant for 127.0.0.1.
 *
 * @example
 * registerPages(app, { erp, webhooks });
 */
export function registerPages(app: Hono, deps: PageDeps): void {
  const { erp } = deps;
  app.use('/orders/*', sameOrigin);
  app.use('/orders', sameOrigin);

  app.get('/', async (c) => {
    const { rows } = await erp.listOrders({ page: 1, perPage: 1000 });
    rows.sort((a, b) => b.id - a.id);
    const hooks = deps.webhooks?.deliveries.slice(-5).reverse() ?? [];
    return c.html(
      page(
        'Orders',
        h`<table><tr><th>Order</th><th>Customer</th><th>Customer ref</th><th>State</th><th>Total</th><th>ordergate</th><th>Last change (UTC)</th></tr>
${rows.map(
  (
    o,
  ) => h`<tr><td><a href="/orders/${o.id}">${o.name}</a></td><td>${o.customer_name}</td><td>${o.client_ref}</td>
<td>${o.state}</td><td>${o.amount_total} ${o.currency}</td><td>${status(o)}</td><td>${o.write_date}</td></tr>`,
)}</table>
${
  deps.webhooks
    ? h`<h2>Webhooks sent</h2><ul>${hooks.map((d) => h`<li>orders ${d.orders.join(', ')} → ${d.status} (${d.attempts} attempt(s))</li>`)}</ul>`
    : h`<p>No webhook target configured.</p>`
}`,
      ),
    );
  });

  app.get('/customers', async (c) => {
    const { rows } = await erp.listCustomers(1, 1000);
    const invoices = await erp.listInvoices({ state: 'open', page: 1, perPage: 1000 });
    return c.html(
      page(
        'Customers',
        h`<table><tr><th>Code</th><th>Name</th><th>Credit limit</th><th>Tags</th><th>Open invoices</th></tr>
${rows.map(
  (
    cu,
  ) => h`<tr><td>${cu.code}</td><td>${cu.name}</td><td>${cu.credit_limit ?? '—'} ${cu.currency}</td><td>${cu.tags.join(', ')}</td>
<td>${invoices.rows
    .filter((i) => i.customer_id === cu.id)
    .map((i) => h`${i.name}: ${i.amount_residual} due ${i.date_due}<br>`)}</td></tr>`,
)}</table>`,
      ),
    );
  });

  app.get('/orders/new', async (c) =>
    c.html(page('New order', form(undefined, await choices(erp), undefined))),
  );

  app.post('/orders', async (c) => {
    const draft = await formDraft(c);
    try {
      const o = await erp.createOrder(draft);
      deps.webhooks?.orderChanged(o.id);
      return c.redirect(`/orders/${String(o.id)}`, 303);
    } catch (error) {
      return c.html(
        page('New order', form(undefined, await choices(erp), message(error), draft)),
        400,
      );
    }
  });

  app.get('/orders/:id', async (c) => {
    const o = await erp.order(Number(c.req.param('id')) || 0);
    if (!o) return c.html(page('Not found', h`<p>No such order.</p>`), 404);
    return c.html(page(o.name, await orderPage(erp, o, undefined)));
  });

  app.post('/orders/:id', async (c) => {
    const id = Number(c.req.param('id')) || 0;
    const before = await erp.order(id);
    if (!before) return c.html(page('Not found', h`<p>No such order.</p>`), 404);
    const draft = await formDraft(c);
    try {
      const o = await erp.updateOrder(id, draft);
      if (o.write_date !== before.write_date) deps.webhooks?.orderChanged(o.id);
      return c.redirect(`/orders/${String(id)}`, 303);
    } catch (error) {
      const status = error instanceof ErpError && error.status === 409 ? 409 : 400;
      return c.html(page(before.name, await orderPage(erp, before, message(error), draft)), status);
    }
  });
}

async function sameOrigin(c: Context, next: () => Promise<void>): Promise<Response | void> {
  if (c.req.method === 'POST') {
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    if (origin && origin !== 'null' && new URL(origin).host !== host)
      return c.text('cross-origin form refused', 403);
  }
  await next();
}

function message(error: unknown): string {
  if (error instanceof ErpError) return error.message;
  if (error && typeof error === 'object' && 'issues' in error) {
    const i = (error as { issues: { path: PropertyKey[]; message: string }[] }).issues[0]!;
    return `${i.path.map(String).join('.')}: ${i.message}`;
  }
  throw error;
}

function status(o: ApiOrder): Html {
  return h`${o.locked ? h`<span class="locked">locked</span>` : 'open'}${o.cancel_requested ? h` · <b>cancel requested</b>` : ''}`;
}

async function choices(erp: ErpStore) {
  return { customers: (await erp.listCustomers(1, 1000)).rows, products: await erp.products() };
}

async function orderPage(
  erp: ErpStore,
  o: ApiOrder,
  error: string | undefined,
  draft?: OrderDraft,
): Promise<Html> {
  const notes = await erp.orderNotes(o.id);
  return h`<p>${o.customer_name} · ${o.state} · ${o.amount_untaxed} + tax ${o.amount_tax} = <b>${o.amount_total} ${o.currency}</b> · entered ${o.date_order} (Shanghai)</p>
<p>ordergate: ${status(o)}${o.cancel_requested ? h` — ${o.cancel_requested}` : ''}</p>
${form(o, await choices(erp), error, draft)}
<h2>Notes</h2>${notes.length === 0 ? h`<p>None.</p>` : h`<ul>${notes.map((n) => h`<li><small>${n.created} ${n.author}</small><div class="note">${n.body}</div></li>`)}</ul>`}`;
}

function form(
  o: ApiOrder | undefined,
  { customers, products }: { customers: ApiCustomer[]; products: ApiProduct[] },
  error: string | undefined,
  entered?: OrderDraft,
): Html {
  const d: OrderDraft =
    entered ?? (o ? draftOf(o) : { customer_id: customers[0]?.id ?? 1, salesperson: 'u-li' });
  const readOnly = o?.locked === true;
  const lines: (LineDraft | undefined)[] = [...(d.lines ?? [])];
  if (!readOnly) for (let i = 0; i < LINE_ROWS_FREE; i++) lines.push(undefined);
  const text = (name: string, label: string, value: string | null | undefined, type = 'text') =>
    h`<label>${label} <input type="${type}" name="${name}" value="${value ?? ''}"></label>`;
  const check = (name: string, label: string, on: boolean | undefined) =>
    h`<label><input type="checkbox" name="${name}" value="1"${on ? h` checked` : ''}> ${label}</label>`;
  const select = (name: string, options: [string, string][], value: string) =>
    h`<select name="${name}">${options.map(([v, l]) => h`<option value="${v}"${v === value ? h` selected` : ''}>${l}</option>`)}</select>`;
  return h`${error ? h`<p class="err">${error}</p>` : ''}
${readOnly ? h`<p class="locked">Locked by ordergate: changes go through a change request in the order desk.</p>` : ''}
<form method="post" action="${o ? `/orders/${String(o.id)}` : '/orders'}"><fieldset${readOnly ? h` disabled` : ''}>
<legend>Order</legend>
<label>Customer ${select(
    'customer_id',
    customers.map((cu) => [String(cu.id), `${cu.code} ${cu.name}`]),
    String(d.customer_id),
  )}</label>
<label>State ${select(
    'state',
    ORDER_STATES.map((s) => [s, s]),
    d.state ?? 'draft',
  )}</label>
${text('client_ref', 'Customer ref', d.client_ref)} ${text('salesperson', 'Salesperson', d.salesperson)}
${text('payment_terms', 'Payment terms', d.payment_terms)} ${text('requested_date', 'Requested delivery', d.requested_date, 'date')}
<label>Channel ${select(
    'channel',
    [
      ['written', 'written'],
      ['verbal', 'verbal'],
    ],
    d.channel ?? 'written',
  )}</label>
${text('currency', 'Currency', d.currency ?? 'CNY')}
<br>${text('contact_name', 'Contact', d.contact?.name)} ${text('contact_phone', 'Phone', d.contact?.phone)} ${text('contact_email', 'Email', d.contact?.email)}
<br>${text('ship_street', 'Street', d.ship_to?.street)} ${text('ship_city', 'City', d.ship_to?.city)} ${text('ship_zip', 'Postal code', d.ship_to?.zip)} ${text('ship_country', 'Country', d.ship_to?.country)}
<br>${text('invoice_title', 'Invoice title', d.invoice_title)} ${text('tax_id', 'Tax id', d.tax_id)}
<br>${check('technical_complexity', 'Technically complex', d.technical_complexity)} ${check('urgent', 'Urgent', d.urgent)} ${check('invoiced', 'Invoiced', d.invoiced)}
<br><label>Note <textarea name="note" rows="2" cols="60">${d.note ?? ''}</textarea></label>
</fieldset><fieldset${readOnly ? h` disabled` : ''}><legend>Lines (empty quantity removes a line)</legend>
<table><tr><th>Product</th><th>Description</th><th>Quantity</th><th>Unit price</th><th>Discount %</th></tr>
${lines.map(
  (
    l,
    i,
  ) => h`<tr><td>${l?.id !== undefined ? h`<input type="hidden" name="line_${i}_id" value="${l.id}">` : ''}
${select(`line_${i}_product`, [['', '—'], ...products.map((p): [string, string] => [String(p.id), `${p.code} ${p.name} (${p.list_price})`])], l?.product_id != null ? String(l.product_id) : '')}</td>
<td><input name="line_${i}_name" value="${l?.name ?? ''}"></td><td><input name="line_${i}_qty" size="6" value="${l?.qty ?? ''}"></td>
<td><input name="line_${i}_price" size="10" value="${l?.price_unit ?? ''}" placeholder="list price"></td><td><input name="line_${i}_discount" size="5" value="${l?.discount ?? ''}"></td></tr>`,
)}</table></fieldset>
${readOnly ? '' : h`<button type="submit">Save</button>`}</form>`;
}

/** The order a posted form describes (the lines with a quantity). */
async function formDraft(c: Context): Promise<OrderDraft> {
  const f = await c.req.parseBody();
  const s = (name: string) => (typeof f[name] === 'string' ? f[name] : '').trim();
  const lines: LineDraft[] = [];
  for (let i = 0; i < 200; i++) {
    if (!(`line_${String(i)}_qty` in f)) break;
    const qty = s(`line_${String(i)}_qty`);
    if (!qty) continue;
    const id = s(`line_${String(i)}_id`);
    const product = s(`line_${String(i)}_product`);
    const price = s(`line_${String(i)}_price`);
    const name = s(`line_${String(i)}_name`);
    lines.push({
      ...(id ? { id: Number(id) } : {}),
      product_id: product ? Number(product) : null,
      ...(name ? { name } : {}),
      qty,
      ...(price ? { price_unit: price } : {}),
      discount: s(`line_${String(i)}_discount`) || '0',
    });
  }
  return {
    customer_id: Number(s('customer_id')),
    state: s('state') as OrderDraft['state'],
    client_ref: s('client_ref'),
    currency: s('currency') || 'CNY',
    payment_terms: s('payment_terms'),
    requested_date: s('requested_date') || null,
    channel: (s('channel') || 'written') as OrderDraft['channel'],
    salesperson: s('salesperson'),
    contact: { name: s('contact_name'), phone: s('contact_phone'), email: s('contact_email') },
    ship_to: {
      street: s('ship_street'),
      city: s('ship_city'),
      zip: s('ship_zip'),
      country: s('ship_country'),
    },
    invoice_title: s('invoice_title'),
    tax_id: s('tax_id'),
    technical_complexity: s('technical_complexity') === '1',
    urgent: s('urgent') === '1',
    invoiced: s('invoiced') === '1',
    note: s('note'),
    lines,
  };
}
