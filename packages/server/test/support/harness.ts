import { describe, inject, it } from 'vitest';
import type { ConformanceHarness } from '@ordergate/core/testing';

/** The conformance suite's test functions, on vitest. */
export const harness: ConformanceHarness = {
  describe,
  it,
  assert: (condition, message) => {
    if (!condition) throw new Error(message);
  },
};

/** The test PostgreSQL server's connection string, or undefined when skipped (local opt-out). */
export function postgresUrl(): string | undefined {
  const pg = inject('postgres');
  return 'url' in pg ? pg.url : undefined;
}

let n = 0;
/** A schema name no other test uses (test files run in parallel on one server). */
export function freshSchema(prefix: string): string {
  n += 1;
  return `${prefix}_${String(process.pid)}_${String(Date.now() % 1_000_000)}_${String(n)}`;
}
