import { createHash, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { z } from 'zod';
import { Actor, NotFoundError, toInputIssues, ValidationError } from '@ordergate/core';
import type { ActorInput } from '@ordergate/core';
import type { SqlDriver } from '../drivers/SqlDriver.js';
import { IdentityError } from './IdentityError.js';
import { migrate, quoteSchema } from '../migrations.js';
import { SCOPES, type Scope } from './scopes.js';

/**
 * Every API token starts with this, so that secret scanners can recognise one.
 *
 * @example
 * header.slice(7).startsWith(TOKEN_PREFIX); // an API token, not a user assertion
 */
export const TOKEN_PREFIX = 'og_';

/** `og_` and 32 random bytes in base64url (256 bits). */
const TOKEN_FORMAT = /^og_[A-Za-z0-9_-]{43}$/;

/** `last_used_at` is written at most this often per token (ms), not on every request. */
const TOUCH_EVERY_MS = 60_000;

/**
 * What a new token is: who it acts as, what it may reach, until when.
 *
 * @example
 * const input: CreateTokenInput = { name: 'odoo sync', actor: { id: 'svc-odoo', groups: ['integration'] },
 *   scopes: ['orders:read', 'sync'], expiresAt: '2027-01-01T00:00:00Z' };
 */
export interface CreateTokenInput {
  /** What the token is for, shown by `list` (1–100 characters, no control characters). */
  name: string;
  /** The actor every request made with the token acts as; the policy maps its groups to roles. */
  actor: ActorInput;
  /** At least one of `SCOPES`. */
  scopes: readonly Scope[];
  /** When the token stops working: a `Date` or an ISO 8601 date-time with offset, in the future. */
  expiresAt: Date | string;
  /**
   * True for a person's session (the order desk's sign-in): requests made with it are that
   * person's, under the same read rules as their user assertion (decision 017). Default false: a
   * system's token, read as a system caller.
   */
  person?: boolean;
}

/**
 * Whether a token works now.
 *
 * @example
 * const usable = (await tokens.list()).filter((t) => t.status === 'active');
 */
export type TokenStatus = 'active' | 'revoked' | 'expired';

/**
 * A token as `list` shows it: never its text nor its hash, only a `hint` (`og_…` and the last
 * four characters, 24 of its 256 bits) to recognise it by.
 *
 * @example
 * for (const t of await tokens.list()) console.log(t.id, t.name, t.hint, t.status, t.lastUsedAt);
 */
export interface TokenRecord {
  id: string;
  name: string;
  actor: { id: string; groups: string[]; name?: string };
  scopes: Scope[];
  /** A person's session rather than a system's token (`CreateTokenInput.person`). */
  person: boolean;
  hint: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  /** At the time it was read. */
  status: TokenStatus;
}

/**
 * A token that verified: the actor it acts as and its scopes.
 *
 * @example
 * const { actor, scopes } = await tokens.verify(token);
 */
export interface VerifiedToken {
  id: string;
  name: string;
  actor: { id: string; groups: string[]; name?: string };
  scopes: Scope[];
  /** A person's session: its requests are read as that person's, not a system's. */
  person: boolean;
}

/**
 * What `create` answers: the token's text, shown this once (`token`), its `id` and its record.
 * The text is a getter over a private field: `util.inspect`, `JSON.stringify`, `String()` and a
 * spread show the record and the hint only.
 *
 * @example
 * const created = await tokens.create({ name: 'erp sync', actor, scopes: ['sync'], expiresAt });
 * process.stdout.write(`${created.token}\n`); // the only time it is shown
 * console.log(created); // CreatedToken { id: 'tok_…', hint: 'og_…Xy7Q', … } — no token
 */
export class CreatedToken {
  readonly #token: string;
  readonly id: string;
  readonly record: TokenRecord;

  constructor(token: string, record: TokenRecord) {
    this.#token = token;
    this.id = record.id;
    this.record = record;
  }

  /** The token's text: give it to the system that will use it; it cannot be shown again. */
  get token(): string {
    return this.#token;
  }

  toJSON(): { id: string; record: TokenRecord } {
    return { id: this.id, record: this.record };
  }

  toString(): string {
    return `CreatedToken(${this.id}, ${this.record.hint})`;
  }

  [inspect.custom](): string {
    return `CreatedToken ${inspect(this.toJSON(), { depth: 4 })}`;
  }
}

interface TokenRow {
  id: string;
  name: string;
  hint: string;
  actor_id: string;
  actor_groups: string[];
  actor_name: string | null;
  scopes: string[];
  person: boolean;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
}

const COLUMNS = `id, name, hint, actor_id, actor_groups, actor_name, scopes, person, created_at,
  expires_at, revoked_at, last_used_at`;

const iso = (v: Date | string) => new Date(v).toISOString();
const ms = (v: Date | string) => new Date(v).getTime();

const CreateInput = z
  .object({
    name: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(100, 'must be at most 100 characters')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
    actor: Actor,
    scopes: z
      .array(z.enum(SCOPES, { message: `must be one of ${SCOPES.join(', ')}` }))
      .min(1, 'name at least one scope')
      .max(SCOPES.length),
    expiresAt: z.union(
      [z.date(), z.iso.datetime({ offset: true })],
      'must be a Date or an ISO 8601 date-time with offset',
    ),
    person: z.boolean().optional(),
  })
  .strict();

/** SHA-256 of the token's text, hex: what the table keeps instead of the token. */
function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * API tokens for systems, in the `api_tokens` table (migration 2) over a `SqlDriver`: 256 random
 * bits behind the prefix `og_`, kept only as their SHA-256, each acting as one actor with a set of
 * scopes until it expires or is revoked. `verify` is one indexed lookup by hash; `last_used_at`
 * is written at most once a minute per token. The schema must be migrated (`PostgresStore.open`
 * or `migrate` does it).
 *
 * @example
 * const tokens = new TokenStore(driver);
 * const { token, id } = await tokens.create({
 *   name: 'odoo sync', actor: { id: 'svc-odoo', groups: ['integration'] },
 *   scopes: ['orders:read', 'sync'], expiresAt: '2027-01-01T00:00:00Z',
 * });
 * (await tokens.verify(token)).actor.id; // 'svc-odoo'
 * await tokens.revoke(id);
 */
export class TokenStore {
  readonly #driver: SqlDriver;
  readonly #s: string;
  readonly #now: () => number;
  /** The schema the table lives in. */
  readonly schema: string;

  constructor(driver: SqlDriver, options: { schema?: string; now?: () => number } = {}) {
    this.schema = options.schema ?? 'ordergate';
    this.#s = quoteSchema(this.schema);
    this.#driver = driver;
    this.#now = options.now ?? (() => Date.now());
  }

  /**
   * Makes a token and records its hash; the answer's `token` is the only copy of its text.
   * @throws {ValidationError} naming every bad field (subject `token`); nothing is written.
   */
  async create(input: CreateTokenInput): Promise<CreatedToken> {
    const parsed = CreateInput.safeParse(input);
    if (!parsed.success) throw new ValidationError('token', toInputIssues(parsed.error));
    const { name, actor, expiresAt } = parsed.data;
    const person = parsed.data.person === true;
    const scopes = [...new Set(parsed.data.scopes)].sort();
    const now = this.#now();
    const expires = ms(expiresAt);
    if (expires <= now) {
      throw new ValidationError('token', [{ path: 'expiresAt', message: 'must be in the future' }]);
    }
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = `tok_${randomBytes(9).toString('base64url')}`;
    const hint = `${TOKEN_PREFIX}…${token.slice(-4)}`;
    const rows = await this.#driver.query<TokenRow>(
      `INSERT INTO ${this.#s}.api_tokens
         (id, name, token_hash, hint, actor_id, actor_groups, actor_name, scopes, created_at, expires_at, person)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       RETURNING ${COLUMNS}`,
      [
        id,
        name,
        hashToken(token),
        hint,
        actor.id,
        actor.groups,
        actor.name ?? null,
        scopes,
        new Date(now).toISOString(),
        new Date(expires).toISOString(),
        person,
      ],
    );
    return new CreatedToken(token, this.#record(rows[0]!, now));
  }

  /**
   * The actor and scopes of a token that works now, and notes its use.
   * @throws {IdentityError} `TOKEN_INVALID` (malformed or unknown), `TOKEN_REVOKED`,
   *   `TOKEN_EXPIRED`; the message never contains the token.
   */
  async verify(token: string, now: number = this.#now()): Promise<VerifiedToken> {
    if (!TOKEN_FORMAT.test(token)) {
      throw new IdentityError('TOKEN_INVALID', 'the API token is malformed');
    }
    const rows = await this.#driver.query<TokenRow>(
      `SELECT ${COLUMNS} FROM ${this.#s}.api_tokens WHERE token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) throw new IdentityError('TOKEN_INVALID', 'the API token is unknown');
    if (row.revoked_at !== null) {
      throw new IdentityError('TOKEN_REVOKED', `the API token ${row.id} was revoked`);
    }
    if (ms(row.expires_at) <= now) {
      throw new IdentityError('TOKEN_EXPIRED', `the API token ${row.id} has expired`);
    }
    if (row.last_used_at === null || ms(row.last_used_at) <= now - TOUCH_EVERY_MS) {
      await this.#driver.query(
        `UPDATE ${this.#s}.api_tokens SET last_used_at = $2
          WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)`,
        [row.id, new Date(now).toISOString()],
      );
    }
    const { actor, scopes, person } = this.#record(row, now);
    return { id: row.id, name: row.name, actor, scopes, person };
  }

  /**
   * Revokes a token at once (every instance refuses it from its next request). Revoking a
   * revoked token keeps the first revocation's time.
   * @throws {NotFoundError} when there is no token `id`.
   */
  async revoke(id: string): Promise<TokenRecord> {
    const now = this.#now();
    const rows = await this.#driver.query<TokenRow>(
      `UPDATE ${this.#s}.api_tokens SET revoked_at = COALESCE(revoked_at, $2)
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, new Date(now).toISOString()],
    );
    if (!rows[0]) throw new NotFoundError('token', id);
    return this.#record(rows[0], now);
  }

  /** Every token, newest first, with its status now. */
  async list(): Promise<TokenRecord[]> {
    const now = this.#now();
    const rows = await this.#driver.query<TokenRow>(
      `SELECT ${COLUMNS} FROM ${this.#s}.api_tokens ORDER BY created_at DESC, id`,
    );
    return rows.map((r) => this.#record(r, now));
  }

  toJSON(): { schema: string } {
    return { schema: this.schema };
  }

  [inspect.custom](): string {
    return `TokenStore { schema: ${JSON.stringify(this.schema)} }`;
  }

  #record(row: TokenRow, now: number): TokenRecord {
    const status: TokenStatus =
      row.revoked_at !== null ? 'revoked' : ms(row.expires_at) <= now ? 'expired' : 'active';
    return {
      id: row.id,
      name: row.name,
      actor: {
        id: row.actor_id,
        groups: [...row.actor_groups],
        ...(row.actor_name === null ? {} : { name: row.actor_name }),
      },
      scopes: row.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
      person: row.person,
      hint: row.hint,
      createdAt: iso(row.created_at),
      expiresAt: iso(row.expires_at),
      revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
      lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
      status,
    };
  }
}

