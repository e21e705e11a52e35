import axios, { type AxiosInstance } from 'axios';
import { toTransportError } from './toOdooError.js';

/** One raw HTTP answer: status, content type and body text (parsed by the transport). */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
}

export interface SendContext {
  model?: string | undefined;
  method?: string | undefined;
}

/**
 * POSTs JSON and returns the raw answer. Bodies are read as text so that an HTML error page or a
 * truncated body becomes a typed error instead of an axios parse failure; redirects are not
 * followed (Odoo ≤ 18 answers `/json/2` with a 303 to the login page).
 */
export class HttpSender {
  readonly http: AxiosInstance;
  constructor(
    private readonly opts: {
      baseUrl: string;
      db: string;
      timeoutMs: number;
      secrets: readonly (string | undefined)[];
      http?: AxiosInstance | undefined;
      /** Called once per HTTP request actually sent (the RPC call counter). */
      onSend?: (path: string, ctx: SendContext) => void;
    },
  ) {
    this.http = opts.http ?? axios.create();
  }

  async post(
    path: string,
    body: unknown,
    ctx: SendContext & { headers?: Record<string, string> },
  ): Promise<RawAnswer> {
    const url = `${this.opts.baseUrl.replace(/\/+$/, '')}${path}`;
    this.opts.onSend?.(path, ctx);
    try {
      const res = await this.http.request<string>({
        url,
        method: 'POST',
        data: JSON.stringify(body),
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          // Without it Odoo looks the database up on every request (≈20 ms each).
          'X-Odoo-Database': this.opts.db,
          ...ctx.headers,
        },
        timeout: this.opts.timeoutMs,
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        maxRedirects: 0,
        validateStatus: () => true,
        decompress: true,
      });
      const ct = res.headers['content-type'];
      return {
        status: res.status,
        contentType: typeof ct === 'string' ? ct : '',
        text: typeof res.data === 'string' ? res.data : String(res.data ?? ''),
      };
    } catch (error) {
      throw toTransportError(error, {
        model: ctx.model,
        method: ctx.method,
        secrets: this.opts.secrets,
        timeoutMs: this.opts.timeoutMs,
        url: this.opts.baseUrl,
      });
    }
  }
}
