// Quoted keys are reused across millions of audit events: quote each distinct key once.
const quotedKeys = new Map<string, string>();
const MAX_CACHED_KEYS = 4096;

function quoteKey(key: string): string {
  let q = quotedKeys.get(key);
  if (q === undefined) {
    q = JSON.stringify(key);
    if (quotedKeys.size < MAX_CACHED_KEYS) quotedKeys.set(key, q);
  }
  return q;
}

/**
 * Whether `JSON.stringify(value)` already is the canonical form: plain objects whose keys are in
 * sorted order at every level, finite numbers, no holes, functions, symbols or bigints. Sealed
 * audit data is stored in that shape, so verification mostly takes the native path.
 */
function isCanonicalShape(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          if (!(i in value)) return false;
          const v: unknown = value[i];
          if (v !== undefined && !isCanonicalShape(v)) return false;
        }
        return true;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      let previous: string | undefined;
      for (const key of Object.keys(value)) {
        if (previous !== undefined && !(previous < key)) return false;
        previous = key;
        const v = (value as Record<string, unknown>)[key];
        if (v !== undefined && !isCanonicalShape(v)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two values that
 * are equal as data always give the same string, which is what the audit hash is taken over.
 * Values already in canonical shape are serialised natively (`JSON.stringify`), which gives the
 * same string several times faster.
 */
export function canonicalJson(value: unknown): string {
  return isCanonicalShape(value) ? JSON.stringify(value) : slowCanonicalJson(value);
}

/**
 * A deep copy of `value` with object keys in sorted order, so that later canonicalisation of the
 * copy takes the native path.
 */
export function sortedCopy<T>(value: T): T {
  return isCanonicalShape(value) ? value : (JSON.parse(slowCanonicalJson(value)) as T);
}

function slowCanonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: non-finite number');
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      // Built by concatenation, with no intermediate arrays: verifying long chains spends most of
      // its time here (bench/auditVerify.ts).
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          // A hole (sparse array) renders empty, as `Array.prototype.join` renders it.
          if (!(i in value)) continue;
          const v: unknown = value[i];
          out += v === undefined ? 'null' : slowCanonicalJson(v);
        }
        return out + ']';
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const k of keys) {
        const v = record[k];
        if (v === undefined) continue;
        out += (first ? '' : ',') + quoteKey(k) + ':' + slowCanonicalJson(v);
        first = false;
      }
      return out + '}';
    }
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      return JSON.stringify(value) ?? 'null';
  }
}
