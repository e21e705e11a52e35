// Size report: what the core's ESM build costs an application, zod left out (zod is a peer
// dependency the application already has). Each entry point of the built package is bundled with
// esbuild — zod external, shared chunks pulled in — and measured as shipped and minified, raw and
// gzipped (node:zlib, default level). Run standalone with `npx tsx packages/core/bench/size.ts`,
// or call `runSizeBench()` from bench/run.ts. Builds the package first when dist/ is missing or
// older than src/.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(PACKAGE_DIR, 'dist');

/** One measured bundle, in bytes. */
export interface SizeRow {
  label: string;
  raw: number;
  gzip: number;
  minified: number;
  minifiedGzip: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the package when an ESM entry is missing or older than the newest source file. */
function ensureBuilt(entries: readonly string[]): void {
  const files = entries.map((e) => join(DIST, `${e}.js`));
  const stale =
    files.some((f) => !existsSync(f)) ||
    Math.min(...files.map((f) => statSync(f).mtimeMs)) < newestMtime(join(PACKAGE_DIR, 'src'));
  if (!stale) return;
  console.log('size: dist/ is missing or older than src/, building @ordergate/core first…');
  execFileSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'ignore' });
}

async function bundle(contents: string, minify: boolean): Promise<Uint8Array> {
  const result = await build({
    stdin: { contents, resolveDir: PACKAGE_DIR, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    // node.js imports node:crypto (written `crypto` by the build)
    external: ['zod', 'node:*', 'crypto'],
    minify,
    write: false,
    logLevel: 'silent',
  });
  const out = result.outputFiles[0];
  if (!out) throw new Error('esbuild produced no output');
  return out.contents;
}

async function measure(label: string, contents: string): Promise<SizeRow> {
  const shipped = await bundle(contents, false);
  const minified = await bundle(contents, true);
  return {
    label,
    raw: shipped.byteLength,
    gzip: gzipSync(shipped).byteLength,
    minified: minified.byteLength,
    minifiedGzip: gzipSync(minified).byteLength,
  };
}

/** The audit chain's exports, the same in `@ordergate/core` and `@ordergate/core/audit`. */
const AUDIT_EXPORTS =
  'GENESIS_HASH, sealEvent, sealDraft, openSealed, verifyChain, verifySealed, portableSha256';

/**
 * Measures every ESM entry point of the built core with zod external, plus the audit exports
 * taken from the main entry through a tree-shaking bundler, plus zod itself for scale.
 */
export async function measureSizes(): Promise<SizeRow[]> {
  ensureBuilt(['index', 'audit', 'node']);
  return [
    await measure('@ordergate/core', `export * from './dist/index.js';`),
    await measure('@ordergate/core/audit', `export * from './dist/audit.js';`),
    await measure('@ordergate/core/node', `export * from './dist/node.js';`),
    await measure(
      'audit exports of @ordergate/core, tree-shaken',
      `export { ${AUDIT_EXPORTS} } from './dist/index.js';`,
    ),
    await measureZod(),
  ];
}

/** zod as an application bundles it (`import { z } from 'zod'`), for scale only. */
async function measureZod(): Promise<SizeRow> {
  const contents = `import { z } from 'zod'; export { z };`;
  const once = async (minify: boolean) => {
    const result = await build({
      stdin: { contents, resolveDir: PACKAGE_DIR, loader: 'js' },
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      target: 'es2022',
      minify,
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.contents ?? new Uint8Array();
  };
  const shipped = await once(false);
  const minified = await once(true);
  return {
    label: 'zod itself (peer dependency, for scale)',
    raw: shipped.byteLength,
    gzip: gzipSync(shipped).byteLength,
    minified: minified.byteLength,
    minifiedGzip: gzipSync(minified).byteLength,
  };
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Prints the size table. */
export async function runSizeBench(): Promise<void> {
  const rows = await measureSizes();
  const width = Math.max(...rows.map((r) => r.label.length));
  console.log('ESM bundles, zod external; gzip = node:zlib default level');
  console.log(
    `${'entry'.padEnd(width)}  ${'shipped'.padStart(9)}  ${'gzip'.padStart(9)}  ${'minified'.padStart(9)}  ${'min+gzip'.padStart(9)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(width)}  ${kb(r.raw).padStart(9)}  ${kb(r.gzip).padStart(9)}  ${kb(r.minified).padStart(9)}  ${kb(r.minifiedGzip).padStart(9)}`,
    );
  }
  const [core, audit] = rows;
  if (core && audit) {
    console.log(
      `the audit entry is ${((100 * audit.gzip) / core.gzip).toFixed(1)} % of the full core (gzip) and loads no zod`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runSizeBench();
}
