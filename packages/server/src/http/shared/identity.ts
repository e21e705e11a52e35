import { webcrypto } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { errors as joseErrors, jwtVerify } from 'jose';
import type { ActorInput } from '@ordergate/core';
import {
  grants,
  ROUTE_SCOPES,
  scopeFor,
  type RouteScope,
  type Scope,
} from '../../identity/scopes.js';
import type { VerifiedToken } from '../../identity/TokenStore.js';
import { problem, PROBLEM_JSON, type Problem } from './problem.js';
import type { SharedSecret } from './secret.js';
import { IdentityError, type IdentityRefusalCode } from '../../identity/IdentityError.js';
import type { ReplayGuard } from '../../identity/ReplayGuard.js';
import { PersonName, type Person, type PersonSource } from '../../identity/PeopleDirectory.js';

export { IdentityError, type IdentityRefusalCode, type ReplayGuard };

/**
 * How the service checks the user assertions the ERP signs: HS256 with a shared secret, for one
 * audience, living at most `maxLifetimeSeconds` (`exp - iat`), each `jti` accepted once.
 *
 * @example
 * const identity: IdentityOptions = { secret: new SharedSecret(key), audience: 'ordergate' };
 */
export interface IdentityOptions {
  /** The HS256 key shared with the ERP (masked in logs and `util.inspect`). */
  secret: SharedSecret;
  /** The `aud` every assertion must name. */
  audience: string;
  /** The `iss` every assertion must name, when set. */
  issuer?: string;
  /** The longest `exp - iat` accepted, in seconds (default 300: five minutes). */
  maxLifetimeSeconds?: number;
  /** Clock skew allowed on `exp`, `nbf` and `iat`, in seconds (default 30). */
  clockToleranceSeconds?: number;
  /**
   * Where used `jti`s are remembered (default: one `MemoryReplayGuard` per app, which protects
   * one instance; several instances share a `PostgresReplayGuard`).
   */
  replayGuard?: ReplayGuard;
  /** Checks API tokens (`Bearer og_…`); without it, API tokens are refused (`TOKEN_INVALID`). */
  tokens?: TokenVerifier;
  /**
   * Remembers the name a caller arrives with (an assertion's `name` claim, a token's actor name)
   * so that the panels show names, not ids (a `PeopleDirectory`); none by default.
   */
  people?: { remember(people: readonly Person[], source: PersonSource): Promise<void> };
}

/**
 * What checks an API token (a `TokenStore` does).
 *
 * @example
 * const tokens: TokenVerifier = new TokenStore(driver);
 */
export interface TokenVerifier {
  /** @throws {IdentityError} `TOKEN_INVALID`, `TOKEN_REVOKED` or `TOKEN_EXPIRED`. */
  verify(token: string, now: number): Promise<VerifiedToken>;
}

/**
 * A `ReplayGuard` in this process's memory: a map of `jti` to expiry, purged of expired ids as it
 * goes, with at most `capacity` live ids (the oldest expiring first make room). It protects one
 * instance only: several instances behind a load balancer share a `PostgresReplayGuard`.
 *
 * @example
 * const guard = new MemoryReplayGuard();
 * await guard.claim('a1', Date.now() + 60_000, Date.now()); // true
 * await guard.claim('a1', Date.now() + 60_000, Date.now()); // false: replayed
 */
export class MemoryReplayGuard implements ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  claim(jti: string, expiresAt: number, now: number): Promise<boolean> {
    return Promise.resolve(this.#claim(jti, expiresAt, now));
  }

  #claim(jti: string, expiresAt: number, now: number): boolean {
    this.#purge(now);
    const until = this.#seen.get(jti);
    if (until !== undefined && until > now) return false;
    if (this.#seen.size >= this.#capacity) {
      // ids live at most a few minutes: dropping the soonest to expire keeps the guard bounded
      let soonest: string | undefined;
      let at = Infinity;
      for (const [id, exp] of this.#seen) if (exp < at) [soonest, at] = [id, exp];
      if (soonest !== undefined) this.#seen.delete(soonest);
    }
    this.#seen.set(jti, expiresAt);
    return true;
  }

  /** How many ids are remembered now. */
  get size(): number {
    return this.#seen.size;
  }

  #purge(now: number): void {
    for (const [id, exp] of this.#seen) if (exp <= now) this.#seen.delete(id);
  }
}

/**
 * The HMAC key of each shared secret, imported once: jose imports a raw key into WebCrypto on
 * every verification otherwise, which costs more than the verification itself under load.
 */
const HMAC_KEYS = new WeakMap<SharedSecret, Promise<webcrypto.CryptoKey>>();

