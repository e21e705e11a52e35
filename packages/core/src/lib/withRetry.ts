import { ConcurrentModificationError } from '../errors.js';

/**
 * Runs a read-decide-commit attempt again when another writer changed the record first
 * (optimistic versioning), up to `maxAttempts` times; any other error goes straight through.
 * Every desk uses this, so concurrent writers in any number of service instances converge.
 */
export async function withRetry<T>(maxAttempts: number, attempt: () => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof ConcurrentModificationError) || i >= maxAttempts) throw error;
    }
  }
}
