// A recording fake ERP endpoint on 127.0.0.1: POST /apply with an effect applies it once by its
// key (a repeat is acknowledged and not applied again), counting every request per key, and can
// be slowed down or made to refuse chosen keys. `httpApplier` is the connector side.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Effect } from '@ordergate/core';

export interface FakeErp {
  url: string;
  /** Requests per effect key (a redelivery counts twice). */
  requests: Map<string, number>;
  /** Effects applied, in the order they were applied (each key once). */
  applied: Effect[];
  /** ms each apply takes. */
  delayMs: number;
  /** Keys answered 500 (not applied). */
  refuse: Set<string>;
  /** Forgets every request and application. */
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeErp(delayMs = 0): Promise<FakeErp> {
  const erp = {
    requests: new Map<string, number>(),
    applied: [] as Effect[],
    delayMs,
    refuse: new Set<string>(),
  };
  const seen = new Set<string>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const effect = JSON.parse(body) as Effect;
      erp.requests.set(effect.key, (erp.requests.get(effect.key) ?? 0) + 1);
      setTimeout(() => {
        if (erp.refuse.has(effect.key)) {
          res.writeHead(500, { 'content-type': 'text/plain' }).end('partner locked');
          return;
        }
        if (!seen.has(effect.key)) {
          seen.add(effect.key);
          erp.applied.push(effect);
        }
        res.writeHead(204).end();
      }, erp.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(erp, {
    reset: () => {
      seen.clear();
      erp.applied.length = 0;
      erp.requests.clear();
      erp.refuse.clear();
    },
    url: `http://127.0.0.1:${String(port)}/apply`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** The connector side: `apply` posts the effect and resolves on a 2xx, once (no retry of its own). */
export function httpApplier(url: string) {
  return {
    async apply(effect: Effect): Promise<void> {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(effect),
      });
      if (!res.ok) throw new Error(`ERP answered ${String(res.status)}: ${await res.text()}`);
    },
  };
}
