// How the demo's people and systems call the API: user assertions, the short-lived JWTs an ERP
// signs for its logged-in user (decision 016), and a ready-made API token (decision 018).
import { randomBytes, randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { SignJWT } from 'jose';
import type { ActorInput } from '@ordergate/core';
import { SharedSecret } from '../../http/shared/secret.js';
import type { CreatedToken, TokenStore } from '../../identity/TokenStore.js';
import type { Scope } from '../../identity/scopes.js';

/** The name every demo token starts with; `demoToken` revokes the earlier ones. */
export const DEMO_TOKEN_NAME = 'demo: ';

/** What the demo's token may reach: everything a sales head does, but not tokens nor sync. */
export const DEMO_TOKEN_SCOPES: readonly Scope[] = [
  'orders:read',
  'orders:act',
  'customers:write',
  'archive:read',
];

/**
 * A fresh API token acting as `person` for the demo (seven days, `DEMO_TOKEN_SCOPES`). Its text
 * exists only in the answer — the store keeps its hash — so the demo makes one at each start and
 * revokes the demo tokens it made before, leaving one live demo credential at a time.
 *
 * @example
 * const { token } = await demoToken(tokens, DEMO_PEOPLE.wang);
 */
export async function demoToken(
  tokens: TokenStore,
  person: { id: string; name: string; groups: readonly string[] },
  nowMs = Date.now(),
): Promise<CreatedToken> {
  for (const t of await tokens.list())
    if (t.name.startsWith(DEMO_TOKEN_NAME) && t.status === 'active') await tokens.revoke(t.id);
  return tokens.create({
    name: `${DEMO_TOKEN_NAME}${person.name}`,
    actor: { id: person.id, groups: [...person.groups], name: person.name },
    scopes: DEMO_TOKEN_SCOPES,
    expiresAt: new Date(nowMs + 7 * 86_400_000),
  });
}

/** The audience of every assertion when `--audience` / `ORDERGATE_AUDIENCE` is not given. */
export const DEFAULT_AUDIENCE = 'ordergate';

/**
 * Signs a user assertion as the ERP would (HS256; `aud`, `sub`, `groups`, `iat`, `exp`, a fresh
 * `jti`, and `name` when the actor has one): a Bearer credential for one request within `lifetimeSeconds` (at most the service's
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
  return new SignJWT({
    groups: actor.groups ?? [],
    ...(actor.name === undefined ? {} : { name: actor.name }),
  })
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
