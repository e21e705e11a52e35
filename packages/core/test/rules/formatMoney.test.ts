import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../src/index.js';
import { makePolicy } from '../support/orders.js';

const policy = makePolicy();

describe('RV-4 RV-8 amounts in messages', () => {
  it.each([
    [120_000_000, '1,200,000.00 CNY'],
    [-5, '-0.05 CNY'],
    [0, '0.00 CNY'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91 CNY'],
  ])('RV-4 formats %d minor units as %s', (amount, text) => {
    expect(formatMoney(amount, 'CNY', policy)).toBe(text);
  });

  it('IN-2 never writes an amount out of range as 1e+25 or Infinity.NaN', () => {
    expect(formatMoney(1e25, 'CNY', policy)).toBe('100,000,000,000,000,009,059,696.64 CNY');
    expect(formatMoney(Number.POSITIVE_INFINITY, 'CNY', policy)).toBe('Infinity CNY');
    expect(formatMoney(Number.NaN, 'CNY', policy)).toBe('NaN CNY');
    expect(formatMoney(2.5, 'CNY', policy)).toBe('0.03 CNY');
  });
});
