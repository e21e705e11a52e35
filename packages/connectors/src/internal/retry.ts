import { OdooError } from '../odoo/OdooError.js';

/** How calls are retried: exponential backoff with full jitter. */
export interface RetryPolicy {
  /** Retries after the first attempt (0 disables retrying). */
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RetryHooks {
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onRetry?: (error: OdooError, attempt: number, delayMs: number) => void;
}

/**
 * Runs `attempt` until it succeeds, the error is not retryable per `canRetry`, or the retries
 * are used up. Only `OdooError`s are ever retried; anything else is a bug and surfaces at once.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks & { canRetry: (error: OdooError) => boolean },
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof OdooError) || n >= policy.retries || !hooks.canRetry(error))
        throw error;
      const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** n);
      const delay = Math.round(cap / 2 + (hooks.random() * cap) / 2);
      hooks.onRetry?.(error, n + 1, delay);
      await hooks.sleep(delay);
    }
  }
}
