// Deterministic 10-line orders for the review benchmark (IN-2…IN-4, RV-1, RV-3…RV-8, RV-10),
// spread over the rule space: complete and incomplete orders, every channel, urgency with and
// without a feasibility assessment, allowed and other payment terms, short and past lead times,
// special and custom-made lines, large amounts (and amounts exactly at the thresholds), complex
// orders, non-regular orders, discounts within and beyond authority and beyond the exceptional
// limit, shipping before payment (for customers with and without credit terms), contracts needed
// and reviewed. A seeded PRNG makes every run see the same orders.
import type { Actor, Order, OrderInput, OrderLineInput, Policy } from '../../src/index.js';
import { Customer as CustomerSchema, Order as OrderSchema } from '../../src/index.js';
import { lineTotals } from '../../src/model/orderTotals.js';
import type { RuleContext } from '../../src/rules/shared/RuleContext.js';
import { companyPolicy } from '../../test/support/people.js';

/** Lines per generated order (the "10-line orders"). */
export const LINES_PER_ORDER = 10;

/**
 * One order to assess and the context it is assessed in.
 *
 * @example
 * const { order, ctx } = generateReviewCases(1)[0]!;
 */
export interface ReviewCase {
  order: Order;
  ctx: RuleContext;
}

/**
 * The "full review policy": every review and intake option set — all IN-2 items required,
 * verbal orders on a confirmation deadline, feasibility required for urgent orders, a business
 * calendar (lead time in working days), allowed payment terms (outside them → RV-7), a minimum
 * lead time (shorter → RV-1 block), list prices required, discount authority per role with an
 * exceptional limit, joint-review thresholds per currency (unknown currency → joint review,
 * custom-made counts as special), 30 % advance, contract thresholds on the untaxed amount and for
 * custom-made products, credit terms for shipping before payment, company citations, and the
 * company's roles mapped to ERP groups.
 *
 * @example
 * const policy = fullReviewPolicy(); // policy.review.discount.exceptionalAbovePercent === 20
 */
export function fullReviewPolicy(): Policy {
  return companyPolicy({
    company: 'Bench Precision Machinery Co., Ltd.',
    citations: {
      'IN-2': '公司销售订单管理制度 第五条',
      'RV-6': '公司价格管理办法 第三条',
      'RV-7': '公司销售订单备货流程 特别注意',
    },
    intake: {
      verbal: { mode: 'deadline', confirmationDeadlineHours: 48 },
      urgent: { requireFeasibility: true },
    },
    review: {
      deadlines: {
        calendar: {
          workingDays: [1, 2, 3, 4, 5],
          // Qingming and Labour Day 2026, with the weekend days worked in exchange (调休).
          holidays: ['2026-04-06', '2026-05-01', '2026-05-04', '2026-05-05'],
          extraWorkingDays: ['2026-04-26', '2026-05-09'],
        },
      },
      pricing: {
        allowedPaymentTerms: ['NET30', 'NET60', 'PREPAID', 'COD'],
        minLeadTimeDays: 10,
        requireListPrice: true,
        paymentTermsDeviation: 'exceptional',
        leadTimeDeviation: 'block',
      },
      discount: {
        authorityByRole: { salesperson: 2, salesAssistant: 0, salesHead: 10 },
        approvalStep: 'salesHead',
        exceptionalAbovePercent: 20,
      },
      jointReview: {
        largeAmount: { CNY: 100_000_000, USD: 15_000_000 },
        includeTax: true,
        unknownCurrency: 'jointReview',
        customMadeIsSpecial: true,
      },
      advancePayment: { customMadePercent: 30 },
      contract: {
        requiredAbove: { CNY: 50_000_000, USD: 7_000_000, EUR: 6_500_000 },
        requiredForCustomMade: true,
        includeTax: false,
      },
    },
  });
}

/** Submitters with different discount authority under `fullReviewPolicy` (0 %, 2 %, 10 %). */
const SUBMITTERS: readonly (readonly [Actor, number])[] = [
  [{ id: 'u-li', groups: ['sales'] }, 0.55],
  [{ id: 'u-chen', groups: ['sales'] }, 0.1],
  [{ id: 'u-zhou', groups: ['sales_assistants'] }, 0.1],
  [{ id: 'u-wang', groups: ['sales_heads'] }, 0.15],
  [{ id: 'u-xu', groups: ['sales', 'sales_heads'] }, 0.1],
];

