import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import { rolesOf } from '../policy/roles.js';

/** A role someone may act in: their own, or one delegated to them by `onBehalfOf`. */
export interface Capacity {
  role: string;
  onBehalfOf?: string;
}

function within(at: number, from?: string, until?: string): boolean {
  if (from !== undefined && at < Date.parse(from)) return false;
  if (until !== undefined && at > Date.parse(until)) return false;
  return true;
}

/**
 * Every role an actor may act in at an instant: the roles they hold, then the roles delegated to
 * them by policy delegations valid at that instant (a delegation without `roles` passes the
 * roles that list the delegator by user id).
 *
 * @example
 * capacities(policy, { id: 'u-zhao', groups: [] }, now); // [{ role: 'salesHead', onBehalfOf: 'u-wang' }]
 */
export function capacities(
  policy: Policy,
  actor: Pick<Actor, 'id' | 'groups'>,
  at: string,
): Capacity[] {
  const own: Capacity[] = rolesOf(policy, actor).map((role) => ({ role }));
  const atMs = Date.parse(at);
  const delegated: Capacity[] = [];
  for (const d of policy.delegations) {
    if (d.to !== actor.id || !within(atMs, d.validFrom, d.validUntil)) continue;
    const roles =
      d.roles ?? Object.keys(policy.roles).filter((r) => policy.roles[r]?.users.includes(d.from));
    for (const role of roles) delegated.push({ role, onBehalfOf: d.from });
  }
  return [...own, ...delegated];
}
