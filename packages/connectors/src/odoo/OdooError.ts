import { ConnectorError } from '../internal/http/ConnectorError.js';

/** Literal codes of the errors the Odoo connector throws. */
export type OdooErrorCode =
  | 'ODOO_AUTHENTICATION'
  | 'ODOO_ACCESS'
  | 'ODOO_VALIDATION'
  | 'ODOO_MISSING_RECORD'
  | 'ODOO_SESSION_EXPIRED'
  | 'ODOO_LEGACY_API_DISABLED'
  | 'ODOO_NETWORK'
  | 'ODOO_TIMEOUT'
  | 'ODOO_SERVER'
  | 'ODOO_INVALID_RESPONSE';

/** Where a failed call went: enough to find it in Odoo's log, never a credential. */
export interface OdooErrorDetails {
  /** Odoo's own message (`error.data.message` or the JSON-2 `message`), secrets masked. */
  odooMessage?: string;
  /** Odoo's exception class, e.g. `odoo.exceptions.AccessError`. */
  odooName?: string;
  /** HTTP status of the answer, when there was one. */
  status?: number;
  model?: string;
  method?: string;
  /** Whether the call may succeed if sent again (transient failure). */
  retryable?: boolean;
  /** The answer's `Retry-After`, in ms (429/503). */
  retryAfterMs?: number | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the Odoo connector throws (a `ConnectorError`): `name`, a literal
 * `code`, Odoo's own message and exception class, and a `cause` that never holds the password or
 * API key. Every text field is masked whole, encoded, and in pieces of 8+ characters.
 *
 * @example
 * try { await client.call('sale.order', 'write', { ids: [7], vals: { note: 'x' } }); }
 * catch (e) { if (e instanceof OdooError && e.retryable) scheduleRetry(); }
 */
export class OdooError extends ConnectorError {
  override readonly name: string = 'OdooError';
  declare readonly code: OdooErrorCode;
  readonly odooMessage: string | undefined;
  readonly odooName: string | undefined;
  readonly model: string | undefined;
  readonly method: string | undefined;
  constructor(code: OdooErrorCode, message: string, details: OdooErrorDetails = {}) {
    super(code, message, details);
    this.odooMessage = details.odooMessage;
    this.odooName = details.odooName;
    this.model = details.model;
    this.method = details.method;
  }
}

/**
 * Bad login, password or API key. Odoo's `common.authenticate` answers `false` rather than an
 * error; the connector turns that into this error too.
 *
 * @example
 * catch (e) { if (e instanceof OdooAuthenticationError) console.error('check ODOO_KEY'); }
 */
export class OdooAuthenticationError extends OdooError {
  override readonly name = 'OdooAuthenticationError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_AUTHENTICATION', message, { ...details, retryable: false });
  }
}

/**
 * The user may not read or write that record (`odoo.exceptions.AccessError`, HTTP 403).
 *
 * @example
 * catch (e) { if (e instanceof OdooAccessError) console.error(e.odooMessage); }
 */
export class OdooAccessError extends OdooError {
  override readonly name = 'OdooAccessError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_ACCESS', message, { ...details, retryable: false });
  }
}

/**
 * Odoo refused the data (`UserError`, `ValidationError`, HTTP 422): never retried.
 *
 * @example
 * catch (e) { if (e instanceof OdooValidationError) showToUser(e.odooMessage); }
 */
export class OdooValidationError extends OdooError {
  override readonly name = 'OdooValidationError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_VALIDATION', message, { ...details, retryable: false });
  }
}

/**
 * The record does not exist or was deleted (`odoo.exceptions.MissingError`, HTTP 404).
 *
 * @example
 * catch (e) { if (e instanceof OdooMissingRecordError) forget(orderId); }
 */
export class OdooMissingRecordError extends OdooError {
  override readonly name = 'OdooMissingRecordError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_MISSING_RECORD', message, { ...details, retryable: false });
  }
}

/**
 * The server says the session expired (`SessionExpiredException`, JSON-RPC code 100). The client
 * authenticates again and retries once before letting this through.
 *
 * @example
 * catch (e) { if (e instanceof OdooSessionExpiredError) await OdooClient.connect(config); }
 */
export class OdooSessionExpiredError extends OdooError {
  override readonly name = 'OdooSessionExpiredError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_SESSION_EXPIRED', message, { ...details, retryable: false });
  }
}

/**
 * `POST /jsonrpc` answered 404: the server runs without the legacy external API (the `rpc`
 * module is uninstalled, or Odoo 20+). Use the JSON-2 transport with an API key.
 *
 * @example
 * catch (e) { if (e instanceof OdooLegacyApiDisabledError) config.transport = 'json2'; }
 */
export class OdooLegacyApiDisabledError extends OdooError {
  override readonly name = 'OdooLegacyApiDisabledError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_LEGACY_API_DISABLED', message, { ...details, retryable: false });
  }
}

/**
 * The connection failed (refused, reset, DNS). Retried with backoff for reads.
 *
 * @example
 * catch (e) { if (e instanceof OdooNetworkError) resumeLater(checkpoint); }
 */
export class OdooNetworkError extends OdooError {
  override readonly name = 'OdooNetworkError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_NETWORK', message, { retryable: true, ...details });
  }
}

/**
 * No complete answer within the total deadline `timeoutMs` (connect, headers and body), or
 * nothing received for `idleTimeoutMs`. Retried with backoff for reads.
 *
 * @example
 * catch (e) { if (e instanceof OdooTimeoutError) console.warn('Odoo is slow'); }
 */
export class OdooTimeoutError extends OdooError {
  override readonly name = 'OdooTimeoutError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_TIMEOUT', message, { retryable: true, ...details });
  }
}

/**
 * Any other server-side failure: a Python exception, a 5xx, a 429, a serialization failure.
 * `retryable` is true for 429/502/503/504 and for database serialization failures.
 *
 * @example
 * catch (e) { if (e instanceof OdooServerError) console.error(e.status, e.odooName, e.odooMessage); }
 */
export class OdooServerError extends OdooError {
  override readonly name = 'OdooServerError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_SERVER', message, details);
  }
}

/**
 * The answer was not what Odoo sends: not JSON (e.g. an HTML error page from a proxy), or JSON of
 * the wrong shape. `status` tells whether a proxy answered (then `retryable` follows it).
 *
 * @example
 * catch (e) { if (e instanceof OdooInvalidResponseError) console.error(e.message); }
 */
export class OdooInvalidResponseError extends OdooError {
  override readonly name = 'OdooInvalidResponseError';
  constructor(message: string, details: OdooErrorDetails = {}) {
    super('ODOO_INVALID_RESPONSE', message, details);
  }
}
