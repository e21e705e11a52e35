import {
  OdooAccessError,
  OdooAuthenticationError,
  type OdooError,
  type OdooErrorDetails,
  OdooInvalidResponseError,
  OdooMissingRecordError,
  OdooNetworkError,
  OdooServerError,
  OdooSessionExpiredError,
  OdooTimeoutError,
  OdooValidationError,
} from './OdooError.js';
import { HttpError } from '../internal/http/ConnectorError.js';
import { bodySnippet, safeCause } from '../internal/http/HttpClient.js';
import type { SecretSet } from '../internal/http/secrets.js';

/** What Odoo said about a failed call, from either transport. */
export interface OdooFault {
  /** Exception class, `error.data.name` (JSON-RPC) or `name` (JSON-2). */
  name?: string | undefined;
  /** Odoo's message, `error.data.message` or `message`. */
  message?: string | undefined;
  /** HTTP status (JSON-2 errors, or a non-200 answer). */
  status?: number | undefined;
  /** JSON-RPC `error.code` (200 on Odoo ≤ 18, 0 on 19; 100 = session expired, 404 = no route). */
  rpcCode?: number | undefined;
}

export interface FaultContext {
  model?: string | undefined;
  method?: string | undefined;
  secrets: SecretSet;
  /** The answer's `Retry-After`, in ms. */
  retryAfterMs?: number | undefined;
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/** PostgreSQL errors Odoo gives up on after its own retries: the transaction was rolled back. */
const SERIALIZATION =
  /SerializationFailure|LockNotAvailable|DeadlockDetected|ConcurrencyError|could not serialize/i;

function shortName(name: string | undefined): string {
  return name ? (name.split('.').pop() ?? name) : '';
}

/**
 * Maps an Odoo fault to the typed error. Every field kept (Odoo's message, its exception name) is
 * masked whole before anything else is done with it, and the kind is read from the masked name.
 */
export function toOdooError(raw: OdooFault, ctx: FaultContext): OdooError {
  const fault: OdooFault = {
    ...raw,
    name: raw.name === undefined ? undefined : ctx.secrets.mask(raw.name).slice(0, 200),
    message: raw.message === undefined ? undefined : ctx.secrets.mask(raw.message),
  };
  const odooMessage = fault.message;
  const where = ctx.model
    ? ` (${ctx.model}.${ctx.method ?? '?'})`
    : ctx.method
      ? ` (${ctx.method})`
      : '';
  const text = `${odooMessage ?? fault.name ?? 'Odoo error'}${where}`;
  const details: OdooErrorDetails = {
    odooMessage,
    odooName: fault.name,
    status: fault.status,
    model: ctx.model,
    method: ctx.method,
    retryAfterMs: ctx.retryAfterMs,
  };
  const kind = shortName(fault.name);
  switch (kind) {
    case 'AccessDenied':
    case 'Unauthorized':
      return new OdooAuthenticationError(`Odoo refused the credentials: ${text}`, details);
    case 'AccessError':
    case 'Forbidden':
      return new OdooAccessError(`Odoo access error: ${text}`, details);
    case 'MissingError':
      return new OdooMissingRecordError(`Odoo record missing: ${text}`, details);
    case 'UserError':
    case 'ValidationError':
    case 'RedirectWarning':
    case 'UnprocessableEntity':
    case 'ValueError':
      return new OdooValidationError(`Odoo refused the request: ${text}`, details);
    case 'SessionExpiredException':
      return new OdooSessionExpiredError(`Odoo session expired: ${text}`, details);
    default:
      break;
  }
  if (fault.rpcCode === 100)
    return new OdooSessionExpiredError(`Odoo session expired: ${text}`, details);
  if (fault.status === 401)
    return new OdooAuthenticationError(`Odoo refused the credentials: ${text}`, details);
  if (fault.status === 403) return new OdooAccessError(`Odoo access error: ${text}`, details);
  if (fault.status === 422)
    return new OdooValidationError(`Odoo refused the request: ${text}`, details);
  const retryable =
    (fault.status !== undefined && RETRYABLE_STATUS.has(fault.status)) ||
    SERIALIZATION.test(`${fault.name ?? ''} ${fault.message ?? ''}`) ||
    kind === 'LockError';
  return new OdooServerError(
    `Odoo server error${fault.status ? ` ${fault.status}` : ''}: ${text}`,
    { ...details, retryable },
  );
}

/**
 * Maps a failure of the shared HTTP layer (no usable answer) to the Odoo error of the same kind:
 * deadline and idle timeout → `OdooTimeoutError`, connection → `OdooNetworkError`, an answer over
 * the size limit → `OdooInvalidResponseError`. Messages come from the HTTP layer, which prints no
 * secret and no URL credentials; anything else is kept only as a masked `cause`.
 */
export function toTransportError(error: unknown, ctx: FaultContext): OdooError {
  const where = ctx.model ? ` (${ctx.model}.${ctx.method ?? '?'})` : '';
  const details = { model: ctx.model, method: ctx.method };
  if (error instanceof HttpError) {
    switch (error.code) {
      case 'HTTP_TIMEOUT':
      case 'HTTP_IDLE_TIMEOUT':
        return new OdooTimeoutError(error.message, { ...details, cause: error });
      case 'HTTP_RESPONSE_TOO_LARGE':
        return new OdooInvalidResponseError(error.message, {
          ...details,
          status: error.status,
          retryable: false,
          cause: error,
        });
      default:
        return new OdooNetworkError(error.message, {
          ...details,
          retryable: true,
          // `notProcessed` reads the socket code here: ECONNREFUSED means never sent.
          cause: error.cause ?? error,
        });
    }
  }
  const cause = safeCause(error, ctx.secrets);
  return new OdooNetworkError(`Odoo call failed${where}: ${cause.message}`, {
    ...details,
    retryable: true,
    cause,
  });
}

/** The answer was not JSON: an HTML error page from a proxy, or a truncated body. */
export function toInvalidResponse(status: number, body: string, ctx: FaultContext): OdooError {
  // Masked first (whole body), then cleaned, masked again, and only then cut.
  const snippet = bodySnippet(body, ctx.secrets);
  const where = ctx.model ? ` (${ctx.model}.${ctx.method ?? '?'})` : '';
  return new OdooInvalidResponseError(
    `Odoo answered HTTP ${status} with something that is not Odoo JSON${where}: ${snippet || '(empty body)'}`,
    {
      status,
      model: ctx.model,
      method: ctx.method,
      retryable: RETRYABLE_STATUS.has(status),
      retryAfterMs: ctx.retryAfterMs,
    },
  );
}
