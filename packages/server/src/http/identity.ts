import { errors as joseErrors, jwtVerify } from 'jose';
import type { ActorInput } from '@ordergate/core';
import type { SharedSecret } from './secret.js';

/** Why a user assertion was refused (each answers 401 with this `code`). */
export type IdentityRefusalCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_AUDIENCE'
  | 'TOKEN_REPLAYED'
  | 'TOKEN_TOO_LONG';

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
  /** Where used `jti`s are remembered (default: one `MemoryReplayGuard` per app). */
  replayGuard?: ReplayGuard;
}

/** Remembers assertion ids until they expire, so that each is accepted once. */
export interface ReplayGuard {
  /** Records `jti` until `expiresAt` (ms); false when it was already recorded and alive. */
  claim(jti: string, expiresAt: number, now: number): boolean;
}

/**
 * A `ReplayGuard` in this process's memory: a map of `jti` to expiry, purged of expired ids as it
 * goes, with at most `capacity` live ids (the oldest expiring first make room). It protects one
 * instance only: several instances behind a load balancer need a guard in the shared store
 * (later; see the README's "HTTP API").
 *
 * @example
 * const guard = new MemoryReplayGuard();
 * guard.claim('a1', Date.now() + 60_000, Date.now()); // true
 * guard.claim('a1', Date.now() + 60_000, Date.now()); // false: replayed
 */
export class MemoryReplayGuard implements ReplayGuard {
  readonly #seen = new Map<string, number>();
  readonly #capacity: number;

  constructor(capacity = 100_000) {
    this.#capacity = capacity;
  }

  claim(jti: string, expiresAt: number, now: number): boolean {
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

/** A refused assertion; its message never contains the token or the secret. */
export class IdentityError extends Error {
  override readonly name = 'IdentityError';
  readonly code: IdentityRefusalCode;
  constructor(code: IdentityRefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}

const StringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((g) => typeof g === 'string');

/**
 * Checks an `Authorization` header's user assertion and answers the actor it names:
 * `{ id: sub, groups }`. The core's policy maps the groups to roles.
 * @throws {IdentityError} with the refusal code.
 */
export async function verifyAssertion(
  header: string | undefined,
  options: IdentityOptions,
  guard: ReplayGuard,
  now: number,
): Promise<ActorInput> {
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) throw new IdentityError('TOKEN_MISSING', 'a Bearer user assertion is required');
  const tolerance = options.clockToleranceSeconds ?? 30;
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], options.secret.key(), {
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
  const { sub, iat, exp, jti, groups } = payload;
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
  if (!guard.claim(jti, (exp + tolerance) * 1000, now)) {
    throw new IdentityError('TOKEN_REPLAYED', 'the assertion was used before');
  }
  return { id: sub, groups: groups ?? [] };
}
