import { ConnectorError } from './ConnectorError.js';

/**
 * How calls are retried: exponential backoff with full jitter, and the server's `Retry-After`
 * honoured up to `maxRetryAfterMs` (a longer wait is not retried: the caller decides).
 *
 * @example
 * const policy: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };
 */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Longest `Retry-After` waited for; default 60 s. */
  maxRetryAfterMs?: number;
}

/** Clock and randomness of the retry loop (injected in tests), and an observer of each retry. */
export interface RetryHooks<E extends ConnectorError = ConnectorError> {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (error: E, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable per `canRetry`, or the retries are
 * used up. Only `ConnectorError`s are ever retried; anything else is a bug and surfaces at once.
 * This is the connectors' one retry layer: nothing under it retries on its own.
 *
 * @example
 * await withRetry(() => http.send(req), policy, { sleep, random: Math.random, canRetry: (e) => e.retryable });
 */
export async function withRetry<T, E extends ConnectorError = ConnectorError>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks<E> & { canRetry: (error: E) => boolean },
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConnectorError) || n >= policy.retries || !hooks.canRetry(error as E))
        throw error;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
      let delay = Math.round(cap / 2 + (hooks.random() * cap) / 2);
      if (error.retryAfterMs !== undefined) {
        if (error.retryAfterMs > (policy.maxRetryAfterMs ?? 60_000)) throw error;
        delay = Math.max(delay, error.retryAfterMs);
      }
      hooks.onRetry?.(error as E, n + 1, delay);
      await hooks.sleep(delay);
    }
  }
}

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable.
 *
 * @example
 * parseRetryAfter('2', Date.now()); // 2000
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
