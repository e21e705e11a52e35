// A fake ERP on 127.0.0.1 for the sync tests: a small real HTTP server holding orders (each
// with a change sequence number) and customers, serving them in pages, optionally slowly, and
// counting every request; and `FakeErpConnector`, a tiny `ErpConnector` speaking to it over
// HTTP, as a REST connector would.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomerInput, Effect, OrderInput } from '@ordergate/core';
import type { ErpConnector, ErpOrderChange, ErpOrderPage } from '@ordergate/connectors';

interface Row {
  seq: number;
  order: OrderInput;
}

/** What the fake ERP saw: requests by path, and how many order pages were served at once. */
export interface FakeErpCounts {
  requests: number;
  pages: number;
  /** `since` of every page request, in order. */
  since: string[];
  concurrent: number;
  maxConcurrent: number;
  /** Effect keys applied, in order (a repeated key means applied twice). */
  applied: string[];
}

export interface FakeErp {
  url: string;
  counts: FakeErpCounts;
  /** Adds or changes an order: it gets the next change sequence number. */
  put(order: OrderInput): void;
  putCustomer(customer: CustomerInput): void;
  /** Milliseconds each order page waits before answering. */
  delayMs: number;
  close(): Promise<void>;
}

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return text;
}

/**
 * Starts the fake ERP on 127.0.0.1 (a free port).
 *
 * @example
 * const erp = await startFakeErp({ pageSize: 5 });
 * erp.put(orderInput('erp-1'));
 */
export async function startFakeErp(options: { pageSize?: number; delayMs?: number } = {}) {
  const rows = new Map<string, Row>();
  const customers = new Map<string, CustomerInput>();
  let seq = 0;
  const pageSize = options.pageSize ?? 50;
  const counts: FakeErpCounts = {
    requests: 0,
    pages: 0,
    since: [],
    concurrent: 0,
    maxConcurrent: 0,
    applied: [],
  };
  const customersOf = (orders: OrderInput[]) =>
    [...new Set(orders.map((o) => o.customer.id))].flatMap((id) => {
      const c = customers.get(id);
      return c ? [c] : [];
    });
  const fake = {
    url: '',
    counts,
    delayMs: options.delayMs ?? 0,
    put(order: OrderInput) {
      rows.set(order.id, { seq: ++seq, order });
    },
    putCustomer(customer: CustomerInput) {
      customers.set(customer.id, customer);
    },
    close: () => Promise.resolve(),
  } satisfies FakeErp;

  const server: Server = createServer((req, res) => {
    void (async () => {
      counts.requests++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (req.method === 'GET' && url.pathname === '/orders') {
        counts.pages++;
        counts.concurrent++;
        counts.maxConcurrent = Math.max(counts.maxConcurrent, counts.concurrent);
        try {
          const since = Number(url.searchParams.get('since') ?? '0');
          counts.since.push(String(since));
          if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
          const page = [...rows.values()]
            .filter((r) => r.seq > since)
            .sort((a, b) => a.seq - b.seq)
            .slice(0, pageSize);
          json(res, 200, {
            orders: page.map((r) => ({ seq: r.seq, order: r.order })),
            customers: customersOf(page.map((r) => r.order)),
            next: String(page.at(-1)?.seq ?? since),
            more: page.length === pageSize,
          });
        } finally {
          counts.concurrent--;
        }
        return;
      }
      if (req.method === 'GET' && url.pathname === '/orders/by-id') {
        const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
        const found = ids.flatMap((id) => (rows.has(id) ? [rows.get(id)!] : []));
        json(res, 200, {
          orders: found.map((r) => ({ seq: r.seq, order: r.order })),
          customers: customersOf(found.map((r) => r.order)),
        });
        return;
      }
      if (req.method === 'GET' && url.pathname === '/customers') {
        const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
        json(res, 200, { customers: ids.flatMap((id) => customers.get(id) ?? []) });
        return;
      }
      if (req.method === 'POST' && url.pathname === '/effects') {
        const effect = JSON.parse(await readBody(req)) as Effect;
        if (!counts.applied.includes(effect.key)) counts.applied.push(effect.key);
        json(res, 200, { key: effect.key });
        return;
      }
      json(res, 404, { error: 'no such route' });
    })().catch((error: unknown) => json(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

interface PageBody {
  orders: { seq: number; order: OrderInput }[];
  customers: CustomerInput[];
  next: string;
  more: boolean;
}

async function get<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`fake ERP answered ${String(res.status)} for ${url}`);
  return (await res.json()) as T;
}

const change = (r: { seq: number; order: OrderInput }): ErpOrderChange => ({
  order: r.order,
  ref: r.order.id,
  changedAt: new Date(Date.UTC(2026, 2, 2) + r.seq * 1000).toISOString(),
});

/**
 * The tiny connector of the fake ERP: its checkpoint is the last change sequence number.
 *
 * @example
 * const erp = new FakeErpConnector(fake.url);
 */
export class FakeErpConnector implements ErpConnector {
  readonly erp: string;
  constructor(
    private readonly url: string,
    erp = 'fake',
  ) {
    this.erp = erp;
  }

  async *changedOrders(checkpoint?: string): AsyncGenerator<ErpOrderPage, void, undefined> {
    let since = checkpoint ?? '0';
    for (;;) {
      const page = await get<PageBody>(`${this.url}/orders?since=${encodeURIComponent(since)}`);
      yield {
        orders: page.orders.map(change),
        customers: page.customers,
        rejected: [],
        checkpoint: page.next,
      };
      since = page.next;
      if (!page.more) return;
    }
  }

  async ordersById(ids: readonly string[]): Promise<Omit<ErpOrderPage, 'checkpoint'>> {
    const page = await get<Omit<PageBody, 'next' | 'more'>>(
      `${this.url}/orders/by-id?ids=${ids.map(encodeURIComponent).join(',')}`,
    );
    return { orders: page.orders.map(change), customers: page.customers, rejected: [] };
  }

  async creditFacts(customerIds: readonly string[]): Promise<CustomerInput[]> {
    return (
      await get<{ customers: CustomerInput[] }>(
        `${this.url}/customers?ids=${customerIds.map(encodeURIComponent).join(',')}`,
      )
    ).customers;
  }

  async apply(effect: Effect): Promise<void> {
    const res = await fetch(`${this.url}/effects`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(effect),
    });
    if (!res.ok) throw new Error(`fake ERP refused effect ${effect.key}`);
  }
}

/** The customer of `orderInput`, with room for every test order. */
export const fakeCustomer: CustomerInput = {
  id: 'c-1',
  name: 'Shanghai Precision Machinery Co., Ltd.',
  credit: {
    grade: 'B',
    limit: { amount: 100_000_000, currency: 'CNY' },
    evaluatedAt: '2025-12-01T09:00:00+08:00',
  },
};
