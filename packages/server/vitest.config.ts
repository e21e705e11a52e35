import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const core = (path: string) => fileURLToPath(new URL(`../core/src/${path}`, import.meta.url));

export default defineProject({
  test: {
    name: 'server',
    include: ['test/**/*.test.ts'],
    // starts a throwaway PostgreSQL cluster for the node-postgres tests
    globalSetup: ['test/setup/postgres.ts'],
    // a new PGlite database initialises for seconds; CI machines are shared and slow
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
  resolve: {
    alias: {
      '@ordergate/core/testing': core('testing.ts'),
      '@ordergate/core': core('index.ts'),
      // the CLI loads the Odoo connector (`--erp odoo`): its sources, as for the core
      '@ordergate/connectors': fileURLToPath(
        new URL('../connectors/src/index.ts', import.meta.url),
      ),
    },
  },
});
