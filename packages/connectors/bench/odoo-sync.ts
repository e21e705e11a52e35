/**
 * Benchmark: sync of N = 1,000 and 10,000 orders (with lines, partners and open invoices) against
 * a real Odoo, compared with the floor (the same data read with the fewest raw calls and no
 * mapping) and with odoo-await (the most used TypeScript client) used as its README shows.
 *
 *   ODOO_URL=… ODOO_DB=… ODOO_USER=… ODOO_KEY=… pnpm --filter @ordergate/connectors bench
 *
 * Needs ODOO_URL, ODOO_DB, ODOO_USER, ODOO_KEY. The first run creates the data once (orders with
 * client_order_ref `OGBENCH-…`, 50 customers, open invoices) in bulk `create` calls and later runs
 * reuse it. The connector is timed after untimed warm-up passes over the same orders (at least
 * BENCH_WARMUP_ORDERS, default 3,000), as JIT warm-up is not the sync's cost. Not part of CI.
 */
import { performance } from 'node:perf_hooks';
import Odoo from 'odoo-await';
import { OdooClient, OdooConnector, OdooReader, odooConfigFromEnv } from '../src/index.js';

const PREFIX = 'OGBENCH-';
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const PAGE = Number(process.env.BENCH_PAGE ?? 1000);
const WARMUP_ORDERS = Number(process.env.BENCH_WARMUP_ORDERS ?? 3000);
const env = process.env;
if (!env.ODOO_URL || !env.ODOO_DB || !env.ODOO_USER || !env.ODOO_KEY) {
  console.error('Set ODOO_URL, ODOO_DB, ODOO_USER and ODOO_KEY.');
  process.exit(2);
}
const config = { ...odooConfigFromEnv(env), timeoutMs: 600_000 };

async function seed(odoo: OdooClient, want: number): Promise<void> {
  const have = await odoo.searchCount('sale.order', [['client_order_ref', '=like', `${PREFIX}%`]]);
  if (have >= want) return;
  console.log(`seeding: ${have} bench orders found, creating ${want - have} …`);
  let partners = await odoo.searchRead('res.partner', {
    domain: [['name', '=like', 'OG Bench Customer %']],
    fields: ['id'],
    order: 'id',
  });
  if (partners.length < 50) {
    await odoo.create(
      'res.partner',
      Array.from({ length: 50 - partners.length }, (_, i) => ({
        name: `OG Bench Customer ${partners.length + i + 1}`,
        is_company: true,
        city: 'Shanghai',
        street: `${i + 1} Bench Road`,
        email: `bench${i}@example.com`,
        credit_limit: 10_000 + i * 1000,
      })),
    );
    partners = await odoo.searchRead('res.partner', {
      domain: [['name', '=like', 'OG Bench Customer %']],
      fields: ['id'],
      order: 'id',
    });
  }
  const invoices = await odoo.searchCount('account.move', [['ref', '=like', `${PREFIX}%`]]);
  if (invoices === 0) {
    const ids = await odoo.create(
      'account.move',
      partners.flatMap((p, i) =>
        [0, 1].map((k) => ({
          move_type: 'out_invoice',
          partner_id: p.id,
          ref: `${PREFIX}INV-${i}-${k}`,
          invoice_date: '2026-01-15',
          invoice_date_due: k === 0 ? '2026-02-14' : '2026-12-31',
          invoice_line_ids: [
            [
              0,
              0,
              { name: 'Bench service', quantity: 1, price_unit: 100 + i, tax_ids: [[6, 0, []]] },
            ],
          ],
        })),
      ),
    );
    await odoo.call('account.move', 'action_post', { ids });
  }
  const products = await odoo.searchRead('product.product', {
    domain: [['sale_ok', '=', true]],
    fields: ['id'],
    limit: 10,
    order: 'id',
  });
  for (let start = have; start < want; start += 500) {
    const n = Math.min(500, want - start);
    await odoo.create(
      'sale.order',
      Array.from({ length: n }, (_, k) => {
        const i = start + k;
        return {
          partner_id: partners[i % partners.length]!.id,
          client_order_ref: `${PREFIX}${String(i).padStart(6, '0')}`,
          order_line: [0, 1, 2].map((j) => [
            0,
            0,
            {
              product_id: products[(i + j) % products.length]!.id,
              product_uom_qty: 1 + j,
              price_unit: 10.5 * (j + 1),
            },
          ]),
        };
      }),
    );
    process.stdout.write(`\r  created ${start + n}/${want}`);
  }
  // a few confirmed, uninvoiced orders for exposure (CR-4)
  const toConfirm = await odoo.searchRead('sale.order', {
    domain: [
      ['client_order_ref', '=like', `${PREFIX}%`],
      ['state', '=', 'draft'],
    ],
    fields: ['id'],
    limit: 50,
    order: 'id',
  });
  await odoo.call('sale.order', 'action_confirm', { ids: toConfirm.map((o) => o.id) });
  console.log('\nseeded');
}

