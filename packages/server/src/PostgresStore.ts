import {
  ConcurrentModificationError,
  openSealed,
  portableSha256,
  sealDraft,
  type AuditEvent,
  type ChainHead,
  type Commit,
  type Effect,
  type EffectSettlement,
  type Hasher,
  type IndexValues,
  type OutboxEntry,
  type RecordWrite,
  type SealedEvent,
  type Store,
  type Versioned,
} from '@ordergate/core';
import { NodePgDriver, type PgPoolLike } from './drivers/NodePgDriver.js';
import { PgliteDriver } from './drivers/PgliteDriver.js';
import { sqlState, type SqlDriver, type SqlQueryable } from './drivers/SqlDriver.js';
import { migrate, quoteSchema, type MigrationReport } from './migrations.js';

/**
 * Where a `PostgresStore` keeps its data: give at most one of `dataDir`, `connectionString`,
 * `pool` or `driver`. With none, PGlite in memory.
 */
export interface PostgresStoreOptions {
  /** PGlite on this directory (created when missing): state survives restarts. */
  dataDir?: string;
  /** A PostgreSQL server through node-postgres, with a pool of `maxConnections`. */
  connectionString?: string;
  /** Connections in the pool made for `connectionString` (default 10). */
  maxConnections?: number;
  /** A node-postgres `Pool` you made and end yourself. */
  pool?: PgPoolLike;
  /** Any `SqlDriver`; you close it yourself. */
  driver?: SqlDriver;
  /** The PostgreSQL schema the tables live in (default `ordergate`). */
  schema?: string;
  /** Seals audit events; must be the core's (default: portable SHA-256). */
  hasher?: Hasher;
}

const GENESIS = '0'.repeat(64);
const EPOCH = '1970-01-01T00:00:00.000Z';

interface RecordRow {
  kind: string;
  key: string;
  version: number;
  value: unknown;
  index_values: IndexValues;
  trail_seq: number | null;
  trail_hash: string | null;
}

interface OutboxRow {
  position: number | string | bigint;
  effect: Effect;
  attempts: number;
  available_at: Date | string;
  last_error: string | null;
  dead_at: Date | string | null;
}

const OUTBOX_COLUMNS = 'position, effect, attempts, available_at, last_error, dead_at';

interface SealedRow {
  stream: string;
  seq: number;
  prev_hash: string;
  hash: string;
  text: string;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const iso = (value: Date | string) => new Date(value).toISOString();
const valuesOf = (v: string | readonly string[]): readonly string[] =>
  typeof v === 'string' ? [v] : v;

/**
 * The core's `Store` port over PostgreSQL: records and their index values in tables, audit
 * events sealed onto per-stream hash chains with the exact hashed text, order numbers from a
 * sequence table, and an outbox leased with `FOR UPDATE SKIP LOCKED`. The same SQL runs on two
 * drivers: embedded PGlite (in memory, or on a directory that survives restarts) and
 * node-postgres against a server. Every commit is one transaction at READ COMMITTED that locks
 * only the rows it changes: the records it writes and the heads of the streams it appends to.
 * Passes the core's store conformance suite on both.
 *
 * @example
 * const store = await PostgresStore.open({ dataDir: './data/ordergate' }); // PGlite
 * // or: await PostgresStore.open({ connectionString: process.env.DATABASE_URL, maxConnections: 20 });
 * const og = new Ordergate({ policy, store, clock, ids });
 * // …
 * await store.close();
 */
export class PostgresStore implements Store {
  readonly #driver: SqlDriver;
  readonly #ownsDriver: boolean;
  readonly #hasher: Hasher;
  readonly #s: string;
  /** The schema the tables live in. */
  readonly schema: string;

  private constructor(driver: SqlDriver, ownsDriver: boolean, schema: string, hasher: Hasher) {
    this.#driver = driver;
    this.#ownsDriver = ownsDriver;
    this.#hasher = hasher;
    this.schema = schema;
    this.#s = quoteSchema(schema);
  }

