// Issue 13, sync CPU target: the REST connector checks each mapped order with `orderIssue` (a
// written-out check, then zod's compiled `Order`, then `Order.safeParse`) instead of parsing it
// with the core's schema. These properties hold it to the schema: it accepts exactly what
// `Order.safeParse` accepts, and refuses with the same path and message.
import { Order, OrderLine } from '@ordergate/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { orderIssue, surelyOrder } from '../src/rest/orderIssue.js';

const bool = fc.boolean();
const idText = fc.oneof(
  fc.string({ minLength: 1, maxLength: 6 }),
  fc.constantFrom('x'.repeat(200), '😀'.repeat(100)),
);
const codeText = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('', 'c'.repeat(200)));
const freeText = fc.oneof(fc.string({ maxLength: 8 }), fc.constant('t'.repeat(4000)));
const amount = fc.oneof(
  fc.integer({ min: 0, max: 10_000_000 }),
  fc.constantFrom(0, -0, 2 ** 53 - 1),
);
const basisPoints = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.constantFrom(0, 10_000));
const instant = fc.oneof(
  fc.constantFrom(
    '2026-03-02T09:30:00+08:00',
    '2028-02-29T00:00:00Z',
    '2026-03-02T09:30:00.123456789Z',
    '0000-01-01T00:00:00Z',
    '2026-03-02T09:30Z',
  ),
  fc
    .date({ min: new Date(0), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true })
    .map((d) => d.toISOString()),
);
/** Absent or valid. */
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });

const validLine = fc.record(
  {
    id: idText,
    productId: codeText,
    productName: freeText,
    model: codeText,
    specification: freeText,
    quantity: fc.oneof(fc.double({ min: -10, max: 1e6, noNaN: true }), fc.constant(2 ** 53 - 1)),
    uom: codeText,
    unitPrice: fc.oneof(amount, fc.constant(-5)),
    listPrice: amount,
    discountBp: basisPoints,
    taxBp: basisPoints,
    customMade: bool,
    special: bool,
    technicalDocsComplete: bool,
    shippedBefore: bool,
    availableQuantity: fc.double({ min: 0, max: 1e6, noNaN: true }),
  },
  { requiredKeys: ['id'] },
);

/** Orders the core accepts, boundaries included, with every optional part absent or given. */
const validOrder = fc.record(
  {
    id: idText,
    number: codeText,
    externalRef: codeText,
    revision: fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constant(2 ** 53 - 1)),
    orderType: idText,
    customer: fc.record({ id: idText, name: freeText }, { requiredKeys: ['id'] }),
    contact: fc.record({ name: freeText, phone: codeText, email: codeText }, { requiredKeys: [] }),
    deliveryAddress: fc.record(
      { street: freeText, city: freeText, postalCode: codeText, country: codeText },
      { requiredKeys: [] },
    ),
    lines: fc.array(validLine, { maxLength: 3 }),
    currency: fc.constantFrom('CNY', 'EUR', 'JPY'),
    requestedDeliveryDate: codeText,
    paymentTerms: codeText,
    invoice: fc.record({ title: freeText, taxId: codeText }, { requiredKeys: [] }),
    channel: fc.constantFrom('written', 'electronic', 'verbal'),
    writtenConfirmation: fc.record({ at: instant, reference: idText }),
    urgent: bool,
    urgency: fc.record({ reason: freeText, feasible: opt(bool) }, { requiredKeys: [] }),
    salesperson: idText,
    enteredAt: instant,
    customerRequestedChange: bool,
    technicalComplexity: bool,
    shipBeforePayment: bool,
    prepayments: fc.array(
      fc.record({
        amount: fc.integer({ min: 1, max: 1e9 }),
        reference: fc.constantFrom('BANK-1', 'BANK-2'),
        receivedAt: opt(instant),
      }),
      { maxLength: 2 },
    ),
    contract: fc.record(
      { required: bool, number: codeText, legalReviewed: bool, customerSignedAt: instant },
      { requiredKeys: [] },
    ),
    notes: freeText,
    unknownKey: fc.anything({ maxDepth: 1 }),
  },
  { requiredKeys: ['id', 'customer', 'lines', 'currency', 'salesperson', 'enteredAt'] },
);

