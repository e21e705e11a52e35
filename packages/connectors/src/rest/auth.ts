import { ConnectorConfigError, ConnectorError } from '../internal/http/ConnectorError.js';
import { HttpClient, type HttpClientOptions } from '../internal/http/HttpClient.js';
import { SecretSet } from '../internal/http/secrets.js';
import type { EnvRef, RestAuth } from './RestMapping.js';

/** Environment the mapping's `{ env: NAME }` references are read from. */
export type RestEnv = Readonly<Record<string, string | undefined>>;

/** Resolves a plain value or an `{ env }` reference; a missing variable is a config problem. */
export function resolveValue(
  value: string | EnvRef,
  env: RestEnv,
  field: string,
  problems: { field: string; fix: string }[],
): string {
  if (typeof value === 'string') return value;
  const v = env[value.env];
  if (v === undefined || v === '') {
    problems.push({
      field: value.env,
      fix: `set the environment variable ${value.env} (${field} of the mapping)`,
    });
    return '';
  }
  return v;
}

/** The secret values an auth setting uses (to mask them everywhere). */
export function authSecrets(auth: RestAuth, env: RestEnv): string[] {
  const problems: { field: string; fix: string }[] = [];
  switch (auth.type) {
    case 'none':
      return [];
    case 'bearer':
      return [resolveValue(auth.token, env, 'auth.token', problems)];
    case 'basic':
      return [resolveValue(auth.password, env, 'auth.password', problems)];
    case 'apiKey':
      return [resolveValue(auth.key, env, 'auth.key', problems)];
    case 'oauth2':
      return [resolveValue(auth.clientSecret, env, 'auth.clientSecret', problems)];
  }
}

/**
 * Auth headers per request. For OAuth2 client credentials the token is fetched on first use,
 * refreshed `refreshSkewSeconds` before it expires, and dropped on a 401 (`invalidate`) so the
 * next request fetches a new one.
 */
export class RestAuthenticator {
  readonly #auth: RestAuth;
  readonly #values: Record<string, string>;
  #token: { value: string; expiresAt: number } | undefined;
  #pending: Promise<string> | undefined;
  readonly #tokenClient: HttpClient | undefined;
  readonly #tokenPath: string;
  readonly #now: () => number;
  /** Tokens fetched so far (OAuth2). */
  tokensFetched = 0;
  /** The last tokens issued, to mask them (the client's own SecretSet is fixed at construction). */
  #issued = new SecretSet([]);
  #recent: string[] = [];

  constructor(
    auth: RestAuth,
    env: RestEnv,
    baseUrl: string,
    secrets: SecretSet,
    httpOptions: Pick<HttpClientOptions, 'fetch' | 'timeoutMs' | 'retry' | 'sleep'>,
    now: () => number = () => Date.now(),
  ) {
    this.#auth = auth;
    this.#now = now;
    const problems: { field: string; fix: string }[] = [];
    const v: Record<string, string> = {};
    if (auth.type === 'bearer') v.token = resolveValue(auth.token, env, 'auth.token', problems);
    if (auth.type === 'basic') {
      v.username = resolveValue(auth.username, env, 'auth.username', problems);
      v.password = resolveValue(auth.password, env, 'auth.password', problems);
    }
    if (auth.type === 'apiKey') v.key = resolveValue(auth.key, env, 'auth.key', problems);
    let tokenPath = '';
    if (auth.type === 'oauth2') {
      v.clientId = resolveValue(auth.clientId, env, 'auth.clientId', problems);
      v.clientSecret = resolveValue(auth.clientSecret, env, 'auth.clientSecret', problems);
      let tokenBase = baseUrl;
      if (/^https?:\/\//i.test(auth.tokenUrl)) {
        const u = new URL(auth.tokenUrl);
        tokenBase = `${u.protocol}//${u.host}`;
        tokenPath = `${u.pathname}`;
      } else {
        tokenPath = auth.tokenUrl.startsWith('/') ? auth.tokenUrl : `/${auth.tokenUrl}`;
      }
      this.#tokenClient = new HttpClient({
        service: 'OAuth2 token endpoint',
        baseUrl: tokenBase,
        secrets,
        ...httpOptions,
      });
    }
    if (problems.length > 0) throw new ConnectorConfigError('REST connector', problems);
    this.#values = v;
    this.#tokenPath = tokenPath;
  }

  /** Headers for the next request (fetches or refreshes an OAuth2 token when due). */
  async headers(): Promise<Record<string, string>> {
    const a = this.#auth;
    switch (a.type) {
      case 'none':
        return {};
      case 'bearer':
        return { Authorization: `Bearer ${this.#values.token}` };
      case 'basic':
        return {
          Authorization: `Basic ${Buffer.from(`${this.#values.username}:${this.#values.password}`).toString('base64')}`,
        };
      case 'apiKey':
        return { [a.header]: this.#values.key! };
      case 'oauth2':
        return { Authorization: `Bearer ${await this.token()}` };
    }
  }

  /**
   * Masks the OAuth2 access tokens issued lately in a text (a server echoing the bearer token).
   *
   * @example
   * error.message = auth.mask(error.message);
   */
  mask(text: string): string {
    return this.#issued.mask(text);
  }

  /** True when a 401 may be cured by a new token (OAuth2). */
  get refreshable(): boolean {
    return this.#auth.type === 'oauth2';
  }

  /** Forgets the current token (the server said 401). */
  invalidate(): void {
    this.#token = undefined;
  }

  private token(): Promise<string> {
    if (this.#token && this.#now() < this.#token.expiresAt)
      return Promise.resolve(this.#token.value);
    this.#pending ??= this.fetchToken().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  private async fetchToken(): Promise<string> {
    const a = this.#auth;
    if (a.type !== 'oauth2') throw new Error('not OAuth2');
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (a.scope) form.set('scope', a.scope);
    const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded' };
    if (a.clientAuth === 'basic') {
      headers.Authorization = `Basic ${Buffer.from(`${encodeURIComponent(this.#values.clientId!)}:${encodeURIComponent(this.#values.clientSecret!)}`).toString('base64')}`;
    } else {
      form.set('client_id', this.#values.clientId!);
      form.set('client_secret', this.#values.clientSecret!);
    }
    const answer = await this.#tokenClient!.request({
      method: 'POST',
      path: this.#tokenPath,
      body: form.toString(),
      headers,
      idempotent: true,
      label: 'OAuth2 token',
    });
    let parsed: { access_token?: unknown; expires_in?: unknown };
    try {
      parsed = JSON.parse(answer.text) as typeof parsed;
    } catch {
      throw new ConnectorError('REST_AUTH', 'The OAuth2 token endpoint did not answer JSON', {
        status: answer.status,
      });
    }
    if (typeof parsed.access_token !== 'string' || parsed.access_token === '') {
      throw new ConnectorError(
        'REST_AUTH',
        'The OAuth2 token endpoint answered without access_token',
        { status: answer.status },
      );
    }
    const seconds = Number(parsed.expires_in ?? 3600);
    const life = Number.isFinite(seconds) && seconds > 0 ? seconds : 3600;
    this.tokensFetched++;
    this.#recent = [parsed.access_token, ...this.#recent].slice(0, 8);
    this.#issued = new SecretSet(this.#recent);
    this.#token = {
      value: parsed.access_token,
      expiresAt: this.#now() + Math.max(0, life - a.refreshSkewSeconds) * 1000,
    };
    return parsed.access_token;
  }
}
