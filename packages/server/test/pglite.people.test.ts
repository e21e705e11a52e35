// Issue 12 (panels): people's names beside their ids, so that the panels say who, not `u-wang`.
// The directory on PGlite, fed by the callers themselves (an assertion's `name` claim, a token's
// actor name) and by the ERP (`PUT /v1/people`, systems only), read by any signed-in caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@ordergate/core';
import {
  createApp,
  migrate,
  PeopleDirectory,
  PgliteDriver,
  PostgresStore,
  SharedSecret,
  TokenStore,
  type PgliteDriver as Driver,
} from '../src/index.js';
import { freshSchema } from './support/harness.js';
import { assertion, AUDIENCE, clock, SECRET_TEXT, type AssertionClaims } from './support/http.js';
import { gateOver, people as company } from './support/scenario.js';

let driver: Driver;
let schema: string;
let directory: PeopleDirectory;
let tokens: TokenStore;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  schema = freshSchema('people');
  await migrate(driver, schema);
  directory = new PeopleDirectory(driver, { schema, now: () => clock.now });
  tokens = new TokenStore(driver, { schema, now: () => clock.now });
  const store = await PostgresStore.open({ driver, schema });
  app = createApp({
    og: gateOver(store).og,
    identity: { secret: new SharedSecret(SECRET_TEXT), audience: AUDIENCE, tokens },
    people: directory, // mounts /v1/people and remembers the names callers arrive with
    now: () => clock.now,
  });
});
afterAll(async () => {
  await driver?.close();
});

async function call(method: string, path: string, bearer: string, body?: unknown) {
  const res = await app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${bearer}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const as = (claims: AssertionClaims = {}) => assertion(company.zhao, claims);
const names = async (ids: string) => (await call('GET', `/v1/people?ids=${ids}`, await as())).body;

describe('issue 12 people directory', () => {
  it('a user assertion that carries a name claim names its caller; ids nobody named are left out', async () => {
    const sun = await assertion({ id: 'u-sun', groups: ['technical'] }, { name: ' Sun Lei ' });
    expect((await call('GET', '/v1/work-queue', sun)).status).toBe(200);
    expect(await names('u-sun,u-nobody,u-sun')).toEqual({
      value: [{ id: 'u-sun', name: 'Sun Lei' }],
    });
  });

  it('an API token acting with a name names its actor too', async () => {
    const t = await tokens.create({
      name: 'desk of Liu',
      actor: { id: 'u-liu', groups: ['production'], name: 'Liu Yang' },
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 3_600_000),
      person: true,
    });
    expect((await call('GET', '/v1/roles', t.token)).status).toBe(200);
    expect((await names('u-liu')).value).toEqual([{ id: 'u-liu', name: 'Liu Yang' }]);
  });

  it('a malformed name claim refuses the assertion (TOKEN_INVALID) and names the claim', async () => {
    for (const name of ['', 'a'.repeat(201), 'Wang\u0000Qiang', 42]) {
      const res = await call('GET', '/v1/roles', await as({ name }));
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'TOKEN_INVALID' });
      expect(String(res.body.detail)).toContain('name claim');
    }
  });

  it('the ERP pushes its directory (system token, scope sync); the newest name wins', async () => {
    const sync = await tokens.create({
      name: 'erp directory',
      actor: { id: 'svc-erp', groups: ['integration'] },
      scopes: ['sync'],
      expiresAt: new Date(clock.now + 3_600_000),
    });
    const put = (people: unknown) => call('PUT', '/v1/people', sync.token, { people });
    expect(
      await put([
        { id: 'u-wang', name: 'Wang Q.' },
        { id: 'u-qian', name: 'Qian Hui' },
      ]),
    ).toEqual({ status: 200, body: { value: { stored: 2 } } });
    expect((await put([{ id: 'u-wang', name: 'Wang Qiang' }])).status).toBe(200);
    expect((await names('u-qian,u-wang')).value).toEqual([
      { id: 'u-qian', name: 'Qian Hui' },
      { id: 'u-wang', name: 'Wang Qiang' },
    ]);
    const rows = await driver.query<{ source: string }>(
      `SELECT source FROM "${schema}".people WHERE id = 'u-wang'`,
    );
    expect(rows).toEqual([{ source: 'erp' }]);
  });

  it('bad directory input is refused naming the entry and field, and nothing is written', async () => {
    const sync = await tokens.create({
      name: 'erp directory 2',
      actor: { id: 'svc-erp', groups: ['integration'] },
      scopes: ['sync'],
      expiresAt: new Date(clock.now + 3_600_000),
    });
    const res = await call('PUT', '/v1/people', sync.token, {
      people: [
        { id: 'u-he', name: 'He Jun' },
        { id: 'u-ma', name: '   ' },
      ],
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('people.1.name');
    expect((await names('u-he')).value).toEqual([]);
  });

  it('only a system pushes the directory: a person is refused (SYSTEM_ONLY), a token without sync too (SCOPE_MISSING)', async () => {
    const person = await call('PUT', '/v1/people', await as(), {
      people: [{ id: 'u-zhao', name: 'Someone else' }],
    });
    expect(person.status).toBe(403);
    expect(person.body).toMatchObject({ code: 'SYSTEM_ONLY' });
    const reader = await tokens.create({
      name: 'reader',
      actor: { id: 'svc-read', groups: [] },
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 3_600_000),
    });
    const scoped = await call('PUT', '/v1/people', reader.token, {
      people: [{ id: 'u-zhao', name: 'Someone else' }],
    });
    expect(scoped).toMatchObject({ status: 403, body: { code: 'SCOPE_MISSING', scope: 'sync' } });
    expect((await names('u-zhao')).value).toEqual([]);
  });

  it('a lookup of more than 500 ids is refused, naming the limit', async () => {
    const ids = Array.from({ length: 501 }, (_, i) => `u-${String(i)}`).join(',');
    const res = await call('GET', `/v1/people?ids=${ids}`, await as());
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.errors)).toContain('at most 500');
  });

  it('remember writes a name once: the same name again is not rewritten', async () => {
    const other = new PeopleDirectory(driver, { schema, now: () => clock.now + 60_000 });
    await directory.remember([{ id: 'u-gao', name: 'Gao Jie' }], 'seed');
    const at = async () =>
      (
        await driver.query<{ updated_at: Date }>(
          `SELECT updated_at FROM "${schema}".people WHERE id = 'u-gao'`,
        )
      )[0]!.updated_at.toISOString();
    const first = await at();
    await other.remember([{ id: 'u-gao', name: 'Gao Jie' }], 'seed'); // another instance, same name
    expect(await at()).toBe(first);
    await other.remember([{ id: 'u-gao', name: 'Gao Jie (archive)' }], 'erp');
    expect(await at()).not.toBe(first);
    await expect(directory.remember([{ id: '', name: 'x' }], 'erp')).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});