/** Currencies and how their prices scale from CNY minor units. */
const CURRENCIES: readonly (readonly [string, number, number])[] = [
  ['CNY', 1, 0.78],
  ['USD', 1 / 7, 0.12],
  ['EUR', 1 / 8, 0.05],
  ['JPY', 0.2, 0.05],
];

interface Product {
  id: string;
  name: string;
  model: string;
  specification: string;
  /** CNY minor units. */
  price: number;
}

const PRODUCTS: readonly Product[] = [
  ['P-200', 'Centrifugal pump', 'DN50, 380 V', 150_000],
  ['P-350', 'Multistage pump', 'DN80, 380 V', 420_000],
  ['V-50', 'Gate valve', 'DN50 PN16', 20_000],
  ['V-80', 'Ball valve', 'DN80 PN25', 36_500],
  ['M-11', 'Motor', '11 kW IE3', 280_000],
  ['M-22', 'Motor', '22 kW IE3', 515_000],
  ['F-10', 'Flange set', 'DN100', 8_800],
  ['S-4', 'Mechanical seal', '45 mm', 12_350],
  ['C-90', 'Control cabinet', 'IP55', 990_000],
  ['H-25', 'Hose', 'DN25, 10 m', 4_575],
  ['G-3', 'Pressure gauge', '0–16 bar', 3_333],
  ['B-7', 'Bearing', '6307-2RS', 1_999],
].map(([id, name, specification, price]) => ({
  id: id as string,
  name: name as string,
  model: id as string,
  specification: specification as string,
  price: price as number,
}));

/** mulberry32: small, fast, good enough to spread cases; deterministic for a seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

class Dice {
  constructor(private readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let r = this.next() * items.reduce((s, [, w]) => s + w, 0);
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }
  /** `count` distinct line indexes. */
  lines(count: number): number[] {
    const all = Array.from({ length: LINES_PER_ORDER }, (_, i) => i);
    for (let i = all.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [all[i], all[j]] = [all[j]!, all[i]!];
    }
    return all.slice(0, count);
  }
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2026, 2, 1);