function hmacKey(secret: SharedSecret): Promise<webcrypto.CryptoKey> {
  let key = HMAC_KEYS.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey(
      'raw',
      secret.key(),
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['verify'],
    );
    HMAC_KEYS.set(secret, key);
  }
  return key;
}

const StringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((g) => typeof g === 'string');

/**
 * Checks an `Authorization` header's user assertion and answers the actor it names:
 * `{ id: sub, groups }`, and `name` when the assertion carries the user's display name (optional
 * claim `name`). The core's policy maps the groups to roles.
 * @throws {IdentityError} with the refusal code.
 *
 * @example
 * const actor = await verifyAssertion(`Bearer ${jwt}`, identity, new MemoryReplayGuard(), Date.now());
 */
export async function verifyAssertion(
  header: string | undefined,
  options: IdentityOptions,
  guard: ReplayGuard,
  now: number,
): Promise<ActorInput> {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1])
    throw new IdentityError('TOKEN_MISSING', 'a Bearer user assertion or API token is required');
  const tolerance = options.clockToleranceSeconds ?? 30;
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], await hmacKey(options.secret), {
      algorithms: ['HS256'],
      audience: options.audience,
      ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
      requiredClaims: ['sub', 'iat', 'exp', 'jti', 'aud'],
      clockTolerance: tolerance,
      currentDate: new Date(now),
    }));
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired)
      throw new IdentityError('TOKEN_EXPIRED', 'the assertion has expired');
    if (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === 'aud') {
      throw new IdentityError('TOKEN_AUDIENCE', 'the assertion is not meant for this service');
    }
    throw new IdentityError(
      'TOKEN_INVALID',
      'the assertion is malformed or its signature does not verify',
    );
  }
  const { sub, iat, exp, jti, groups, name } = payload;
  if (typeof sub !== 'string' || sub === '' || typeof jti !== 'string' || jti === '') {
    throw new IdentityError('TOKEN_INVALID', 'the assertion needs a subject and an id');
  }
  if (typeof iat !== 'number' || typeof exp !== 'number') {
    throw new IdentityError('TOKEN_INVALID', 'the assertion needs iat and exp');
  }
  if (iat * 1000 > now + tolerance * 1000) {
    throw new IdentityError('TOKEN_INVALID', 'the assertion was issued in the future');
  }
  if (exp - iat > (options.maxLifetimeSeconds ?? 300)) {
    throw new IdentityError('TOKEN_TOO_LONG', 'the assertion lives longer than allowed');
  }
  if (groups !== undefined && !StringArray(groups)) {
    throw new IdentityError('TOKEN_INVALID', 'the groups claim must be a list of strings');
  }
  const displayName = name === undefined ? undefined : PersonName.safeParse(name);
  if (displayName?.success === false) {
    throw new IdentityError(
      'TOKEN_INVALID',
      'the name claim must be a display name: text of 1 to 200 characters, no control characters',
    );
  }
  if (!(await guard.claim(jti, (exp + tolerance) * 1000, now))) {
    throw new IdentityError('TOKEN_REPLAYED', 'the assertion was used before');
  }
  return {
    id: sub,
    groups: groups ?? [],
    ...(displayName ? { name: displayName.data } : {}),
  };
}

/**
 * How a request proved who it acts for: a user assertion, or an API token and its scopes.
 *
 * @example
 * const credential = c.get('credential');
 * if (credential.kind === 'token') console.log(credential.tokenId, credential.scopes);
 */
export type Credential =
  | { kind: 'assertion' }
  | {
      kind: 'token';
      tokenId: string;
      tokenName: string;
      scopes: readonly Scope[];
      /** A person's session (the order desk): read as that person, not as a system. */
      person: boolean;
    };

/**
 * The variables `authenticate` sets on a request.
 *
 * @example
 * const app = new Hono<IdentityEnv>().use('/v1/*', authenticate({ identity }));
 */
