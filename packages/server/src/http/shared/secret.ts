import { inspect } from 'node:util';

const MASK = 'SharedSecret(***)';

/**
 * The HS256 key the ERP signs user assertions with, held so that it never shows: `util.inspect`,
 * `JSON.stringify`, `String()` and template literals all print `SharedSecret(***)`. Only
 * `key()` gives the bytes, to hand to `jose`.
 *
 * @example
 * const secret = new SharedSecret(process.env.ORDERGATE_ERP_SECRET ?? '');
 * console.log({ secret }); // { secret: SharedSecret(***) }
 */
export class SharedSecret {
  readonly #bytes: Uint8Array;

  /**
   * @throws {RangeError} when the secret is shorter than 32 bytes (RFC 7518 §3.2: an HS256 key is
   *   at least as long as the hash); the message never contains the secret.
   */
  constructor(value: string | Uint8Array) {
    const bytes =
      typeof value === 'string' ? new TextEncoder().encode(value) : Uint8Array.from(value);
    if (bytes.length < 32) {
      throw new RangeError(
        `the shared secret must be at least 32 bytes (got ${String(bytes.length)})`,
      );
    }
    this.#bytes = bytes;
  }

  /** The key bytes (a copy), for signature checks only. */
  key(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return MASK;
  }
}
