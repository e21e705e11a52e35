import { describe, it } from 'vitest';
import { MemoryStore } from '../../src/index.js';
import { storeConformance } from '../../src/testing.js';

storeConformance(
  {
    describe,
    it,
    assert: (condition, message) => {
      if (!condition) throw new Error(message);
    },
  },
  { makeStore: () => new MemoryStore() },
);
