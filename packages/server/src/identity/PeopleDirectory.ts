import { z } from 'zod';
import { IdString, toInputIssues, ValidationError } from '@ordergate/core';
import type { SqlDriver } from '../drivers/SqlDriver.js';
import { quoteSchema } from '../migrations.js';

/**
 * Where a display name came from: the ERP's user assertion (`name` claim), an API token's actor,
 * the ERP's directory pushed through `PUT /v1/people`, or the demo company's seed.
 */
export type PersonSource = 'assertion' | 'token' | 'erp' | 'seed';

/** An ERP user id and the name people know them by. */
export interface Person {
  id: string;
  name: string;
}

/** A display name: non-empty, at most 200 characters, no control characters. */
export const PersonName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must not hold control characters');

/** One person of a directory update (`PUT /v1/people`, `PeopleDirectory.remember`). */
export const PersonSchema = z.strictObject({ id: IdString, name: PersonName });

/** People to record at once: at most 1,000 (`PUT /v1/people`, `PeopleDirectory.remember`). */
export const PeopleList = z.array(PersonSchema).max(1_000, 'at most 1,000 people at a time');

/** How many names one `names` call answers (a work queue's people fit many times over). */
export const PEOPLE_LOOKUP_LIMIT = 500;

/**
 * The display names of the ERP users the panels show (who may act, who acted, for whom): the
 * core keeps ids only, the service keeps the names beside them in `<schema>.people`. Names arrive
 * with the caller (a user assertion's `name` claim, an API token's actor name), from the ERP's
 * own directory (`PUT /v1/people`) or from the demo seed; the newest write wins. A name that did
 * not change is not written again: `remember` keeps what it last wrote in memory and skips it.
 *
 * @example
 * const people = new PeopleDirectory(driver);
 * await people.remember([{ id: 'u-wang', name: 'Wang Qiang' }], 'erp');
 * await people.names(['u-wang', 'u-nobody']); // [{ id: 'u-wang', name: 'Wang Qiang' }]
 */
export class PeopleDirectory {
  readonly #driver: SqlDriver;
  readonly #s: string;
  readonly #now: () => number;
  /** The name this instance last wrote or read per id (a bounded cache, oldest dropped first). */
  readonly #known = new Map<string, string>();
  static readonly #CACHE = 10_000;

  constructor(driver: SqlDriver, options: { schema?: string; now?: () => number } = {}) {
    this.#driver = driver;
    this.#s = quoteSchema(options.schema ?? 'ordergate');
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * Records names (one statement; the last of two entries for one id wins). Entries whose name
   * this instance already holds are skipped.
   * @throws {ValidationError} (subject `people`) naming each bad entry; nothing is written.
   */
  async remember(people: readonly Person[], source: PersonSource): Promise<void> {
    const parsed = PeopleList.safeParse(people);
    if (!parsed.success) throw new ValidationError('people', toInputIssues(parsed.error));
    const latest = new Map(parsed.data.map((p) => [p.id, p.name]));
    const fresh = [...latest].filter(([id, name]) => this.#known.get(id) !== name);
    if (fresh.length === 0) return;
    await this.#driver.query(
      `INSERT INTO ${this.#s}.people (id, name, source, updated_at)
       SELECT id, name, $3, $4 FROM unnest($1::text[], $2::text[]) AS p(id, name)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, source = excluded.source,
         updated_at = excluded.updated_at
       WHERE people.name IS DISTINCT FROM excluded.name`,
      [
        fresh.map(([id]) => id),
        fresh.map(([, name]) => name),
        source,
        new Date(this.#now()).toISOString(),
      ],
    );
    for (const [id, name] of fresh) this.#note(id, name);
  }

  /**
   * The names known for `ids`, in the order asked; ids nobody named are left out (the panels
   * show the id itself).
   * @throws {ValidationError} (subject `people`) for more than `PEOPLE_LOOKUP_LIMIT` ids.
   */
  async names(ids: readonly string[]): Promise<Person[]> {
    const unique = [...new Set(ids)];
    if (unique.length > PEOPLE_LOOKUP_LIMIT) {
      throw new ValidationError('people', [
        { path: 'ids', message: `at most ${String(PEOPLE_LOOKUP_LIMIT)} ids at a time` },
      ]);
    }
    if (unique.length === 0) return [];
    const rows = await this.#driver.query<{ id: string; name: string }>(
      `SELECT id, name FROM ${this.#s}.people WHERE id = ANY($1::text[])`,
      [unique],
    );
    const byId = new Map(rows.map((r) => [r.id, r.name]));
    return unique.flatMap((id) => {
      const name = byId.get(id);
      return name === undefined ? [] : [{ id, name }];
    });
  }

  #note(id: string, name: string): void {
    this.#known.delete(id);
    this.#known.set(id, name);
    if (this.#known.size > PeopleDirectory.#CACHE) {
      this.#known.delete(this.#known.keys().next().value!);
    }
  }
}