const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.string({ maxLength: 4 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constantFrom(
    '',
    ' ',
    'x'.repeat(201),
    '😀'.repeat(101),
    't'.repeat(4001),
    Number.NaN,
    Infinity,
    -Infinity,
    -0,
    0.5,
    -1,
    10_001,
    2 ** 53,
    -(2 ** 53),
    'cny',
    'CNYY',
    'fax',
    '2026-02-30T00:00:00Z',
    '2026-03-02T24:00:00Z',
    '2026-03-02T09:30:00',
    '2026-03-02T09:30:00+24:00',
    {},
    [],
    [{}],
  ),
);

// every field of the core's schemas, so that a field the core adds is mutated too
const ORDER_KEYS = Object.keys(Order.shape);
const LINE_KEYS = Object.keys(OrderLine.shape);
/** Every place a mutation may hit: each field of the order, its parts and its first line. */
const PATHS = [
  ...ORDER_KEYS.map((k) => [k]),
  ...['id', 'name'].map((k) => ['customer', k]),
  ...['name', 'phone', 'email'].map((k) => ['contact', k]),
  ...['street', 'city', 'postalCode', 'country'].map((k) => ['deliveryAddress', k]),
  ...['title', 'taxId'].map((k) => ['invoice', k]),
  ...['at', 'reference'].map((k) => ['writtenConfirmation', k]),
  ...['amount', 'reference'].map((k) => ['prepayments', '0', k]),
  ['contract', 'customerSignedAt'],
  ...LINE_KEYS.map((k) => ['lines', '0', k]),
  ['lines', '0'],
];
const DELETE = Symbol('delete');
const mutation = fc.tuple(
  fc.constantFrom(...PATHS),
  fc.oneof({ weight: 5, arbitrary: junk }, { weight: 1, arbitrary: fc.constant(DELETE) }),
);

/** A valid order with 0–2 fields set to something else (or removed). */
const order = fc
  .tuple(validOrder, fc.boolean(), fc.array(mutation, { maxLength: 2 }))
  .map(([valid, plain, mutations]) => {
    const value = structuredClone(valid) as Record<string, unknown>;
    // half of them as a connector maps orders: none of the parts the fast check leaves alone
    if (plain)
      for (const k of ['writtenConfirmation', 'urgency', 'prepayments', 'contract'])
        delete value[k];
    for (const [path, v] of mutations) {
      let o: unknown = value;
      for (const k of path.slice(0, -1)) {
        o = o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
      }
      if (o === null || typeof o !== 'object') continue;
      const last = path[path.length - 1]!;
      if (v === DELETE) delete (o as Record<string, unknown>)[last];
      else (o as Record<string, unknown>)[last] = v;
    }
    return value;
  });

/** A valid order as a connector maps it: the fast check's own ground. */
const mapped = fc.record({
  id: fc.string({ minLength: 1, maxLength: 8 }),
  externalRef: fc.string({ maxLength: 8 }),
  customer: fc.record({ id: fc.string({ minLength: 1, maxLength: 4 }), name: fc.string() }),
  contact: fc.record({ name: fc.string(), phone: fc.string(), email: fc.string() }),
  lines: fc.array(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }),
      productName: fc.string(),
      quantity: fc.double({ min: 0, max: 1e6, noNaN: true }),
      unitPrice: fc.integer({ min: 0, max: 1e9 }),
      discountBp: fc.integer({ min: 0, max: 10_000 }),
      special: bool,
    }),
    { maxLength: 3 },
  ),
  currency: fc.constantFrom('CNY', 'EUR'),
  salesperson: fc.constant('u-li'),
  enteredAt: fc
    .date({ min: new Date(0), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true })
    .map((d) => d.toISOString()),
  channel: fc.constantFrom('written', 'electronic', 'verbal'),
  urgent: bool,
});

