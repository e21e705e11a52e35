import { ValidationError, type InputIssue } from '../../errors.js';
import type { Policy } from '../../policy/Policy.js';
import type { ExchangeRate } from '../../model/ExchangeRate.js';

/** One usable rate: multiply by `num`, divide by `den`, both already scaled for minor units. */
interface Factor {
  num: number;
  den: number;
  bigNum: bigint;
  bigDen: bigint;
}

/**
 * Converts amounts in integer minor units into one target currency (CR-4, CR-7).
 *
 * Rounding rule: each amount converts on its own, exactly (integer arithmetic, never a float),
 * and the result is rounded once, half away from zero, to the target's minor units. Sums are
 * taken after conversion, so the ageing buckets of a customer add up to its receivables exposure.
 */
export interface CurrencyConverter {
  /** The currency amounts convert into. */
  readonly target: string;
  /** Whether `currency` converts (it is the target, or a rate and both currencies' minor units are known). */
  knows(currency: string): boolean;
  /**
   * `amount` of `currency` in minor units of the target; `undefined` when the currency does not
   * convert.
   */
  convert(amount: number, currency: string): number | undefined;
}

function powerOfTen(n: number): bigint {
  return 10n ** BigInt(n);
}

function factorOf(rate: ExchangeRate, policy: Pick<Policy, 'currencies'>): Factor | undefined {
  const fromDigits = policy.currencies[rate.from]?.minorUnits;
  const toDigits = policy.currencies[rate.to]?.minorUnits;
  // A currency missing from the policy's table has unknown minor units: converting it could be
  // off by a power of ten, so it counts as unknown rather than being guessed at 2 decimals.
  if (fromDigits === undefined || toDigits === undefined) return undefined;
  const [whole = '0', fraction = ''] = rate.rate.split('.');
  let bigNum = BigInt(whole + fraction) * powerOfTen(Math.max(0, toDigits - fromDigits));
  let bigDen = powerOfTen(fraction.length) * powerOfTen(Math.max(0, fromDigits - toDigits));
  const g = gcd(bigNum, bigDen);
  bigNum /= g;
  bigDen /= g;
  return { num: Number(bigNum), den: Number(bigDen), bigNum, bigDen };
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function roundedQuotient(amount: number, f: Factor): number {
  const negative = amount < 0;
  const abs = negative ? -amount : amount;
  const product = abs * f.num;
  let q: number;
  if (Number.isSafeInteger(product) && Number.isSafeInteger(f.den)) {
    q = Math.floor(product / f.den);
    const r = product - q * f.den;
    if (2 * r >= f.den) q += 1;
  } else {
    // Beyond 2^53 the float product is inexact: fall back to exact big integers.
    const p = BigInt(abs) * f.bigNum;
    let bq = p / f.bigDen;
    if (2n * (p - bq * f.bigDen) >= f.bigDen) bq += 1n;
    q = Number(bq);
  }
  return negative ? -q : q;
}

/**
 * Builds a converter into `target` from caller-supplied rates. A rate must be written in the
 * direction used (`from` → `target`); the currencies' minor units come from the policy's currency
 * table. Malformed rates are refused with a `ValidationError` naming `rates.<i>.rate`.
 *
 * @example
 * const cnY = currencyConverter('CNY', [{ from: 'USD', to: 'CNY', rate: '7.1234' }], policy);
 * cnY.convert(10_000, 'USD'); // 71_234 (100.00 USD → 712.34 CNY)
 * @throws {ValidationError} when a rate is not a positive decimal string.
 */
export function currencyConverter(
  target: string,
  rates: readonly ExchangeRate[],
  policy: Pick<Policy, 'currencies'>,
): CurrencyConverter {
  const factors = new Map<string, Factor>();
  const issues: InputIssue[] = [];
  rates.forEach((rate, i) => {
    if (!/^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/.test(rate.rate) || !/[1-9]/.test(rate.rate)) {
      issues.push({
        path: `rates.${String(i)}.rate`,
        message: 'must be a positive decimal string such as "7.1234"',
      });
      return;
    }
    if (rate.to !== target || rate.from === target) return;
    const factor = factorOf(rate, policy);
    if (factor) factors.set(rate.from, factor);
  });
  if (issues.length > 0) throw new ValidationError('exchange rates', issues);
  return {
    target,
    knows: (currency) => currency === target || factors.has(currency),
    convert(amount, currency) {
      if (currency === target) return amount;
      const f = factors.get(currency);
      return f === undefined ? undefined : roundedQuotient(amount, f);
    },
  };
}

/**
 * The issue reported for an amount whose currency does not convert into `target`.
 *
 * @example
 * unknownCurrencyIssue('receivables.3.currency', 'USD', 'CNY');
 */
export function unknownCurrencyIssue(path: string, currency: string, target: string): InputIssue {
  return {
    path,
    message: `unknown currency ${currency}: no exchange rate to ${target} was supplied, or the policy's currency table lacks it`,
  };
}