function isoDate(dayMs: number): string {
  return new Date(dayMs).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Submission instant: any day and time over three months, mostly Shanghai time, some UTC. */
function submission(d: Dice): { at: string; shanghaiDay: number } {
  const day = FIRST_DAY + d.int(0, 90) * DAY_MS;
  const hour = d.int(0, 23);
  const minute = d.int(0, 59);
  if (d.chance(0.15)) {
    // UTC late evening is the next day in Shanghai: the lead time must count from that day.
    const at = `${isoDate(day)}T${pad2(hour)}:${pad2(minute)}:00Z`;
    return { at, shanghaiDay: hour >= 16 ? day + DAY_MS : day };
  }
  return { at: `${isoDate(day)}T${pad2(hour)}:${pad2(minute)}:00+08:00`, shanghaiDay: day };
}

function baseLine(d: Dice, i: number, scale: number): OrderLineInput {
  const p = d.pick(PRODUCTS);
  const price = Math.max(1, Math.round(p.price * scale));
  // Mostly whole quantities; some fractional ones (metres, kilograms) so rounding is exercised.
  const quantity = d.chance(0.1) ? d.pick([0.5, 2.5, 0.75, 1.333, 12.125]) : d.int(1, 40);
  return {
    id: `l${String(i + 1)}`,
    productId: p.id,
    productName: p.name,
    model: p.model,
    specification: p.specification,
    quantity,
    uom: 'unit',
    unitPrice: price,
    listPrice: price,
    taxBp: d.weighted([
      [1_300, 0.8],
      [900, 0.1],
      [600, 0.05],
      [0, 0.05],
    ]),
  };
}

function applyDiscounts(d: Dice, lines: OrderLineInput[]): void {
  const mode = d.weighted([
    ['none', 0.4],
    ['withinSalesperson', 0.15],
    ['atLimits', 0.05],
    ['medium', 0.12],
    ['large', 0.1],
    ['beyondExceptional', 0.06],
    ['belowList', 0.08],
    ['aboveList', 0.04],
  ] as const);
  const pickBp = (): number => {
    switch (mode) {
      case 'none':
        return 0;
      case 'withinSalesperson':
        return d.int(1, 200);
      case 'atLimits':
        // Exactly at an authority or the exceptional limit (within), or one basis point beyond.
        return d.pick([200, 201, 1_000, 1_001, 2_000, 2_001]);
      case 'medium':
        return d.int(201, 1_000);
      case 'large':
        return d.int(1_001, 2_000);
      case 'beyondExceptional':
        return d.int(2_001, 4_000);
      case 'belowList':
      case 'aboveList':
        return 0;
    }
  };
  for (const i of d.lines(d.int(1, 4))) {
    const line = lines[i]!;
    if (mode === 'belowList') {
      // A net price below list counts as a discount even with discountBp 0.
      line.unitPrice = Math.round(line.unitPrice! * (1 - d.int(50, 2_500) / 10_000));
    } else if (mode === 'aboveList') {
      line.unitPrice = Math.round(line.unitPrice! * (1 + d.int(1, 1_000) / 10_000));
    } else {
      line.discountBp = pickBp();
    }
  }
}

/** The last line repriced so that the order amount lands exactly on `threshold`. */
function landOn(lines: OrderLineInput[], threshold: number, includeTax: boolean): void {
  const last = lines[lines.length - 1]!;
  let rest = 0;
  for (const line of lines.slice(0, -1)) {
    const t = lineTotals({
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      discountBp: line.discountBp ?? 0,
      taxBp: line.taxBp ?? 0,
    });
    rest += includeTax ? t.total : t.net;
  }
  if (threshold - rest <= 0) return;
  Object.assign(last, {
    quantity: 1,
    unitPrice: threshold - rest,
    listPrice: threshold - rest,
    discountBp: 0,
    taxBp: 0,
  });
}

function generateOne(d: Dice, n: number, policy: Policy): ReviewCase {
  const [currency, scale] = d.weighted(
    CURRENCIES.map(([c, s, w]) => [[c, s] as const, w] as const),
  );
  const { at, shanghaiDay } = submission(d);
  const submitter = d.weighted(SUBMITTERS);
  const lines = Array.from({ length: LINES_PER_ORDER }, (_, i) => baseLine(d, i, scale));

  // RV-6 / RV-7 discounts and price deviations.
  applyDiscounts(d, lines);

  // RV-4 large amounts: one line in bulk.
  if (d.chance(0.08)) {
    const line = lines[d.int(0, LINES_PER_ORDER - 1)]!;
    line.quantity = d.int(300, 900);
  }
  // RV-4 special products, RV-8 custom-made products (also RV-4 and RV-10 under this policy).
  if (d.chance(0.07)) for (const i of d.lines(d.int(1, 2))) lines[i]!.special = true;
  if (d.chance(0.09)) for (const i of d.lines(d.int(1, 3))) lines[i]!.customMade = true;
  // RV-5 non-regular: never shipped, incomplete technical documents.
  if (d.chance(0.1)) for (const i of d.lines(d.int(1, 3))) lines[i]!.shippedBefore = false;
  if (d.chance(0.07)) for (const i of d.lines(d.int(1, 2))) lines[i]!.technicalDocsComplete = false;
  // RV-1 prices: no list price, zero price.
  if (d.chance(0.05)) for (const i of d.lines(d.int(1, 2))) delete lines[i]!.listPrice;
  if (d.chance(0.02)) lines[d.int(0, LINES_PER_ORDER - 1)]!.unitPrice = 0;
  // IN-2 line items: product and specification (a model alone is a specification).
  if (d.chance(0.04)) Object.assign(lines[d.int(0, 9)]!, { productName: '', productId: '' });
  if (d.chance(0.03)) lines[d.int(0, 9)]!.productName = ''; // productId still identifies it
  if (d.chance(0.04)) Object.assign(lines[d.int(0, 9)]!, { specification: ' ', model: '' });
  if (d.chance(0.04)) lines[d.int(0, 9)]!.specification = ''; // the model stands in

  // Amounts exactly at a threshold ("reaching counts"): joint review on the total with tax,
  // contract on the untaxed amount.
  if (currency === 'CNY') {
    const exact = d.weighted([
      ['none', 0.97],
      ['jointReview', 0.015],
      ['contract', 0.015],
    ] as const);
    if (exact === 'jointReview') landOn(lines, 100_000_000, true);
    if (exact === 'contract') landOn(lines, 50_000_000, false);
  }

  // RV-1 lead time, counted in working days from the submission day in Shanghai.
  const lead = d.weighted([
    ['normal', 0.82],
    ['short', 0.12],
    ['past', 0.03],
    ['none', 0.03],
  ] as const);
  const offset =
    lead === 'normal' ? d.int(15, 60) : lead === 'short' ? d.int(0, 14) : d.int(-5, -1);
  const requestedDeliveryDate =
    lead === 'none' ? undefined : isoDate(shanghaiDay + offset * DAY_MS);

  const urgent = d.chance(0.12);
  const feasibility = d.weighted([
    ['feasible', 0.5],
    ['infeasible', 0.25],
    ['unassessed', 0.25],
  ] as const);
  const channel = d.weighted([
    ['written', 0.7],
    ['electronic', 0.2],
    ['verbal', 0.1],
  ] as const);

  const input: OrderInput = {
    id: `o-${String(n)}`,
    number: `SO-2026-${String(n).padStart(6, '0')}`,
    customer: {
      id: `c-${String(d.int(1, 200))}`,
      name: d.chance(0.03)
        ? d.pick(['', '   ', '\u3000'])
        : 'Shanghai Precision Machinery Co., Ltd.',
    },
    contact: {
      name: d.chance(0.03) ? d.pick(['', '  ']) : 'Zhang Wei',
      phone: '+86 21 5555 0101',
      email: 'zhang.wei@example.cn',
    },
    deliveryAddress: {
      street: d.chance(0.02) ? '' : '88 Zhangjiang Road, Pudong',
      city: d.chance(0.02) ? ' ' : 'Shanghai',
      postalCode: '201203',
      country: d.weighted([
        ['CN', 0.9],
        ['', 0.03],
        [' cn ', 0.03],
        ['CHN', 0.02],
        ['C1', 0.02],
      ]),
    },
    lines,
    currency,
    requestedDeliveryDate,
    paymentTerms: d.weighted([
      ['NET30', 0.45],
      ['NET60', 0.15],
      ['PREPAID', 0.15],
      ['COD', 0.05],
      ['NET90', 0.1],
      [' NET30', 0.02],
      ['', 0.04],
      ['  ', 0.02],
      ['LC90', 0.02],
    ]),
    invoice: {
      title: d.chance(0.02) ? '' : 'Shanghai Precision Machinery Co., Ltd.',
      taxId: d.chance(0.02) ? ' ' : '91310115MA1H7ABC12',
    },
    channel,
    ...(channel === 'verbal' && d.chance(0.5)
      ? { writtenConfirmation: { at, reference: `FAX-${String(n)}` } }
      : {}),
    urgent,
    ...(urgent && feasibility !== 'unassessed'
      ? {
          urgency: {
            reason: 'line stoppage at the customer',
            feasible: feasibility === 'feasible',
            note: d.chance(0.5) ? 'needs overtime in assembly' : '',
          },
        }
      : urgent && d.chance(0.5)
        ? { urgency: { reason: 'line stoppage at the customer' } }
        : {}),
    salesperson: 'u-li',
    enteredAt: at,
    customerRequestedChange: d.chance(0.06),
    technicalComplexity: d.chance(0.07),
    shipBeforePayment: d.chance(0.1),
    contract: {
      required: d.chance(0.1),
      number: `HT-${String(n)}`,
      legalReviewed: d.chance(0.25),
    },
  };

  // IN-2 contact method: both missing, or one given but malformed.
  const contact = input.contact!;
  const method = d.weighted([
    ['ok', 0.86],
    ['emailOnly', 0.03],
    ['none', 0.03],
    ['badPhone', 0.04],
    ['badEmail', 0.04],
  ] as const);
  if (method === 'emailOnly') contact.phone = '';
  if (method === 'none') Object.assign(contact, { phone: '', email: d.pick(['', ' ']) });
  if (method === 'badPhone')
    contact.phone = d.pick(['call me', '12345', '+86 21 5555 0101 ext. 5', '+86-21-5555-0101#2']);
  if (method === 'badEmail')
    contact.email = d.pick(['zhang.wei@', 'zhang wei@example.cn', 'zhang@example', '@example.cn']);

  // RV-7: a third of the customers have credit terms on their credit profile (decision 014).
  const customer = CustomerSchema.parse({
    id: input.customer.id,
    credit: { creditTerms: d.chance(0.3) },
  });
  return {
    order: OrderSchema.parse(input),
    ctx: { policy, submittedAt: at, submitter, customer },
  };
}

/**
 * `count` orders of `LINES_PER_ORDER` lines and their rule contexts under one policy
 * (`fullReviewPolicy` unless given), the same for the same seed.
 *
 * @example
 * const cases = generateReviewCases(2_000);
 * cases.map(({ order, ctx }) => assessReview(order, ctx));
 */
export function generateReviewCases(
  count: number,
  options: { seed?: number; policy?: Policy } = {},
): ReviewCase[] {
  const policy = options.policy ?? fullReviewPolicy();
  const d = new Dice(prng(options.seed ?? 20_260_302));
  const out: ReviewCase[] = [];
  for (let n = 1; n <= count; n++) {
    out.push(generateOne(d, n, policy));
  }
  return out;
}
