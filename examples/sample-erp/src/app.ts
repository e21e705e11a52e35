import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import type { PGlite } from '@electric-sql/pglite';
import { SharedSecret } from '@ordergate/server';
import { registerApi } from './api.js';
import { openErpDatabase } from './db.js';
import { registerPages } from './pages.js';
import { seedBulk, seedCases } from './seed.js';
import { ErpStore } from './store.js';
import { WebhookSender, type WebhookTarget } from './webhooks.js';

/** The mapping file that attaches ordergate to the sample ERP (`examples/sample-erp/mapping.yaml`). */
export const SAMPLE_ERP_MAPPING = fileURLToPath(new URL('../mapping.yaml', import.meta.url));

/** How to start the sample ERP. */
export interface SampleErpOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Keep the database in this directory (default: in memory, gone at exit). */
  dataDir?: string;
  /** The API's bearer token (≥ 16 characters); the mapping reads it from `SAMPLE_ERP_TOKEN`. */
  token: string;
  /** `cases` (default): the regulations' cases; `none`; or a number of generated orders (benchmark). */
  seed?: 'cases' | 'none' | number;
  /**
   * Send a signed webhook here whenever an order is entered or edited (`url` may be a function
   * answering the address at each delivery).
   */
  webhook?: { url: WebhookTarget['url']; secret: string | SharedSecret };
  /** Told of each webhook delivery (never the secret). */
  log?: (line: string) => void;
}

/** A running sample ERP. */
export interface SampleErp {
  /** `http://127.0.0.1:<port>` — give it to ordergate as `SAMPLE_ERP_URL`. */
  url: string;
  erp: ErpStore;
  db: PGlite;
  webhooks: WebhookSender | undefined;
  close(): Promise<void>;
}

/**
 * Starts the sample ERP: its database (PGlite, in memory or in `dataDir`), seeded with the
 * regulations' cases, the REST API under `/api` (bearer token), the order entry pages, and
 * the webhook sender when a target is given.
 *
 * @example
 * const erp = await startSampleErp({ token: process.env.SAMPLE_ERP_TOKEN!, port: 4000,
 *   webhook: { url: 'http://127.0.0.1:3000/v1/webhooks/sample-erp', secret: process.env.SAMPLE_ERP_WEBHOOK_SECRET! } });
 * console.log(erp.url);
 */
export async function startSampleErp(options: SampleErpOptions): Promise<SampleErp> {
  if (options.token.length < 16)
    throw new RangeError('the sample ERP token must be at least 16 characters');
  const db = await openErpDatabase(options.dataDir);
  const seed = options.seed ?? 'cases';
  if (seed === 'cases') await seedCases(db, Date.now());
  else if (typeof seed === 'number') await seedBulk(db, seed);
  const erp = new ErpStore(db);
  const webhooks = options.webhook
    ? new WebhookSender(
        {
          url: options.webhook.url,
          secret:
            options.webhook.secret instanceof SharedSecret
              ? options.webhook.secret
              : new SharedSecret(options.webhook.secret),
        },
        { ...(options.log ? { log: options.log } : {}) },
      )
    : undefined;
  const app = new Hono();
  registerApi(app, {
    erp,
    token: options.token,
    onOrderChanged: (id) => webhooks?.orderChanged(id),
  });
  registerPages(app, { erp, ...(webhooks ? { webhooks } : {}) });
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: host }, () =>
      resolve(s),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${String(port)}`,
    erp,
    db,
    webhooks,
    async close() {
      await webhooks?.idle();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
