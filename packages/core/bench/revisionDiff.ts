// CH-5 benchmark: diffing two revisions of a 500-line order. Run standalone with
// `npx tsx packages/core/bench/revisionDiff.ts`, or call `runRevisionDiffBench()` from bench/run.ts.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  applyChangePatch,
  diffRevisions,
  loadPolicy,
  Order,
  type ChangeOp,
  type OrderLineInput,
} from '../src/index.js';

const LINES = 500;

function line(i: number): OrderLineInput {
  return {
    id: `l${String(i)}`,
    productId: `P-${String(i % 37)}`,
    productName: `Product ${String(i % 37)}`,
    model: `M-${String(i % 11)}`,
    specification: `DN${String(25 + (i % 8) * 5)}`,
    quantity: 1 + (i % 20),
    unitPrice: 10_000 + i * 7,
    listPrice: 10_000 + i * 7,
    taxBp: 1_300,
  };
}

/** Revision 1 of a 500-line order and revision 2 with 25 lines changed, 5 added, 5 removed and two header fields. */
function revisions() {
  const a = Order.parse({
    id: 'bench',
    number: 'SO-2026-000500',
    customer: { id: 'c-1', name: 'Bench Co.' },
    contact: { name: 'Zhang', phone: '1', email: 'z@example.cn' },
    lines: Array.from({ length: LINES }, (_, i) => line(i)),
    currency: 'CNY',
    requestedDeliveryDate: '2026-06-30',
    paymentTerms: 'NET30',
    salesperson: 'u-li',
    enteredAt: '2026-03-02T09:00:00+08:00',
  });
  const patch: ChangeOp[] = [
    { op: 'set', field: 'requestedDeliveryDate', value: '2026-07-15' },
    { op: 'set', field: 'contact.phone', value: '2' },
    ...Array.from({ length: 25 }, (_, k): ChangeOp => ({
      op: 'updateLine',
      lineId: `l${String(k * 20)}`,
      set: { quantity: 99, unitPrice: 9_999 },
    })),
    ...Array.from({ length: 5 }, (_, k): ChangeOp => ({
      op: 'removeLine',
      lineId: `l${String(k * 20 + 7)}`,
    })),
    ...Array.from({ length: 5 }, (_, k): ChangeOp => ({
      op: 'addLine',
      line: { ...line(LINES + k) },
    })),
  ];
  // Revision 2 as the desk stores it: every line a distinct object (as after a store round trip),
  // so the diff compares every line field by field rather than short-cutting on identity.
  const applied = applyChangePatch(a, patch, loadPolicy());
  if (!applied.ok) throw new Error('revision diff bench: the patch does not fit');
  const b = structuredClone({ ...applied.order, revision: 2 });
  return { a: structuredClone(a), b };
}

/** Runs the benchmark and prints ms per diff and diffs per second. */
export function runRevisionDiffBench(): Promise<void> {
  const { a, b } = revisions();
  const check = diffRevisions(a, b);
  const changed = check.lines.length;
  for (let i = 0; i < 2_000; i++) diffRevisions(a, b); // warm-up (JIT)
  const rounds = 10_000;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) diffRevisions(a, b);
  const ms = (performance.now() - start) / rounds;
  console.log(
    `revisionDiff (CH-5): ${String(LINES)}-line order, ${String(changed)} line changes + ${String(check.header.length)} header changes: ` +
      `${ms.toFixed(4)} ms/diff, ${Math.round(1000 / ms).toLocaleString('en')} ops/s (${String(rounds)} rounds)`,
  );
  return Promise.resolve();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runRevisionDiffBench();
}
