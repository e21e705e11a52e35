// Review benchmark (IN-2…IN-4, RV-1, RV-3…RV-8, RV-10): `assessReview` on 10-line orders under
// the full review policy, against the same checks written for json-rules-engine and as a
// hand-written if-chain, in the same run. The comparison only counts if all three find the same
// things, so before any timing every order's findings are compared as identities
// (rule|severity|message key|evidence fields) and the run aborts with a diff on any difference.
// Targets: at least 100× json-rules-engine, at most 5× the hand-written chain's time.
// Run standalone with `npx tsx packages/core/bench/review.ts`, or through bench/run.ts.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { assessReview } from '../src/rules/reviewRules.js';
import { identities, multisetDiff, plainOf, type PlainFinding } from './review/findingIdentity.js';
import { handWrittenReview } from './review/handWritten.js';
import {
  buildReviewEngine,
  jsonRulesEngineReview,
  reviewEngineRules,
} from './review/jsonRulesEngine.js';
import { generateReviewCases, LINES_PER_ORDER, type ReviewCase } from './review/orders.js';

const ORDERS = 2_000;
const ROUNDS = 7;
const TARGET_VS_ENGINE = 100;
// Core 1.0: the assessment stays within 2× the hand-written chain that finds the same findings.
const TARGET_VS_HAND = 2;

/**
 * Every message key the generated orders must reach under the full review policy, so the
 * equivalence check covers the rule space and not only the easy paths.
 */
const EXPECTED_KEYS = [
  'intake.required.customer.name',
  'intake.required.contact.name',
  'intake.required.contact.method',
  'intake.malformed.contact.phone',
  'intake.malformed.contact.email',
  'intake.required.deliveryAddress.street',
  'intake.required.deliveryAddress.city',
  'intake.malformed.deliveryAddress.country',
  'intake.required.line.product',
  'intake.required.line.specification',
  'intake.required.requestedDeliveryDate',
  'intake.required.paymentTerms',
  'intake.required.invoice.title',
  'intake.required.invoice.taxId',
  'intake.verbal.confirmationDeadline',
  'intake.urgent.prioritised',
  'intake.urgent.feasibilityMissing',
  'intake.urgent.infeasible',
  'review.exceptional.paymentTerms',
  'review.pricing.deliveryDate.past',
  'review.pricing.leadTime.tooShortWorkingDays',
  'review.pricing.listPrice.missing',
  'review.pricing.unitPrice.zero',
  'review.salesHead.required',
  'review.jointReview.special',
  'review.jointReview.largeAmount',
  'review.jointReview.unknownCurrency',
  'review.jointReview.complex',
  'review.route.regular',
  'review.route.nonRegular.changed',
  'review.route.nonRegular.neverShipped',
  'review.route.nonRegular.docsIncomplete',
  'review.discount.lineBeyondAuthority',
  'review.discount.orderBeyondAuthority',
  'review.exceptional.lineDiscount',
  'review.exceptional.orderDiscount',
  'review.exceptional.shipBeforePayment',
  'review.advance.required',
  'review.contract.legalReview',
];

type Engine = ReturnType<typeof buildReviewEngine>;

interface Equivalence {
  findings: number;
  kinds: Map<string, number>;
}

