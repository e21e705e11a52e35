import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import {
  loadPolicy,
  Ordergate,
  PolicyError,
  ValidationError,
  type ActorInput,
  type EffectReceiver,
  type InputIssue,
  type Policy,
} from '@ordergate/core';
import { PostgresStore } from '../../PostgresStore.js';
import { CliError, EXIT } from './exit.js';
import type { CliIo } from './io.js';

/** The embedded store's directory when neither `--data-dir` nor `ORDERGATE_DATA_DIR` is given. */
export const DEFAULT_DATA_DIR = '.ordergate/data';

/** Options every store-using command takes. */
export interface StoreOptions {
  dataDir?: string;
  schema?: string;
}

/**
 * Reads a YAML or JSON file (by its extension; YAML otherwise, which also reads JSON) as plain
 * data.
 * @throws {CliError} `EXIT.USAGE` when the file cannot be read or parsed, naming the line.
 *
 * @example
 * const doc = readDataFile(io, 'policy.yaml'); // unknown: validate it next
 */
export function readDataFile(io: CliIo, file: string): unknown {
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError(EXIT.USAGE, `cannot read ${file}: ${code}`);
  }
  if (/\.json$/i.test(path)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (e) {
      throw new CliError(EXIT.USAGE, `${file} is not JSON: ${(e as Error).message}`);
    }
  }
  try {
    return parseYaml(text, { prettyErrors: true }) as unknown;
  } catch (e) {
    const where =
      e instanceof YAMLParseError && e.linePos ? ` (line ${String(e.linePos[0].line)})` : '';
    throw new CliError(
      EXIT.USAGE,
      `${file} is not YAML${where}: ${(e as Error).message.split('\n')[0] ?? ''}`,
    );
  }
}

/** Every issue as `path: message` lines. */
export function issueLines(issues: readonly InputIssue[]): string[] {
  return issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`);
}

/**
 * The policy of `--policy <file>` (or `ORDERGATE_POLICY`), merged over the defaults; the
 * defaults alone when none is given.
 * @throws {CliError} `EXIT.USAGE` listing every problem with its path.
 *
 * @example
 * const policy = policyFrom(io, opts.policy);
 */
export function policyFrom(io: CliIo, file: string | undefined): Policy {
  const path = file ?? io.env.ORDERGATE_POLICY;
  if (!path) return loadPolicy({});
  const doc = readDataFile(io, path);
  try {
    return loadPolicy(doc);
  } catch (e) {
    if (e instanceof PolicyError || e instanceof ValidationError) {
      throw new CliError(EXIT.USAGE, `${path}: the policy has problems`, issueLines(e.issues));
    }
    throw e;
  }
}

/** Where the store lives: `DATABASE_URL` (PostgreSQL), else PGlite on the data directory. */
export function storeTarget(
  io: CliIo,
  options: StoreOptions,
): { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string } {
  const url = io.env.DATABASE_URL;
  if (url) return { kind: 'postgres', url };
  const dir = options.dataDir ?? io.env.ORDERGATE_DATA_DIR ?? DEFAULT_DATA_DIR;
  return { kind: 'pglite', dataDir: isAbsolute(dir) ? dir : join(io.cwd, dir) };
}

/** A description of the target for messages: the URL without its password. */
export function describeTarget(target: ReturnType<typeof storeTarget>): string {
  if (target.kind === 'pglite') return `PGlite in ${target.dataDir}`;
  try {
    const u = new URL(target.url);
    if (u.password) u.password = '***';
    return `PostgreSQL at ${u.toString()}`;
  } catch {
    return 'PostgreSQL (DATABASE_URL is not a URL)';
  }
}

/**
 * Opens (and migrates) the store the options and environment name.
 * @throws {CliError} `EXIT.STORE` when it cannot be reached or migrated.
 *
 * @example
 * const store = await openStore(io, { dataDir: './data' });
 */
export async function openStore(
  io: CliIo,
  options: StoreOptions,
  maxConnections = 10,
): Promise<PostgresStore> {
  const target = storeTarget(io, options);
  const schema = options.schema ?? io.env.ORDERGATE_SCHEMA;
  try {
    return await PostgresStore.open({
      ...(target.kind === 'postgres'
        ? { connectionString: target.url, maxConnections }
        : { dataDir: target.dataDir }),
      ...(schema ? { schema } : {}),
    });
  } catch (e) {
    // the driver's message names the host and the reason, never the password
    const reason = (e as Error).message.replaceAll(/\/\/[^@/\s]*@/g, '//***@');
    throw new CliError(EXIT.STORE, `cannot open the store (${describeTarget(target)}): ${reason}`);
  }
}

/** The application over a store: the real clock and random ids; effects go to `receiver` when given. */
export function gate(store: PostgresStore, policy: Policy, receiver?: EffectReceiver): Ordergate {
  return new Ordergate({
    policy,
    store,
    clock: { now: () => new Date().toISOString() },
    ids: { next: (prefix) => `${prefix}-${randomUUID()}` },
    ...(receiver ? { receiver } : {}),
  });
}

/**
 * The person a command acts as: `--as <user>` with `--groups a,b` (the ERP groups the policy
 * maps to roles).
 * @throws {CliError} `EXIT.USAGE` when `--as` is missing.
 *
 * @example
 * actorFrom({ as: 'u-gao', groups: 'archive_office' }); // { id: 'u-gao', groups: ['archive_office'] }
 */
export function actorFrom(options: { as?: string; groups?: string }): ActorInput {
  if (!options.as) throw new CliError(EXIT.USAGE, 'say who acts: --as <user-id> [--groups a,b]');
  return { id: options.as, groups: splitList(options.groups) };
}

/** A comma-separated list, trimmed, without empty items. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
