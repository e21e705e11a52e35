import type { AuditEvent, SealedEvent } from '../audit/AuditEvent.js';
import { openSealed, sealDraft, type ChainHead } from '../audit/auditChain.js';
import { ConcurrentModificationError } from '../errors.js';
import { portableSha256, type Hasher } from '../audit/Hasher.js';
import {
  effectSubject,
  type Commit,
  type EffectSettlement,
  type IndexValues,
  type OutboxEntry,
  type Store,
  type Versioned,
} from '../ports/Store.js';

/** Everything a `MemoryStore` holds, as plain data (for backups and tests). */
export interface MemoryStoreSnapshot {
  records: Versioned[];
  /** Audit events in their stored, sealed form. */
  events: SealedEvent[];
  sequences: Record<string, number>;
  /** Effects not yet delivered (waiting, or dead letters with `deadAt`). */
  outbox?: OutboxEntry[];
}

/** Options of `MemoryStore`. */
export interface MemoryStoreOptions {
  hasher?: Hasher;
  snapshot?: MemoryStoreSnapshot;
}

interface Leased extends OutboxEntry {
  leaseUntil?: string;
  delivered: boolean;
}

const recordKey = (kind: string, key: string) => `${kind}\u0000${key}`;
const EPOCH = '1970-01-01T00:00:00.000Z';

function matches(index: IndexValues, where: IndexValues): boolean {
  for (const [field, wanted] of Object.entries(where)) {
    const have = index[field];
    if (have === undefined) return false;
    const haveList = typeof have === 'string' ? [have] : have;
    const wantList = typeof wanted === 'string' ? [wanted] : wanted;
    if (!wantList.some((w) => haveList.includes(w))) return false;
  }
  return true;
}

/**
 * In-memory `Store` for tests and embedding. Each commit checks every version and seals every
 * event before anything is written, with no `await` in between, so concurrent callers in one
 * process never interleave inside a commit. Values are copied in and out. Passes the store
 * conformance suite (`@ordergate/core/testing`).
 *
 * @example
 * const store = new MemoryStore();
 * const og = new Ordergate({ policy, store, clock, ids });
 */
