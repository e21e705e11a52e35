import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';
import {
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
  signWebhook,
} from '@ordergate/server';
import type { SharedSecret } from '@ordergate/server';

/** Where the sample ERP tells ordergate that orders changed. */
export interface WebhookTarget {
  /**
   * `http://127.0.0.1:3000/v1/webhooks/sample-erp` — the service's webhook route for this ERP;
   * or a function answering it at each delivery, when the service starts after the ERP (the
   * launcher of `pnpm start` learns the service's port only once it listens).
   */
  url: string | (() => string);
  /** The secret shared with the service (≥ 32 bytes); never logged. */
  secret: SharedSecret;
}

/** What happened to one delivery. */
export interface WebhookDelivery {
  delivery: string;
  orders: string[];
  status: number | 'failed';
  attempts: number;
}

/**
 * Sends a signed webhook to ordergate whenever an order is entered or edited: `POST` of
 * `{ "orders": ["<id>"] }` with the timestamp, a unique delivery id and the HMAC-SHA256
 * signature the service's `POST /v1/webhooks/{erp}` verifies (`signWebhook` of
 * `@ordergate/server`). A network fault or a 5xx is tried again (three attempts, the same
 * delivery id, so a delivery that did arrive is refused as a replay, not synced twice); a 4xx is
 * not. Delivery runs in the background: the page that saved the order does not wait for it.
 *
 * @example
 * const hooks = new WebhookSender({ url: 'http://127.0.0.1:3000/v1/webhooks/sample-erp', secret });
 * hooks.orderChanged(42);
 * await hooks.idle();
 */
export class WebhookSender {
  readonly #target: WebhookTarget;
  readonly #pending = new Set<Promise<void>>();
  readonly #log: (line: string) => void;
  readonly #fetch: typeof fetch;
  /** The last deliveries, newest last (at most 50), for the page and for tests. */
  readonly deliveries: WebhookDelivery[] = [];

  constructor(
    target: WebhookTarget,
    options: { log?: (line: string) => void; fetch?: typeof fetch; retryDelayMs?: number } = {},
  ) {
    this.#target = target;
    this.#log = options.log ?? (() => undefined);
    this.#fetch = options.fetch ?? fetch;
    this.#retryDelayMs = options.retryDelayMs ?? 500;
  }

  readonly #retryDelayMs: number;

  #url(): string {
    const { url } = this.#target;
    return typeof url === 'string' ? url : url();
  }

  /** Queues a delivery naming these orders. */
  orderChanged(...orderIds: (number | string)[]): void {
    const p = this.send(orderIds.map(String)).finally(() => this.#pending.delete(p));
    this.#pending.add(p);
  }

  /** Waits until every queued delivery is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  private async send(orders: string[]): Promise<void> {
    const delivery = randomUUID();
    const body = JSON.stringify({ orders });
    let status: number | 'failed' = 'failed';
    let attempts = 0;
    for (; attempts < 3;) {
      attempts++;
      const timestamp = String(Math.floor(Date.now() / 1000));
      try {
        const res = await this.#fetch(this.#url(), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [WEBHOOK_TIMESTAMP_HEADER]: timestamp,
            [WEBHOOK_DELIVERY_HEADER]: delivery,
            [WEBHOOK_SIGNATURE_HEADER]: signWebhook(this.#target.secret, timestamp, body),
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        status = res.status;
        if (res.status < 500) break;
      } catch (error) {
        status = 'failed';
        this.#log(`webhook ${delivery}: ${(error as Error).message}`);
      }
      if (attempts < 3) await new Promise((r) => setTimeout(r, this.#retryDelayMs * attempts));
    }
    this.deliveries.push({ delivery, orders, status, attempts });
    if (this.deliveries.length > 50) this.deliveries.shift();
    this.#log(`webhook ${delivery} orders ${orders.join(',')} → ${String(status)}`);
  }

  [inspect.custom](): string {
    return `WebhookSender(${this.#url()}, secret ***)`;
  }

  toJSON(): Record<string, unknown> {
    return { url: this.#url(), secret: '***' };
  }
}
