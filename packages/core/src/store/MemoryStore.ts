import type { AuditEvent, SealedEvent } from '../audit/AuditEvent.js';
import { openSealed, sealDraft, type ChainHead } from '../audit/auditChain.js';
import { ConcurrentModificationError } from '../errors.js';
import { portableSha256, type Hasher } from '../ports/Hasher.js';
import type { Commit, Store, Versioned } from '../ports/Store.js';

/** Everything a `MemoryStore` holds, as plain data (for backups and tests). */
export interface MemoryStoreSnapshot {
  records: Versioned<unknown>[];
  /** Audit events in their stored, sealed form. */
  events: SealedEvent[];
  sequences: Record<string, number>;
}

/** Options of `MemoryStore`. */
export interface MemoryStoreOptions {
  hasher?: Hasher;
  snapshot?: MemoryStoreSnapshot;
}

const recordKey = (kind: string, key: string) => `${kind}\u0000${key}`;

/**
 * In-memory `Store` for tests and embedding. Each commit checks every version and seals every
 * event before anything is written, with no `await` in between, so concurrent callers in one
 * process never interleave inside a commit. Values are copied in and out.
 *
 * @example
 * const store = new MemoryStore();
 * const desk = new OrderDesk({ policy, store, clock, ids });
 */
export class MemoryStore implements Store {
  readonly #hasher: Hasher;
  readonly #records = new Map<string, Versioned<unknown>>();
  readonly #streams = new Map<string, SealedEvent[]>();
  readonly #sequences = new Map<string, number>();

  constructor(options: MemoryStoreOptions = {}) {
    this.#hasher = options.hasher ?? portableSha256;
    const snapshot = options.snapshot;
    if (snapshot) {
      for (const r of snapshot.records)
        this.#records.set(recordKey(r.kind, r.key), structuredClone(r));
      for (const e of snapshot.events) {
        const list = this.#streams.get(e.stream) ?? [];
        list.push(structuredClone(e));
        this.#streams.set(e.stream, list);
      }
      for (const [k, v] of Object.entries(snapshot.sequences)) this.#sequences.set(k, v);
    }
  }

  get<T>(kind: string, key: string): Promise<Versioned<T> | undefined> {
    const found = this.#records.get(recordKey(kind, key));
    return Promise.resolve(found ? (structuredClone(found) as Versioned<T>) : undefined);
  }

  list<T>(kind: string): Promise<Versioned<T>[]> {
    const out: Versioned<T>[] = [];
    for (const r of this.#records.values())
      if (r.kind === kind) out.push(structuredClone(r) as Versioned<T>);
    return Promise.resolve(out);
  }

  commit(commit: Commit): Promise<AuditEvent[]> {
    for (const w of commit.writes) {
      const current = this.#records.get(recordKey(w.kind, w.key))?.version ?? 0;
      if (current !== w.expectedVersion) {
        return Promise.reject(
          new ConcurrentModificationError(`${w.kind} ${w.key}`, w.expectedVersion),
        );
      }
    }
    const heads = new Map<string, ChainHead | undefined>();
    const results = commit.events.map((draft) => {
      const head = heads.has(draft.stream) ? heads.get(draft.stream) : this.#head(draft.stream);
      const result = sealDraft(head, structuredClone(draft), this.#hasher);
      heads.set(draft.stream, { seq: result.sealed.seq, hash: result.sealed.hash });
      return result;
    });
    for (const w of commit.writes) {
      this.#records.set(recordKey(w.kind, w.key), {
        kind: w.kind,
        key: w.key,
        version: w.expectedVersion + 1,
        value: structuredClone(w.value),
      });
    }
    for (const { sealed } of results) {
      const list = this.#streams.get(sealed.stream) ?? [];
      list.push(sealed);
      this.#streams.set(sealed.stream, list);
    }
    return Promise.resolve(results.map((r) => structuredClone(r.event)));
  }

  nextSequence(scope: string): Promise<number> {
    const next = (this.#sequences.get(scope) ?? 0) + 1;
    this.#sequences.set(scope, next);
    return Promise.resolve(next);
  }

  readStream(stream: string): Promise<AuditEvent[]> {
    return Promise.resolve((this.#streams.get(stream) ?? []).map(openSealed));
  }

  readSealed(stream: string): Promise<SealedEvent[]> {
    return Promise.resolve((this.#streams.get(stream) ?? []).map((e) => ({ ...e })));
  }

  streamHead(stream: string): Promise<ChainHead | undefined> {
    return Promise.resolve(this.#head(stream));
  }

  streams(): Promise<string[]> {
    return Promise.resolve([...this.#streams.keys()]);
  }

  /** Everything held, as plain data. */
  snapshot(): MemoryStoreSnapshot {
    return structuredClone({
      records: [...this.#records.values()],
      events: [...this.#streams.values()].flat(),
      sequences: Object.fromEntries(this.#sequences),
    });
  }

  #head(stream: string): ChainHead | undefined {
    const list = this.#streams.get(stream);
    const last = list?.[list.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : undefined;
  }
}
