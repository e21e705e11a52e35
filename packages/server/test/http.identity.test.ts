// User assertions through HTTP: every refusal answers 401 problem+json with its code, a jti is
// accepted once, and the shared secret never shows.
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { MemoryStore } from '@ordergate/core';
import { MemoryReplayGuard, SharedSecret } from '../src/index.js';
import { assertion, clock, desk, SECRET_TEXT } from './support/http.js';
import { people } from './support/scenario.js';

const { app, identity, call } = desk(new MemoryStore());

async function withToken(token: string | undefined, scheme = 'Bearer') {
  const res = await app.request('/v1/work-queue', {
    headers: token === undefined ? {} : { authorization: `${scheme} ${token}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    body: JSON.parse(await res.text()),
  };
}

describe('HTTP identity: ERP-signed user assertions', () => {
  it('accepts a valid assertion and answers the caller’s work queue', async () => {
    const r = await withToken(await assertion(people.li));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ value: [] });
  });

  it.each([
    ['TOKEN_MISSING: no Authorization header', undefined, 'Bearer'],
    ['TOKEN_MISSING: another scheme', 'abc', 'Basic'],
  ])('%s', async (_, token, scheme) => {
    const r = await withToken(token, scheme);
    expect(r.status).toBe(401);
    expect(r.type).toContain('application/problem+json');
    expect(r.body).toMatchObject({ status: 401, code: 'TOKEN_MISSING' });
  });

  it('TOKEN_INVALID: a wrong signature, a malformed token, groups that are not a list', async () => {
    const forged = await assertion(people.li, {}, 'another-secret-of-enough-length-0123456789');
    expect((await withToken(forged)).body.code).toBe('TOKEN_INVALID');
    expect((await withToken('not.a.jwt')).body.code).toBe('TOKEN_INVALID');
    expect((await withToken(await assertion(people.li, { groups: 'sales' }))).body.code).toBe(
      'TOKEN_INVALID',
    );
    expect((await withToken(await assertion(people.li, { jti: undefined }))).body.code).toBe(
      'TOKEN_INVALID',
    );
  });

  it('TOKEN_EXPIRED: an assertion past its exp (beyond the 30 s tolerance)', async () => {
    const iat = Math.floor(clock.now / 1000) - 200;
    const r = await withToken(await assertion(people.li, { iat, exp: iat + 120 }));
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('TOKEN_EXPIRED');
  });

  it('TOKEN_AUDIENCE: an assertion for another service', async () => {
    const r = await withToken(await assertion(people.li, { aud: 'payroll' }));
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('TOKEN_AUDIENCE');
  });

  it('TOKEN_TOO_LONG: exp more than 5 minutes after iat', async () => {
    const iat = Math.floor(clock.now / 1000);
    const r = await withToken(await assertion(people.li, { iat, exp: iat + 301 }));
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('TOKEN_TOO_LONG');
    expect((await withToken(await assertion(people.li, { iat, exp: iat + 300 }))).status).toBe(200);
  });

  it('TOKEN_REPLAYED: the same jti a second time, even before it expires', async () => {
    const token = await assertion(people.li);
    expect((await withToken(token)).status).toBe(200);
    const again = await withToken(token);
    expect(again.status).toBe(401);
    expect(again.body).toMatchObject({ code: 'TOKEN_REPLAYED', title: 'Token replayed' });
  });

  it('public routes need no assertion; unknown /v1 routes still do', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/reference']) {
      expect((await app.request(path)).status, path).toBe(200);
    }
    expect((await call('GET', '/v1/nothing-here', undefined)).body.code).toBe('TOKEN_MISSING');
  });

  it('the shared secret never shows: inspect, JSON, String, errors', () => {
    for (const shown of [
      inspect(identity, { depth: 10 }),
      inspect({ identity }, { depth: 10, showHidden: true }),
      JSON.stringify(identity),
      String(identity.secret),
      identity.secret.toString(),
    ]) {
      expect(shown).not.toContain(SECRET_TEXT);
      expect(shown).toContain('***');
    }
    let message = '';
    try {
      new SharedSecret('short');
    } catch (e) {
      message = String(e);
    }
    expect(message).toMatch(/at least 32 bytes/);
    expect(message).not.toContain('short');
  });

  it('MemoryReplayGuard forgets ids once they expire and stays bounded', async () => {
    const guard = new MemoryReplayGuard(2);
    expect(await guard.claim('a', 1_000, 0)).toBe(true);
    expect(await guard.claim('a', 1_000, 500)).toBe(false);
    expect(await guard.claim('a', 3_000, 1_000)).toBe(true); // expired, then claimed anew
    expect(await guard.claim('b', 2_000, 1_000)).toBe(true);
    expect(await guard.claim('c', 4_000, 1_000)).toBe(true); // full: 'b' expires first and makes room
    expect(guard.size).toBe(2);
    expect(await guard.claim('a', 3_000, 1_500)).toBe(false);
  });
});
