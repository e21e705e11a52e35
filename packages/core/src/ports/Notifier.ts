import type { Effect } from '../workflow/Effect.js';

/**
 * Carries out effects after they were committed: post a message, schedule an approval activity,
 * lock the order in the ERP. Called once per committed transition with its effects, in order.
 *
 * @example
 * const notifier: Notifier = { deliver: async (effects) => { for (const e of effects) console.log(e.type); } };
 */
export interface Notifier {
  deliver(effects: readonly Effect[]): Promise<void>;
}