/** Compares the three implementations on every case; throws with a diff on the first few that differ. */
async function checkEquivalence(
  cases: readonly ReviewCase[],
  engine: Engine,
): Promise<Equivalence> {
  const problems: string[] = [];
  const kinds = new Map<string, number>();
  let findings = 0;
  for (const { order, ctx } of cases) {
    const ours = assessReview(order, ctx).map(plainOf);
    const hand = handWrittenReview(order, ctx);
    const jre = await jsonRulesEngineReview(engine, order, ctx);
    const expected = identities(ours);
    for (const [name, theirs] of [
      ['hand-written', hand],
      ['json-rules-engine', jre],
    ] as const) {
      const [missing, extra] = multisetDiff(expected, identities(theirs));
      if (missing.length > 0 || extra.length > 0) {
        problems.push(
          `order ${order.id} (submitter ${ctx.submitter.id}, submitted ${ctx.submittedAt}): ${name} differs from ordergate\n` +
            missing.map((m) => `    only ordergate: ${m}\n`).join('') +
            extra.map((m) => `    only ${name}: ${m}\n`).join(''),
        );
      }
    }
    findings += ours.length;
    for (const f of ours) kinds.set(f.messageKey, (kinds.get(f.messageKey) ?? 0) + 1);
  }
  if (problems.length > 0) {
    throw new Error(
      `review bench: the implementations disagree on ${String(problems.length)} comparisons; ` +
        `timing them would not be a fair comparison.\n${problems.slice(0, 8).join('')}`,
    );
  }
  // A combined key (`review.jointReview.special.complex`) reaches each of its parts.
  const reached = new Set<string>();
  for (const key of kinds.keys()) {
    reached.add(key);
    const prefix = /^review\.(?:jointReview|route\.nonRegular)\./.exec(key)?.[0];
    if (prefix) for (const part of key.slice(prefix.length).split('.')) reached.add(prefix + part);
  }
  const unreached = EXPECTED_KEYS.filter((k) => !reached.has(k));
  if (unreached.length > 0) {
    throw new Error(
      `review bench: the generated orders never reach ${unreached.join(', ')}; widen the generator`,
    );
  }
  return { findings, kinds };
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

// Keeps the optimiser from dropping work whose result is unused.
let sink = 0;

function timeSync(
  cases: readonly ReviewCase[],
  review: (c: ReviewCase) => readonly unknown[],
): number {
  const start = performance.now();
  for (const c of cases) sink += review(c).length;
  return performance.now() - start;
}

async function timeEngine(cases: readonly ReviewCase[], engine: Engine): Promise<number> {
  const start = performance.now();
  for (const { order, ctx } of cases)
    sink += (await jsonRulesEngineReview(engine, order, ctx)).length;
  return performance.now() - start;
}

function perSecond(ms: number, count: number): string {
  return Math.round((count * 1000) / ms).toLocaleString('en');
}

/**
 * Generates the orders, checks that ordergate, json-rules-engine and the hand-written chain
 * produce the same findings on every one, then times each over the same orders (median of
 * several rounds) and prints orders/s, `NNN× json-rules-engine` (ordergate's speed over the
 * engine's) and `N.N× hand-written` (ordergate's time over the chain's) with PASS/MISS against
 * the targets.
 *
 * @example
 * await runReviewBench(); // prints the figures; throws when the implementations disagree
 */
export async function runReviewBench(
  options: { orders?: number; rounds?: number } = {},
): Promise<void> {
  const count = options.orders ?? ORDERS;
  const rounds = options.rounds ?? ROUNDS;
  const cases = generateReviewCases(count);
  const policy = cases[0]!.ctx.policy;
  const engine = buildReviewEngine(policy);

  const { findings, kinds } = await checkEquivalence(cases, engine);
  console.log(
    `review (IN-2…IN-4, RV-1, RV-3…RV-8, RV-10): ${count.toLocaleString('en')} orders × ${String(LINES_PER_ORDER)} lines, full review policy`,
  );
  console.log(
    `  equivalence: ordergate, json-rules-engine and the hand-written chain produce the same ` +
      `${findings.toLocaleString('en')} findings on every order (${String(kinds.size)} message keys; identity = rule|severity|key|evidence fields)`,
  );
  console.log(
    `  json-rules-engine: one Engine, ${String(reviewEngineRules(policy).length)} rules, dynamic facts for totals, ` +
      `discounts, lead time and per-line lists; runtime facts and the event adapter are timed with it`,
  );

  const ours = (c: ReviewCase) => assessReview(c.order, c.ctx);
  const hand = (c: ReviewCase): readonly PlainFinding[] => handWrittenReview(c.order, c.ctx);
  // Warm-up beyond the equivalence pass, so every path is optimised before timing.
  for (let i = 0; i < 3; i++) {
    timeSync(cases, ours);
    timeSync(cases, hand);
  }
  await timeEngine(cases, engine);

  // Each round times the two fast implementations three times each, interleaved, and the engine
  // once: a pass of the engine takes as long as many of theirs, so this gives each a fair sample
  // of the machine's state. The engine's order in the round alternates.
  const t: { ours: number[]; hand: number[]; engine: number[] } = {
    ours: [],
    hand: [],
    engine: [],
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 1) t.engine.push(await timeEngine(cases, engine));
    for (let k = 0; k < 3; k++) {
      t.ours.push(timeSync(cases, ours));
      t.hand.push(timeSync(cases, hand));
    }
    if (r % 2 === 0) t.engine.push(await timeEngine(cases, engine));
  }
  const oursMs = median(t.ours);
  const handMs = median(t.hand);
  const engineMs = median(t.engine);
  const vsEngine = engineMs / oursMs;
  const vsHand = oursMs / handMs;
  const us = (ms: number) => `${((ms * 1000) / count).toFixed(2)} µs/order`;
  console.log(
    `  ordergate          ${perSecond(oursMs, count).padStart(10)} orders/s  (${us(oursMs)})`,
  );
  console.log(
    `  hand-written chain ${perSecond(handMs, count).padStart(10)} orders/s  (${us(handMs)})`,
  );
  console.log(
    `  json-rules-engine  ${perSecond(engineMs, count).padStart(10)} orders/s  (${us(engineMs)})`,
  );
  console.log(
    `  ${String(Math.floor(vsEngine))}× json-rules-engine — ${vsEngine >= TARGET_VS_ENGINE ? 'PASS' : 'MISS'} (target ≥ ${String(TARGET_VS_ENGINE)}×)`,
  );
  console.log(
    `  ${vsHand.toFixed(1)}× hand-written — ${vsHand <= TARGET_VS_HAND ? 'PASS' : 'MISS'} (target ≤ ${String(TARGET_VS_HAND)}×: ordergate's time over the chain's)`,
  );
  console.log(
    `  (medians over the same ${count.toLocaleString('en')} orders: ${String(rounds * 3)} passes each of ordergate and the chain, ${String(rounds)} of the engine)`,
  );
  if (sink === Number.MIN_VALUE) console.log(sink);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runReviewBench().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