export class MemoryStore implements Store {
  readonly #hasher: Hasher;
  readonly #records = new Map<string, Versioned>();
  readonly #streams = new Map<string, SealedEvent[]>();
  readonly #sequences = new Map<string, number>();
  readonly #outbox = new Map<string, Leased>();
  #position = 0;

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
      for (const entry of snapshot.outbox ?? []) {
        this.#outbox.set(entry.effect.key, { ...structuredClone(entry), delivered: false });
        this.#position = Math.max(this.#position, entry.position);
      }
    }
  }

  get(kind: string, key: string): Promise<Versioned | undefined> {
    const found = this.#records.get(recordKey(kind, key));
    return Promise.resolve(found ? structuredClone(found) : undefined);
  }

  find(kind: string, where: IndexValues = {}): Promise<Versioned[]> {
    const out: Versioned[] = [];
    for (const r of this.#records.values())
      if (r.kind === kind && matches(r.index, where)) out.push(structuredClone(r));
    return Promise.resolve(out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
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
    for (const e of commit.effects ?? []) {
      if (this.#outbox.has(e.key)) {
        return Promise.reject(new ConcurrentModificationError(`effect ${e.key}`, 0));
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
      const trail =
        w.stream === undefined
          ? undefined
          : heads.has(w.stream)
            ? heads.get(w.stream)
            : this.#head(w.stream);
      this.#records.set(recordKey(w.kind, w.key), {
        kind: w.kind,
        key: w.key,
        version: w.expectedVersion + 1,
        value: structuredClone(w.value),
        index: structuredClone(w.index ?? {}),
        ...(trail ? { trail } : {}),
      });
    }
    for (const { sealed } of results) {
      const list = this.#streams.get(sealed.stream) ?? [];
      list.push(sealed);
      this.#streams.set(sealed.stream, list);
    }
    for (const effect of commit.effects ?? []) {
      this.#outbox.set(effect.key, {
        effect: structuredClone(effect),
        position: ++this.#position,
        attempts: 0,
        availableAt: commit.at ?? EPOCH,
        delivered: false,
      });
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

  claimEffects(options: {
    now: string;
    limit: number;
    leaseUntil: string;
  }): Promise<OutboxEntry[]> {
    const now = Date.parse(options.now);
    const limit = Math.max(0, options.limit);
    const claimable = (e: Leased) =>
      e.deadAt === undefined &&
      Date.parse(e.availableAt) <= now &&
      (e.leaseUntil === undefined || Date.parse(e.leaseUntil) <= now);
    // Per subject, in commit order: once a subject's undelivered effect is not taken, none of its
    // later effects is.
    const blocked = new Set<string>();
    const due: Leased[] = [];
    for (const e of [...this.#outbox.values()].sort((a, b) => a.position - b.position)) {
      if (e.delivered) continue;
      const subject = effectSubject(e.effect);
      if (blocked.has(subject)) continue;
      if (!claimable(e) || due.length >= limit) {
        blocked.add(subject);
        continue;
      }
      due.push(e);
    }
    for (const e of due) e.leaseUntil = options.leaseUntil;
    return Promise.resolve(due.map(publicEntry));
  }

  settleEffects(settlement: EffectSettlement): Promise<void> {
    for (const key of settlement.delivered) {
      const e = this.#outbox.get(key);
      if (e) {
        e.delivered = true;
        delete e.leaseUntil;
      }
    }
    for (const f of settlement.failed) {
      const e = this.#outbox.get(f.key);
      if (e && !e.delivered) {
        e.attempts += 1;
        e.lastError = f.error;
        e.availableAt = f.retryAt;
        if (f.dead) e.deadAt = f.retryAt;
        delete e.leaseUntil;
      }
    }
    for (const key of settlement.released ?? []) {
      const e = this.#outbox.get(key);
      if (e) delete e.leaseUntil;
    }
    return Promise.resolve();
  }

  pendingEffects(): Promise<OutboxEntry[]> {
    return Promise.resolve(this.#undelivered().filter((e) => e.deadAt === undefined));
  }

  deadEffects(): Promise<OutboxEntry[]> {
    return Promise.resolve(this.#undelivered().filter((e) => e.deadAt !== undefined));
  }

  retryEffect(key: string, at: string): Promise<OutboxEntry | undefined> {
    const e = this.#outbox.get(key);
    if (!e || e.delivered || e.deadAt === undefined) return Promise.resolve(undefined);
    delete e.deadAt;
    delete e.leaseUntil;
    e.attempts = 0;
    e.availableAt = at;
    return Promise.resolve(publicEntry(e));
  }

  #undelivered(): OutboxEntry[] {
    return [...this.#outbox.values()]
      .filter((e) => !e.delivered)
      .sort((a, b) => a.position - b.position)
      .map(publicEntry);
  }

  /** Everything held, as plain data. */
  snapshot(): MemoryStoreSnapshot {
    return structuredClone({
      records: [...this.#records.values()],
      events: [...this.#streams.values()].flat(),
      sequences: Object.fromEntries(this.#sequences),
      outbox: [...this.#outbox.values()].filter((e) => !e.delivered).map(publicEntry),
    });
  }

  #head(stream: string): ChainHead | undefined {
    const list = this.#streams.get(stream);
    const last = list?.[list.length - 1];
    return last ? { seq: last.seq, hash: last.hash } : undefined;
  }
}

function publicEntry(e: Leased): OutboxEntry {
  return structuredClone({
    effect: e.effect,
    position: e.position,
    attempts: e.attempts,
    availableAt: e.availableAt,
    ...(e.lastError !== undefined ? { lastError: e.lastError } : {}),
    ...(e.deadAt !== undefined ? { deadAt: e.deadAt } : {}),
  });
}
