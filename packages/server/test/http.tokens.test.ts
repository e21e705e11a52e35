// API tokens through HTTP on PostgresStore (PGlite): a token acts as the actor it was made for and
// the core authorises that actor like a person; its scope must cover the route (403
// SCOPE_MISSING otherwise, nothing written); revoked, expired, unknown and malformed tokens
// answer 401 with their code.
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '@ordergate/core';
import {
  authenticate,
  createApp,
  PgliteDriver,
  PostgresReplayGuard,
  PostgresStore,
  requireScope,
  SharedSecret,
  TokenStore,
  type IdentityOptions,
  type Scope,
} from '../src/index.js';
import { assertion, AUDIENCE, clock, desk, SECRET_TEXT } from './support/http.js';
import { orderInput, people } from './support/scenario.js';
import { gateOver } from './support/scenario.js';

const SCHEMA = 'http_tokens';
let driver: PgliteDriver;
let store: PostgresStore;
let tokens: TokenStore;
let identity: IdentityOptions;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await PostgresStore.open({ driver, schema: SCHEMA });
  tokens = new TokenStore(driver, { schema: SCHEMA, now: () => clock.now });
  identity = {
    secret: new SharedSecret(SECRET_TEXT),
    audience: AUDIENCE,
    tokens,
    replayGuard: new PostgresReplayGuard(driver, { schema: SCHEMA }),
  };
  app = createApp({ og: gateOver(store).og, identity, now: () => clock.now });
});
afterAll(async () => {
  await driver?.close();
});

const token = async (actor: { id: string; groups: string[] }, scopes: Scope[]) =>
  (
    await tokens.create({
      name: `${actor.id} ${scopes.join(' ')}`,
      actor,
      scopes,
      expiresAt: new Date(clock.now + 86_400_000),
    })
  ).token;