const compiled = z.compile(Order);

describe('issue 13 order check (same contract as the core Order, done cheaply)', () => {
  it('issue 13 (no half-filled order): orderIssue accepts exactly what Order.safeParse accepts, and names the same path and message', () => {
    let accepted = 0;
    let refused = 0;
    let sure = 0;
    fc.assert(
      fc.property(order, (value) => {
        const parsed = Order.safeParse(value);
        const issue = orderIssue(value);
        if (parsed.success) {
          accepted++;
          expect(issue).toBeUndefined();
        } else {
          refused++;
          const first = parsed.error.issues[0]!;
          expect(issue).toEqual({ path: first.path.join('.'), message: first.message });
        }
        // each fast step on its own: the written-out check never says yes to a refused order,
        // and zod's compiled validator agrees with the runtime parser both ways
        if (surelyOrder(value)) {
          sure++;
          expect(parsed.success).toBe(true);
        }
        expect(compiled.validate(value)).toBe(parsed.success);
      }),
      { numRuns: 4000 },
    );
    // the generator reaches both sides, and the written-out check answers for many
    expect(accepted).toBeGreaterThan(500);
    expect(refused).toBeGreaterThan(500);
    expect(sure).toBeGreaterThan(100);
  });

  it('issue 13 (fast path used): every order as the connector maps it passes the written-out check', () => {
    fc.assert(
      fc.property(mapped, (value) => {
        expect(Order.safeParse(value).success).toBe(true);
        expect(surelyOrder(value)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('issue 13 (boundaries): the limits of the core’s Order hold on the fast path', () => {
    const base = {
      id: '42',
      customer: { id: '7' },
      currency: 'CNY',
      salesperson: 'u-li',
      enteredAt: '2026-03-02T09:00:00+08:00',
      lines: [{ id: 'l1', quantity: 1, unitPrice: 100 }],
    };
    const cases: [Record<string, unknown>, boolean][] = [
      [{}, true],
      [{ id: 'x'.repeat(200) }, true],
      [{ id: 'x'.repeat(201) }, false],
      [{ id: '' }, false],
      [{ notes: 't'.repeat(4000) }, true],
      [{ notes: 't'.repeat(4001) }, false],
      [{ currency: 'cny' }, false],
      [{ enteredAt: '2026-02-30T09:00:00+08:00' }, false],
      [{ enteredAt: '2026-03-02T09:00:00' }, false],
      [{ channel: 'fax' }, false],
      [{ revision: 0 }, false],
      [{ lines: [{ id: 'l1', discountBp: 10_000 }] }, true],
      [{ lines: [{ id: 'l1', discountBp: 10_001 }] }, false],
      [{ lines: [{ id: 'l1', unitPrice: 1.5 }] }, false],
      [{ lines: [{ id: 'l1', unitPrice: 2 ** 53 }] }, false],
      [{ lines: [{ id: 'l1', listPrice: -1 }] }, false],
      [{ lines: [{ id: 'l1', quantity: Number.NaN }] }, false],
      [{ lines: [{ id: 'l1', quantity: Infinity }] }, false],
      [{ lines: [{ id: 'l1', availableQuantity: -1 }] }, false],
      [{ lines: Array.from({ length: 1001 }, (_, i) => ({ id: `l${String(i)}` })) }, false],
      [{ customer: { id: '7', name: 42 } }, false],
      [{ contact: null }, false],
    ];
    for (const [patch, ok] of cases) {
      const value = { ...base, ...patch };
      expect(Order.safeParse(value).success, JSON.stringify(patch).slice(0, 80)).toBe(ok);
      expect(orderIssue(value) === undefined).toBe(ok);
      if (!ok) expect(surelyOrder(value)).toBe(false);
    }
  });
});