/**
 * Where the token functions find the tables.
 *
 * @example
 * await listTokens(driver, { schema: 'ordergate' });
 */
export interface TokenCommandOptions {
  /** Default `ordergate`. */
  schema?: string;
  /** The time in ms (default `Date.now`). */
  now?: () => number;
}

async function storeOver(driver: SqlDriver, options: TokenCommandOptions): Promise<TokenStore> {
  const schema = options.schema ?? 'ordergate';
  await migrate(driver, schema);
  return new TokenStore(driver, { schema, ...(options.now ? { now: options.now } : {}) });
}

/**
 * `ordergate token create`: migrates the schema if needed and makes a token. Print
 * `created.token` once; nothing else shows it.
 *
 * @example
 * const driver = await PgliteDriver.open({ dataDir: './data/ordergate' });
 * const created = await createToken(driver, {
 *   name: 'odoo sync', actor: { id: 'svc-odoo', groups: ['integration'] },
 *   scopes: ['orders:read', 'sync'], expiresAt: new Date(Date.now() + 90 * 86_400_000),
 * });
 * console.log(created.token);
 */
export async function createToken(
  driver: SqlDriver,
  input: CreateTokenInput,
  options: TokenCommandOptions = {},
): Promise<CreatedToken> {
  return (await storeOver(driver, options)).create(input);
}

/**
 * `ordergate token revoke <id>`: revokes the token (idempotent).
 *
 * @example
 * const record = await revokeToken(driver, 'tok_3kq9…'); // record.status: 'revoked'
 */
export async function revokeToken(
  driver: SqlDriver,
  id: string,
  options: TokenCommandOptions = {},
): Promise<TokenRecord> {
  return (await storeOver(driver, options)).revoke(id);
}

/**
 * `ordergate token list`: every token with its status, never its text or hash.
 *
 * @example
 * for (const t of await listTokens(driver)) console.log(t.id, t.name, t.hint, t.status);
 */
export async function listTokens(
  driver: SqlDriver,
  options: TokenCommandOptions = {},
): Promise<TokenRecord[]> {
  return (await storeOver(driver, options)).list();
}
