/**
 * Benchmark (issue 13): a full sync of N = 1,000 and 10,000 orders (two lines each, 50 customers
 * with two open invoices each) from the sample ERP through `RestConnector.changedOrders`, driven
 * by examples/sample-erp/mapping.yaml, beside the floor: the same data read with the fewest raw
 * `fetch` requests the ERP allows (1,000 records a page) and `JSON.parse`, no mapping. Both are
 * timed the same way in the same run: wall time, and the CPU time of this process
 * (`process.cpuUsage`) — the ERP runs in a child process, so its CPU is not counted (it is shown
 * apart, from /proc, on Linux). Medians of BENCH_RUNS runs (default 5) after BENCH_WARMUP untimed
 * warm-up passes of each (default 3: the process's CPU counts V8's compiler threads, and one pass
 * left the connector's code still being optimised during the first timed runs, which then cost
 * two to five times a settled sync; the floor is mostly `JSON.parse` and has nothing to warm).
 * "cpu of work" is this process's CPU over its CPU plus the ERP's: the share the
 * sync would have on an idle machine, where the wall time is the two working one after the other
 * (on a loaded machine the wall time also holds the wait for a core, and the share looks smaller).
 *
 *   pnpm --filter sample-erp bench          # or: pnpm bench (all benchmarks)
 *   BENCH_SIZES=1000 BENCH_RUNS=3 pnpm --filter sample-erp bench
 *   BENCH_WARMUP=1 pnpm --filter sample-erp bench   # one warm-up pass, as before decision 034
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { RestConnector, loadRestMapping } from '@ordergate/connectors';
import { SAMPLE_ERP_MAPPING } from '../src/app.js';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const TOKEN = 'sample-erp-bench-token-0123456789';
const FLOOR_PAGE = 1000; // the most the sample ERP answers in one page

interface Sample {
  requests: number;
  orders: number;
  wallMs: number;
  cpuMs: number;
  erpCpuMs: number | undefined;
}

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

/** CPU ms (user + system) of a process, from /proc on Linux; undefined elsewhere. */
function processCpuMs(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const fields = readFileSync(`/proc/${String(pid)}/stat`, 'utf8')
      .split(') ')[1]!
      .split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
  } catch {
    return undefined;
  }
}

async function timed(
  child: ChildProcess,
  run: () => Promise<{ requests: number; orders: number }>,
): Promise<Sample> {
  const erp0 = processCpuMs(child.pid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { requests, orders } = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const erp1 = processCpuMs(child.pid);
  return {
    requests,
    orders,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    erpCpuMs: erp0 !== undefined && erp1 !== undefined ? erp1 - erp0 : undefined,
  };
}

// The mapping is read once, as the service reads it at start; each run syncs with a new connector.
const mapping = await loadRestMapping(SAMPLE_ERP_MAPPING);

function connectorFor(url: string): RestConnector {
  return RestConnector.create(mapping, { env: { SAMPLE_ERP_URL: url, SAMPLE_ERP_TOKEN: TOKEN } });
}

async function connectorSync(rest: RestConnector): Promise<{ requests: number; orders: number }> {
  let orders = 0;
  for await (const page of rest.changedOrders()) {
    orders += page.orders.length;
    if (page.rejected.length > 0) throw new Error(`rejected: ${page.rejected[0]!.reason}`);
  }
  return { requests: rest.stats.requests, orders };
}

/** The floor: every order (lines embedded), customer and open invoice, in the fewest requests. */
async function floorRead(url: string): Promise<{ requests: number; orders: number }> {
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function summary(samples: Sample[]) {
  const erp = samples.map((s) => s.erpCpuMs).filter((x): x is number => x !== undefined);
  return {
    requests: median(samples.map((s) => s.requests)),
    orders: median(samples.map((s) => s.orders)),
    wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    cpuShare: median(samples.map((s) => s.cpuMs / s.wallMs)),
    erpCpuMs: erp.length ? Math.round(median(erp)) : undefined,
  };
}

const results: Record<string, unknown>[] = [];
for (const n of SIZES) {
  const t = performance.now();
  const { url, child } = await startErp(n);
  console.log(
    `sample ERP with ${String(n)} orders ready in ${String(Math.round(performance.now() - t))} ms (${url})`,
  );
  try {
    // warm-up, the same for both (JIT, connections, the ERP's caches)
    for (let i = 0; i < WARMUP; i++) {
      await connectorSync(connectorFor(url));
      await floorRead(url);
    }
    const connector: Sample[] = [];
    const floor: Sample[] = [];
    for (let i = 0; i < RUNS; i++) {
      const rest = connectorFor(url);
      connector.push(await timed(child, () => connectorSync(rest)));
      floor.push(await timed(child, () => floorRead(url)));
    }
    for (const [what, samples] of [
      ['connector', connector],
      ['floor', floor],
    ] as const) {
      const s = summary(samples);
      if (s.orders !== n)
        throw new Error(`${what} read ${String(s.orders)} orders, not ${String(n)}`);
      results.push({ what, ...s });
    }
  } finally {
    child.kill('SIGTERM');
  }
}

console.log(
  `\nmedians of ${String(RUNS)} runs after ${String(WARMUP)} warm-up passes each (node ${process.version}); CPU = this process only; ERP CPU = the child`,
);
console.table(
  results.map((r) => ({
    orders: r.orders,
    what: r.what,
    requests: r.requests,
    'wall ms': r.wallMs,
    'cpu ms': r.cpuMs,
    'cpu share': `${((r.cpuShare as number) * 100).toFixed(1)} %`,
    'ERP cpu ms': r.erpCpuMs ?? '—',
    // load-independent: this process's part of the CPU work (wall time grows with the machine's load)
    'cpu of work': r.erpCpuMs
      ? `${(((r.cpuMs as number) / ((r.cpuMs as number) + (r.erpCpuMs as number))) * 100).toFixed(1)} %`
      : '—',
  })),
);
const over = results.filter((r) => r.what === 'connector' && (r.cpuShare as number) >= 0.25);
const overWork = results.filter(
  (r) =>
    r.what === 'connector' &&
    typeof r.erpCpuMs === 'number' &&
    (r.cpuMs as number) / ((r.cpuMs as number) + r.erpCpuMs) >= 0.25,
);
console.log(
  `${over.length === 0 ? 'target met' : 'target missed'}: connector CPU share of the wall time ${over.length === 0 ? 'under' : '≥'} 25 %` +
    `; of the CPU work (load-independent): ${overWork.length === 0 ? 'under' : '≥'} 25 % (load average ${os.loadavg()[0]!.toFixed(1)})`,
);
