import { capacities } from '../approvals/capacities.js';
import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';

/**
 * Whether an actor may act in one of `roles` at `now`: holding it, or by a delegation valid then.
 *
 * @example
 * mayAct(policy, actor, { roles: ['finance'], now });
 */
export function mayAct(
  policy: Policy,
  actor: Pick<Actor, 'id' | 'groups'>,
  options: { roles: readonly string[]; now: string },
): boolean {
  return capacities(policy, actor, options.now).some((c) => options.roles.includes(c.role));
}
