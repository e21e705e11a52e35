import type { HttpClient } from '../internal/http/HttpClient.js';
import { parseRetryAfter } from '../internal/http/retry.js';
import type { SecretSet } from '../internal/http/secrets.js';
import { toTransportError } from './toOdooError.js';

/** One raw HTTP answer: status, content type and body text (parsed by the transport). */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  /** `Retry-After` of the answer, in ms. */
  retryAfterMs?: number | undefined;
}

export interface SendContext {
  model?: string | undefined;
  method?: string | undefined;
}

/**
 * The Odoo side of the shared `HttpClient`: POSTs JSON with the database header and maps the
 * HTTP layer's failures (deadline, idle timeout, size limit, connection) to Odoo errors. Bodies
 * are read as text so that an HTML error page or a truncated body becomes a typed error;
 * redirects are not followed (Odoo ≤ 18 answers `/json/2` with a 303 to the login page).
 */
export class HttpSender {
  constructor(
    readonly http: HttpClient,
    private readonly db: string,
  ) {}

  /** The connection's secrets, to mask what the transports keep. */
  get secrets(): SecretSet {
    return this.http.secrets;
  }

  async post(
    path: string,
    body: unknown,
    ctx: SendContext & { headers?: Record<string, string> },
  ): Promise<RawAnswer> {
    try {
      const answer = await this.http.send({
        method: 'POST',
        path,
        body,
        label: ctx.model ? `${ctx.model}.${ctx.method ?? ''}` : (ctx.method ?? path),
        // Without it Odoo looks the database up on every request (≈20 ms each).
        headers: { 'X-Odoo-Database': this.db, ...ctx.headers },
      });
      return {
        status: answer.status,
        contentType: answer.contentType,
        text: answer.text,
        retryAfterMs: parseRetryAfter(answer.headers.get('retry-after'), Date.now()),
      };
    } catch (error) {
      throw toTransportError(error, {
        model: ctx.model,
        method: ctx.method,
        secrets: this.http.secrets,
      });
    }
  }
}
