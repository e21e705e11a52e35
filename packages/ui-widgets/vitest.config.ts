import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

export default defineProject({
  test: {
    name: 'ui-widgets',
    include: ['test/**/*.test.ts'],
    // builds the bundle the browser loads (dist/) before any test
    globalSetup: ['test/setup/build.ts'],
    // a new PGlite database initialises for seconds, Chromium starts in one; CI machines are shared
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // one Chromium at a time on a 2-core machine
    fileParallelism: false,
  },
  resolve: {
    alias: {
      '@ordergate/core/testing': src('core/src/testing.ts'),
      '@ordergate/core': src('core/src/index.ts'),
      '@ordergate/connectors': src('connectors/src/index.ts'),
      '@ordergate/server': src('server/src/index.ts'),
    },
  },
});
