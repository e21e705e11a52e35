// Issue 13, sync CPU target: customers and their open invoices read in bulk (`customers.bulk`,
// `receivables.bulk`), against the test ERP on 127.0.0.1, with the same strictness as the
// per-customer reads: a bulk answer that does not fit is a typed error naming the path, and no
// customer or order is handed on half-filled.
import { Customer } from '@ordergate/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  RestConnector,
  RestMappingError,
  RestResponseError,
  parseRestMapping,
  type ErpOrderPage,
  type RestMappingInput,
} from '../src/index.js';
import { ENV, erpMapping, seedOrders, startRestErp, type RestErp } from './support/restErp.js';

let erp: RestErp | undefined;
afterEach(async () => {
  await erp?.close();
  erp = undefined;
});

const PAGE = { style: 'page', pageParam: 'page', sizeParam: 'per_page', size: 10 } as const;

/** The test ERP's mapping with bulk reads of customers and invoices, two customers a batch. */
function bulkMapping(url: string): RestMappingInput {
  const m = erpMapping(url);
  m.customers.bulk = {
    list: {
      path: '/customers',
      query: { ids: '{customerIds}' },
      itemsPath: 'data',
      pagination: PAGE,
    },
    batchSize: 2,
  };
  m.customers.receivables!.bulk = {
    list: {
      path: '/invoices',
      query: { customer_ids: '{customerIds}' },
      itemsPath: 'data',
      pagination: PAGE,
    },
    customerIdPath: 'customer_id',
    batchSize: 2,
  };
  return m;
}

function connect(mapping: RestMappingInput): RestConnector {
  return RestConnector.create(mapping, { env: ENV, sleep: () => Promise.resolve() });
}

async function drain(it: AsyncIterable<ErpOrderPage>): Promise<ErpOrderPage[]> {
  const pages: ErpOrderPage[] = [];
  for await (const p of it) pages.push(p);
  return pages;
}

/** A sync's pages without the checkpoints and `asOf` (they differ between two runs). */
function content(pages: ErpOrderPage[]) {
  return pages.map((p) => ({
    orders: p.orders,
    rejected: p.rejected,
    customers: p.customers.map(({ asOf: _asOf, ...c }) => c),
  }));
}

