import type { SqlDriver } from './drivers/SqlDriver.js';

/**
 * One step of the schema: applied once, in order, inside the transaction that records it in
 * `<schema>.schema_migrations`. Statements are written against the schema name they are given.
 */
export interface Migration {
  version: number;
  name: string;
  statements: (schema: string) => readonly string[];
}

/**
 * The schema's migrations, oldest first. Append new ones; never edit an applied one.
 *
 * - `records`: one row per (kind, key) with its version, its value (`jsonb`), its index values as
 *   written, and the head of the audit stream it owns (`trail_seq`, `trail_hash`).
 * - `record_index`: one row per (kind, field, value, key) — a multi-valued field has one row per
 *   value — so `find` is an index lookup; rewritten with the record.
 * - `stream_heads`: the length and last hash of each audit stream; the row commits lock to seal.
 * - `audit_events`: the sealed events, `(stream, seq)`, with the exact hashed text as `text`.
 * - `sequences`: the last value handed out per scope.
 * - `outbox`: effects in commit order (`position`), with attempts, backoff, lease and delivery;
 *   from version 4 also the `subject` they are ordered within and `dead_at` for dead letters.
 * - `api_tokens` (v2): API tokens by the SHA-256 of their text, with actor, scopes and expiry.
 * - `api_tokens.person` (v5): the token is a person's session (the order desk), not a system's.
 * - `assertion_jtis` (v2): used user-assertion ids until they expire (`PostgresReplayGuard`).
 * - (3) `sync_checkpoints`: where each ERP's order sync resumes (opaque connector text);
 *   `sync_runs`: one row per sync run with its trigger, counts and outcome;
 *   `webhook_deliveries`: delivery ids of verified ERP webhooks, so a replay is refused.
 * - `people` (v6): the display name of each ERP user id the panels show (`PeopleDirectory`), and
 *   where it came from.
 *
 * @example
 * for (const m of MIGRATIONS) console.log(m.version, m.name, m.statements('"ordergate"').length);
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'records, index, audit chain, sequences, outbox',
    statements: (s) => [
      `CREATE TABLE ${s}.records (
        kind text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        version integer NOT NULL CHECK (version > 0),
        value jsonb NOT NULL,
        index_values jsonb NOT NULL DEFAULT '{}'::jsonb,
        trail_seq integer CHECK (trail_seq > 0),
        trail_hash text,
        PRIMARY KEY (kind, key),
        CHECK ((trail_seq IS NULL) = (trail_hash IS NULL))
      )`,
      `CREATE TABLE ${s}.record_index (
        kind text COLLATE "C" NOT NULL,
        field text COLLATE "C" NOT NULL,
        value text COLLATE "C" NOT NULL,
        key text COLLATE "C" NOT NULL,
        PRIMARY KEY (kind, field, value, key),
        FOREIGN KEY (kind, key) REFERENCES ${s}.records (kind, key) ON DELETE CASCADE
      )`,
      `CREATE INDEX record_index_by_record ON ${s}.record_index (kind, key)`,
      `CREATE TABLE ${s}.stream_heads (
        stream text COLLATE "C" PRIMARY KEY,
        seq integer NOT NULL CHECK (seq >= 0),
        hash text NOT NULL
      )`,
      `CREATE TABLE ${s}.audit_events (
        stream text COLLATE "C" NOT NULL,
        seq integer NOT NULL CHECK (seq > 0),
        prev_hash text NOT NULL,
        hash text NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (stream, seq)
      )`,
      `CREATE TABLE ${s}.sequences (
        scope text COLLATE "C" PRIMARY KEY,
        value bigint NOT NULL CHECK (value > 0)
      )`,
      `CREATE TABLE ${s}.outbox (
        position bigserial PRIMARY KEY,
        key text COLLATE "C" NOT NULL UNIQUE,
        effect jsonb NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        available_at timestamptz NOT NULL,
        lease_until timestamptz,
        last_error text,
        delivered_at timestamptz
      )`,
      `CREATE INDEX outbox_pending ON ${s}.outbox (position) WHERE delivered_at IS NULL`,
    ],
  },
  // --- identity (issue 11): API tokens and used assertion ids; see src/identity/ ---
  {
    version: 2,
    name: 'api tokens, assertion jtis',
    statements: (s) => [
      `CREATE TABLE ${s}.api_tokens (
        id text COLLATE "C" PRIMARY KEY,
        name text NOT NULL,
        token_hash text COLLATE "C" NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        hint text NOT NULL,
        actor_id text NOT NULL,
        actor_groups text[] NOT NULL,
        actor_name text,
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0),
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        last_used_at timestamptz
      )`,
      `CREATE TABLE ${s}.assertion_jtis (
        jti text COLLATE "C" PRIMARY KEY,
        expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX assertion_jtis_expiry ON ${s}.assertion_jtis (expires_at)`,
    ],
  },
  // --- sync (issue 11): version 3 ---
  {
    version: 3,
    name: 'sync checkpoints, sync runs, webhook deliveries',
    statements: (s) => [
      `CREATE TABLE ${s}.sync_checkpoints (
        erp text COLLATE "C" PRIMARY KEY,
        checkpoint text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`,
      `CREATE TABLE ${s}.sync_runs (
        id bigserial PRIMARY KEY,
        erp text COLLATE "C" NOT NULL,
        trigger text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        status text NOT NULL DEFAULT 'running'
          CHECK (status IN ('running', 'done', 'failed')),
        pages integer NOT NULL DEFAULT 0,
        counts jsonb NOT NULL DEFAULT '{}'::jsonb,
        error text
      )`,
      `CREATE INDEX sync_runs_erp ON ${s}.sync_runs (erp, id DESC)`,
      `CREATE TABLE ${s}.webhook_deliveries (
        erp text COLLATE "C" NOT NULL,
        delivery_id text COLLATE "C" NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (erp, delivery_id)
      )`,
      `CREATE INDEX webhook_deliveries_age ON ${s}.webhook_deliveries (received_at)`,
    ],
  },
  // --- migration 4 (outbox: dead letters and per-subject order, decision 020) ---
  {
    version: 4,
    name: 'outbox dead letters and delivery subject',
    statements: (s) => [
      // The subject whose effects go out in commit order (the core's `effectSubject`).
      `ALTER TABLE ${s}.outbox ADD COLUMN subject text COLLATE "C" GENERATED ALWAYS AS (
        CASE WHEN effect ? 'orderId' THEN 'o:' || (effect->>'orderId')
             ELSE 'c:' || (effect->>'customerId') END) STORED`,
      `ALTER TABLE ${s}.outbox ADD COLUMN dead_at timestamptz`,
      `CREATE INDEX outbox_pending_by_subject ON ${s}.outbox (subject, position)
        WHERE delivered_at IS NULL`,
      `CREATE INDEX outbox_dead ON ${s}.outbox (position)
        WHERE delivered_at IS NULL AND dead_at IS NOT NULL`,
    ],
  },
  // --- end migration 4 ---
  // --- migration 5 (identity: a person's session token, read under the person's rules) ---
  {
    version: 5,
    name: 'api tokens: person sessions',
    statements: (s) => [
      `ALTER TABLE ${s}.api_tokens ADD COLUMN person boolean NOT NULL DEFAULT false`,
    ],
  },
  {
    version: 6,
    name: 'people: display names of ERP users',
    statements: (s) => [
      `CREATE TABLE ${s}.people (
        id text COLLATE "C" PRIMARY KEY,
        name text NOT NULL CHECK (name <> ''),
        source text COLLATE "C" NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    ],
  },
];

/** What `migrate` did. */
export interface MigrationReport {
  /** Versions applied by this call, oldest first (empty when the schema was current). */
  applied: number[];
  /** The schema's version afterwards. */
  version: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name checked and quoted for SQL. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `schema name ${JSON.stringify(schema)} must be lower-case letters, digits and _ (at most 63)`,
    );
  }
  return `"${schema}"`;
}

