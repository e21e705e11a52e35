import { AsyncLocalStorage } from 'node:async_hooks';
import { inspect } from 'node:util';
import { HttpError } from './ConnectorError.js';
import { Limiter } from './Limiter.js';
import { withRetry, parseRetryAfter, type RetryPolicy } from './retry.js';
import { MASK, SecretSet } from './secrets.js';
import { sleep as realSleep } from './sleep.js';
import { displayUrl, parseBaseUrl } from './url.js';
import { decodeEntities } from '../html.js';

/** 16 MiB: far above any page a connector asks for, far below what hurts the process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Settings of the shared HTTP layer; every ERP connector builds one. */
export interface HttpClientOptions {
  /** The ERP's name in messages, e.g. `Odoo`. */
  service: string;
  /** Server address; refused (typed config error) with credentials, a query or a fragment. */
  baseUrl: string;
  /** Headers for every request, asked per request (a token provider may refresh it). */
  headers?: () => Record<string, string> | Promise<Record<string, string>>;
  /** Everything to mask in errors: keys, passwords, tokens. */
  secrets?: SecretSet;
  /** Total deadline of one attempt: connect, headers and the whole body. Default 30 s. */
  timeoutMs?: number;
  /** Longest silence (no byte) before giving up; default = `timeoutMs` (only the deadline). */
  idleTimeoutMs?: number;
  /** Largest body read; a bigger answer is cut off while streaming. Default 16 MiB. */
  maxResponseBytes?: number;
  /** Default: 3 retries, 250 ms base, 8 s cap, `Retry-After` honoured up to 60 s. */
  retry?: RetryPolicy;
  /** Requests in flight at once (default 4) and started per second (0 = unlimited). */
  maxConcurrent?: number;
  maxPerSecond?: number;
  /** `fetch` to send through (recording, fault injection); default the global one, at call time. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  random?: () => number;
  /** Told about every request actually sent (retries included). */
  onSend?: (request: HttpRequest) => void;
  /** Told about every retry. */
  onRetry?: (error: Error, attempt: number, delayMs: number) => void;
}

/** One HTTP request, relative to the base URL. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the base URL, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** Sent as JSON unless already a string. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Safe to send twice? Default: GET/PUT/DELETE yes, POST/PATCH no. */
  idempotent?: boolean;
  /** Names the call in messages and counters, e.g. `sale.order.search_read`. */
  label?: string;
}

/** One HTTP answer, read whole (within the size limit) as text. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  contentType: string;
  text: string;
  /** Bytes of body received (after decompression). */
  bytes: number;
}

/** Options of one retried operation. */
export interface RunOptions {
  /** Safe to run twice: then timeouts and dropped connections are retried too. */
  idempotent: boolean;
  /** Overrides which retryable errors are retried. */
  canRetry?: (error: Error & { retryable: boolean }) => boolean;
}

/** Set while an operation is retried as a whole: the calls inside it are not retried again. */
const wholeOperation = new AsyncLocalStorage<true>();

/**
 * The ERP-neutral HTTP client every connector sends through: base URL, an auth header provider,
 * a total deadline and an idle timeout per attempt, a streamed response size limit, a concurrency
 * and rate limit, the one retry layer (transient faults only, idempotent requests only unless
 * told) and typed errors (`HttpError`) in which no secret survives. Built on Node's `fetch`.
 *
 * @example
 * const http = new HttpClient({ service: 'Shop', baseUrl: 'https://erp.example.com/api',
 *   headers: () => ({ Authorization: `Bearer ${token}` }), secrets: new SecretSet([token]) });
 * const answer = await http.request({ method: 'GET', path: '/orders', query: { page: 1 } });
 */
