// @ordergate/core/testing — what any Store implementation runs to prove it fits the core.
export { storeConformance } from './testing/storeConformance.js';
export type { ConformanceHarness, StoreConformanceOptions } from './testing/storeConformance.js';