/** The `N` bench orders: their id range, so every contender reads exactly the same rows. */
async function domainFor(odoo: OdooClient, n: number): Promise<unknown[]> {
  const rows = await odoo.searchRead('sale.order', {
    domain: [['client_order_ref', '=like', `${PREFIX}%`]],
    fields: ['id'],
    order: 'id',
    offset: n - 1,
    limit: 1,
  });
  return [
    ['client_order_ref', '=like', `${PREFIX}%`],
    ['id', '<=', rows[0]!.id],
  ];
}

interface Figure {
  calls: number;
  wallMs: number;
  cpuMs: number;
  orders: number;
}

async function runConnector(domain: unknown[]): Promise<Figure> {
  const odoo = await OdooConnector.connect(config);
  const calls0 = odoo.stats.calls - 2; // connect (version + credentials) counts too: add it back below
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let orders = 0;
  let lines = 0;
  for await (const page of odoo.sync({ domain, pageSize: PAGE })) {
    orders += page.orders.length;
    lines += page.orders.reduce((s, r) => s + r.order.lines.length, 0);
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (lines === 0) throw new Error('no lines read');
  return {
    calls: odoo.stats.calls - calls0,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    orders,
  };
}

/**
 * The floor: one raw JSON-RPC call per model, no paging, no parsing beyond JSON, no mapping. It
 * reads the same fields as the connector (the reader's own lists), so both move the same data.
 */
async function runFloor(domain: unknown[], reader: OdooReader): Promise<Figure> {
  let calls = 0;
  const rpc = async (service: string, method: string, args: unknown[]) => {
    calls++;
    const res = await fetch(`${env.ODOO_URL!.replace(/\/+$/, '')}/jsonrpc`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Odoo-Database': env.ODOO_DB! },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: calls,
        method: 'call',
        params: { service, method, args },
      }),
      signal: AbortSignal.timeout(600_000),
    });
    return ((await res.json()) as { result: unknown }).result;
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const uid = (await rpc('common', 'authenticate', [
    env.ODOO_DB,
    env.ODOO_USER,
    env.ODOO_KEY,
    {},
  ])) as number;
  const kw = (model: string, method: string, args: unknown[], kwargs: object) =>
    rpc('object', 'execute_kw', [env.ODOO_DB, uid, env.ODOO_KEY, model, method, args, kwargs]);
  const orders = (await kw('sale.order', 'search_read', [domain], {
    fields: reader.orderFields(),
    order: 'write_date, id',
  })) as { id: number; partner_id: [number, string] }[];
  const lines = (await kw(
    'sale.order.line',
    'search_read',
    [[['order_id', 'in', orders.map((o) => o.id)]]],
    {
      fields: reader.lineFields(),
    },
  )) as unknown[];
  const partnerIds = [...new Set(orders.map((o) => o.partner_id[0]))];
  await kw('res.partner', 'read', [partnerIds], {
    fields: reader.partnerFields(),
  });
  await kw(
    'account.move',
    'search_read',
    [
      [
        ['move_type', '=', 'out_invoice'],
        ['state', '=', 'posted'],
        ['amount_residual', '>', 0],
        ['commercial_partner_id', 'in', partnerIds],
      ],
    ],
    {
      fields: reader.invoiceFields(),
    },
  );
  await kw(
    'sale.order',
    'search_read',
    [
      [
        ['state', '=', 'sale'],
        ['invoice_status', '!=', 'invoiced'],
        ['partner_id.commercial_partner_id', 'in', partnerIds],
      ],
    ],
    {
      fields: reader.openOrderFields(),
    },
  );
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (lines.length === 0) throw new Error('no lines read');
  return { calls, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, orders: orders.length };
}