  /**
   * Connects (or opens PGlite), applies the pending migrations and returns the store.
   *
   * @example
   * const store = await PostgresStore.open(); // PGlite in memory, for tests and demos
   * const onDisk = await PostgresStore.open({ dataDir: '/var/lib/ordergate' });
   * const shared = await PostgresStore.open({ connectionString: 'postgres://og@db/og' });
   */
  static async open(options: PostgresStoreOptions = {}): Promise<PostgresStore> {
    const given = (['dataDir', 'connectionString', 'pool', 'driver'] as const).filter(
      (k) => options[k] !== undefined,
    );
    if (given.length > 1) {
      throw new Error(`PostgresStore.open: give one of ${given.join(', ')}, not several`);
    }
    const schema = options.schema ?? 'ordergate';
    quoteSchema(schema);
    let driver: SqlDriver;
    let owned = true;
    if (options.driver) {
      driver = options.driver;
      owned = false;
    } else if (options.pool) {
      driver = new NodePgDriver(options.pool);
      owned = false;
    } else if (options.connectionString !== undefined) {
      driver = await NodePgDriver.connect({
        connectionString: options.connectionString,
        ...(options.maxConnections !== undefined ? { max: options.maxConnections } : {}),
      });
    } else {
      driver = await PgliteDriver.open(
        options.dataDir !== undefined ? { dataDir: options.dataDir } : {},
      );
    }
    const store = new PostgresStore(driver, owned, schema, options.hasher ?? portableSha256);
    try {
      await store.migrate();
    } catch (error) {
      if (owned) await driver.close();
      throw error;
    }
    return store;
  }

  /**
   * The driver the store runs on, for tables beside the store's own (sync checkpoints and
   * webhook deliveries: `SyncService`, `registerWebhookRoutes`). Closing it is the store's job.
   *
   * @example
   * const sync = new SyncService({ og, erp, driver: store.driver, schema: store.schema });
   */
  get driver(): SqlDriver {
    return this.#driver;
  }

