import { describe, expect, it } from 'vitest';
import { OrdergateError } from '../../src/errors.js';
import { formatOrderNumber, sequenceScope } from '../../src/rules/intake/formatOrderNumber.js';
import { makePolicy } from '../support/orders.js';

const SHANGHAI = 'Asia/Shanghai';

describe('IN-1 order number', () => {
  it('IN-1 renders the default pattern SO-{YYYY}-{seq:6}', () => {
    expect(
      formatOrderNumber('SO-{YYYY}-{seq:6}', {
        sequence: 123,
        submittedAt: '2026-03-02T09:00:00+08:00',
        timeZone: SHANGHAI,
      }),
    ).toBe('SO-2026-000123');
  });

  it('IN-1 takes the year from the policy time zone, not from UTC', () => {
    const submittedAt = '2026-12-31T17:00:00Z'; // 01:00 on 1 January 2027 in Shanghai
    expect(
      formatOrderNumber('SO-{YYYY}-{seq:6}', { sequence: 1, submittedAt, timeZone: SHANGHAI }),
    ).toBe('SO-2027-000001');
    expect(
      formatOrderNumber('SO-{YYYY}-{seq:6}', { sequence: 1, submittedAt, timeZone: 'UTC' }),
    ).toBe('SO-2026-000001');
  });

  it('IN-1 supports {YY}, {MM} and a bare {seq}', () => {
    const parts = { sequence: 42, submittedAt: '2026-03-02T09:00:00+08:00', timeZone: SHANGHAI };
    expect(formatOrderNumber('SO{YY}{MM}-{seq:4}', parts)).toBe('SO2603-0042');
    expect(formatOrderNumber('{YYYY}/{MM}/{seq}', parts)).toBe('2026/03/42');
  });

  it('IN-1 never truncates a sequence longer than its padding', () => {
    expect(
      formatOrderNumber('SO-{YYYY}-{seq:6}', {
        sequence: 1_234_567,
        submittedAt: '2026-03-02T09:00:00+08:00',
        timeZone: SHANGHAI,
      }),
    ).toBe('SO-2026-1234567');
  });

  it('IN-1 gives distinct numbers for distinct sequences', () => {
    const numbers = new Set<string>();
    for (let sequence = 1; sequence <= 2_000; sequence++) {
      numbers.add(
        formatOrderNumber('SO-{YYYY}-{seq:3}', {
          sequence,
          submittedAt: '2026-03-02T09:00:00+08:00',
          timeZone: SHANGHAI,
        }),
      );
    }
    expect(numbers.size).toBe(2_000);
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'IN-1 refuses sequence %s as a thrown INVALID_INPUT error',
    (sequence) => {
      const call = () =>
        formatOrderNumber('SO-{seq}', {
          sequence,
          submittedAt: '2026-03-02T09:00:00+08:00',
          timeZone: SHANGHAI,
        });
      expect(call).toThrow(OrdergateError);
      expect(call).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    },
  );
});

describe('IN-1 sequence scope', () => {
  it('IN-1 uses one sequence per year by default', () => {
    expect(sequenceScope(makePolicy(), '2026-03-02T09:00:00+08:00')).toBe('order-number:2026');
  });

  it('IN-1 counts the year in the policy time zone', () => {
    expect(sequenceScope(makePolicy(), '2026-12-31T17:00:00Z')).toBe('order-number:2027');
    expect(sequenceScope(makePolicy({ timeZone: 'UTC' }), '2026-12-31T17:00:00Z')).toBe(
      'order-number:2026',
    );
  });

  it('IN-1 uses the global sequence when the policy says so', () => {
    const policy = makePolicy({ intake: { numbering: { sequenceScope: 'global' } } });
    expect(sequenceScope(policy, '2026-03-02T09:00:00+08:00')).toBe('order-number');
  });

  it('IN-1 falls back to the global sequence when the pattern shows no year, so numbers never repeat', () => {
    const policy = makePolicy({
      intake: { numbering: { pattern: 'SO-{seq:6}', sequenceScope: 'year' } },
    });
    expect(sequenceScope(policy, '2026-03-02T09:00:00+08:00')).toBe('order-number');
    expect(sequenceScope(policy, '2027-03-02T09:00:00+08:00')).toBe('order-number');
  });

  it('IN-1 keeps a yearly sequence for a {YY} pattern', () => {
    const policy = makePolicy({ intake: { numbering: { pattern: 'SO{YY}-{seq:5}' } } });
    expect(sequenceScope(policy, '2026-03-02T09:00:00+08:00')).toBe('order-number:2026');
  });
});
