/**
 * Benchmark (issue 13): a full sync of N = 1,000 and 10,000 orders (two lines each, 50 customers
 * with two open invoices each) from the sample ERP through `RestConnector.changedOrders`, driven
 * by examples/sample-erp/mapping.yaml, beside the floor: the same data read with the fewest raw
 * `fetch` requests the ERP allows (1,000 records a page) and `JSON.parse`, no mapping. Both are
 * timed the same way in the same run, each in its own Node process (this script again, see
 * `compare` in bench/measure.ts): wall time, and the CPU time of that process
 * (`process.cpuUsage`) — the ERP runs in a process of its own, so its CPU is not counted (it is
 * shown apart, from /proc, on Linux). Medians of BENCH_RUNS runs (default 5) after BENCH_WARMUP
 * untimed warm-up passes of each side (default 10: the process's CPU counts V8's compiler
 * threads, and a connector process settles only after 8 to 10 syncs — the first ones cost two to
 * ten times a settled sync while its code is optimised; the floor is mostly `JSON.parse` and has
 * little to warm, but gets the same passes).
 * "cpu of work" is this process's CPU over its CPU plus the ERP's: the share the
 * sync would have on an idle machine, where the wall time is the two working one after the other
 * (on a loaded machine the wall time also holds the wait for a core, and the share looks smaller).
 *
 *   pnpm --filter sample-erp bench          # or: pnpm bench (all benchmarks)
 *   BENCH_SIZES=1000 BENCH_RUNS=3 pnpm --filter sample-erp bench
 *   BENCH_WARMUP=3 pnpm --filter sample-erp bench   # three warm-up passes, as in session 6
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { RestConnector, loadRestMapping } from '@ordergate/connectors';
import {
  compare,
  connectorSync,
  isSideProcess,
  report,
  runSide,
  type Pass,
  type Row,
} from './measure.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const TOKEN = 'sample-erp-bench-token-0123456789';
const FLOOR_PAGE = 1000; // the most the sample ERP answers in one page

async function startErp(orders: number): Promise<{ url: string; child: ChildProcess }> {
  const dir = fileURLToPath(new URL('..', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/main.ts', '--port', '0', '--seed', String(orders)],
    {
      cwd: dir,
      env: { ...process.env, SAMPLE_ERP_TOKEN: TOKEN },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`the sample ERP exited (${String(code)})`)));
  });
  return { url, child };
}

// The mapping is read once and the connector made once, as the service does at start; each run syncs
// from the start (no checkpoint) with it.
const mapping = await loadRestMapping(fileURLToPath(new URL('../mapping.yaml', import.meta.url)));

function connectorFor(url: string): RestConnector {
  return RestConnector.create(mapping, { env: { SAMPLE_ERP_URL: url, SAMPLE_ERP_TOKEN: TOKEN } });
}

/** The floor: every order (lines embedded), customer and open invoice, in the fewest requests. */
async function floorRead(url: string): Promise<Pass> {
  let requests = 0;
  const get = async (path: string) => {
    requests++;
    const res = await fetch(`${url}/api${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (!res.ok) throw new Error(`${path}: HTTP ${String(res.status)}`);
    return JSON.parse(await res.text()) as { data: unknown[]; meta: { total: number } };
  };
  const all = async (path: string) => {
    const rows: unknown[] = [];
    for (let page = 1; ; page++) {
      const r = await get(
        `${path}${path.includes('?') ? '&' : '?'}page=${String(page)}&per_page=${String(FLOOR_PAGE)}`,
      );
      rows.push(...r.data);
      if (rows.length >= r.meta.total || r.data.length === 0) return rows;
    }
  };
  // one after the other, as the connector reads
  const orders = await all('/orders');
  await all('/customers');
  await all('/invoices?state=open');
  return { requests, orders: orders.length };
}

if (isSideProcess) {
  // a child of `compare`: one side against the ERP the parent started
  const url = process.env.SAMPLE_ERP_URL!;
  await runSide(
    {
      connector: { prepare: () => connectorFor(url), run: connectorSync },
      floor: { prepare: () => url, run: floorRead },
    },
    { runs: RUNS, warmup: WARMUP },
  );
  process.exit(0);
}

const results: Row[] = [];
for (const n of SIZES) {
  const t = performance.now();
  const { url, child } = await startErp(n);
  console.log(
    `sample ERP with ${String(n)} orders ready in ${String(Math.round(performance.now() - t))} ms (${url})`,
  );
  try {
    const rows = await compare('sample ERP', { runs: RUNS, warmup: WARMUP }, child.pid, {
      SAMPLE_ERP_URL: url,
    });
    for (const r of rows)
      if (r.orders !== n)
        throw new Error(`${r.what} read ${String(r.orders)} orders, not ${String(n)}`);
    results.push(...rows);
  } finally {
    child.kill('SIGTERM');
  }
}
report(results, { runs: RUNS, warmup: WARMUP });
