import type { Command } from 'commander';
import { NotFoundError, ValidationError } from '@ordergate/core';
import { SCOPES, isScope, type Scope } from '../../identity/scopes.js';
import { TokenStore, type TokenRecord } from '../../identity/TokenStore.js';
import type { CliCommand } from '../support/command.js';
import { issueLines, openStore, splitList, type StoreOptions } from '../support/context.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate token create`. */
export interface TokenCreateOptions extends StoreOptions {
  name?: string;
  actor?: string;
  groups?: string;
  scopes?: string;
  expiresIn?: string;
  json?: boolean;
}

/** Options of `ordergate token list` and `token revoke`. */
export interface TokenListOptions extends StoreOptions {
  json?: boolean;
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A lifetime such as `90d`, `12h` or `30m`, in milliseconds.
 * @throws {CliError} `EXIT.USAGE` for anything else (or more than ten years).
 *
 * @example
 * parseLifetime('90d'); // 7_776_000_000
 */
export function parseLifetime(value: string): number {
  const m = /^(\d{1,6})([mhd])$/.exec(value.trim());
  const ms = m ? Number(m[1]) * UNITS[m[2]!]! : NaN;
  if (!m || ms <= 0 || ms > 3_650 * UNITS.d!) {
    throw new CliError(
      EXIT.USAGE,
      `--expires-in must be a number and a unit m, h or d (e.g. 90d, 12h), at most 3650d; not ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

/** Opens the store (migrating it) and runs `fn` with its token table. */
async function withTokens<T>(
  io: CliIo,
  options: StoreOptions,
  fn: (tokens: TokenStore) => Promise<T>,
): Promise<T> {
  const store = await openStore(io, options, 2);
  try {
    return await fn(new TokenStore(store.driver, { schema: store.schema }));
  } finally {
    await store.close();
  }
}

/**
 * `ordergate token create`: makes an API token acting as `--actor` (with `--groups`, which the
 * policy maps to roles) with `--scopes`, expiring after `--expires-in`. Standard output gets the
 * token's text and nothing else, so that a script can capture it (`TOKEN=$(ordergate token
 * create …)`); its id, hint, scopes and expiry go to standard error. It is shown this once: the
 * store keeps only its SHA-256.
 *
 * @example
 * await runTokenCreate(io, { name: 'odoo sync', actor: 'svc-odoo', groups: 'integration', scopes: 'orders:read,sync', expiresIn: '90d' });
 */
export async function runTokenCreate(io: CliIo, options: TokenCreateOptions): Promise<ExitCode> {
  if (!options.name) throw new CliError(EXIT.USAGE, 'say what the token is for: --name <text>');
  if (!options.actor) throw new CliError(EXIT.USAGE, 'say who it acts as: --actor <user-id>');
  const scopes = splitList(options.scopes);
  const unknown = scopes.filter((s) => !isScope(s));
  if (scopes.length === 0 || unknown.length > 0) {
    throw new CliError(
      EXIT.USAGE,
      `--scopes must list one or more of ${SCOPES.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`,
    );
  }
  const lifetime = parseLifetime(options.expiresIn ?? '90d');
  return withTokens(io, options, async (tokens) => {
    let created;
    try {
      created = await tokens.create({
        name: options.name!,
        actor: { id: options.actor!, groups: splitList(options.groups) },
        scopes: scopes as Scope[],
        expiresAt: new Date(Date.now() + lifetime),
      });
    } catch (e) {
      if (e instanceof ValidationError) {
        throw new CliError(EXIT.USAGE, 'the token cannot be made', issueLines(e.issues));
      }
      throw e;
    }
    io.out(created.token);
    const r = created.record;
    if (options.json) io.err(JSON.stringify(r));
    else {
      io.err(
        `created ${r.id} (${r.hint}) "${r.name}" acting as ${r.actor.id}${r.actor.groups.length ? ` [${r.actor.groups.join(',')}]` : ''}, scopes ${r.scopes.join(',')}, expires ${r.expiresAt}`,
      );
      io.err('The token is shown only this once; the store keeps its hash.');
    }
    return EXIT.OK;
  });
}

/**
 * `ordergate token revoke <id>`: revokes the token at once (every instance refuses it from its
 * next request). Exit 1 when there is no such token.
 *
 * @example
 * await runTokenRevoke(io, 'tok_3kq9…', {});
 */
export async function runTokenRevoke(
  io: CliIo,
  id: string,
  options: TokenListOptions,
): Promise<ExitCode> {
  return withTokens(io, options, async (tokens) => {
    let r: TokenRecord;
    try {
      r = await tokens.revoke(id);
    } catch (e) {
      if (e instanceof NotFoundError) {
        io.err(`ordergate: no token ${id}`);
        return EXIT.FAILED;
      }
      throw e;
    }
    io.out(
      options.json
        ? JSON.stringify(r)
        : `revoked ${r.id} (${r.hint}) "${r.name}" at ${r.revokedAt ?? ''}`,
    );
    return EXIT.OK;
  });
}

/**
 * `ordergate token list`: every token, newest first, with its status, hint and last use; never
 * its text or hash.
 *
 * @example
 * await runTokenList(io, { json: true });
 */
export async function runTokenList(io: CliIo, options: TokenListOptions): Promise<ExitCode> {
  return withTokens(io, options, async (tokens) => {
    const all = await tokens.list();
    if (options.json) {
      io.out(JSON.stringify(all, null, 2));
      return EXIT.OK;
    }
    if (all.length === 0) {
      io.err('no tokens (make one with: ordergate token create)');
      return EXIT.OK;
    }
    io.out(['id', 'status', 'hint', 'name', 'actor', 'scopes', 'expires', 'last used'].join('\t'));
    for (const t of all) {
      io.out(
        [
          t.id,
          t.status,
          t.hint,
          t.name,
          t.actor.id,
          t.scopes.join(','),
          t.expiresAt,
          t.lastUsedAt ?? '-',
        ].join('\t'),
      );
    }
    return EXIT.OK;
  });
}

const storeOptions = (c: Command) =>
  c
    .option('--data-dir <dir>', 'the embedded store (PGlite) directory')
    .option('--schema <name>', 'the PostgreSQL schema (default ordergate)');

/** The `token create` entry of the subcommand table. */
export const tokenCreateCommand: CliCommand = {
  name: 'token create',
  register: (group, io, run) =>
    storeOptions(
      group
        .command('create')
        .description('make an API token for a system; prints only the token on stdout')
        .option('--name <text>', 'what the token is for (shown by token list)')
        .option('--actor <user-id>', 'the actor the token acts as (the core authorises it)')
        .option('--groups <a,b>', 'the actor’s ERP groups, which the policy maps to roles')
        .option('--scopes <a,b>', `what it may reach: ${SCOPES.join(', ')}`)
        .option('--expires-in <n{m|h|d}>', 'lifetime, e.g. 90d, 12h', '90d')
        .option('--json', 'describe the token as JSON on stderr'),
    ).action((opts: TokenCreateOptions) => run(() => runTokenCreate(io, opts))),
};

/** The `token revoke` entry of the subcommand table. */
export const tokenRevokeCommand: CliCommand = {
  name: 'token revoke',
  register: (group, io, run) =>
    storeOptions(
      group
        .command('revoke')
        .description('revoke an API token by its id (tok_…); exit 1 when there is none')
        .argument('<id>', 'the token’s id, as token list shows it')
        .option('--json', 'print the revoked token’s record as JSON'),
    ).action((id: string, opts: TokenListOptions) => run(() => runTokenRevoke(io, id, opts))),
};

/** The `token list` entry of the subcommand table. */
export const tokenListCommand: CliCommand = {
  name: 'token list',
  register: (group, io, run) =>
    storeOptions(
      group
        .command('list')
        .description('every API token with its status (never its text)')
        .option('--json', 'print the list as JSON'),
    ).action((opts: TokenListOptions) => run(() => runTokenList(io, opts))),
};