/**
 * Brings `schema` up to the newest migration: in one transaction, under an advisory lock taken
 * per schema (so instances starting together wait for each other instead of racing), creates the
 * schema and `schema_migrations` when missing and applies every migration not yet recorded, in
 * order. Refuses a schema newer than this package knows.
 *
 * @example
 * const { applied, version } = await migrate(driver, 'ordergate'); // applied: [1] on a new database
 */
export async function migrate(
  driver: SqlDriver,
  schema: string,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  const s = quoteSchema(schema);
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1)::bigint)', [
      `ordergate.migrate:${schema}`,
    ]);
    const exists = await tx.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
    if (exists.length === 0) await tx.query(`CREATE SCHEMA ${s}`);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS ${s}.schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const rows = await tx.query<{ version: number }>(
      `SELECT version FROM ${s}.schema_migrations ORDER BY version`,
    );
    const done = new Set(rows.map((r) => Number(r.version)));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...done);
    if (newest > known) {
      throw new Error(
        `schema ${schema} is at version ${String(newest)}, newer than this @ordergate/server knows (${String(known)}): upgrade the package`,
      );
    }
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(m.version)) continue;
      for (const statement of m.statements(s)) await tx.query(statement);
      await tx.query(`INSERT INTO ${s}.schema_migrations (version, name) VALUES ($1, $2)`, [
        m.version,
        m.name,
      ]);
      applied.push(m.version);
    }
    return { applied, version: Math.max(newest, ...applied) };
  });
}
