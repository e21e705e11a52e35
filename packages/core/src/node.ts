import { createHash } from 'node:crypto';
import type { Hasher } from './ports/Hasher.js';

/**
 * Native SHA-256 from `node:crypto`, for Node services that verify long audit chains.
 *
 * @example
 * import { nodeSha256 } from '@ordergate/core/node';
 * const store = new MemoryStore({ hasher: nodeSha256 });
 */
export const nodeSha256: Hasher = {
  sha256Hex: (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
};
