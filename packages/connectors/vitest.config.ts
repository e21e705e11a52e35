import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'connectors',
    include: ['test/**/*.test.ts'],
    // live and record runs talk to a real Odoo
    testTimeout: 60_000,
  },
  resolve: {
    alias: {
      '@ordergate/core': fileURLToPath(new URL('../core/src/index.ts', import.meta.url)),
    },
  },
});
