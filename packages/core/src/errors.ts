import type { z } from 'zod';

/** One problem with an input: where it is and what is wrong. */
export interface InputIssue {
  /** Dotted path into the input, e.g. `lines.0.unitPrice`. */
  path: string;
  message: string;
}

/** Error codes thrown by core. Outcomes (a blocked order, a refused approval) are never errors. */
export type OrdergateErrorCode =
  | 'INVALID_INPUT'
  | 'INVALID_POLICY'
  | 'NOT_FOUND'
  | 'CONCURRENT_MODIFICATION'
  | 'STORE_FAILURE'
  | 'ARCHIVED'
  | 'INTERNAL';

/**
 * Base class of every error core throws: `name`, a literal `code` and the `cause`.
 *
 * @example
 * try { desk.submit(input, actor); } catch (e) { if (e instanceof OrdergateError) log(e.code); }
 */
export class OrdergateError extends Error {
  override readonly name: string = 'OrdergateError';
  readonly code: OrdergateErrorCode;
  constructor(code: OrdergateErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * Malformed input (an order, a customer, credit data, an action): lists every problem found,
 * each with its path, and guarantees nothing was written.
 *
 * @example
 * catch (e) { if (e instanceof ValidationError) e.issues.forEach(i => console.log(i.path, i.message)); }
 */
export class ValidationError extends OrdergateError {
  override readonly name = 'ValidationError';
  /** What was being parsed, e.g. `order`, `policy`, `credit profile`. */
  readonly subject: string;
  readonly issues: readonly InputIssue[];
  constructor(subject: string, issues: readonly InputIssue[], options?: { cause?: unknown }) {
    super(
      'INVALID_INPUT',
      `Invalid ${subject}: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
    this.subject = subject;
    this.issues = issues;
  }
}

/**
 * A policy document that does not validate: every problem is listed at once.
 *
 * @example
 * catch (e) { if (e instanceof PolicyError) console.error(e.issues); }
 */
export class PolicyError extends OrdergateError {
  override readonly name = 'PolicyError';
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[], options?: { cause?: unknown }) {
    super(
      'INVALID_POLICY',
      `Invalid policy: ${issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ')}`,
      options,
    );
    this.issues = issues;
  }
}

/**
 * A record that does not exist (order, change request, archive record…).
 *
 * @example
 * catch (e) { if (e instanceof NotFoundError) console.log(e.entity, e.key); } // 'order' 'SO-2026-000042'
 */
export class NotFoundError extends OrdergateError {
  override readonly name = 'NotFoundError';
  readonly entity: string;
  readonly key: string;
  constructor(entity: string, key: string) {
    super('NOT_FOUND', `${entity} ${key} not found`);
    this.entity = entity;
    this.key = key;
  }
}

/**
 * Another writer changed the record first (optimistic versioning). Retry with fresh state.
 *
 * @example
 * catch (e) { if (e instanceof ConcurrentModificationError) return retry(); } // e.key: 'order erp-42'
 */
export class ConcurrentModificationError extends OrdergateError {
  override readonly name = 'ConcurrentModificationError';
  readonly key: string;
  readonly expectedVersion: number;
  constructor(key: string, expectedVersion: number, options?: { cause?: unknown }) {
    super(
      'CONCURRENT_MODIFICATION',
      `${key} was modified concurrently (expected version ${expectedVersion})`,
      options,
    );
    this.key = key;
    this.expectedVersion = expectedVersion;
  }
}

/**
 * The order is archived: its content is confidential and is read only through `ArchiveDesk`
 * with an approved, live access request, every read recorded (AR-5).
 *
 * @example
 * await desk.get('erp-42'); // throws ArchivedOrderError once archived: use ArchiveDesk (AR-5)
 */
export class ArchivedOrderError extends OrdergateError {
  override readonly name = 'ArchivedOrderError';
  readonly orderId: string;
  constructor(orderId: string) {
    super(
      'ARCHIVED',
      `order ${orderId} is archived: read it through ArchiveDesk with an approved access request (AR-5)`,
    );
    this.orderId = orderId;
  }
}

/**
 * Turns zod issues into `InputIssue`s with dotted paths.
 *
 * @example
 * const r = Order.safeParse(input);
 * if (!r.success) toInputIssues(r.error); // [{ path: 'lines.0.unitPrice', message: '…' }]
 */
export function toInputIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/**
 * Parses `input` with `schema`, throwing a `ValidationError` naming `subject` and listing every
 * problem when it does not fit.
 *
 * @example
 * const order = parseOrThrow(Order, input, 'order');
 */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  subject: string,
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(subject, toInputIssues(result.error));
  return result.data;
}