export interface IdentityEnv {
  Variables: { actor: ActorInput; credential: Credential; system?: boolean };
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Checks an `Authorization` header of either kind: `Bearer og_…` is an API token (checked by
 * `identity.tokens`), any other bearer value a user assertion (`verifyAssertion`).
 * @throws {IdentityError} with the refusal code; its message never contains the credential.
 *
 * @example
 * const { actor, credential } = await authenticateHeader(header, identity, guard, Date.now());
 */
export async function authenticateHeader(
  header: string | undefined,
  identity: IdentityOptions,
  guard: ReplayGuard,
  now: number,
): Promise<{ actor: ActorInput; credential: Credential }> {
  const value = header === undefined ? undefined : BEARER.exec(header)?.[1];
  if (value?.startsWith('og_')) {
    if (!identity.tokens) {
      throw new IdentityError('TOKEN_INVALID', 'API tokens are not accepted by this service');
    }
    const t = await identity.tokens.verify(value, now);
    return {
      actor: t.actor,
      credential: {
        kind: 'token',
        tokenId: t.id,
        tokenName: t.name,
        scopes: t.scopes,
        person: t.person,
      },
    };
  }
  const actor = await verifyAssertion(header, identity, guard, now);
  return { actor, credential: { kind: 'assertion' } };
}

/**
 * Options of `authenticate`.
 *
 * @example
 * const options: AuthenticateOptions = { identity, publicPaths: new Set(['/healthz']) };
 */
export interface AuthenticateOptions {
  identity: IdentityOptions;
  /** The time in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Paths that need no credential (exact matches). */
  publicPaths?: ReadonlySet<string>;
  /** The scope each route needs from a token (default `ROUTE_SCOPES`). */
  routeScopes?: readonly RouteScope[];
}

function refuse(c: Context, p: Problem & { scope?: Scope }): Response {
  return c.body(JSON.stringify(p), p.status as 401, { 'content-type': PROBLEM_JSON });
}

function scopeMissing(c: Context, scope: Scope): Response {
  c.header('WWW-Authenticate', `Bearer error="insufficient_scope", scope="${scope}"`);
  return refuse(c, {
    ...problem(403, 'SCOPE_MISSING', `this API token lacks the scope ${scope}`),
    scope,
  });
}

/**
 * The one authenticator of the `/v1` routes, as Hono middleware: accepts an API token
 * (`Bearer og_…`: its actor, and its scope must cover the route, `ROUTE_SCOPES`) or an
 * ERP-signed user assertion (a person: no scopes, the core authorises every action). Sets
 * `actor`, `credential` and `system` (true for a system's token). Refuses with problem+json: 401 and the `IdentityError` code
 * (`TOKEN_MISSING`, `TOKEN_INVALID`, `TOKEN_EXPIRED`, `TOKEN_REVOKED`, `TOKEN_AUDIENCE`,
 * `TOKEN_TOO_LONG`, `TOKEN_REPLAYED`), or 403 `SCOPE_MISSING` with the `scope` it needs.
 *
 * @example
 * app.use('/v1/*', authenticate({ identity, now, publicPaths: new Set(['/healthz']) }));
 */
export function authenticate(options: AuthenticateOptions): MiddlewareHandler<IdentityEnv> {
  const { identity } = options;
  const now = options.now ?? (() => Date.now());
  const guard = identity.replayGuard ?? new MemoryReplayGuard();
  const publicPaths = options.publicPaths ?? new Set<string>();
  const routes = options.routeScopes ?? ROUTE_SCOPES;
  return async (c, next) => {
    if (publicPaths.has(c.req.path)) return next();
    let who: { actor: ActorInput; credential: Credential };
    try {
      who = await authenticateHeader(c.req.header('authorization'), identity, guard, now());
    } catch (e) {
      if (!(e instanceof IdentityError)) throw e;
      c.header('WWW-Authenticate', 'Bearer');
      return refuse(c, problem(401, e.code, e.message));
    }
    if (identity.people && who.actor.name !== undefined) {
      await identity.people.remember(
        [{ id: who.actor.id, name: who.actor.name }],
        who.credential.kind === 'token' ? 'token' : 'assertion',
      );
    }
    c.set('actor', who.actor);
    c.set('credential', who.credential);
    // A system's API token is a system caller (routes read `system`: decision 017); a person's
    // assertion or session token (the order desk's sign-in) never is.
    c.set('system', who.credential.kind === 'token' && !who.credential.person);
    if (who.credential.kind === 'token') {
      const needed = scopeFor(c.req.method, c.req.path, routes);
      if (!grants(who.credential.scopes, needed)) return scopeMissing(c, needed);
    }
    await next();
  };
}

/**
 * Route middleware that asks an API token for one more scope than `ROUTE_SCOPES` gives its
 * path (a user assertion passes: the core authorises people). Answers 403 `SCOPE_MISSING`, or
 * 401 `TOKEN_MISSING` on a route `authenticate` did not run on.
 *
 * @example
 * app.openapi(createRoute({ method: 'post', path: '/v1/sync/run', middleware: [requireScope('sync')] as const, … }), handler);
 */
export function requireScope(scope: Scope): MiddlewareHandler<IdentityEnv> {
  return async (c, next) => {
    const credential = c.get('credential') as Credential | undefined;
    if (!credential) {
      c.header('WWW-Authenticate', 'Bearer');
      return refuse(c, problem(401, 'TOKEN_MISSING', 'a Bearer credential is required'));
    }
    if (credential.kind === 'token' && !grants(credential.scopes, scope)) {
      return scopeMissing(c, scope);
    }
    await next();
  };
}
