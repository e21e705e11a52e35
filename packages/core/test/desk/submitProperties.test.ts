import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Order, ValidationError, type OrderInput } from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeLine, makeOrderInput } from '../support/orders.js';
import { people } from '../support/people.js';

// A complete order with three lines: every mutation below starts from it.
const valid = makeOrderInput({
  id: 'p',
  number: '',
  lines: [makeLine(), makeLine({ id: 'l2', quantity: 3 }), makeLine({ id: 'l3', quantity: 0.5 })],
});

type Path = readonly (string | number)[];

/** Every path of a plain value, parents before children. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value as Record<string, unknown>);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
}

// The fields an order has, absent ones included, so that mutations also add missing fields.
const extra: Path[] = [
  ['externalRef'],
  ['urgency'],
  ['writtenConfirmation'],
  ['lines', 0, 'availableQuantity'],
  ['lines', 1, 'listPrice'],
  ['lines', 3],
];
const paths = [...pathsOf(valid), ...extra];

/** Values a person or a faulty connector may put anywhere: content slips and type errors. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      '',
      '   ',
      0,
      -1,
      0.5,
      1e12,
      2 ** 53,
      1e300,
      Number.NaN,
      null,
      '2026-02-30',
      '15/04/2026',
      '2026-03-02T09:00:00+99:99',
      '2026-03-02T09:00:61+08:00',
      'x'.repeat(201),
      'x'.repeat(4_001),
      [],
      {},
    ),
  },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withNullPrototype: true,
      withObjectString: true,
      withSet: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
  { weight: 2, arbitrary: fc.integer({ min: -1_000, max: 1_000_000_000 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

interface Mutation {
  path: Path;
  op: 'delete' | 'set';
  value: unknown;
}

/** The value of `valid` at a path. */
function at(path: Path): unknown {
  let v: unknown = valid;
  for (const key of path) v = (v as Record<string | number, unknown> | undefined)?.[key];
  return v;
}

/**
 * Slips of content a salesperson can fix, of the field's own type: blank or odd text, an
 * impossible date, a zero, negative or huge figure; or the field left out.
 */
function slipFor(path: Path): fc.Arbitrary<Mutation> {
  const original = at(path);
  const values: unknown[] =
    typeof original === 'string'
      ? ['', ' ', 'x', 'call me', 'CHN', '2026-02-30', '15/04/2026']
      : typeof original === 'number'
        ? [0, -1, 0.5, 1e12, 4e15]
        : [];
  return fc.oneof(
    fc.constant({ path, op: 'delete' as const, value: undefined }),
    ...(values.length > 0
      ? [fc.constantFrom(...values).map((value) => ({ path, op: 'set' as const, value }))]
      : []),
  );
}

// Mostly slips on existing fields (content), sometimes anything anywhere (shape).
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...pathsOf(valid)).chain(slipFor),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      path: fc.constantFrom(...paths),
      op: fc.constantFrom('delete' as const, 'set' as const),
      value: anyValue,
    }),
  },
);

function apply(input: Record<string, unknown>, m: Mutation): void {
  let target: unknown = input;
  for (const key of m.path.slice(0, -1)) {
    if (target === null || typeof target !== 'object') return;
    target = (target as Record<string | number, unknown>)[key];
  }
  // Only plain objects and arrays are edited: a typed array, a Map… put there by an earlier
  // mutation stays as it is.
  if (target === null || typeof target !== 'object') return;
  const proto: unknown = Object.getPrototypeOf(target);
  if (!Array.isArray(target) && proto !== Object.prototype && proto !== null) return;
  const last = m.path[m.path.length - 1]!;
  const parent = target as Record<string | number, unknown>;
  if (m.op === 'delete') {
    if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
    else delete parent[last];
  } else parent[last] = m.value;
}

