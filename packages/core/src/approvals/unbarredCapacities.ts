import type { Capacity } from './capacities.js';

/** The capacities left to an actor once segregation of duties is applied, and who removed the rest. */
export interface UnbarredCapacities {
  /** The capacities the actor may still use. */
  usable: Capacity[];
  /**
   * The barred people that cost the actor capacities: the actor themself when barred (every
   * capacity is gone then, delegated ones included), else each delegator who is barred.
   */
  barredBy: string[];
}

/**
 * Segregation of duties (decision 009; RV-3, CH-1, CR-3, CR-4, AR-5):
 * nobody decides what they owned, submitted or requested — not in their own right, not as
 * someone's delegate — and no delegate decides on behalf of such a person. Given an actor's
 * capacities (`capacities`) and the people barred from the decision, keeps the capacities the
 * actor may still use: none when the actor is barred; otherwise every own role, and the roles
 * delegated by people who are not barred.
 *
 * @example
 * const caps = capacities(policy, zhou, now); // [{ role: 'salesHead', onBehalfOf: 'u-wang' }]
 * unbarredCapacities(caps, { actor: 'u-zhou', barred: ['u-wang'] });
 * // { usable: [], barredBy: ['u-wang'] }: Wang's delegate may not approve Wang's own order
 */
export function unbarredCapacities(
  caps: readonly Capacity[],
  who: { actor: string; barred: readonly string[] },
): UnbarredCapacities {
  const barred = new Set(who.barred);
  if (barred.has(who.actor)) return { usable: [], barredBy: [who.actor] };
  const usable: Capacity[] = [];
  const barredBy = new Set<string>();
  for (const cap of caps) {
    if (cap.onBehalfOf !== undefined && barred.has(cap.onBehalfOf)) barredBy.add(cap.onBehalfOf);
    else usable.push(cap);
  }
  return { usable, barredBy: [...barredBy] };
}
