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
} from '../odoo/OdooError.js';
import { redact } from './redact.js';

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
  secrets: readonly (string | undefined)[];
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);
/** PostgreSQL errors Odoo gives up on after its own retries: the transaction was rolled back. */
const SERIALIZATION =
  /SerializationFailure|LockNotAvailable|DeadlockDetected|ConcurrencyError|could not serialize/i;

function shortName(name: string | undefined): string {
  return name ? (name.split('.').pop() ?? name) : '';
}

/** Maps an Odoo fault to the typed error, masking secrets in everything kept. */
export function toOdooError(fault: OdooFault, ctx: FaultContext): OdooError {
  const odooMessage = fault.message === undefined ? undefined : redact(fault.message, ctx.secrets);
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

/** An error carrying nothing but a name and a message: safe to keep as `cause`. */
function safeCause(error: unknown, secrets: readonly (string | undefined)[]): Error {
  const e = error as { name?: unknown; message?: unknown; code?: unknown };
  const cause = new Error(
    redact(typeof e?.message === 'string' ? e.message : String(error), secrets),
  );
  cause.name = typeof e?.name === 'string' ? e.name : 'Error';
  if (typeof e?.code === 'string') (cause as Error & { code?: string }).code = e.code;
  return cause;
}

const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/**
 * Maps a transport failure (no HTTP answer) to a network or timeout error. The axios error itself
 * is never kept: its `config` holds the request body, which holds the password or key.
 */
export function toTransportError(
  error: unknown,
  ctx: FaultContext & { timeoutMs: number; url: string },
): OdooError {
  const code = (error as { code?: unknown })?.code;
  const cause = safeCause(error, ctx.secrets);
  const details = { model: ctx.model, method: ctx.method, cause };
  const where = ctx.model ? ` (${ctx.model}.${ctx.method ?? '?'})` : '';
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) {
    return new OdooTimeoutError(`Odoo did not answer within ${ctx.timeoutMs} ms${where}`, details);
  }
  return new OdooNetworkError(
    `Cannot reach Odoo at ${ctx.url}${where}: ${typeof code === 'string' ? code : cause.message}`,
    { ...details, retryable: true },
  );
}

/** The answer was not JSON: an HTML error page from a proxy, or a truncated body. */
export function toInvalidResponse(status: number, body: string, ctx: FaultContext): OdooError {
  const snippet = redact(
    body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160),
    ctx.secrets,
  );
  const where = ctx.model ? ` (${ctx.model}.${ctx.method ?? '?'})` : '';
  return new OdooInvalidResponseError(
    `Odoo answered HTTP ${status} with something that is not Odoo JSON${where}: ${snippet || '(empty body)'}`,
    {
      status,
      model: ctx.model,
      method: ctx.method,
      retryable: RETRYABLE_STATUS.has(status),
    },
  );
}
