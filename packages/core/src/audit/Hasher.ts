import { sha256Hex } from '../lib/sha256.js';

/**
 * SHA-256 over UTF-8 text, as lower-case hex. The audit chain seals events with it.
 *
 * @example
 * portableSha256.sha256Hex('abc'); // 'ba7816bf…'
 */
export interface Hasher {
  sha256Hex(text: string): string;
}

/**
 * Pure-TypeScript SHA-256 that runs anywhere; `@ordergate/core/node` has a faster native one.
 *
 * @example
 * verifyArchiveBundle(JSON.parse(text), portableSha256);
 */
export const portableSha256: Hasher = { sha256Hex };
