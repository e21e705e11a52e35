/**
 * How the sync benchmarks measure (issue 13), shared so that the sample ERP's and Dolibarr's
 * figures are taken the same way: one sample = one whole pass (wall time, this process's CPU
 * time from `process.cpuUsage`, the requests made, the orders read, and the ERP's CPU when it is
 * a process this machine can see); medians over the runs.
 */
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

/** A full sync through the connector: every page of `changedOrders()`, nothing rejected. */
export async function connectorSync(rest: RestConnector): Promise<Pass> {
  let orders = 0;
  for await (const page of rest.changedOrders()) {
    orders += page.orders.length;
    if (page.rejected.length > 0) throw new Error(`rejected: ${page.rejected[0]!.reason}`);
  }
  return { requests: rest.stats.requests, orders };
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
 * A side of the comparison: `prepare` makes, outside the timer, what a run needs (a connector,
 * as the service makes one at start and syncs with it); `run` is the timed pass.
 */
export interface Side<T> {
  prepare: () => T;
  run: (prepared: T) => Promise<Pass>;
}

/**
 * The connector and the floor, interleaved run by run after `warmup` untimed passes of each (the
 * same for both: JIT, connections, the ERP's caches). Each run prepares its side first, outside
 * the timer: a fresh connector (its request count starts at zero), the floor's nothing.
 */
export async function compare<C, F>(
  erp: string,
  { runs, warmup }: Rounds,
  erpPid: number | undefined,
  connector: Side<C>,
  floor: Side<F>,
): Promise<Row[]> {
  for (let i = 0; i < warmup; i++) {
    await connector.run(connector.prepare());
    await floor.run(floor.prepare());
  }
  const c: Sample[] = [];
  const f: Sample[] = [];
  for (let i = 0; i < runs; i++) {
    const rest = connector.prepare();
    c.push(await timed(erpPid, () => connector.run(rest)));
    const raw = floor.prepare();
    f.push(await timed(erpPid, () => floor.run(raw)));
  }
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
