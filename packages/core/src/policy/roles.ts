import type { Actor } from '../model/Actor.js';
import type { Policy } from './Policy.js';

/**
 * Whether an actor holds a role directly (user id or group listed under the role).
 *
 * @example
 * holdsRole(policy, { id: 'u-wang', groups: [] }, 'salesHead');
 */
export function holdsRole(
  policy: Policy,
  actor: Pick<Actor, 'id' | 'groups'>,
  role: string,
): boolean {
  const def = policy.roles[role];
  if (!def) return false;
  return def.users.includes(actor.id) || actor.groups.some((g) => def.groups.includes(g));
}

/**
 * Every role an actor holds directly.
 *
 * @example
 * rolesOf(policy, actor); // ['salesperson']
 */
export function rolesOf(policy: Policy, actor: Pick<Actor, 'id' | 'groups'>): string[] {
  return Object.keys(policy.roles).filter((role) => holdsRole(policy, actor, role));
}

/**
 * Department of a role for "one from each department" approvals: the role's `department`, or the
 * role key itself.
 *
 * @example
 * departmentOf(policy, 'technical'); // 'technical' unless the role names a department
 */
export function departmentOf(policy: Policy, role: string): string {
  return policy.roles[role]?.department ?? role;
}
