// `pnpm bench`: the review benchmark, then the other benchmarks present. Each lives in its own
// file and is loaded on demand, so a bench that is missing or not yet exporting its runner is
// skipped with a note instead of breaking the run. `--only review|credit|audit|diff|size` runs one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BENCHES = {
  review: { file: 'review.ts', runner: 'runReviewBench' },
  credit: { file: 'credit.ts', runner: 'runCreditBench' },
  audit: { file: 'auditVerify.ts', runner: 'runAuditVerifyBench' },
  diff: { file: 'revisionDiff.ts', runner: 'runRevisionDiffBench' },
  size: { file: 'size.ts', runner: 'runSizeBench' },
} as const;
type BenchName = keyof typeof BENCHES;

function isBenchName(name: string): name is BenchName {
  return Object.hasOwn(BENCHES, name);
}

function selected(argv: readonly string[]): BenchName[] {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return Object.keys(BENCHES) as BenchName[];
  const arg = argv[at]!;
  const name = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : (argv[at + 1] ?? '');
  if (!isBenchName(name)) {
    throw new Error(`--only takes one of ${Object.keys(BENCHES).join(', ')}; got "${name}"`);
  }
  return [name];
}

async function runOne(name: BenchName): Promise<boolean> {
  const { file, runner } = BENCHES[name];
  const url = new URL(`./${file}`, import.meta.url);
  if (!existsSync(fileURLToPath(url))) {
    console.log(`[${name}] skipped: bench/${file} is not there yet`);
    return true;
  }
  let mod: Record<string, unknown>;
  try {
    mod = (await import(url.href)) as Record<string, unknown>;
  } catch (error) {
    console.log(
      `[${name}] skipped: bench/${file} does not load (${error instanceof Error ? error.message : String(error)})`,
    );
    return true;
  }
  const run = mod[runner];
  if (typeof run !== 'function') {
    console.log(`[${name}] skipped: bench/${file} has no ${runner} export`);
    return true;
  }
  try {
    await (run as () => Promise<void>)();
    return true;
  } catch (error) {
    console.error(`[${name}] FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

async function main(): Promise<void> {
  let ok = true;
  for (const name of selected(process.argv.slice(2))) {
    console.log(`\n== ${name} ==`);
    ok = (await runOne(name)) && ok;
  }
  if (!ok) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
