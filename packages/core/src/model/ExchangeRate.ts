import { z } from 'zod';
import { CurrencyCode } from './Money.js';

/** A positive decimal written as a string, e.g. `7.1234`: no float ever carries a rate. */
const DECIMAL = /^(?:0|[1-9]\d{0,11})(?:\.\d{1,12})?$/;

/**
 * An exchange rate supplied by the caller (CR-4 exposure in a foreign currency): one unit of
 * `from` is worth `rate` units of `to`, the rate a decimal string (at most 12 digits either side
 * of the point). Only the direction given is used: a CNY→USD rate does not convert USD into CNY,
 * because inverting a decimal rarely gives a decimal.
 *
 * @example
 * ExchangeRate.parse({ from: 'USD', to: 'CNY', rate: '7.1234' });
 */
export const ExchangeRate = z
  .object({
    from: CurrencyCode,
    to: CurrencyCode,
    rate: z
      .string()
      .regex(DECIMAL, 'must be a positive decimal string such as "7.1234"')
      .refine((r) => /[1-9]/.test(r), 'must be greater than zero'),
  })
  .refine((r) => r.from !== r.to, { message: 'from and to must differ', path: ['to'] });
export type ExchangeRate = z.infer<typeof ExchangeRate>;
