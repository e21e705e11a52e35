// CR-4 / CR-7 benchmark: credit assessment of an order for a customer with 10,000 open
// receivables and 1,000 open orders, and an ageing report over 100,000 receivables, each beside
// its floor measured in the same run: one plain loop summing the same amounts into the same
// buckets. Target: within 3× of the floor. Run standalone with
// `npx tsx packages/core/bench/credit.ts`, or call `runCreditBench()` from bench/run.ts.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  ageReceivables,
  assessCredit,
  Customer,
  loadPolicy,
  Order,
  type Customer as CustomerT,
  type Receivable,
} from '../src/index.js';

const AS_OF = '2026-03-02';
const SUBMITTED_AT = '2026-03-02T09:00:00+08:00';
const TARGET = 3;

function isoDay(offset: number): string {
  return new Date(Date.parse(`${AS_OF}T00:00:00Z`) + offset * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

/** Receivables due from 200 days ago to 30 days ahead, amounts 1.00–10,000.00 CNY, deterministic. */
function receivables(n: number): Receivable[] {
  const out: Receivable[] = [];
  let seed = 42;
  for (let i = 0; i < n; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    out.push({
      id: `inv-${String(i)}`,
      amount: 100 + (seed % 1_000_000),
      currency: 'CNY',
      dueDate: isoDay(30 - (seed % 231)),
      reference: '',
    });
  }
  return out;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** ms per call of `fn`, median of `runs` timed batches of `batch` calls, after a warm-up. */
function measure(fn: () => unknown, batch: number, runs: number): number[] {
  for (let i = 0; i < batch; i++) fn();
  const out: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    out.push((performance.now() - start) / batch);
  }
  return out;
}

/** Measures subject and floor alternately, so both see the same machine state; medians. */
function compare(subject: () => unknown, floor: () => unknown, batch: number, runs = 9) {
  const s: number[] = [];
  const f: number[] = [];
  for (let r = 0; r < runs; r++) {
    s.push(...measure(subject, batch, 1));
    f.push(...measure(floor, batch, 1));
  }
  const subjectMs = median(s);
  const floorMs = median(f);
  return { subjectMs, floorMs, ratio: subjectMs / floorMs };
}

function line(label: string, r: { subjectMs: number; floorMs: number; ratio: number }): string {
  const ops = (ms: number) => Math.round(1000 / ms).toLocaleString('en');
  const verdict = r.ratio <= TARGET ? 'within' : 'OVER';
  return (
    `${label}: ${r.subjectMs.toFixed(4)} ms (${ops(r.subjectMs)} ops/s) vs floor ${r.floorMs.toFixed(4)} ms ` +
    `(${ops(r.floorMs)} ops/s): ${r.ratio.toFixed(2)}× — ${verdict} the ${String(TARGET)}× target`
  );
}

// Sinks keep the optimiser from dropping the floors' work.
let sink = 0;

/** Runs both benchmarks and prints the figures. */
export function runCreditBench(): Promise<void> {
  const policy = loadPolicy({});

  // 1. Assessment: 10,000 receivables + 1,000 open orders; over the limit and overdue, so the
  //    CR-4 and CR-6 findings are built too (the heaviest path).
  const customer: CustomerT = Customer.parse({
    id: 'c-bench',
    name: 'Bench Co.',
    credit: {
      grade: 'B',
      limit: { amount: 1_000_000_000, currency: 'CNY' },
      evaluatedAt: '2025-01-01T00:00:00+08:00',
    },
    receivables: receivables(10_000),
    openOrders: Array.from({ length: 1_000 }, (_, i) => ({
      id: `so-${String(i)}`,
      amount: 50_000 + i,
      currency: 'CNY',
    })),
  });
  const order = Order.parse({
    id: 'o-bench',
    customer: { id: 'c-bench', name: 'Bench Co.' },
    lines: [
      {
        id: 'l1',
        productName: 'Pump',
        specification: 'P-200',
        quantity: 2,
        unitPrice: 150_000,
        taxBp: 1_300,
      },
    ],
    currency: 'CNY',
    salesperson: 'u-li',
    enteredAt: SUBMITTED_AT,
  });
  const ctx = {
    policy,
    submittedAt: SUBMITTED_AT,
    submitter: { id: 'u-li', groups: [] },
    customer,
  };
  const found = assessCredit(order, ctx).map((f) => f.ruleId);
  const rs = customer.receivables;
  const os = customer.openOrders;
  // The assessment's buckets: receivables, open orders, and receivables overdue beyond the CR-6
  // age (the ageing that feeds CR-6), the threshold date precomputed as the rule does.
  const threshold = isoDay(-policy.credit.overdueSuspendDays);
  const assessFloor = () => {
    let recv = 0;
    let overdue = 0;
    for (let i = 0; i < rs.length; i++) {
      const r = rs[i]!;
      recv += r.amount;
      if (r.dueDate < threshold) overdue += r.amount;
    }
    let open = 0;
    for (let i = 0; i < os.length; i++) open += os[i]!.amount;
    sink += recv + open + overdue > 1_000_000_000 ? 1 : 0;
  };
  // For reference only: the bare sums, with no look at due dates at all.
  const sumsOnly = () => {
    let total = 0;
    for (let i = 0; i < rs.length; i++) total += rs[i]!.amount;
    for (let i = 0; i < os.length; i++) total += os[i]!.amount;
    sink += total > 1_000_000_000 ? 1 : 0;
  };
  const assess = compare(() => assessCredit(order, ctx), assessFloor, 200);
  console.log(
    line(
      `credit assessment (CR-4, CR-6): 10,000 receivables + 1,000 open orders, findings ${found.join(' ')}`,
      assess,
    ),
  );
  const bare = compare(() => assessCredit(order, ctx), sumsOnly, 200);
  console.log(
    `  (reference: ${bare.ratio.toFixed(2)}× a floor of bare sums that ignores due dates, ${bare.floorMs.toFixed(4)} ms)`,
  );

  // 2. Ageing over 100,000 receivables into the default buckets.
  const big = receivables(100_000);
  const options = { asOf: AS_OF, currency: 'CNY', policy };
  const report = ageReceivables(big, options);
  // The floor gets the bucket edges precomputed as the report does, then one plain loop.
  const e0 = AS_OF;
  const e1 = isoDay(-30);
  const e2 = isoDay(-60);
  const e3 = isoDay(-90);
  const ageingFloor = () => {
    let b0 = 0;
    let b1 = 0;
    let b2 = 0;
    let b3 = 0;
    let b4 = 0;
    for (let i = 0; i < big.length; i++) {
      const r = big[i]!;
      const d = r.dueDate;
      if (d >= e0) b0 += r.amount;
      else if (d >= e1) b1 += r.amount;
      else if (d >= e2) b2 += r.amount;
      else if (d >= e3) b3 += r.amount;
      else b4 += r.amount;
    }
    sink += b0 + b1 + b2 + b3 + b4;
  };
  const ageing = compare(() => ageReceivables(big, options), ageingFloor, 20);
  console.log(
    line(
      `ageing report (CR-7): 100,000 receivables, buckets ${report.buckets.map((b) => `${b.key}=${String(b.count)}`).join(' ')}`,
      ageing,
    ),
  );
  if (sink === Number.MIN_VALUE) console.log(sink);
  return Promise.resolve();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runCreditBench();
}
