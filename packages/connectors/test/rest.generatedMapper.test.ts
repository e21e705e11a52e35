// Issue 13, sync CPU target (decision 037): a mapping's field sets run as generated code. For any
// field set and any record, the generated mapper gives what the field-by-field interpreter gives:
// the same record (keys in the same order) or the same FieldError (path, target, message).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRestMapping, type RestField } from '../src/index.js';
import { FieldError, compileFields, type RecordMapper } from '../src/rest/values.js';

type Outcome = { ok: unknown } | { error: { path: string; target: string; message: string } };

function outcome(map: RecordMapper, record: unknown, currency?: string): Outcome {
  try {
    // keys in order: JSON text, not a deep equality that ignores the order
    return {
      ok: JSON.parse(JSON.stringify(map(record, { currency, currencyDecimals: { XTS: 3 } }))),
    };
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    return { error: { path: error.path, target: error.target, message: error.message } };
  }
}

// Paths over a few keys, some of them inherited by plain objects or arrays (read as own only).
const KEYS = ['a', 'b', 'qty', 'currency', '0', 'length', 'constructor', 'toString', 'map'];
const path = fc
  .array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 })
  .map((parts) => parts.join('.'));
const scalar = fc.oneof(
  fc.constantFrom('', '0', '12.50', '-3.005', 'yes', 'no', 'EUR', 'eur', 'XTS', 'grade:A'),
  fc.constantFrom('2026-03-02 09:15:00', '2026-03-02T01:00:00Z', '2026-13-02', '1772415000'),
  fc.integer({ min: -1000, max: 2_000_000_000 }),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }),
  fc.boolean(),
  fc.constant(null),
);
const transform = fc.constantFrom<unknown>(
  'string',
  'number',
  'integer',
  'boolean',
  'percentToBp',
  'trim',
  { minorUnits: {} },
  { minorUnits: { currency: 'JPY' } },
  { timestamp: { from: 'naive', zone: 'Europe/Paris', as: 'dateTime' } },
  { timestamp: { from: 'iso', zone: 'UTC', as: 'date' } },
  { timestamp: { from: 'unix', zone: 'UTC', as: 'dateTime' } },
  { enum: { map: { yes: true, '0': 'zero' } } },
  { enum: { map: { yes: true }, default: 'other' } },
  { tags: { map: { 'grade:A': 'A' } } },
  ['trim', 'number'],
);
const field: fc.Arbitrary<RestField> = fc.oneof(
  path,
  fc.record(
    {
      path,
      const: scalar.filter((v) => v !== null),
      transform,
      default: scalar.filter((v) => v !== null),
      optional: fc.boolean(),
    },
    { requiredKeys: ['optional'] },
  ) as fc.Arbitrary<RestField>,
);
const TARGETS = ['id', 'name', 'currency', 'c.amount', 'c.currency', 'c.d.e', 'lines'];
const fieldSet = fc.dictionary(fc.constantFrom(...TARGETS), field, { minKeys: 1, maxKeys: 7 });

const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  any: fc.oneof({ depthSize: 'small' }, scalar, tie('list'), tie('object')),
  list: fc.array(tie('any'), { maxLength: 3 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie('any'), { maxKeys: 5 }),
})).any;
const record = fc.oneof(fc.dictionary(fc.constantFrom(...KEYS), value, { maxKeys: 9 }), value);

/** Records that mostly have a value at the set's paths (nested where the path is), over noise. */
function recordsFor(fields: Record<string, RestField>): fc.Arbitrary<unknown[]> {
  const paths = Object.values(fields).flatMap((f) =>
    typeof f === 'string' ? [f] : f.path ? [f.path] : [],
  );
  const one = fc
    .tuple(
      record,
      fc.array(fc.tuple(fc.constantFrom(...(paths.length ? paths : ['a'])), value), {
        maxLength: paths.length + 1,
      }),
    )
    .map(([generated, values]) => {
      if (generated === null || typeof generated !== 'object') return generated;
      const base = structuredClone(generated);
      for (const [p, v] of values) {
        const parts = p.split('.');
        try {
          let o = base as Record<string, unknown>;
          for (const k of parts.slice(0, -1)) {
            if (o[k] === null || typeof o[k] !== 'object' || !Object.hasOwn(o, k)) o[k] = {};
            o = o[k] as Record<string, unknown>;
          }
          o[parts[parts.length - 1]!] = v;
        } catch {
          // an array's length set to something that is not one: leave it
        }
      }
      return base;
    });
  return fc.array(one, { minLength: 1, maxLength: 4 });
}

describe('issue 13 (decision 037): generated field mappers', () => {
  it('issue 13: any field set maps any record as the interpreter does, record or FieldError alike', () => {
    fc.assert(
      fc.property(
        fieldSet.chain((fields) =>
          fc.tuple(
            fc.constant(fields),
            fc.constantFrom(undefined, 'currency', 'c.currency'),
            recordsFor(fields),
            fc.constantFrom(undefined, 'EUR', 'XTS'),
          ),
        ),
        ([fields, currencyTarget, records, ctxCurrency]) => {
          const generated = compileFields(fields, currencyTarget);
          const interpreted = compileFields(fields, currencyTarget, undefined, {
            generated: false,
          });
          for (const r of records)
            expect(outcome(generated, r, ctxCurrency)).toEqual(
              outcome(interpreted, r, ctxCurrency),
            );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('issue 13: the sample ERP and Dolibarr mappings map their own records the same both ways', async () => {
    for (const file of [
      '../../../examples/sample-erp/mapping.yaml',
      '../../../examples/rest-dolibarr/mapping.yaml',
    ]) {
      const m = await loadRestMapping(new URL(file, import.meta.url).pathname);
      const sets: [Record<string, RestField>, string | undefined][] = [
        [m.orders.fields, 'currency'],
        [m.orders.lineFields, undefined],
        [m.customers.fields, 'credit.limit.currency'],
      ];
      fc.assert(
        fc.property(
          fc.constantFrom(...sets),
          fc.dictionary(fc.string({ maxLength: 20 }), value, { maxKeys: 6 }),
          ([fields, currencyTarget], extra) => {
            // a record with every path of the set present, then some noise over it
            const r: Record<string, unknown> = {};
            for (const spec of Object.values(fields)) {
              const p = typeof spec === 'string' ? spec : spec.path;
              if (p && !p.includes('.')) r[p] = '1';
            }
            Object.assign(r, extra);
            expect(outcome(compileFields(fields, currencyTarget), r, 'EUR')).toEqual(
              outcome(
                compileFields(fields, currencyTarget, undefined, { generated: false }),
                r,
                'EUR',
              ),
            );
          },
        ),
        { numRuns: 300 },
      );
    }
  });

  it('issue 13: where code from strings is forbidden, the interpreter maps alone', () => {
    const original = globalThis.Function;
    const fields: Record<string, RestField> = {
      id: 'id',
      'c.amount': { path: 'a', transform: 'number', optional: false },
    };
    globalThis.Function = function () {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    let map: RecordMapper;
    try {
      map = compileFields(fields);
    } finally {
      globalThis.Function = original;
    }
    expect(map({ id: 7, a: '2.5' }, { currencyDecimals: {} })).toEqual({
      id: 7,
      c: { amount: 2.5 },
    });
    expect(() => map({ a: '2.5' }, { currencyDecimals: {} })).toThrow(FieldError);
  });
});