describe('issue 13 bulk reads of customers and open invoices', () => {
  it('issue 13 (bulk): a sync reads customers and invoices by batches of ids, not one request each, and hands on the same orders and customers', async () => {
    erp = await startRestErp({ orders: seedOrders(35) });
    const one = await drain(connect(erpMapping(erp.url)).changedOrders());
    const perCustomer = erp.requests.length;
    expect(erp.requests.filter((r) => /^\/customers\/\d+/.test(r.path))).toHaveLength(8);
    erp.requests.length = 0;
    const bulk = await drain(connect(bulkMapping(erp.url)).changedOrders());
    expect(content(bulk)).toEqual(content(one));
    // four customers, two a batch: two requests for the customers, two for their invoices
    expect(erp.requests.filter((r) => /^\/customers\/\d+/.test(r.path))).toEqual([]);
    const customerReads = erp.requests.filter((r) => r.path === '/customers');
    expect(customerReads.map((r) => r.query.get('ids')).sort()).toEqual(['1,2', '3,4']);
    expect(erp.requests.filter((r) => r.path === '/invoices')).toHaveLength(2);
    expect(erp.requests.length).toBe(perCustomer - 4);
    for (const c of bulk.flatMap((p) => p.customers))
      expect(Customer.safeParse(c).success).toBe(true);
  });

  it('issue 13 (bulk creditFacts): the same facts as one by one; unknown ids left out', async () => {
    erp = await startRestErp();
    const strip = (cs: { asOf?: string }[]) => cs.map(({ asOf: _a, ...c }) => c);
    const one = await connect(erpMapping(erp.url)).creditFacts(['4', '2', '77']);
    const bulk = await connect(bulkMapping(erp.url)).creditFacts(['4', '2', '77']);
    expect(strip(bulk)).toEqual(strip(one));
    expect(bulk.map((c) => c.id)).toEqual(['4', '2']);
    expect(bulk[1]!.receivables).toEqual([
      { id: '3', amount: 1200, currency: 'JPY', dueDate: '2026-03-03', reference: 'INV-3' },
    ]);
  });

  it('issue 13 (bulk, filter not honoured): a customer not asked for is a RestResponseError naming the record; the batch’s orders are rejected, none half-filled', async () => {
    erp = await startRestErp();
    erp.ignoreIdFilter = true;
    const rest = connect(bulkMapping(erp.url));
    const error = await rest.creditFacts(['1']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestResponseError);
    expect((error as RestResponseError).path).toBe('customers.bulk[1].id');
    expect((error as Error).message).toMatch(
      /customer 2 was not asked for; does \/customers honour \{customerIds\}/,
    );
    const pages = await drain(rest.changedOrders());
    expect(pages.flatMap((p) => p.orders)).toEqual([]);
    const rejected = pages.flatMap((p) => p.rejected);
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected) expect(r.reason).toMatch(/customers\.bulk\[\d\]\.id/);
    expect(pages.flatMap((p) => p.customers)).toEqual([]);
  });

  it('issue 13 (bulk, invoices of another customer): an invoice list that ignores the ids is refused for the whole batch, naming the path', async () => {
    erp = await startRestErp();
    const rest = connect(bulkMapping(erp.url));
    erp.ignoreIdFilter = true;
    const m = bulkMapping(erp.url);
    delete m.customers.bulk; // customers one by one (they fit); invoices in bulk (they do not)
    const error = await connect(m)
      .creditFacts(['2'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestResponseError);
    expect((error as RestResponseError).path).toBe('customers.receivables.bulk[0].customer_id');
    expect((error as Error).message).toMatch(/names customer 1, which was not asked for/);
    erp.ignoreIdFilter = false;
    expect((await rest.creditFacts(['2']))[0]!.receivables).toHaveLength(1);
  });

  it('issue 13 (bulk, one invoice does not fit): only that customer’s orders are rejected, with the path; the other customers’ orders are delivered', async () => {
    erp = await startRestErp();
    erp.invoices[0]!.open_amount = 'lots';
    const pages = await drain(connect(bulkMapping(erp.url)).changedOrders());
    const orders = pages.flatMap((p) => p.orders);
    const rejected = pages.flatMap((p) => p.rejected);
    expect(orders.length).toBeGreaterThan(0);
    expect(orders.every((o) => o.order.customer.id !== '1')).toBe(true);
    expect(rejected.length).toBeGreaterThan(0);
    for (const r of rejected)
      expect(r.reason).toMatch(
        /customers: customers\/1\/receivables\[0\]\.open_amount \(→ amount\): expected a decimal amount/,
      );
    expect(pages.flatMap((p) => p.customers).map((c) => c.id)).not.toContain('1');
    const error = await connect(bulkMapping(erp.url))
      .creditFacts(['2', '1'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RestResponseError);
  });

  it('issue 13 (bulk mapping): a bulk list must filter by {customerIds}, and knows no other placeholder', () => {
    const m = bulkMapping('http://127.0.0.1:1');
    m.customers.bulk!.list.query = { id: '{customerId}' };
    const error = (() => {
      try {
        parseRestMapping(m);
      } catch (e) {
        return e;
      }
    })() as RestMappingError;
    expect(error).toBeInstanceOf(RestMappingError);
    expect(error.problems).toEqual(
      expect.arrayContaining([
        {
          path: 'customers.bulk.list.query.id',
          message: 'unknown placeholder {customerId}; use {customerIds}',
        },
        {
          path: 'customers.bulk.list',
          message:
            'must use {customerIds} in the path or a query parameter (the batch of ids it filters by)',
        },
      ]),
    );
    const noJoin = bulkMapping('http://127.0.0.1:1');
    noJoin.customers.receivables!.bulk!.customerIdPath = '';
    expect(() => parseRestMapping(noJoin)).toThrow(/customers\.receivables\.bulk\.customerIdPath/);
  });
});