/** Unwraps optional and default wrappers of a zod schema. */
function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  for (;;) {
    const def = s._zod.def as { type: string; innerType?: z.ZodType };
    if ((def.type === 'optional' || def.type === 'default') && def.innerType) s = def.innerType;
    else return s;
  }
}

/**
 * Whether a finding's evidence path (`lines.2.quantity`) names a real field of the order: each
 * segment a field of the schema at that level, each index a line the order has.
 */
function pointsAtField(order: Order, path: string): boolean {
  let schema: z.ZodType = Order;
  let value: unknown = order;
  for (const segment of path.split('.')) {
    const def = unwrap(schema)._zod.def as {
      type: string;
      element?: z.ZodType;
      shape?: Record<string, z.ZodType>;
    };
    if (def.type === 'array' && def.element) {
      const index = Number(segment);
      if (!Array.isArray(value) || !Number.isInteger(index) || index < 0 || index >= value.length)
        return false;
      schema = def.element;
      value = value[index];
    } else if (def.type === 'object' && def.shape) {
      const field = def.shape[segment];
      if (field === undefined) return false;
      schema = field;
      value = (value as Record<string, unknown> | undefined)?.[segment];
    } else return false;
  }
  return true;
}

describe('IN-2 two-level input: shape, then content', () => {
  it('IN-2 property: a partial or mutilated order never makes submit throw anything but ValidationError; a well-shaped one passes IN-2 or is returned with findings naming real fields', async () => {
    const seen = { invalid: 0, returned: 0, passed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        // Now and then not an order at all: anything in its place.
        fc.oneof(
          { weight: 19, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: anyValue },
        ),
        async (mutations, replaceWhole) => {
          const input: unknown =
            replaceWhole !== undefined
              ? replaceWhole
              : (() => {
                  const copy = structuredClone(valid) as unknown as Record<string, unknown>;
                  for (const m of mutations) apply(copy, m);
                  return copy;
                })();
          const shape = Order.safeParse(input);
          const { desk, store } = makeDesk();
          const before = store.snapshot();
          const outcome = await desk.submit(input as OrderInput, people.li).then(
            (result) => ({ result }),
            (error: unknown) => ({ error }),
          );
          if ('error' in outcome) {
            // Only what is not an order at all is thrown, and then nothing is written.
            expect(outcome.error).toBeInstanceOf(ValidationError);
            expect(shape.success).toBe(false);
            expect((outcome.error as ValidationError).issues.length).toBeGreaterThan(0);
            expect(store.snapshot()).toEqual(before);
            seen.invalid++;
            return;
          }
          expect(shape.success).toBe(true);
          const r = outcome.result;
          if (!shape.success) return;
          const in2 = r.findings.filter((f) => f.ruleId === 'IN-2');
          if (in2.length === 0) {
            // Past IN-2: in review, or returned by another rule (RV-1 refuses a zero price).
            expect(r.ok || r.code).toSatisfy((v) => v === true || v === 'RETURNED');
            seen.passed++;
            return;
          }
          // Returned: a refusal the caller cannot take for success, the order kept in `recorded`.
          expect(r).toMatchObject({ ok: false, code: 'RETURNED' });
          if (r.ok || !r.recorded) return expect.fail('an order returned to sales is recorded');
          // Returned to sales, every item named by a path into the order as it was parsed.
          expect(r.recorded.workflow.status).toBe('returned');
          for (const f of in2) {
            expect(f.severity).toBe('block');
            expect(f.evidence.length).toBeGreaterThan(0);
            for (const e of f.evidence) {
              expect(pointsAtField(shape.data, e.field), `${f.messageKey}: ${e.field}`).toBe(true);
            }
          }
          seen.returned++;
        },
      ),
      { numRuns: 3_000 },
    );
    // The mutations reach all three outcomes, or the property says little.
    expect(seen.invalid).toBeGreaterThan(100);
    expect(seen.returned).toBeGreaterThan(100);
    expect(seen.passed).toBeGreaterThan(20);
  }, 120_000);
});
