/** Codes of the errors the shared HTTP layer itself throws (a connector may map them to its own). */
export type HttpErrorCode =
  'HTTP_TIMEOUT' | 'HTTP_IDLE_TIMEOUT' | 'HTTP_NETWORK' | 'HTTP_RESPONSE_TOO_LARGE' | 'HTTP_STATUS';

/** Details every connector error may carry; none of them ever holds a secret. */
export interface ConnectorErrorDetails {
  /** HTTP status of the answer, when there was one. */
  status?: number | undefined;
  /** Whether the call may succeed if sent again (transient failure). */
  retryable?: boolean | undefined;
  /** How long the server asked to wait before trying again (`Retry-After`), in ms. */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of every error a connector throws: a literal `code`, a `retryable` flag, the HTTP
 * `status` if any, and a message that says what happened and never carries a secret.
 *
 * @example
 * try { await odoo.sync().next(); }
 * catch (e) { if (e instanceof ConnectorError && e.retryable) scheduleRetry(); }
 */
export class ConnectorError extends Error {
  override readonly name: string = 'ConnectorError';
  readonly code: string;
  readonly status: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  constructor(code: string, message: string, details: ConnectorErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.retryable = details.retryable ?? false;
    this.retryAfterMs = details.retryAfterMs;
  }
}

/**
 * A failure of the shared HTTP layer: total deadline or idle timeout passed, connection failed,
 * answer larger than `maxResponseBytes`, or (for `HttpClient.request`) a non-2xx status.
 *
 * @example
 * catch (e) { if (e instanceof HttpError && e.code === 'HTTP_TIMEOUT') console.warn(e.message); }
 */
export class HttpError extends ConnectorError {
  override readonly name: string = 'HttpError';
  declare readonly code: HttpErrorCode;
  /** Bytes of the body received before the layer gave up (size limit, timeouts). */
  readonly receivedBytes: number | undefined;
  /** `code` of the underlying socket error (`ECONNREFUSED`, `ECONNRESET`, …), if any. */
  readonly errno: string | undefined;
  /** True when the request surely never reached the server (the connection was refused). */
  readonly notSent: boolean;
  constructor(
    code: HttpErrorCode,
    message: string,
    details: ConnectorErrorDetails & {
      receivedBytes?: number | undefined;
      errno?: string | undefined;
      notSent?: boolean | undefined;
    } = {},
  ) {
    super(code, message, details);
    this.receivedBytes = details.receivedBytes;
    this.errno = details.errno;
    this.notSent = details.notSent ?? false;
  }
}

/** One problem found in a connector's configuration: where, and what to do about it. */
export interface ConfigProblem {
  /** The setting, e.g. `url` (or the environment variable, e.g. `ODOO_URL`). */
  field: string;
  /** What is wrong and how to fix it. */
  fix: string;
}

/**
 * The configuration cannot work: each problem names the setting and says how to fix it. Thrown
 * before any request is sent; never a raw validation error, never the secret values.
 *
 * @example
 * catch (e) { if (e instanceof ConnectorConfigError) for (const p of e.problems) console.error(`${p.field}: ${p.fix}`); }
 */
export class ConnectorConfigError extends ConnectorError {
  override readonly name = 'ConnectorConfigError';
  readonly problems: readonly ConfigProblem[];
  constructor(subject: string, problems: readonly ConfigProblem[]) {
    super(
      'CONNECTOR_CONFIG',
      `${subject} configuration is invalid: ${problems.map((p) => `${p.field}: ${p.fix}`).join('; ')}`,
      { retryable: false },
    );
    this.problems = problems;
  }
}