  /** Applies pending migrations (`open` already did; safe to call again, and concurrently). */
  migrate(): Promise<MigrationReport> {
    return migrate(this.#driver, this.schema);
  }

  /** Closes the pool or the PGlite the store opened; a driver or pool you gave stays open. */
  async close(): Promise<void> {
    if (this.#ownsDriver) await this.#driver.close();
  }

  async get(kind: string, key: string): Promise<Versioned | undefined> {
    const rows = await this.#driver.query<RecordRow>(
      `SELECT kind, key, version, value, index_values, trail_seq, trail_hash
         FROM ${this.#s}.records WHERE kind = $1 AND key = $2`,
      [kind, key],
    );
    return rows[0] ? versioned(rows[0]) : undefined;
  }

  async find(kind: string, where: IndexValues = {}): Promise<Versioned[]> {
    const params: unknown[] = [kind];
    let sql = `SELECT r.kind, r.key, r.version, r.value, r.index_values, r.trail_seq, r.trail_hash
                 FROM ${this.#s}.records r WHERE r.kind = $1`;
    for (const [field, wanted] of Object.entries(where)) {
      params.push(field, [...valuesOf(wanted)]);
      sql += ` AND EXISTS (SELECT 1 FROM ${this.#s}.record_index i
                WHERE i.kind = r.kind AND i.field = $${String(params.length - 1)}
                  AND i.value = ANY($${String(params.length)}::text[]) AND i.key = r.key)`;
    }
    sql += ' ORDER BY r.key';
    return (await this.#driver.query<RecordRow>(sql, params)).map(versioned);
  }

  async commit(commit: Commit): Promise<AuditEvent[]> {
    try {
      return await this.#driver.transaction((tx) => this.#commit(tx, commit));
    } catch (error) {
      if (error instanceof ConcurrentModificationError) throw error;
      const state = sqlState(error);
      // A racing insert of the same record or effect key (unique violation), or the server
      // resolving a lock cycle or a serialization failure: another writer won, retry.
      if (state === '23505' || state === '40001' || state === '40P01') {
        const first = commit.writes[0];
        throw new ConcurrentModificationError(
          first ? `${first.kind} ${first.key}` : 'commit',
          first?.expectedVersion ?? 0,
          { cause: error },
        );
      }
      throw error;
    }
  }

  async #commit(tx: SqlQueryable, commit: Commit): Promise<AuditEvent[]> {
    const s = this.#s;
    // The last write of a (kind, key) wins, as in MemoryStore; each is checked against the
    // stored version. Rows are locked in one global order (heads by stream, then records by
    // kind and key), so two commits never wait on each other in a cycle.
    const writes = new Map<string, RecordWrite>();
    for (const w of commit.writes) writes.set(`${w.kind}\u0000${w.key}`, w);
    const sortedWrites = [...writes.entries()].sort(([a], [b]) => byString(a, b)).map(([, w]) => w);

    // 1. Stream heads: the streams appended to are locked FOR UPDATE (a new stream's head row is
    //    inserted first); the streams records anchor to without appending are read FOR SHARE.
    const appended = new Set(commit.events.map((e) => e.stream));
    const anchored = new Set(
      sortedWrites.flatMap((w) => (w.stream !== undefined ? [w.stream] : [])),
    );
    const heads = new Map<string, ChainHead | undefined>();
    for (const stream of [...new Set([...appended, ...anchored])].sort(byString)) {
      heads.set(stream, await this.#lockHead(tx, stream, appended.has(stream)));
    }

    // 2. Seal every event onto its stream, in commit order.
    const sealed = commit.events.map((draft) => {
      const result = sealDraft(heads.get(draft.stream), structuredClone(draft), this.#hasher);
      heads.set(draft.stream, { seq: result.sealed.seq, hash: result.sealed.hash });
      return result;
    });

    // 3. Records: an insert for version 0, a compare-and-set update otherwise.
    for (const w of sortedWrites) {
      const trail = w.stream !== undefined ? heads.get(w.stream) : undefined;
      const params = [
        w.kind,
        w.key,
        JSON.stringify(w.value ?? null),
        JSON.stringify(w.index ?? {}),
        trail?.seq ?? null,
        trail?.hash ?? null,
      ];
      const done =
        w.expectedVersion === 0
          ? await tx.query(
              `INSERT INTO ${s}.records (kind, key, version, value, index_values, trail_seq, trail_hash)
               VALUES ($1, $2, 1, $3::jsonb, $4::jsonb, $5, $6)
               ON CONFLICT (kind, key) DO NOTHING RETURNING version`,
              params,
            )
          : await tx.query(
              `UPDATE ${s}.records SET version = version + 1, value = $3::jsonb,
                 index_values = $4::jsonb, trail_seq = $5, trail_hash = $6
               WHERE kind = $1 AND key = $2 AND version = $7 RETURNING version`,
              [...params, w.expectedVersion],
            );
      if (done.length !== 1) {
        throw new ConcurrentModificationError(`${w.kind} ${w.key}`, w.expectedVersion);
      }
    }

    // 4. Index values: rewritten for every record written.
    if (sortedWrites.length > 0) {
      const rewritten = sortedWrites.filter((w) => w.expectedVersion > 0);
      if (rewritten.length > 0) {
        await tx.query(
          `DELETE FROM ${s}.record_index i USING unnest($1::text[], $2::text[]) AS w(kind, key)
            WHERE i.kind = w.kind AND i.key = w.key`,
          [rewritten.map((w) => w.kind), rewritten.map((w) => w.key)],
        );
      }
      const rows: [string, string, string, string][] = [];
      for (const w of sortedWrites) {
        for (const [field, value] of Object.entries(w.index ?? {})) {
          for (const v of new Set(valuesOf(value))) rows.push([w.kind, w.key, field, v]);
        }
      }
      if (rows.length > 0) {
        await tx.query(
          `INSERT INTO ${s}.record_index (kind, key, field, value)
           SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
          [0, 1, 2, 3].map((i) => rows.map((r) => r[i])),
        );
      }
    }

    // 5. The sealed events, exactly as hashed, and the streams' new heads.
    if (sealed.length > 0) {
      await tx.query(
        `INSERT INTO ${s}.audit_events (stream, seq, prev_hash, hash, text)
         SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[])`,
        [
          sealed.map((e) => e.sealed.stream),
          sealed.map((e) => e.sealed.seq),
          sealed.map((e) => e.sealed.prevHash),
          sealed.map((e) => e.sealed.hash),
          sealed.map((e) => e.sealed.text),
        ],
      );
      const streams = [...appended].sort(byString);
      await tx.query(
        `UPDATE ${s}.stream_heads h SET seq = n.seq, hash = n.hash
           FROM unnest($1::text[], $2::int[], $3::text[]) AS n(stream, seq, hash)
          WHERE h.stream = n.stream`,
        [
          streams,
          streams.map((st) => heads.get(st)?.seq ?? 0),
          streams.map((st) => heads.get(st)?.hash ?? GENESIS),
        ],
      );
    }

    // 6. The effects enter the outbox in commit order; a key already there fails the commit.
    const effects = commit.effects ?? [];
    if (effects.length > 0) {
      const inserted = await tx.query(
        `INSERT INTO ${s}.outbox (key, effect, available_at)
         SELECT e.value->>'key', e.value, $2::timestamptz
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS e(value, n)
          ORDER BY e.n
         ON CONFLICT (key) DO NOTHING RETURNING key`,
        [JSON.stringify(effects), commit.at ?? EPOCH],
      );
      if (inserted.length !== effects.length) {
        const taken = new Set(inserted.map((r) => (r as { key: string }).key));
        const key = effects.find((e) => !taken.has(e.key))?.key ?? '';
        throw new ConcurrentModificationError(`effect ${key}`, 0);
      }
    }

    return sealed.map((r) => r.event);
  }

  /** Locks a stream's head (creating it when `append` and missing) and returns it. */
  async #lockHead(
    tx: SqlQueryable,
    stream: string,
    append: boolean,
  ): Promise<ChainHead | undefined> {
    const s = this.#s;
    const select = `SELECT seq, hash FROM ${s}.stream_heads WHERE stream = $1 FOR ${append ? 'UPDATE' : 'SHARE'}`;
    let rows = await tx.query<{ seq: number; hash: string }>(select, [stream]);
    if (rows.length === 0 && append) {
      // A racing creator's row makes this wait for its commit, then do nothing; the second
      // select then locks whichever row is there.
      await tx.query(
        `INSERT INTO ${s}.stream_heads (stream, seq, hash) VALUES ($1, 0, $2)
         ON CONFLICT (stream) DO NOTHING`,
        [stream, GENESIS],
      );
      rows = await tx.query(select, [stream]);
    }
    const row = rows[0];
    return row && row.seq > 0 ? { seq: Number(row.seq), hash: row.hash } : undefined;
  }

  async nextSequence(scope: string): Promise<number> {
    const rows = await this.#driver.query<{ value: number | string | bigint }>(
      `INSERT INTO ${this.#s}.sequences AS s (scope, value) VALUES ($1, 1)
       ON CONFLICT (scope) DO UPDATE SET value = s.value + 1 RETURNING value`,
      [scope],
    );
    return Number(rows[0]?.value);
  }

  async readStream(stream: string): Promise<AuditEvent[]> {
    return (await this.readSealed(stream)).map(openSealed);
  }

  async readSealed(stream: string): Promise<SealedEvent[]> {
    const rows = await this.#driver.query<SealedRow>(
      `SELECT stream, seq, prev_hash, hash, text FROM ${this.#s}.audit_events
        WHERE stream = $1 ORDER BY seq`,
      [stream],
    );
    return rows.map((r) => ({
      stream: r.stream,
      seq: Number(r.seq),
      prevHash: r.prev_hash,
      hash: r.hash,
      text: r.text,
    }));
  }

  async streamHead(stream: string): Promise<ChainHead | undefined> {
    const rows = await this.#driver.query<{ seq: number; hash: string }>(
      `SELECT seq, hash FROM ${this.#s}.stream_heads WHERE stream = $1 AND seq > 0`,
      [stream],
    );
    return rows[0] ? { seq: Number(rows[0].seq), hash: rows[0].hash } : undefined;
  }

  async streams(): Promise<string[]> {
    const rows = await this.#driver.query<{ stream: string }>(
      `SELECT stream FROM ${this.#s}.stream_heads WHERE seq > 0 ORDER BY stream`,
    );
    return rows.map((r) => r.stream);
  }

  async claimEffects(options: {
    now: string;
    limit: number;
    leaseUntil: string;
  }): Promise<OutboxEntry[]> {
    const limit = Math.max(0, Math.floor(options.limit));
    if (limit === 0) return [];
    const s = this.#s;
    // `due`: effects whose time has come and whose subject has no earlier effect that cannot be
    // taken now (backing off, leased or dead), locked with SKIP LOCKED so that a row another
    // dispatcher is claiming right now is passed over, not waited for. `taken` then drops every
    // effect whose subject has an earlier undelivered effect outside `due` — one skipped because
    // it was locked, or leased since this statement's snapshot — so a subject's effects are never
    // handed out past an earlier one (per-subject order, decision 020).
    const rows = await this.#driver.query<OutboxRow>(
      `WITH due AS (
         SELECT o.position, o.subject FROM ${s}.outbox o
          WHERE o.delivered_at IS NULL AND o.dead_at IS NULL
            AND o.available_at <= $1::timestamptz
            AND (o.lease_until IS NULL OR o.lease_until <= $1::timestamptz)
            AND NOT EXISTS (
              SELECT 1 FROM ${s}.outbox p
               WHERE p.subject = o.subject AND p.position < o.position AND p.delivered_at IS NULL
                 AND (p.dead_at IS NOT NULL OR p.available_at > $1::timestamptz
                      OR (p.lease_until IS NOT NULL AND p.lease_until > $1::timestamptz)))
          ORDER BY o.position LIMIT $2
          FOR UPDATE OF o SKIP LOCKED),
       taken AS (
         SELECT d.position FROM due d
          WHERE NOT EXISTS (
            SELECT 1 FROM ${s}.outbox p
             WHERE p.subject = d.subject AND p.position < d.position AND p.delivered_at IS NULL
               AND p.position NOT IN (SELECT position FROM due)))
       UPDATE ${s}.outbox o SET lease_until = $3::timestamptz
         FROM taken WHERE o.position = taken.position
       RETURNING o.position, o.effect, o.attempts, o.available_at, o.last_error, o.dead_at`,
      [options.now, limit, options.leaseUntil],
    );
    return rows.map(outboxEntry).sort((a, b) => a.position - b.position);
  }

  async settleEffects(settlement: EffectSettlement): Promise<void> {
    const released = settlement.released ?? [];
    if (
      settlement.delivered.length === 0 &&
      settlement.failed.length === 0 &&
      released.length === 0
    )
      return;
    await this.#driver.transaction(async (tx) => {
      if (settlement.delivered.length > 0) {
        await tx.query(
          `UPDATE ${this.#s}.outbox SET delivered_at = now(), lease_until = NULL
            WHERE key = ANY($1::text[])`,
          [[...settlement.delivered]],
        );
      }
      if (settlement.failed.length > 0) {
        const failed = settlement.failed;
        await tx.query(
          `UPDATE ${this.#s}.outbox o SET attempts = o.attempts + 1, last_error = f.error,
                  available_at = f.retry_at::timestamptz, lease_until = NULL,
                  dead_at = CASE WHEN f.dead THEN f.retry_at::timestamptz ELSE o.dead_at END
             FROM unnest($1::text[], $2::text[], $3::text[], $4::bool[])
                  AS f(key, error, retry_at, dead)
            WHERE o.key = f.key AND o.delivered_at IS NULL`,
          [
            failed.map((f) => f.key),
            failed.map((f) => f.error),
            failed.map((f) => f.retryAt),
            failed.map((f) => f.dead === true),
          ],
        );
      }
      if (released.length > 0) {
        await tx.query(
          `UPDATE ${this.#s}.outbox SET lease_until = NULL
            WHERE key = ANY($1::text[]) AND delivered_at IS NULL`,
          [[...released]],
        );
      }
    });
  }

  async pendingEffects(): Promise<OutboxEntry[]> {
    const rows = await this.#driver.query<OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM ${this.#s}.outbox
        WHERE delivered_at IS NULL AND dead_at IS NULL ORDER BY position`,
    );
    return rows.map(outboxEntry);
  }

  async deadEffects(): Promise<OutboxEntry[]> {
    const rows = await this.#driver.query<OutboxRow>(
      `SELECT ${OUTBOX_COLUMNS} FROM ${this.#s}.outbox
        WHERE delivered_at IS NULL AND dead_at IS NOT NULL ORDER BY position`,
    );
    return rows.map(outboxEntry);
  }

  async retryEffect(key: string, at: string): Promise<OutboxEntry | undefined> {
    const rows = await this.#driver.query<OutboxRow>(
      `UPDATE ${this.#s}.outbox SET dead_at = NULL, attempts = 0, lease_until = NULL,
              available_at = $2::timestamptz
        WHERE key = $1 AND delivered_at IS NULL AND dead_at IS NOT NULL
        RETURNING ${OUTBOX_COLUMNS}`,
      [key, at],
    );
    return rows[0] ? outboxEntry(rows[0]) : undefined;
  }
}

function versioned(row: RecordRow): Versioned {
  return {
    kind: row.kind,
    key: row.key,
    version: Number(row.version),
    value: row.value,
    index: row.index_values,
    ...(row.trail_seq !== null && row.trail_hash !== null
      ? { trail: { seq: Number(row.trail_seq), hash: row.trail_hash } }
      : {}),
  };
}

function outboxEntry(row: OutboxRow): OutboxEntry {
  return {
    effect: row.effect,
    position: Number(row.position),
    attempts: Number(row.attempts),
    availableAt: iso(row.available_at),
    ...(row.last_error !== null ? { lastError: row.last_error } : {}),
    ...(row.dead_at !== null ? { deadAt: iso(row.dead_at) } : {}),
  };
}