async function call(
  method: string,
  path: string,
  bearer: string | undefined,
  body?: unknown,
  target: { request: Hono['request'] } = app,
) {
  const headers: Record<string, string> = {};
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await target.request(path, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    authenticate: res.headers.get('www-authenticate'),
    body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

async function streamLengths() {
  const streams = (await store.streams()).sort();
  return Promise.all(streams.map(async (s) => [s, (await store.readSealed(s)).length] as const));
}

describe('HTTP API tokens on PostgresStore (PGlite)', () => {
  it('issue 11, RV-5: a token acts as its actor and the core authorises that actor like a person', async () => {
    const submitted = await call(
      'POST',
      '/v1/orders',
      await assertion(people.li),
      orderInput('t-1'),
    );
    expect(submitted.status).toBe(201);

    // the salesperson's token may act, but the core does not let the salesperson approve
    const li = await call(
      'POST',
      '/v1/orders/t-1/approve',
      await token(people.li, ['orders:act']),
      {},
    );
    expect(li.status).toBe(403);
    expect(li.body).toMatchObject({ code: 'NOT_ELIGIBLE', ruleId: 'RV-5' });

    // production's token approves production's step (RV-5), as production
    const liu = await token(people.liu, ['orders:read', 'orders:act']);
    expect((await call('GET', '/v1/work-queue', liu)).body.value).toMatchObject([
      { orderId: 't-1', actions: ['approve'] },
    ]);
    const approved = await call('POST', '/v1/orders/t-1/approve', liu, {});
    expect(approved.status).toBe(200);
    const picture = await call('GET', '/v1/orders/t-1', liu);
    expect(JSON.stringify(picture.body.value.history)).toContain('"u-liu"');
  });

  it('issue 11 SCOPE_MISSING: a read-only token cannot act: 403 naming orders:act, nothing written', async () => {
    const readOnly = await token(people.wang, ['orders:read']);
    expect((await call('GET', '/v1/orders/t-1', readOnly)).status).toBe(200);
    const before = await streamLengths();
    const refused = await call('POST', '/v1/orders/t-1/approve', readOnly, {});
    expect(refused.status).toBe(403);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 403, code: 'SCOPE_MISSING', scope: 'orders:act' });
    expect(refused.body.detail).toContain('orders:act');
    expect(refused.authenticate).toBe('Bearer error="insufficient_scope", scope="orders:act"');
    expect(await streamLengths()).toEqual(before);

    const syncOnly = await token(people.wang, ['sync']);
    expect((await call('GET', '/v1/work-queue', syncOnly)).body).toMatchObject({
      code: 'SCOPE_MISSING',
      scope: 'orders:read',
    });
    const submit = await call('POST', '/v1/orders', readOnly, orderInput('t-2'));
    expect(submit.body).toMatchObject({ code: 'SCOPE_MISSING', scope: 'orders:act' });
    expect(await store.get('order', 't-2')).toBeUndefined();
  });

  it('issue 11, TR-5, decision 017: a person’s session token (the desk) reads under that person’s rules; a system’s token reads as a system', async () => {
    const expiresAt = new Date(clock.now + 86_400_000);
    const scopes: Scope[] = ['orders:read', 'orders:act'];
    // Sun (technical) is no manager: the metrics are not his to read, whatever the credential
    const session = await tokens.create({
      name: 'desk',
      actor: people.sun,
      scopes,
      expiresAt,
      person: true,
    });
    expect(session.record.person).toBe(true);
    const asPerson = await call('GET', '/v1/metrics?period=2026', session.token);
    expect(asPerson.status).toBe(403);
    expect(asPerson.body.code).toBe('READ_NOT_ALLOWED');
    expect((await call('GET', '/v1/metrics?period=2026', await assertion(people.sun))).status).toBe(
      403,
    );
    // the same actor behind a system's token is a system caller
    const system = await tokens.create({
      name: 'integration',
      actor: people.sun,
      scopes,
      expiresAt,
    });
    expect(system.record.person).toBe(false);
    expect((await call('GET', '/v1/metrics?period=2026', system.token)).status).toBe(200);
  });

  it('issue 11 scopes: admin covers every route; a /v1 route no scope names needs admin', async () => {
    const admin = await token(people.wang, ['admin']);
    expect((await call('GET', '/v1/work-queue', admin)).status).toBe(200);
    expect((await call('GET', '/v1/nothing-here', admin)).body.code).toBe('NO_ROUTE');
    const reader = await token(people.wang, ['orders:read', 'orders:act']);
    expect((await call('GET', '/v1/nothing-here', reader)).body).toMatchObject({
      code: 'SCOPE_MISSING',
      scope: 'admin',
    });
    // a person has no scopes: the core alone authorises them
    expect((await call('GET', '/v1/nothing-here', await assertion(people.wang))).status).toBe(404);
  });

  it('issue 11: revoked, expired, unknown and malformed tokens answer 401 with their code', async () => {
    const created = await tokens.create({
      name: 'short',
      actor: people.wang,
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 60_000),
    });
    expect((await call('GET', '/v1/work-queue', created.token)).status).toBe(200);
    const start = clock.now;
    clock.now += 60_000;
    try {
      const expired = await call('GET', '/v1/work-queue', created.token);
      expect(expired).toMatchObject({ status: 401, authenticate: 'Bearer' });
      expect(expired.body.code).toBe('TOKEN_EXPIRED');
    } finally {
      clock.now = start;
    }
    const other = await tokens.create({
      name: 'to revoke',
      actor: people.wang,
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 60_000),
    });
    await tokens.revoke(other.id);
    for (const [bearer, code] of [
      [other.token, 'TOKEN_REVOKED'],
      [`og_${'x'.repeat(43)}`, 'TOKEN_INVALID'],
      ['og_not-a-token', 'TOKEN_INVALID'],
    ] as const) {
      const r = await call('GET', '/v1/work-queue', bearer);
      expect(r.status, bearer).toBe(401);
      expect(r.body.code, bearer).toBe(code);
      expect(JSON.stringify(r.body)).not.toContain(bearer.slice(3));
    }
  });

  it('issue 11: where no TokenStore is configured, an og_ token is refused (TOKEN_INVALID)', async () => {
    const plain = desk(new MemoryStore());
    const r = await call(
      'GET',
      '/v1/work-queue',
      await token(people.wang, ['admin']),
      undefined,
      plain.app,
    );
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('TOKEN_INVALID');
  });

  it('issue 11 requireScope: a route asks a token for one more scope; a person passes', async () => {
    const extra = new Hono();
    extra.use('/v1/*', authenticate({ identity, now: () => clock.now }));
    extra.post('/v1/orders/special', requireScope('admin'), (c) => c.text('done'));
    extra.post('/open/special', requireScope('admin'), (c) => c.text('done'));
    const actor = await token(people.wang, ['orders:act']);
    expect((await call('POST', '/v1/orders/special', actor, undefined, extra)).body).toMatchObject({
      code: 'SCOPE_MISSING',
      scope: 'admin',
    });
    const admin = await token(people.wang, ['admin']);
    expect((await call('POST', '/v1/orders/special', admin, undefined, extra)).body).toBe('done');
    const person = await assertion(people.wang);
    expect((await call('POST', '/v1/orders/special', person, undefined, extra)).body).toBe('done');
    // a route authenticate did not run on: no credential, refused
    expect((await call('POST', '/open/special', admin, undefined, extra)).body.code).toBe(
      'TOKEN_MISSING',
    );
  });
});
