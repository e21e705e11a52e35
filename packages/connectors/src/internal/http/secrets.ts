import { inspect } from 'node:util';
import { escapeHtml } from '../html.js';

/** Placeholder that replaces secrets in messages, logs and recorded fixtures. */
export const MASK = '***';

/** Shortest piece of a secret that is masked on its own (a page echoing part of a key). */
export const PARTIAL_SECRET_CHARS = 8;

/**
 * The secrets of one connection (API key, password, token), kept out of sight: `util.inspect`,
 * `JSON.stringify` and `String()` show `***`, and `mask()` removes them from any text — whole,
 * URL-, JSON- or HTML-encoded, in any letter case, and any piece of 8 characters or more (an HTML
 * page cut or split by tags still leaves nothing usable).
 *
 * @example
 * const secrets = new SecretSet([process.env.API_KEY]);
 * console.error(secrets.mask(`server said: bad key ${process.env.API_KEY}`)); // "server said: bad key ***"
 */
export class SecretSet {
  readonly #values: readonly string[];
  readonly #variants: readonly string[];
  readonly #grams: ReadonlySet<string>;

  constructor(values: readonly (string | undefined)[]) {
    const kept = [...new Set(values.filter((v): v is string => !!v && v !== MASK))];
    this.#values = kept;
    const variants = new Set<string>();
    const grams = new Set<string>();
    for (const v of kept) {
      for (const form of [
        v,
        encodeURIComponent(v),
        JSON.stringify(v).slice(1, -1),
        escapeHtml(v),
        Buffer.from(v).toString('base64'),
      ]) {
        variants.add(form);
      }
      const lower = v.toLowerCase();
      for (let i = 0; i + PARTIAL_SECRET_CHARS <= lower.length; i++) {
        grams.add(lower.slice(i, i + PARTIAL_SECRET_CHARS));
      }
    }
    // Longest first, so that a variant containing another is replaced whole.
    this.#variants = [...variants].sort((a, b) => b.length - a.length);
    this.#grams = grams;
  }

  /** The secrets themselves (to send them), never to print. */
  reveal(): readonly string[] {
    return this.#values;
  }

  /** True when there is nothing to hide. */
  get empty(): boolean {
    return this.#values.length === 0;
  }

  /**
   * `text` with every secret, encoded form and 8+ character piece of a secret replaced by `***`.
   * Exact forms are searched in the whole text; pieces in the first `partialScanChars` characters
   * (the part an error keeps), so that masking a 16 MiB page stays cheap.
   */
  mask(text: string, partialScanChars = 1 << 20): string {
    if (this.#values.length === 0 || text === '') return text;
    let out = text;
    for (const form of this.#variants) if (out.includes(form)) out = out.split(form).join(MASK);
    // case-insensitive whole secrets
    for (const v of this.#values) {
      const lower = out.toLowerCase();
      const needle = v.toLowerCase();
      if (!lower.includes(needle)) continue;
      let result = '';
      let from = 0;
      for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
        result += out.slice(from, at) + MASK;
        from = at + needle.length;
      }
      out = result + out.slice(from);
    }
    return this.maskPieces(out, partialScanChars);
  }

  private maskPieces(text: string, limit: number): string {
    if (this.#grams.size === 0) return text;
    const n = Math.min(text.length, limit);
    const lower = text.slice(0, n).toLowerCase();
    const hidden = new Uint8Array(n);
    let any = false;
    for (let i = 0; i + PARTIAL_SECRET_CHARS <= n; i++) {
      if (this.#grams.has(lower.slice(i, i + PARTIAL_SECRET_CHARS))) {
        hidden.fill(1, i, i + PARTIAL_SECRET_CHARS);
        any = true;
      }
    }
    if (!any) return text;
    let out = '';
    for (let i = 0; i < n;) {
      if (hidden[i]) {
        while (i < n && hidden[i]) i++;
        out += MASK;
      } else out += text[i++];
    }
    return out + text.slice(n);
  }

  toJSON(): string {
    return MASK;
  }

  toString(): string {
    return MASK;
  }

  [inspect.custom](): string {
    return `SecretSet(${MASK})`;
  }
}

/**
 * One secret value that prints as `***` everywhere (`util.inspect`, `JSON.stringify`, template
 * strings); `reveal()` gives the value to put in a request.
 *
 * @example
 * const key = new Secret(process.env.API_KEY ?? '');
 * headers.Authorization = `bearer ${key.reveal()}`;
 */
export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  reveal(): string {
    return this.#value;
  }
  toJSON(): string {
    return MASK;
  }
  toString(): string {
    return MASK;
  }
  [inspect.custom](): string {
    return `Secret(${MASK})`;
  }
}

/**
 * Makes the named keys of a parsed config non-enumerable, so that `JSON.stringify`, `util.inspect`
 * and object spreads of the config never show them; `config.apiKey` still reads the value.
 *
 * @example
 * const config = hideSecrets({ url, apiKey: 'k' }, ['apiKey']);
 * JSON.stringify(config); // '{"url":…}'
 */
export function hideSecrets<T extends object>(config: T, keys: readonly (keyof T)[]): T {
  for (const key of keys) {
    if (Object.prototype.hasOwnProperty.call(config, key)) {
      Object.defineProperty(config, key, {
        value: config[key],
        enumerable: false,
        writable: false,
        configurable: true,
      });
    }
  }
  return config;
}
