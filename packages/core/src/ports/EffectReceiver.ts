import type { Effect } from '../state/Effect.js';

/**
 * The receiving side of the effect outbox: carries out one effect (post a message, schedule an
 * approval activity, lock the order in the ERP) and resolves only once it is done. A rejection
 * leaves the effect in the outbox to be tried again later; an effect may arrive more than once
 * (after a crash between delivery and its settlement), so receivers apply it idempotently by
 * `effect.key`.
 *
 * @example
 * const receiver: EffectReceiver = { deliver: (effect) => erp.apply(effect) };
 */
export interface EffectReceiver {
  deliver(effect: Effect): Promise<void>;
}
