// How the demo's people call the API. Today: user assertions, the short-lived JWTs an ERP signs
// for its logged-in user (decision 016). When API tokens land (`ordergate token create`), the
// demo prints a token here instead; nothing else in `serve --demo` changes.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT } from 'jose';
import type { ActorInput } from '@ordergate/core';
import { SharedSecret } from '../../http/secret.js';

/** The audience of every assertion when `--audience` / `ORDERGATE_AUDIENCE` is not given. */
export const DEFAULT_AUDIENCE = 'ordergate';

/**
 * Signs a user assertion as the ERP would (HS256; `aud`, `sub`, `groups`, `iat`, `exp`, a fresh
 * `jti`): a Bearer credential for one request within `lifetimeSeconds` (at most the service's
 * 300).
 *
 * @example
 * const jwt = await signAssertion(secret, 'ordergate', { id: 'u-wang', groups: ['sales_heads'] });
 */
export async function signAssertion(
  secret: SharedSecret,
  audience: string,
  actor: ActorInput,
  lifetimeSeconds = 300,
  nowMs = Date.now(),
): Promise<string> {
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT({ groups: actor.groups ?? [] })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(actor.id)
    .setAudience(audience)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + lifetimeSeconds)
    .sign(secret.key());
}

/**
 * The demo's ERP secret, kept in `file` (mode 0600) so that `ordergate assertion --demo` signs
 * with the same key as the running demo; made at random on first use. Never printed.
 *
 * @example
 * const secret = demoSecret('.ordergate/demo-erp-secret');
 */
export function demoSecret(file: string): SharedSecret {
  if (existsSync(file)) return new SharedSecret(readFileSync(file, 'utf8').trim());
  mkdirSync(dirname(file), { recursive: true });
  const value = randomBytes(32).toString('hex');
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return new SharedSecret(value);
}
