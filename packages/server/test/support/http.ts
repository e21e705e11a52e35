import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { ActorInput, Store } from '@ordergate/core';
import { createApp, SharedSecret, type IdentityOptions } from '../../src/index.js';
import { gateOver } from './scenario.js';

/** The key the tests' "ERP" signs with (never a real one). */
export const SECRET_TEXT = 'test-only-shared-secret-0123456789abcdef';
export const AUDIENCE = 'ordergate-test';

/** The app's clock: 2 March 2026 09:00 Shanghai, moved by the tests. */
export const clock = { now: Date.parse('2026-03-02T01:00:00Z') };

/** Claims a test assertion may override (or drop with `undefined`). */
export interface AssertionClaims {
  sub?: string | undefined;
  groups?: unknown;
  aud?: string | undefined;
  iat?: number | undefined;
  exp?: number | undefined;
  jti?: string | undefined;
  /** The user's display name (optional claim). */
  name?: unknown;
}

/** Signs a user assertion as the ERP would: HS256, 2 minutes, a fresh jti. */
export async function assertion(
  actor: ActorInput,
  claims: AssertionClaims = {},
  secret = SECRET_TEXT,
): Promise<string> {
  const iat = Math.floor(clock.now / 1000);
  const all: AssertionClaims = {
    sub: actor.id,
    groups: actor.groups ?? [],
    aud: AUDIENCE,
    iat,
    exp: iat + 120,
    jti: randomUUID(),
    ...claims,
  };
  const payload = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .sign(new TextEncoder().encode(secret));
}

/** An app over `store` with the company policy; `call` sends a request as `actor`. */
export function desk(store: Store) {
  const { og } = gateOver(store);
  const identity: IdentityOptions = { secret: new SharedSecret(SECRET_TEXT), audience: AUDIENCE };
  const app = createApp({ og, identity, now: () => clock.now });
  async function call(
    method: string,
    path: string,
    actor: ActorInput | undefined,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    const h: Record<string, string> = { ...headers };
    if (actor) h.authorization = `Bearer ${await assertion(actor)}`;
    if (body !== undefined) h['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers: h,
      ...(body === undefined
        ? {}
        : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await res.text();
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
    };
  }
  return { og, app, identity, call };
}
