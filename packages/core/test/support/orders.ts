import type { Actor } from '../../src/model/Actor.js';
import { Order, type OrderInput, type OrderLineInput } from '../../src/model/Order.js';
import type { Policy, PolicyInput } from '../../src/policy/Policy.js';
import { loadPolicy } from '../../src/policy/loadPolicy.js';
import type { RuleContext } from '../../src/rules/shared/RuleContext.js';

/** Submission instant used by the helpers: Monday 2 March 2026, 09:00 in Shanghai. */
export const SUBMITTED_AT = '2026-03-02T09:00:00+08:00';

/** The salesperson who owns and submits the helper orders (holds no role in a bare policy). */
export const SALESPERSON: Actor = { id: 'u-li', groups: ['sales'] };

/**
 * A complete order line: product, model and specification, priced at its list price, shipped
 * before with complete technical documents, 13 % VAT. 2 × 1,500.00 CNY.
 */
export function makeLine(overrides: Partial<OrderLineInput> = {}): OrderLineInput {
  return {
    id: 'l1',
    productId: 'P-200',
    productName: 'Centrifugal pump',
    model: 'P-200',
    specification: 'DN50, 380 V',
    quantity: 2,
    uom: 'unit',
    unitPrice: 150_000,
    listPrice: 150_000,
    taxBp: 1_300,
    ...overrides,
  };
}

/**
 * A complete, valid **regular** order passing every intake check (all IN-2 items present), at
 * list prices, written channel, not urgent, no contract needed, well below the joint-review
 * threshold: two lines, 5,000.00 CNY before tax, 5,650.00 CNY with tax. Overrides replace
 * top-level fields (give `lines` as inputs, e.g. with `makeLine`).
 *
 * @example
 * makeOrder({ paymentTerms: '', lines: [makeLine({ discountBp: 500 })] });
 */
export function makeOrder(overrides: Partial<OrderInput> = {}): Order {
  return Order.parse(makeOrderInput(overrides));
}

/**
 * The input of `makeOrder` before parsing: what a caller hands to `OrderDesk.submit`, malformed
 * overrides included (for boundary tests).
 *
 * @example
 * desk.submit(makeOrderInput({ enteredAt: '2026-02-30T09:00:00+08:00' }), people.li); // ValidationError
 */
export function makeOrderInput(overrides: Partial<OrderInput> = {}): OrderInput {
  const base: OrderInput = {
    id: 'o-1',
    number: 'SO-2026-000001',
    customer: { id: 'c-1', name: 'Shanghai Precision Machinery Co., Ltd.' },
    contact: { name: 'Zhang Wei', phone: '+86 21 5555 0101', email: 'zhang.wei@example.cn' },
    deliveryAddress: {
      street: '88 Zhangjiang Road, Pudong',
      city: 'Shanghai',
      postalCode: '201203',
      country: 'CN',
    },
    lines: [
      makeLine(),
      makeLine({
        id: 'l2',
        productId: 'V-50',
        productName: 'Gate valve',
        model: 'V-50',
        specification: 'DN50 PN16',
        quantity: 10,
        unitPrice: 20_000,
        listPrice: 20_000,
      }),
    ],
    currency: 'CNY',
    requestedDeliveryDate: '2026-04-15',
    paymentTerms: 'NET30',
    invoice: { title: 'Shanghai Precision Machinery Co., Ltd.', taxId: '91310115MA1H7ABC12' },
    channel: 'written',
    salesperson: SALESPERSON.id,
    enteredAt: SUBMITTED_AT,
  };
  return { ...base, ...overrides };
}

/**
 * A policy with defaults (the regulations' readings), plus overrides. Nested settings may be
 * given partially: `makePolicy({ review: { pricing: { minLeadTimeDays: 7 } } })`.
 */
export function makePolicy(overrides: PolicyInput = {}): Policy {
  return loadPolicy(overrides);
}

/** A rule context: default policy, `SUBMITTED_AT`, submitted by `SALESPERSON`. */
export function makeContext(overrides: Partial<RuleContext> = {}): RuleContext {
  return {
    policy: overrides.policy ?? makePolicy(),
    submittedAt: SUBMITTED_AT,
    submitter: SALESPERSON,
    ...overrides,
  };
}
