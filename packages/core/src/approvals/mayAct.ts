import { capacities } from './capacities.js';
import { unbarredCapacities } from './unbarredCapacities.js';
import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';

/**
 * Whether an actor may act in one of `roles` at `now`: holding it, or by a delegation valid then.
 * With `barred` (segregation of duties), a barred actor may not act at all, and nobody acts on
 * a barred person's behalf (`unbarredCapacities`).
 *
 * @example
 * mayAct(policy, actor, { roles: ['finance'], now });
 * mayAct(policy, zhou, { roles: ['salesHead'], now, barred: [request.requester] }); // false for the requester's delegate
 */
export function mayAct(
  policy: Policy,
  actor: Pick<Actor, 'id' | 'groups'>,
  options: { roles: readonly string[]; now: string; barred?: readonly string[] },
): boolean {
  const held = capacities(policy, actor, options.now).filter((c) => options.roles.includes(c.role));
  if (options.barred === undefined) return held.length > 0;
  return unbarredCapacities(held, { actor: actor.id, barred: options.barred }).usable.length > 0;
}
