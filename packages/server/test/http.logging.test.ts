// Structured logs (pino, one JSON object a line): one line per request with method, path,
// status, duration, actor and request id; errors with their stack; and never a secret — not the
// API token, not its hash, not a user assertion, not a password, not a key.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryStore } from '@ordergate/core';
import {
  createApp,
  createLogger,
  maskSecrets,
  maskText,
  PgliteDriver,
  PostgresStore,
  SharedSecret,
  TokenStore,
} from '../src/index.js';
import { assertion, AUDIENCE, clock, SECRET_TEXT } from './support/http.js';
import { gateOver, orderInput, people } from './support/scenario.js';

const SCHEMA = 'http_logging';
const PASSWORD = 'hunter2-correct-horse';

/** A pino logger writing into `lines`, parsed. */
function capture() {
  const raw: string[] = [];
  const logger = createLogger({ destination: { write: (s: string) => void raw.push(s) } });
  return {
    logger,
    raw,
    lines: () => raw.map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

let driver: PgliteDriver;
let tokens: TokenStore;
let store: PostgresStore;
beforeAll(async () => {
  driver = await PgliteDriver.open();
  store = await PostgresStore.open({ driver, schema: SCHEMA });
  tokens = new TokenStore(driver, { schema: SCHEMA, now: () => clock.now });
});
afterAll(async () => {
  await driver?.close();
});

const identity = () => ({
  secret: new SharedSecret(SECRET_TEXT),
  audience: AUDIENCE,
  tokens,
});

/** Every secret a line must not contain, for a token and an assertion. */
function secretsOf(token: string, jwt: string): string[] {
  const hash = createHash('sha256').update(token).digest('hex');
  return [
    token.slice(3),
    hash,
    hash.slice(0, 16),
    jwt,
    jwt.split('.')[2]!,
    jwt.split('.')[1]!,
    SECRET_TEXT,
    PASSWORD,
  ];
}

describe('issue 11 logs: structured JSON, redacted', () => {
  it('one line per request: method, path, status, duration, actor, request id; no token, no hash', async () => {
    const log = capture();
    const app = createApp({
      og: gateOver(store).og,
      identity: identity(),
      now: () => clock.now,
      logger: log.logger,
    });
    const created = await tokens.create({
      name: 'logged',
      actor: people.liu,
      scopes: ['orders:read', 'orders:act'],
      expiresAt: new Date(clock.now + 86_400_000),
    });
    const jwt = await assertion(people.li);
    const submitted = await app.request('/v1/orders', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${jwt}`,
        'content-type': 'application/json',
        'x-request-id': 'req-42',
      },
      body: JSON.stringify(orderInput('log-1')),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.headers.get('x-request-id')).toBe('req-42');
    const read = await app.request('/v1/orders/log-1?token=' + created.token, {
      headers: { authorization: `Bearer ${created.token}`, 'x-request-id': 'no good\u0001' },
    });
    expect(read.status).toBe(200);
    const madeId = read.headers.get('x-request-id');
    expect(madeId).toMatch(/^[0-9a-f-]{36}$/);

    const [first, second] = log.lines();
    expect(first).toMatchObject({
      level: 'info',
      msg: 'request',
      requestId: 'req-42',
      method: 'POST',
      path: '/v1/orders',
      status: 201,
      actorId: 'u-li',
      credential: 'assertion',
    });
    expect(typeof first?.durationMs).toBe('number');
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({
      requestId: madeId,
      method: 'GET',
      path: '/v1/orders/log-1',
      status: 200,
      actorId: 'u-liu',
      credential: 'token',
      tokenId: created.id,
    });
    const all = log.raw.join('');
    for (const secret of secretsOf(created.token, jwt)) expect(all).not.toContain(secret);
  });

  it('failing requests log their status and problem code, never the credential they carried', async () => {
    const log = capture();
    const app = createApp({
      og: gateOver(new MemoryStore()).og,
      identity: identity(),
      now: () => clock.now,
      logger: log.logger,
    });
    const created = await tokens.create({
      name: 'read only',
      actor: people.wang,
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 86_400_000),
    });
    const forged = await assertion(people.li, {}, 'another-secret-of-enough-length-0123456789');
    const answers = [
      await app.request('/v1/work-queue', { headers: { authorization: `Bearer ${forged}` } }),
      await app.request('/v1/orders/x/approve', {
        method: 'POST',
        headers: { authorization: `Bearer ${created.token}` },
      }),
      await app.request('/v1/work-queue', {
        headers: { authorization: `Bearer ${created.token}x` },
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([401, 403, 401]);
    expect(log.lines().map((l) => [l.level, l.status, l.code])).toEqual([
      ['info', 401, 'TOKEN_INVALID'],
      ['info', 403, 'SCOPE_MISSING'],
      ['info', 401, 'TOKEN_INVALID'],
    ]);
    const all = log.raw.join('');
    for (const secret of secretsOf(created.token, forged)) expect(all).not.toContain(secret);
  });

  it('an error is logged with its stack, masked: no token, assertion or password from its message', async () => {
    const log = capture();
    const created = await tokens.create({
      name: 'erp',
      actor: people.wang,
      scopes: ['orders:read'],
      expiresAt: new Date(clock.now + 86_400_000),
    });
    const jwt = await assertion(people.wang);
    // a store that fails the way a careless downstream client does: echoing what it was given
    class EchoingStore extends MemoryStore {
      override get(): never {
        const e = new Error(
          `ERP refused GET with Authorization: Bearer ${created.token} (assertion ${jwt}) at postgres://og:${PASSWORD}@db:5432/og`,
        );
        throw Object.assign(e, { cause: { password: PASSWORD, token: created.token } });
      }
    }
    const app = createApp({
      og: gateOver(new EchoingStore()).og,
      identity: identity(),
      now: () => clock.now,
      logger: log.logger,
    });
    const res = await app.request('/v1/orders/o-9', {
      headers: { authorization: `Bearer ${created.token}` },
    });
    expect(res.status).toBe(500);
    const body = await res.text();
    const [line] = log.lines();
    expect(line).toMatchObject({
      level: 'error',
      status: 500,
      code: 'INTERNAL',
      tokenId: created.id,
    });
    const err = line?.err as { type: string; message: string; stack: string; cause: unknown };
    expect(err.type).toBe('Error');
    expect(err.message).toContain(
      'ERP refused GET with Authorization: Bearer og_*** (assertion eyJ***)',
    );
    expect(err.message).toContain('postgres://og:***@db:5432/og');
    expect(err.stack).toContain('http.logging.test.ts');
    expect(err.cause).toEqual({ password: '[Redacted]', token: '[Redacted]' });
    for (const secret of secretsOf(created.token, jwt)) {
      expect(log.raw.join('')).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
  });

  it('the logger itself masks whatever it is handed: redact paths, secret keys at any depth, tokens and JWTs in any string', async () => {
    const log = capture();
    const created = await tokens.create({
      name: 'direct',
      actor: people.wang,
      scopes: ['sync'],
      expiresAt: new Date(clock.now + 86_400_000),
    });
    const jwt = await assertion(people.wang);
    log.logger.info(
      {
        req: { headers: { authorization: `Bearer ${jwt}`, cookie: 'sid=abc' } },
        config: { db: { connectionString: `postgres://og:${PASSWORD}@db/og` }, apiKey: 'k-123' },
        deep: { a: { b: { c: { password: PASSWORD, 'x-api-key': created.token } } } },
        secret: new SharedSecret(SECRET_TEXT),
        note: `minted ${created.token}`,
      },
      'sending %s to %s',
      jwt,
      `https://user:${PASSWORD}@erp.example/api`,
    );
    log.logger.error(new Error(`rejected ${created.token}`));
    log.logger.child({ token: created.token, erp: `Bearer ${jwt}` }).warn('child');
    const [one, two, three] = log.lines();
    expect(one).toMatchObject({
      req: { headers: { authorization: '[Redacted]', cookie: '[Redacted]' } },
      config: { db: { connectionString: '[Redacted]' }, apiKey: '[Redacted]' },
      deep: { a: { b: { c: { password: '[Redacted]', 'x-api-key': '[Redacted]' } } } },
      note: 'minted og_***',
      msg: 'sending eyJ*** to https://user:***@erp.example/api',
    });
    expect(two).toMatchObject({ level: 'error', msg: 'rejected og_***' });
    expect((two?.err as { stack: string }).stack).toContain('rejected og_***');
    expect(three).toMatchObject({ token: '[Redacted]', erp: 'Bearer eyJ***', msg: 'child' });
    log.logger
      .child({ instance: 'a' })
      .child({ url: `postgres://og:${PASSWORD}@db/og` })
      .info('grandchild');
    for (const secret of [...secretsOf(created.token, jwt), 'k-123', 'sid=abc']) {
      expect(log.raw.join('')).not.toContain(secret);
    }
  });

  it('maskText and maskSecrets keep ordinary text and ids as they are', () => {
    expect(maskText('order SO-2026-000042 approved by u-wang, key o1:1:0')).toBe(
      'order SO-2026-000042 approved by u-wang, key o1:1:0',
    );
    expect(maskText('og_ alone, dog_food, log_level')).toBe('og_ alone, dog_food, log_level');
    expect(maskSecrets({ tokenId: 'tok_1', key: 'o1:1:0', at: new Date(0) })).toEqual({
      tokenId: 'tok_1',
      key: 'o1:1:0',
      at: '1970-01-01T00:00:00.000Z',
    });
  });
});