export class HttpClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retryPolicy: RetryPolicy;
  readonly #options: HttpClientOptions;
  readonly #secrets: SecretSet;
  readonly #limiter: Limiter;

  constructor(options: HttpClientOptions) {
    this.#options = options;
    this.baseUrl = parseBaseUrl(options.baseUrl, options.service, 'url');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.idleTimeoutMs = Math.min(options.idleTimeoutMs ?? this.timeoutMs, this.timeoutMs);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.retryPolicy = options.retry ?? { retries: 3, baseDelayMs: 250, maxDelayMs: 8_000 };
    this.#secrets = options.secrets ?? new SecretSet([]);
    this.#limiter = new Limiter(options.maxConcurrent ?? 4, options.maxPerSecond ?? 0, {
      sleep: options.sleep ?? realSleep,
      now: options.now ?? (() => Date.now()),
    });
  }

  /** The connection's secrets, for masking text the caller keeps (never to print). */
  get secrets(): SecretSet {
    return this.#secrets;
  }

  /** The base URL as it may be printed (no credentials, no query). */
  get displayUrl(): string {
    return displayUrl(this.baseUrl);
  }

  /**
   * Sends one request once: no retry, no limiter. Fails with `HttpError` `HTTP_TIMEOUT` when the
   * total deadline passes (even while the body trickles in), `HTTP_IDLE_TIMEOUT` after
   * `idleTimeoutMs` without a byte, `HTTP_RESPONSE_TOO_LARGE` past `maxResponseBytes` (the
   * connection is closed, the rest never read), `HTTP_NETWORK` when the connection fails.
   * Redirects are returned, not followed. Any status is returned.
   *
   * @example
   * const { status, text } = await http.send({ method: 'POST', path: '/jsonrpc', body: payload });
   */
  async send(request: HttpRequest): Promise<HttpAnswer> {
    const url = this.urlOf(request);
    const label = request.label ?? `${request.method} ${request.path}`;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(await this.#options.headers?.()),
      ...(request.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...request.headers,
    };
    const body =
      request.body === undefined
        ? undefined
        : typeof request.body === 'string'
          ? request.body
          : JSON.stringify(request.body);
    this.#options.onSend?.(request);
    const controller = new AbortController();
    let reason: 'deadline' | 'idle' | undefined;
    let received = 0;
    const deadline = setTimeout(() => {
      reason ??= 'deadline';
      controller.abort();
    }, this.timeoutMs);
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      if (this.idleTimeoutMs >= this.timeoutMs) return;
      clearTimeout(idle);
      idle = setTimeout(() => {
        reason ??= 'idle';
        controller.abort();
      }, this.idleTimeoutMs);
    };
    touch();
    try {
      const fetchImpl = this.#options.fetch ?? globalThis.fetch;
      const res = await fetchImpl(url, {
        method: request.method,
        headers,
        ...(body === undefined ? {} : { body }),
        redirect: 'manual',
        signal: controller.signal,
      });
      touch();
      const declared = Number(res.headers.get('content-length') ?? Number.NaN);
      if (declared > this.maxResponseBytes) {
        controller.abort();
        throw this.tooLarge(label, res.status, 0, declared);
      }
      const chunks: Uint8Array[] = [];
      if (res.body) {
        const reader = (res.body as ReadableStream<Uint8Array>).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          received += value.byteLength;
          if (received > this.maxResponseBytes) {
            controller.abort();
            reader.cancel().catch(() => undefined);
            throw this.tooLarge(label, res.status, received);
          }
          chunks.push(value);
          touch();
        }
      }
      return {
        status: res.status,
        headers: res.headers,
        contentType: res.headers.get('content-type') ?? '',
        text: Buffer.concat(chunks).toString('utf8'),
        bytes: received,
      };
    } catch (error) {
      if (error instanceof HttpError) throw error;
      if (reason === 'deadline') {
        throw new HttpError(
          'HTTP_TIMEOUT',
          `${this.#options.service} did not answer within the ${this.timeoutMs} ms deadline (${label}; ${received} bytes of body received)`,
          { retryable: true, receivedBytes: received },
        );
      }
      if (reason === 'idle') {
        throw new HttpError(
          'HTTP_IDLE_TIMEOUT',
          `${this.#options.service} sent nothing for ${this.idleTimeoutMs} ms (${label}; ${received} bytes of body received)`,
          { retryable: true, receivedBytes: received },
        );
      }
      throw this.networkError(error, label);
    } finally {
      clearTimeout(deadline);
      clearTimeout(idle);
    }
  }

  /**
   * Runs an operation under the limiter and the one retry layer. Retryable errors are retried
   * when the operation is idempotent, or when the request surely was not processed (connection
   * refused, 429, 503). Inside `retrying()`, calls are not retried again.
   *
   * @example
   * const answer = await http.run(() => http.send(req), { idempotent: true });
   */
  run<T>(attempt: () => Promise<T>, options: RunOptions): Promise<T> {
    const limited = () => this.#limiter.run(attempt);
    if (wholeOperation.getStore()) return limited();
    return withRetry(limited, this.retryPolicy, {
      sleep: this.#options.sleep ?? realSleep,
      random: this.#options.random ?? Math.random,
      canRetry:
        options.canRetry ??
        ((e) => e.retryable && (options.idempotent || notProcessed(e as HttpError))),
      onRetry: this.#options.onRetry,
    });
  }

  /**
   * Retries a whole idempotent operation made of several calls (look up, then write) as one:
   * the calls inside it run once each, the operation is re-run on a retryable failure. Nested
   * retries would multiply attempts (4 × 4 with 3 retries); this keeps them at `retries + 1`.
   *
   * @example
   * await http.retrying(async () => { if (!(await exists())) await write(); });
   */
  retrying<T>(operation: () => Promise<T>): Promise<T> {
    if (wholeOperation.getStore()) return operation();
    return withRetry(() => wholeOperation.run(true, operation), this.retryPolicy, {
      sleep: this.#options.sleep ?? realSleep,
      random: this.#options.random ?? Math.random,
      canRetry: (e) => e.retryable,
      onRetry: this.#options.onRetry,
    });
  }

  /**
   * `send` under the limiter and the retry layer; a 4xx/5xx answer is an `HttpError`
   * `HTTP_STATUS` (retryable for 429, 502, 503, 504, honouring `Retry-After`) with a masked
   * snippet of the body.
   *
   * @example
   * const { text } = await http.request({ method: 'GET', path: '/api/orders' });
   */
  request(request: HttpRequest): Promise<HttpAnswer> {
    const idempotent = request.idempotent ?? !['POST', 'PATCH'].includes(request.method);
    return this.run(
      async () => {
        const answer = await this.send(request);
        if (answer.status < 400) return answer;
        throw new HttpError(
          'HTTP_STATUS',
          `${this.#options.service} answered HTTP ${answer.status} (${request.label ?? `${request.method} ${request.path}`}): ${bodySnippet(answer.text, this.#secrets) || '(empty body)'}`,
          {
            status: answer.status,
            retryable: RETRYABLE_STATUS.has(answer.status),
            retryAfterMs: parseRetryAfter(answer.headers.get('retry-after'), Date.now()),
          },
        );
      },
      { idempotent },
    );
  }

  private urlOf(request: HttpRequest): string {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(request.query ?? {})) {
      if (v !== undefined) query.append(k, String(v));
    }
    const qs = query.toString();
    return `${this.baseUrl}${request.path}${qs ? `?${qs}` : ''}`;
  }

  private tooLarge(label: string, status: number, received: number, declared?: number): HttpError {
    const limit = this.maxResponseBytes;
    return new HttpError(
      'HTTP_RESPONSE_TOO_LARGE',
      `${this.#options.service} answered HTTP ${status} with more than maxResponseBytes (${limit} bytes) (${label}; ${
        declared !== undefined ? `Content-Length ${declared}` : `stopped after ${received} bytes`
      }); the rest was not read`,
      { status, retryable: false, receivedBytes: received },
    );
  }

  private networkError(error: unknown, label: string): HttpError {
    const errno = errnoOf(error);
    const cause = safeCause(error, this.#secrets);
    return new HttpError(
      'HTTP_NETWORK',
      `Cannot reach ${this.#options.service} at ${this.displayUrl} (${label}): ${errno ?? cause.message}`,
      {
        retryable: true,
        errno,
        notSent: errno !== undefined && NOT_SENT.has(errno),
        cause,
      },
    );
  }

  toJSON(): Record<string, unknown> {
    return { service: this.#options.service, baseUrl: this.displayUrl, timeoutMs: this.timeoutMs };
  }

  [inspect.custom](): string {
    return `HttpClient(${this.#options.service} ${this.displayUrl}, secrets ${MASK})`;
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/** Socket errors raised before a byte of the request left: sending again is always safe. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** A request the server surely did not carry out: refused connection, 429, 503. */
export function notProcessed(error: { status?: number | undefined; notSent?: boolean }): boolean {
  return error.notSent === true || error.status === 429 || error.status === 503;
}

/** The socket error code of a fetch failure (undici nests it in `cause`, sometimes in `errors`). */
export function errnoOf(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let e: unknown = error;
  while (e && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.length > 0) e = errors[0];
    else e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** An error carrying nothing but a masked name, message and code: safe to keep as `cause`. */
export function safeCause(error: unknown, secrets: SecretSet): Error {
  const e = error as { name?: unknown; message?: unknown };
  const inner = (error as { cause?: { message?: unknown } } | undefined)?.cause;
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const detail = typeof inner?.message === 'string' ? `: ${inner.message}` : '';
  const cause = new Error(secrets.mask(`${message}${detail}`));
  cause.name = typeof e?.name === 'string' ? secrets.mask(e.name) : 'Error';
  const code = errnoOf(error);
  if (code) (cause as Error & { code?: string }).code = code;
  return cause;
}

/**
 * A short readable piece of a body for a message: secrets are masked first (whole text), then
 * tags and entities are removed, masked again (a key split by tags), and only then cut.
 *
 * @example
 * bodySnippet('<h1>Bad key abc…</h1>', secrets); // 'Bad key ***'
 */
export function bodySnippet(body: string, secrets: SecretSet, max = 160): string {
  const masked = secrets.mask(body);
  const window = masked.slice(0, 64 * 1024);
  const clean = secrets.mask(
    decodeEntities(window.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' '))
      .replace(/\s+/g, ' ')
      .trim(),
  );
  return [...clean].slice(0, max).join('');
}
