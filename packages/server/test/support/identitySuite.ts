// The identity suite, run on PGlite and on a real PostgreSQL: API tokens in `api_tokens` and
// used assertion ids in `assertion_jtis`, shared by two service instances on one database.
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '@ordergate/core';
import {
  createApp,
  createToken,
  IdentityError,
  listTokens,
  PostgresReplayGuard,
  PostgresStore,
  revokeToken,
  SharedSecret,
  TokenStore,
  type SqlDriver,
} from '../../src/index.js';
import { assertion, AUDIENCE, clock, SECRET_TEXT } from './http.js';
import { gateOver, people } from './scenario.js';

/** Two drivers on one database, as two instances of the service would hold. */
export interface SharedDatabase {
  a: SqlDriver;
  b: SqlDriver;
  /** A schema already migrated. */
  schema: string;
  /** A schema name nothing created yet. */
  freshSchema: () => string;
  close: () => Promise<void>;
}

const DAY = 86_400_000;
const later = (ms: number) => new Date(clock.now + ms).toISOString();

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof IdentityError) return e.code;
    throw e;
  }
  return 'accepted';
}

/** The identity suite on the database `open` gives. */
export function identitySuite(label: string, open: () => Promise<SharedDatabase>): void {
  describe(`identity on ${label}`, () => {
    let db: SharedDatabase;
    let a: TokenStore;
    let b: TokenStore;
    beforeAll(async () => {
      db = await open();
      a = new TokenStore(db.a, { schema: db.schema, now: () => clock.now });
      b = new TokenStore(db.b, { schema: db.schema, now: () => clock.now });
    });
    afterAll(async () => {
      await db?.close();
    });

    const make = (scopes: ('orders:read' | 'orders:act' | 'sync' | 'admin')[] = ['orders:read']) =>
      a.create({ name: 'odoo sync', actor: people.zhao, scopes, expiresAt: later(30 * DAY) });

    it('issue 11 API tokens: og_ and 256 random bits, shown once; the table keeps only its SHA-256', async () => {
      const created = await make(['orders:read', 'sync']);
      expect(created.token).toMatch(/^og_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(created.token.slice(3), 'base64url')).toHaveLength(32);
      expect(created.id).toMatch(/^tok_/);
      expect(created.record).toMatchObject({
        name: 'odoo sync',
        actor: { id: 'u-zhao', groups: ['finance'] },
        scopes: ['orders:read', 'sync'],
        hint: `og_…${created.token.slice(-4)}`,
        status: 'active',
        revokedAt: null,
        lastUsedAt: null,
      });
      const rows = await db.a.query<Record<string, unknown>>(
        `SELECT * FROM "${db.schema}".api_tokens WHERE id = $1`,
        [created.id],
      );
      expect(rows[0]?.token_hash).toBe(createHash('sha256').update(created.token).digest('hex'));
      const stored = JSON.stringify(rows);
      expect(stored).not.toContain(created.token);
      expect(stored).not.toContain(created.token.slice(3, 20));
      // the other instance verifies it: the actor it acts as and its scopes
      expect(await b.verify(created.token)).toEqual({
        id: created.id,
        name: 'odoo sync',
        actor: { id: 'u-zhao', groups: ['finance'] },
        scopes: ['orders:read', 'sync'],
        person: false, // a system's token unless made as a person's session
      });
    });

    it('issue 11 API tokens: unknown, malformed, revoked (on either instance) and expired tokens are refused', async () => {
      const created = await make();
      expect(await refusal(b.verify(`og_${'A'.repeat(43)}`))).toBe('TOKEN_INVALID');
      expect(await refusal(b.verify(`${created.token}x`))).toBe('TOKEN_INVALID');
      expect(await refusal(b.verify('og_short'))).toBe('TOKEN_INVALID');
      expect(await refusal(b.verify(created.token))).toBe('accepted');

      const revoked = await a.revoke(created.id);
      expect(revoked.status).toBe('revoked');
      expect(await refusal(b.verify(created.token))).toBe('TOKEN_REVOKED');
      expect((await a.revoke(created.id)).revokedAt).toBe(revoked.revokedAt); // idempotent
      await expect(a.revoke('tok_nothing')).rejects.toBeInstanceOf(NotFoundError);

      const shortLived = await a.create({
        name: 'one hour',
        actor: people.zhao,
        scopes: ['orders:read'],
        expiresAt: new Date(clock.now + 3_600_000),
      });
      expect(await refusal(b.verify(shortLived.token, clock.now + 3_599_999))).toBe('accepted');
      expect(await refusal(b.verify(shortLived.token, clock.now + 3_600_000))).toBe(
        'TOKEN_EXPIRED',
      );
      let message = '';
      try {
        await b.verify(created.token);
      } catch (e) {
        message = String(e) + inspect(e);
      }
      expect(message).toContain('TOKEN_REVOKED');
      expect(message).not.toContain(created.token.slice(3));
    });

    it('issue 11 API tokens: bad input names every bad field and writes nothing', async () => {
      const before = (await a.list()).length;
      let error: unknown;
      try {
        await a.create({
          name: ' ',
          actor: { id: '' },
          scopes: ['orders:write' as 'orders:read'],
          expiresAt: 'next week',
        });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ValidationError);
      const paths = (error as ValidationError).issues.map((i) => i.path).sort();
      expect(paths).toEqual(['actor.id', 'expiresAt', 'name', 'scopes.0']);
      await expect(
        a.create({ name: 'past', actor: people.zhao, scopes: ['sync'], expiresAt: later(-1) }),
      ).rejects.toThrow(/expiresAt: must be in the future/);
      await expect(
        a.create({ name: 'none', actor: people.zhao, scopes: [], expiresAt: later(DAY) }),
      ).rejects.toThrow(/scopes/);
      expect((await a.list()).length).toBe(before);
    });

    it('issue 11 API tokens: last_used_at is noted on use, at most once a minute', async () => {
      const created = await make();
      await b.verify(created.token, clock.now + 1_000);
      const used = (await a.list()).find((t) => t.id === created.id)?.lastUsedAt;
      expect(used).toBe(new Date(clock.now + 1_000).toISOString());
      await b.verify(created.token, clock.now + 30_000);
      expect((await a.list()).find((t) => t.id === created.id)?.lastUsedAt).toBe(used);
      await b.verify(created.token, clock.now + 61_000);
      expect((await a.list()).find((t) => t.id === created.id)?.lastUsedAt).toBe(
        new Date(clock.now + 61_000).toISOString(),
      );
    });

    it('secrets never show: util.inspect and JSON of a TokenStore, a created token and the list', async () => {
      const created = await make(['admin']);
      const hash = createHash('sha256').update(created.token).digest('hex');
      const list = await a.list();
      for (const shown of [
        inspect(created, { depth: 10 }),
        inspect(created, { depth: 10, showHidden: true }),
        inspect({ created }, { depth: 10 }),
        JSON.stringify(created),
        JSON.stringify({ ...created }),
        String(created),
        inspect(a, { depth: 10, showHidden: true }),
        JSON.stringify(a),
        inspect(list, { depth: 10 }),
        JSON.stringify(list),
        inspect(new PostgresReplayGuard(db.a, { schema: db.schema }), { showHidden: true }),
      ]) {
        expect(shown).not.toContain(created.token.slice(3));
        expect(shown).not.toContain(hash);
        expect(shown).not.toContain(hash.slice(0, 16));
      }
      expect(inspect(created)).toContain(created.record.hint);
      expect(Object.keys({ ...created })).not.toContain('token');
    });

    it('issue 11 `ordergate token create|revoke|list` functions migrate a new schema and work on it', async () => {
      const schema = db.freshSchema();
      const now = () => clock.now;
      const created = await createToken(
        db.a,
        { name: 'ci', actor: people.he, scopes: ['orders:read'], expiresAt: later(DAY) },
        { schema, now },
      );
      const listed = await listTokens(db.b, { schema, now });
      expect(listed.map((t) => [t.id, t.status])).toEqual([[created.id, 'active']]);
      expect((await revokeToken(db.b, created.id, { schema, now })).status).toBe('revoked');
      expect((await listTokens(db.a, { schema, now }))[0]?.status).toBe('revoked');
    });

    it('issue 11 replay guard in the shared store: an id one instance accepted, the other refuses until it expires', async () => {
      const ga = new PostgresReplayGuard(db.a, { schema: db.schema });
      const gb = new PostgresReplayGuard(db.b, { schema: db.schema });
      const t = clock.now;
      expect(await ga.claim('jti-1', t + 60_000, t)).toBe(true);
      expect(await gb.claim('jti-1', t + 60_000, t + 1)).toBe(false);
      expect(await ga.claim('jti-1', t + 60_000, t + 2)).toBe(false);
      // expired: taken over as if it were gone
      expect(await gb.claim('jti-1', t + 200_000, t + 60_000)).toBe(true);
      expect(await ga.claim('jti-1', t + 200_000, t + 100_000)).toBe(false);
      // purge deletes exactly the expired ids
      expect(await ga.claim('jti-2', t + 10_000, t)).toBe(true);
      expect(await gb.purge(t + 10_000)).toBeGreaterThanOrEqual(1);
      const left = await db.a.query<{ jti: string }>(
        `SELECT jti FROM "${db.schema}".assertion_jtis WHERE jti IN ('jti-1', 'jti-2')`,
      );
      expect(left.map((r) => r.jti)).toEqual(['jti-1']);
    });

    it('issue 11 replay guard: 40 racing claims of one id from two instances, exactly one wins', async () => {
      const guards = [
        new PostgresReplayGuard(db.a, { schema: db.schema }),
        new PostgresReplayGuard(db.b, { schema: db.schema }),
      ];
      const wins = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          guards[i % 2]!.claim('jti-race', clock.now + 60_000, clock.now),
        ),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
    });

    it('issue 11 replay across instances: two apps sharing one database refuse a replayed assertion (TOKEN_REPLAYED) and a revoked token', async () => {
      const app = async (driver: SqlDriver) => {
        const store = await PostgresStore.open({ driver, schema: db.schema });
        return createApp({
          og: gateOver(store).og,
          identity: {
            secret: new SharedSecret(SECRET_TEXT),
            audience: AUDIENCE,
            replayGuard: new PostgresReplayGuard(driver, { schema: db.schema }),
            tokens: new TokenStore(driver, { schema: db.schema, now: () => clock.now }),
          },
          now: () => clock.now,
        });
      };
      const [one, two] = [await app(db.a), await app(db.b)];
      const get = async (target: typeof one, token: string) => {
        const res = await target.request('/v1/work-queue', {
          headers: { authorization: `Bearer ${token}` },
        });
        const body = (await res.json()) as { code?: string };
        return res.status === 200 ? 200 : `${String(res.status)} ${String(body.code)}`;
      };
      const jwt = await assertion(people.wang);
      expect(await get(one, jwt)).toBe(200);
      expect(await get(two, jwt)).toBe('401 TOKEN_REPLAYED');
      expect(await get(one, jwt)).toBe('401 TOKEN_REPLAYED');
      const other = await assertion(people.wang);
      expect(await get(two, other)).toBe(200);
      expect(await get(one, other)).toBe('401 TOKEN_REPLAYED');

      const created = await make(['orders:read']);
      expect(await get(one, created.token)).toBe(200);
      expect(await get(two, created.token)).toBe(200);
      await revokeToken(db.b, created.id, { schema: db.schema, now: () => clock.now });
      expect(await get(one, created.token)).toBe('401 TOKEN_REVOKED');
      expect(await get(two, created.token)).toBe('401 TOKEN_REVOKED');
    });
  });
}
