/**
 * How the sync benchmarks measure (issue 13), shared so that the sample ERP's and Dolibarr's
 * figures are taken the same way: each side (the connector, the floor) in its own Node process
 * with the same warm-up; one sample = one whole pass (wall time, that process's CPU time from
 * `process.cpuUsage`, the requests made, the orders read, and the ERP's CPU when it is a process
 * this machine can see); medians over the runs.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { RestConnector } from '@ordergate/connectors';

export interface Sample {
  requests: number;
  orders: number;
  wallMs: number;
  cpuMs: number;
  erpCpuMs: number | undefined;
}

export interface Pass {
  requests: number;
  orders: number;
}

/** CPU ms (user + system) of a process, from /proc on Linux; undefined elsewhere or unknown. */
export function processCpuMs(pid: number | undefined): number | undefined {
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

/** One timed pass; `erpPid` is the ERP's process when it runs on this machine. */
export async function timed(erpPid: number | undefined, run: () => Promise<Pass>): Promise<Sample> {
  const erp0 = processCpuMs(erpPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const { requests, orders } = await run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const erp1 = processCpuMs(erpPid);
  return {
    requests,
    orders,
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    erpCpuMs: erp0 !== undefined && erp1 !== undefined ? erp1 - erp0 : undefined,
  };
}

/**
 * A full sync through the connector, from the start (no checkpoint): every page of
 * `changedOrders()`, nothing rejected; the requests are those this sync made.
 */
export async function connectorSync(rest: RestConnector): Promise<Pass> {
  const before = rest.stats.requests;
  let orders = 0;
  for await (const page of rest.changedOrders()) {
    orders += page.orders.length;
    if (page.rejected.length > 0) throw new Error(`rejected: ${page.rejected[0]!.reason}`);
  }
  return { requests: rest.stats.requests - before, orders };
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface Row {
  erp: string;
  what: 'connector' | 'floor';
  requests: number;
  orders: number;
  wallMs: number;
  cpuMs: number;
  cpuShare: number;
  erpCpuMs: number | undefined;
}

export function summary(erp: string, what: Row['what'], samples: Sample[]): Row {
  const erpCpu = samples.map((s) => s.erpCpuMs).filter((x): x is number => x !== undefined);
  return {
    erp,
    what,
    requests: median(samples.map((s) => s.requests)),
    orders: median(samples.map((s) => s.orders)),
    wallMs: Math.round(median(samples.map((s) => s.wallMs))),
    cpuMs: Math.round(median(samples.map((s) => s.cpuMs))),
    cpuShare: median(samples.map((s) => s.cpuMs / s.wallMs)),
    erpCpuMs: erpCpu.length ? Math.round(median(erpCpu)) : undefined,
  };
}

/** How many timed runs, after how many untimed warm-up passes of each side. */
export interface Rounds {
  runs: number;
  warmup: number;
}

/**
 * A side of the comparison: `prepare` makes, once and outside the timer, what the runs need (a
 * connector, as the service makes one at start and syncs with it again and again); `run` is
 * one timed pass.
 */
export interface Side<T> {
  prepare: () => T;
  run: (prepared: T) => Promise<Pass>;
}

/** The two sides of a benchmark, as one bench script defines them. */
export interface Sides<C, F> {
  connector: Side<C>;
  floor: Side<F>;
}

/** Which side a child process of `compare` runs (`BENCH_SIDE`), when it is one. */
const SIDE = process.env.BENCH_SIDE as Row['what'] | undefined;

/** Whether this process is a child of `compare`, asked to run one side (see `runSide`). */
export const isSideProcess = SIDE === 'connector' || SIDE === 'floor';

/**
 * In a child of `compare`: its side prepared once, `warmup` untimed passes, then `runs` timed
 * ones, the samples printed as the last line of stdout (JSON).
 */
export async function runSide<C, F>(sides: Sides<C, F>, { runs, warmup }: Rounds): Promise<void> {
  if (!isSideProcess) throw new Error('runSide: BENCH_SIDE is not set');
  const side = (SIDE === 'connector' ? sides.connector : sides.floor) as Side<unknown>;
  const erpPid = process.env.BENCH_ERP_PID ? Number(process.env.BENCH_ERP_PID) : undefined;
  const prepared = side.prepare();
  for (let i = 0; i < warmup; i++) await side.run(prepared);
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i++) samples.push(await timed(erpPid, () => side.run(prepared)));
  process.stdout.write(`\n${JSON.stringify(samples)}\n`);
}

/**
 * The connector and the floor, each in its own fresh Node process (this bench script again,
 * with `BENCH_SIDE` set and `env` passed on), one after the other, both with the same warm-up
 * and runs: neither pays for the other's garbage collections or runs on the other's JIT state
 * (interleaved in one process, a collection of the floor's garbage landed in a connector run
 * and the reverse, and the medians of separate bench processes differed by two).
 */
export async function compare(
  erp: string,
  { runs, warmup }: Rounds,
  erpPid: number | undefined,
  env: Record<string, string>,
): Promise<Row[]> {
  const script = process.argv[1]!;
  const apart = async (what: Row['what']): Promise<Sample[]> => {
    const child = spawn(process.execPath, [...process.execArgv, script], {
      env: {
        ...process.env,
        ...env,
        BENCH_SIDE: what,
        BENCH_RUNS: String(runs),
        BENCH_WARMUP: String(warmup),
        ...(erpPid === undefined ? {} : { BENCH_ERP_PID: String(erpPid) }),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const last = out.trim().split('\n').pop() ?? '';
    if (code !== 0 || !last.startsWith('[')) {
      throw new Error(`the ${what} side of the ${erp} benchmark failed (exit ${String(code)})`);
    }
    return JSON.parse(last) as Sample[];
  };
  const c = await apart('connector');
  const f = await apart('floor');
  return [summary(erp, 'connector', c), summary(erp, 'floor', f)];
}

/** The table and the verdict on the target: the connector's CPU under 25 % of the sync's wall. */
export function report(rows: Row[], { runs, warmup }: Rounds): void {
  console.log(
    `\nmedians of ${String(runs)} runs after ${String(warmup)} warm-up passes each (node ${process.version}); CPU = this process only; ERP CPU = the ERP's process when it is local`,
  );
  const ofWork = (r: Row) => (r.erpCpuMs ? r.cpuMs / (r.cpuMs + r.erpCpuMs) : undefined);
  console.table(
    rows.map((r) => ({
      erp: r.erp,
      orders: r.orders,
      what: r.what,
      requests: r.requests,
      'wall ms': r.wallMs,
      'cpu ms': r.cpuMs,
      'cpu share': `${(r.cpuShare * 100).toFixed(1)} %`,
      'ERP cpu ms': r.erpCpuMs ?? '—',
      // load-independent: this process's part of the CPU work (wall time grows with the load)
      'cpu of work': ofWork(r) === undefined ? '—' : `${(ofWork(r)! * 100).toFixed(1)} %`,
    })),
  );
  const connector = rows.filter((r) => r.what === 'connector');
  const over = connector.filter((r) => r.cpuShare >= 0.25);
  const overWork = connector.filter((r) => (ofWork(r) ?? 0) >= 0.25);
  console.log(
    `${over.length === 0 ? 'target met' : 'target missed'}: connector CPU share of the wall time ${over.length === 0 ? 'under' : '≥'} 25 %` +
      `; of the CPU work (load-independent, where the ERP's CPU is known): ${overWork.length === 0 ? 'under' : '≥'} 25 % (load average ${os.loadavg()[0]!.toFixed(1)})`,
  );
}
