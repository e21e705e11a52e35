/**
 * Benchmark (issue 13), the same sync measured against a real Dolibarr: a full sync through
 * `RestConnector.changedOrders` driven by examples/rest-dolibarr/mapping.yaml, beside the floor —
 * the same orders (lines embedded), third parties and unpaid invoices read with raw `fetch`
 * requests of 1,000 records (as the sample ERP's floor reads) and `JSON.parse`, no mapping. Taken
 * the same way as bench/sync.ts (bench/measure.ts): each side in its own process, medians of
 * BENCH_RUNS runs after BENCH_WARMUP warm-up passes of each (default 10).
 *
 * Runs only when DOLIBARR_URL and DOLIBARR_KEY name a Dolibarr (the live tests' variables);
 * otherwise it says so and exits 0. Dolibarr is PHP on another process tree, so only this
 * process's CPU is known: the "cpu share" is the connector's CPU over the sync's wall time.
 *
 *   DOLIBARR_URL=http://127.0.0.1:8081 DOLIBARR_KEY=… pnpm --filter sample-erp bench:dolibarr
 */
import { fileURLToPath } from 'node:url';
import { RestConnector, loadRestMapping } from '@ordergate/connectors';
import { compare, connectorSync, isSideProcess, report, runSide, type Pass } from './measure.js';

const URL_ = process.env.DOLIBARR_URL;
const KEY = process.env.DOLIBARR_KEY;
if (!URL_ || !KEY) {
  console.log('Dolibarr sync benchmark skipped: set DOLIBARR_URL and DOLIBARR_KEY to run it.');
  process.exit(0);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 10);
const FLOOR_PAGE = 1000;

const mapping = await loadRestMapping(
  fileURLToPath(new URL('../../rest-dolibarr/mapping.yaml', import.meta.url)),
);
const api = `${URL_.replace(/\/+$/, '')}${mapping.connection.basePath}`;
const env = { DOLIBARR_URL: URL_, DOLIBARR_KEY: KEY };

/** The floor: what the connector reads, in pages of 1,000 and without any mapping. */
async function floorRead(): Promise<Pass> {
  let requests = 0;
  const all = async (path: string, query: Record<string, string>) => {
    const rows: unknown[] = [];
    for (let page = 0; ; page++) {
      requests++;
      const q = new URLSearchParams({ ...query, limit: String(FLOOR_PAGE), page: String(page) });
      const res = await fetch(`${api}${path}?${q.toString()}`, {
        headers: { DOLAPIKEY: KEY!, accept: 'application/json' },
      });
      if (res.status === 404) return rows; // Dolibarr: "No … found" past the last one
      if (!res.ok) throw new Error(`${path}: HTTP ${String(res.status)}`);
      const data = JSON.parse(await res.text()) as unknown[];
      rows.push(...data);
      if (data.length < FLOOR_PAGE) return rows;
    }
  };
  const orders = await all(
    '/orders',
    Object.fromEntries(Object.entries(mapping.orders.list.query).map(([k, v]) => [k, String(v)])),
  );
  await all('/thirdparties', {
    properties: 'id,name,outstanding_limit,array_options,cond_reglement_id',
  });
  await all('/invoices', {
    status: 'unpaid',
    properties: 'id,ref,socid,remaintopay,multicurrency_code,date_lim_reglement',
  });
  return { requests, orders: orders.length };
}

if (isSideProcess) {
  await runSide(
    {
      connector: { prepare: () => RestConnector.create(mapping, { env }), run: connectorSync },
      floor: { prepare: () => undefined, run: floorRead },
    },
    { runs: RUNS, warmup: WARMUP },
  );
  process.exit(0);
}

const t = Date.now();
const first = await connectorSync(RestConnector.create(mapping, { env }));
console.log(
  `Dolibarr at ${URL_}: ${String(first.orders)} orders to sync (first pass ${String(Date.now() - t)} ms)`,
);
const rows = await compare('Dolibarr', { runs: RUNS, warmup: WARMUP }, undefined, {});
report(rows, { runs: RUNS, warmup: WARMUP });