/** odoo-await as its README shows: connect, then searchRead per model (paged like the connector). */
async function runOdooAwait(domain: unknown[]): Promise<Figure> {
  const url = new URL(env.ODOO_URL!);
  const odoo = new Odoo({
    baseUrl: `${url.protocol}//${url.hostname}`,
    port: Number(url.port),
    db: env.ODOO_DB!,
    username: env.ODOO_USER!,
    password: env.ODOO_KEY!,
  });
  let calls = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await odoo.connect();
  calls++;
  let orders = 0;
  for (let offset = 0; ; offset += PAGE) {
    type Row = { id: number; partner_id: [number, string]; order_line: number[] };
    const page: Row[] = await odoo.searchRead<Row>(
      'sale.order',
      domain,
      [
        'name',
        'state',
        'write_date',
        'partner_id',
        'currency_id',
        'payment_term_id',
        'commitment_date',
        'order_line',
      ],
      { offset, limit: PAGE, order: 'write_date, id', context: {} },
    );
    calls++;
    if (page.length === 0) break;
    orders += page.length;
    await odoo.read(
      'sale.order.line',
      page.flatMap((o) => o.order_line),
      ['product_id', 'name', 'product_uom_qty', 'price_unit', 'discount'],
    );
    const partnerIds = [...new Set(page.map((o) => o.partner_id[0]))];
    await odoo.read('res.partner', partnerIds, [
      'name',
      'email',
      'credit_limit',
      'commercial_partner_id',
    ]);
    await odoo.searchRead(
      'account.move',
      [
        ['move_type', '=', 'out_invoice'],
        ['state', '=', 'posted'],
        ['amount_residual', '>', 0],
        ['commercial_partner_id', 'in', partnerIds],
      ],
      ['name', 'amount_residual', 'invoice_date_due'],
      { offset: 0, limit: 0, order: '', context: {} },
    );
    calls += 3;
    if (page.length < PAGE) break;
  }
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { calls, wallMs, cpuMs: (cpu.user + cpu.system) / 1000, orders };
}

const fmt = (f: Figure) =>
  `${String(f.calls).padStart(5)} calls  ${f.wallMs.toFixed(0).padStart(7)} ms wall  CPU ${((f.cpuMs / f.wallMs) * 100).toFixed(1).padStart(5)} %  (${f.orders} orders)`;

const admin = await OdooClient.connect(config);
const fields = new OdooReader(admin);
console.log(
  `Odoo ${admin.server.version} at ${env.ODOO_URL} (db ${env.ODOO_DB}), transport ${admin.transport}, page ${PAGE}`,
);
await seed(admin, Math.max(...SIZES));
for (const n of SIZES) {
  const domain = await domainFor(admin, n);
  await runFloor(domain, fields); // warm Odoo's caches once for everybody
  // Untimed warm-up passes of the connector over the same orders (at least WARMUP_ORDERS in all):
  // V8 optimises the mapping and zod's generated parsers only after a few thousand calls, which a
  // long-running sync pays once, not per run.
  const warmups = Math.max(1, Math.ceil(WARMUP_ORDERS / n));
  for (let i = 0; i < warmups; i++) await runConnector(domain);
  const floor = await runFloor(domain, fields);
  const ours = await runConnector(domain);
  const await_ = await runOdooAwait(domain);
  // models read per page: orders, lines, partners, invoices, open orders, and the currency and tax
  // look-ups (read on the first page, then only for ids not seen yet)
  const models = 7;
  const bound = Math.ceil(n / PAGE) * models + 3;
  console.log(
    `\nN = ${n} (connector timed after ${warmups} untimed warm-up pass${warmups > 1 ? 'es' : ''} over the same orders)`,
  );
  console.log(`  connector  ${fmt(ours)}   target calls ≤ ${bound}`);
  console.log(`  floor      ${fmt(floor)}`);
  console.log(`  odoo-await ${fmt(await_)}`);
  console.log(
    `  ratios: connector/floor wall ${(ours.wallMs / floor.wallMs).toFixed(2)}× (target ≤ 1.25×), ` +
      `connector CPU share ${((ours.cpuMs / ours.wallMs) * 100).toFixed(1)} % (target < 25 %), ` +
      `odoo-await/connector wall ${(await_.wallMs / ours.wallMs).toFixed(2)}×, calls ${ours.calls} ≤ ${bound}: ${ours.calls <= bound ? 'yes' : 'NO'}`,
  );
}
