// The published packages as a consumer gets them: both packages are packed with `pnpm pack`
// (workspace ranges replaced, only `files` shipped), installed together with zod into an empty
// project by npm, and loaded through `import` and `require`. It checks what the workspace cannot
// show: one zod and one core in the consumer's tree (decision 007), every entry point loading in
// both module systems, the audit entry loading no zod, the license shipped.
//
// Needs the packages built; builds them first when dist/ is missing or older than src/ (a fresh
// clone running `pnpm test`). npm installs from its cache when it can and from the registry
// otherwise.
import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = ['core', 'connectors'] as const;

interface Manifest {
  name: string;
  version: string;
  license?: string;
  engines?: { node?: string };
  files?: string[];
  exports?: Record<string, unknown>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = (dir: string): Manifest =>
  JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The pnpm that runs this test (`npx -y pnpm@10 test` puts none on PATH), else the one on PATH. */
function pnpm(args: string[], options: ExecFileSyncOptions): string {
  const execPath = process.env.npm_execpath;
  const [file, prefix] =
    execPath && /pnpm/.test(execPath) ? [process.execPath, [execPath]] : ['pnpm', []];
  return execFileSync(file, [...prefix, ...args], { encoding: 'utf8', ...options }) as string;
}

/** The environment without the npm_config_* settings pnpm exports to scripts, which npm would obey. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(['registry', 'cache', 'userconfig', 'proxy', 'https_proxy', 'noproxy']);
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) =>
        !key.toLowerCase().startsWith('npm_config_') || keep.has(key.slice(11).toLowerCase()),
    ),
  );
}

/** Every file an `exports` map points to. */
function exportTargets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(exportTargets);
  return [];
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function needsBuild(): boolean {
  return PACKAGES.some((name) => {
    const dir = join(ROOT, 'packages', name);
    const targets = exportTargets(manifest(dir).exports)
      .filter((t) => t.startsWith('./dist/'))
      .map((t) => join(dir, t));
    if (targets.some((t) => !existsSync(t))) return true;
    return Math.min(...targets.map((t) => statSync(t).mtimeMs)) < newestMtime(join(dir, 'src'));
  });
}

/** Every `<name>/package.json` installed anywhere under `dir`'s node_modules trees. */
function installedCopies(dir: string, name: string): string[] {
  const found: string[] = [];
  const walk = (nodeModules: string) => {
    if (!existsSync(nodeModules)) return;
    const candidate = join(nodeModules, name, 'package.json');
    if (existsSync(candidate)) found.push(candidate);
    for (const entry of readdirSync(nodeModules, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      const pkgs = entry.name.startsWith('@')
        ? readdirSync(join(nodeModules, entry.name)).map((n) => join(entry.name, n))
        : [entry.name];
      for (const pkg of pkgs) walk(join(nodeModules, pkg, 'node_modules'));
    }
  };
  walk(join(dir, 'node_modules'));
  return found;
}

// node startup plus loading every entry; CI machines are shared and slow
const NODE_RUN_TIMEOUT = 60_000;

let work = '';
let app = '';

/** Runs a script with node inside the consumer project and returns what it printed. */
function runNode(args: string[]): string {
  return execFileSync(process.execPath, args, { cwd: app, encoding: 'utf8' });
}

describe('packed packages installed by a consumer', () => {
  beforeAll(() => {
    if (needsBuild()) pnpm(['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
    work = mkdtempSync(join(tmpdir(), 'ordergate-pack-'));
    app = join(work, 'app');
    for (const name of PACKAGES) {
      pnpm(['pack', '--pack-destination', work], {
        cwd: join(ROOT, 'packages', name),
        stdio: 'pipe',
      });
    }
    const tarballs = readdirSync(work)
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => join(work, f));
    expect(tarballs).toHaveLength(PACKAGES.length);
    execFileSync('mkdir', [app]);
    writeFileSync(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2),
    );
    const zodRange = manifest(join(ROOT, 'packages/core')).peerDependencies?.zod ?? '';
    execFileSync(
      'npm',
      [
        'install',
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...tarballs,
        `zod@${zodRange}`,
      ],
      { cwd: app, env: npmEnv(), stdio: 'pipe' },
    );
  }, 600_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('declares zod as a peer with one range in every package, and the core as a peer of the connectors', () => {
    const core = manifest(join(ROOT, 'packages/core'));
    const connectors = manifest(join(ROOT, 'packages/connectors'));
    expect(core.dependencies?.zod).toBeUndefined();
    expect(connectors.dependencies?.zod).toBeUndefined();
    expect(connectors.dependencies?.['@ordergate/core']).toBeUndefined();
    expect(core.peerDependencies?.zod).toMatch(/^\^4\./);
    expect(connectors.peerDependencies?.zod).toBe(core.peerDependencies?.zod);
    // as published: the workspace range became a caret range on the core's version
    const packed = manifest(join(app, 'node_modules/@ordergate/connectors'));
    expect(packed.peerDependencies?.['@ordergate/core']).toBe(`^${core.version}`);
  });

  it('installs exactly one zod and one core', () => {
    expect(installedCopies(app, 'zod')).toHaveLength(1);
    expect(installedCopies(app, '@ordergate/core')).toHaveLength(1);
    expect(installedCopies(app, '@ordergate/connectors')).toHaveLength(1);
  });

  it('ships the MIT license and the engines range in each package', () => {
    for (const name of PACKAGES) {
      const dir = join(app, 'node_modules/@ordergate', name);
      const m = manifest(dir);
      expect(m.license).toBe('MIT');
      expect(m.engines?.node).toBe('>=20.19');
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    }
  });

  it(
    'loads every entry point with import (ESM), sharing the consumer’s zod',
    () => {
      const out = runNode([
        '--input-type=module',
        '-e',
        `
      import { z } from 'zod';
      const core = await import('@ordergate/core');
      const audit = await import('@ordergate/core/audit');
      const node = await import('@ordergate/core/node');
      const connectors = await import('@ordergate/connectors');
      const schema = await import('@ordergate/core/policy.schema.json', { with: { type: 'json' } });
      const draft = { stream: 'order:1', type: 'order.submitted', at: '2026-01-01T00:00:00Z', actor: 'u', data: {} };
      console.log(JSON.stringify({
        loadPolicy: typeof core.loadPolicy,
        orderIsConsumerZod: core.Order instanceof z.ZodType,
        sameChain: audit.sealEvent(undefined, draft, audit.portableSha256).hash ===
          core.sealEvent(undefined, draft, node.nodeSha256).hash,
        connector: typeof connectors.OdooConnector,
        schema: typeof schema.default.properties,
      }));
      `,
      ]);
      expect(JSON.parse(out)).toEqual({
        loadPolicy: 'function',
        orderIsConsumerZod: true,
        sameChain: true,
        connector: 'function',
        schema: 'object',
      });
    },
    NODE_RUN_TIMEOUT,
  );

  it(
    'loads every entry point with require (CJS); the audit entry loads no zod',
    () => {
      const out = runNode([
        '-e',
        `
      const audit = require('@ordergate/core/audit');
      const zodAfterAudit = Object.keys(require.cache).some((p) => /[\\\\/]zod[\\\\/]/.test(p));
      const { z } = require('zod');
      const core = require('@ordergate/core');
      const { nodeSha256 } = require('@ordergate/core/node');
      const connectors = require('@ordergate/connectors');
      const schema = require('@ordergate/core/policy.schema.json');
      const draft = { stream: 'order:1', type: 'order.submitted', at: '2026-01-01T00:00:00Z', actor: 'u', data: {} };
      console.log(JSON.stringify({
        zodAfterAudit,
        loadPolicy: typeof core.loadPolicy,
        orderIsConsumerZod: core.Order instanceof z.ZodType,
        sameChain: audit.sealEvent(undefined, draft, audit.portableSha256).hash ===
          core.sealEvent(undefined, draft, nodeSha256).hash,
        connector: typeof connectors.OdooConnector,
        schema: typeof schema.properties,
      }));
      `,
      ]);
      expect(JSON.parse(out)).toEqual({
        zodAfterAudit: false,
        loadPolicy: 'function',
        orderIsConsumerZod: true,
        sameChain: true,
        connector: 'function',
        schema: 'object',
      });
    },
    NODE_RUN_TIMEOUT,
  );
});
