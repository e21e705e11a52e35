import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'core',
    include: ['test/**/*.test.ts'],
    // Property tests run hundreds of desk sequences; CI machines are shared and slow.
    testTimeout: 30_000,
  },
});
