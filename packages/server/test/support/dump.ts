/** Runs SQL and answers its rows: a PGlite driver's `query` or a pg pool's, adapted. */
export type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

async function tables(q: Query, schema: string): Promise<string[]> {
  const rows = await q(
    `SELECT table_name AS t FROM information_schema.tables
      WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1`,
    [schema],
  );
  return rows.map((r) => String(r.t));
}

/** The tables ordered so that a table comes after every table its foreign keys reference. */
async function parentsFirst(q: Query, schema: string, names: string[]): Promise<string[]> {
  const fks = await q(
    `SELECT c.relname AS child, p.relname AS parent
       FROM pg_constraint k
       JOIN pg_class c ON c.oid = k.conrelid
       JOIN pg_class p ON p.oid = k.confrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = $1`,
    [schema],
  );
  const out: string[] = [];
  const left = new Set(names);
  while (left.size > 0) {
    const ready = [...left].filter(
      (t) => !fks.some((f) => f.child === t && f.parent !== t && left.has(String(f.parent))),
    );
    if (ready.length === 0) throw new Error('foreign keys form a cycle');
    for (const t of ready.sort()) {
      out.push(t);
      left.delete(t);
    }
  }
  return out;
}

/**
 * Every row of every table of `schema` (and every sequence's state), in a stable order, as one
 * string: equal dumps mean byte-identical data.
 */
export async function dumpSchema(q: Query, schema: string): Promise<string> {
  const out: Record<string, string[]> = {};
  for (const t of await tables(q, schema)) {
    const rows = await q(
      `SELECT to_jsonb(x)::text AS r FROM ${ident(schema)}.${ident(t)} x ORDER BY 1`,
    );
    out[t] = rows.map((r) => String(r.r));
  }
  const seqs = await q(
    `SELECT sequence_name AS s FROM information_schema.sequences WHERE sequence_schema = $1 ORDER BY 1`,
    [schema],
  );
  for (const { s } of seqs) {
    const [row] = await q(
      `SELECT last_value::text AS v, is_called AS c FROM ${ident(schema)}.${ident(String(s))}`,
    );
    out[`sequence ${String(s)}`] = [`${String(row?.v)} ${String(row?.c)}`];
  }
  return JSON.stringify(out);
}

/** Puts `schema`'s tables back to a dump of `dumpSchema` (one statement per table). */
export async function restoreSchema(q: Query, schema: string, dump: string): Promise<void> {
  const data = JSON.parse(dump) as Record<string, string[]>;
  const names = await parentsFirst(
    q,
    schema,
    (await tables(q, schema)).filter((t) => t !== 'schema_migrations'),
  );
  await q(`TRUNCATE ${names.map((t) => `${ident(schema)}.${ident(t)}`).join(', ')}`);
  for (const t of names) {
    const rows = data[t] ?? [];
    if (rows.length === 0) continue;
    // generated columns (the outbox's `subject`) are computed again, never inserted
    const columns = (
      await q(
        `SELECT column_name AS c FROM information_schema.columns
          WHERE table_schema = $1 AND table_name = $2 AND is_generated = 'NEVER'
          ORDER BY ordinal_position`,
        [schema, t],
      )
    ).map((r) => ident(String(r.c)));
    await q(
      `INSERT INTO ${ident(schema)}.${ident(t)} (${columns.join(', ')})
       SELECT ${columns.join(', ')}
         FROM jsonb_populate_recordset(NULL::${ident(schema)}.${ident(t)}, $1::jsonb)`,
      [`[${rows.join(',')}]`],
    );
  }
  for (const [key, [v]] of Object.entries(data)) {
    if (!key.startsWith('sequence ') || v === undefined) continue;
    const [value, called] = v.split(' ');
    await q(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [
      `${ident(schema)}.${ident(key.slice(9))}`,
      value,
      called === 'true',
    ]);
  }
}

/**
 * A function answering one hash of every row of every table and every sequence of `schema`, in
 * one statement: equal fingerprints mean byte-identical data (cheaper than `dumpSchema` for
 * thousands of checks).
 */
export async function fingerprinter(q: Query, schema: string): Promise<() => Promise<string>> {
  const names = await tables(q, schema);
  const seqs = await q(
    `SELECT sequence_name AS s FROM information_schema.sequences WHERE sequence_schema = $1 ORDER BY 1`,
    [schema],
  );
  const sql = [
    ...names.map(
      (t) =>
        `SELECT '${t}' AS t, md5(coalesce(string_agg(to_jsonb(x)::text, '|' ORDER BY to_jsonb(x)::text), '')) AS h FROM ${ident(schema)}.${ident(t)} x`,
    ),
    ...seqs.map(
      ({ s }) =>
        `SELECT 'seq ${String(s)}' AS t, last_value::text || ' ' || is_called::text AS h FROM ${ident(schema)}.${ident(String(s))}`,
    ),
  ].join(' UNION ALL ');
  return async () =>
    (await q(sql))
      .map((r) => `${String(r.t)}=${String(r.h)}`)
      .sort()
      .join(';');
}
