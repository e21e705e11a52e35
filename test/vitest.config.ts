import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url));

export default defineProject({
  resolve: {
    alias: {
      '@ordergate/core/node': src('core/src/node.ts'),
      '@ordergate/core/audit': src('core/src/audit.ts'),
      '@ordergate/core': src('core/src/index.ts'),
      '@ordergate/connectors': src('connectors/src/index.ts'),
      '@ordergate/server': src('server/src/index.ts'),
    },
  },
  test: {
    name: 'cross',
    include: ['**/*.test.ts'],
    // a new PGlite database initialises for seconds; the machine is shared
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
