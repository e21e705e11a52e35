import { Order } from '@ordergate/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestConnector } from '../src/index.js';
import { ENV, erpMapping, startRestErp, type ErpOrder, type RestErp } from './support/restErp.js';

let erp: RestErp;
let rest: RestConnector;
beforeAll(async () => {
  erp = await startRestErp();
  rest = RestConnector.create(erpMapping(erp.url), { env: ENV, sleep: () => Promise.resolve() });
});
afterAll(() => erp.close());

const tricky = fc.constantFrom(
  '12.5',
  ' 7 ',
  '1e5',
  '-0.5',
  '0',
  '12.345',
  '99999999999999999999',
  'NaN',
  '',
  '²',
  '1,5',
  '0x10',
  '2026-03-02 09:30:00',
  '2026-13-40 99:99',
  '1772400000',
);
const junk = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  tricky,
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.integer(), { maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 2 }),
);
/** A valid value most of the time, anything else sometimes. */
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: junk });

const line = fc.record({
  id: maybe(fc.integer({ min: 1, max: 1e6 })),
  sku: maybe(fc.constantFrom('P-200', 'V-10')),
  name: maybe(fc.constantFrom('Pump', 'Valve')),
  qty: maybe(
    fc.oneof(
      fc.integer({ min: 1, max: 100 }).map(String),
      fc.double({ min: 0.1, max: 100, noNaN: true }),
    ),
  ),
  price: maybe(
    fc.oneof(
      fc.integer({ min: 0, max: 1e6 }).map((n) => (n / 100).toFixed(2)),
      fc.double({ min: 0, max: 1e5, noNaN: true }),
    ),
  ),
  discount: maybe(fc.constantFrom('0', '5', '12.5', 0, 20)),
});

const order = (id: number) =>
  fc.record({
    id: fc.constant(id),
    number: maybe(fc.constant(`SO-${id}`)),
    customer_id: maybe(fc.constantFrom(1, 2, 3, 4)),
    currency: maybe(fc.constantFrom('EUR', 'JPY', 'KWD')),
    created: maybe(fc.constant('2026-03-02 09:30:00')),
    updated_at: maybe(fc.integer({ min: 1_700_000_000, max: 1_800_000_000 })),
    state: maybe(fc.constantFrom('open', 'cancelled')),
    salesperson: maybe(fc.constant('u-li')),
    lines: fc.oneof(
      { weight: 5, arbitrary: fc.array(line, { maxLength: 3 }) },
      { weight: 1, arbitrary: junk },
    ),
    note: fc.constant(''),
    locked: fc.constant(false),
  });

describe('issue 13 fuzzed responses', () => {
  it('issue 13 (no half-filled order): whatever the ERP answers, every order handed on is complete and valid, and every other one is rejected with a reason', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(order(101), order(102), order(103)), async (orders) => {
        erp.orders.clear();
        for (const o of orders) erp.orders.set(o.id, o as unknown as ErpOrder);
        const page = await rest.ordersById(['101', '102', '103']);
        for (const change of page.orders) {
          const raw = orders.find((o) => String(o.id) === change.order.id)!;
          expect(() => Order.parse(change.order)).not.toThrow();
          expect(change.order.lines).toHaveLength((raw.lines as unknown[]).length);
          for (const l of change.order.lines) {
            expect(Number.isSafeInteger(l.unitPrice)).toBe(true);
            expect(typeof l.quantity).toBe('number');
          }
          expect(change.changedAt).toMatch(/Z$/);
          expect(raw.state).toBe('open');
        }
        for (const r of page.rejected) expect(r.reason).toMatch(/^orders\/\d+/);
        const handled = new Set([
          ...page.orders.map((o) => o.order.id),
          ...page.rejected.map((r) => r.id),
        ]);
        for (const o of orders) {
          if (!handled.has(String(o.id))) expect(o.state).not.toBe('open'); // only a state filter drops one
        }
      }),
      { numRuns: 150 },
    );
  });
});
