import type { Actor } from '../model/Actor.js';
import type { PolicyOutput as Policy } from './PolicyShape.js';

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

/**
 * The levels above a role, nearest first: its `nextLevel`, that role's `nextLevel`, and so on,
 * stopping at a role without one (the top) or at a role already passed (a loop in the policy).
 *
 * @example
 * levelsAbove({ roles: DEFAULT_ROLES }, 'finance'); // ['financeDirector', 'generalManager', 'president']
 */
export function levelsAbove(
  policy: { roles: Readonly<Record<string, { nextLevel?: string | undefined }>> },
  role: string,
): string[] {
  const levels: string[] = [];
  for (let next = policy.roles[role]?.nextLevel; next !== undefined;) {
    if (next === role || levels.includes(next)) break;
    levels.push(next);
    next = policy.roles[next]?.nextLevel;
  }
  return levels;
}

/**
 * RV-2: the one level above every role of an approval step, read from the roles' `nextLevel` —
 * the first level every role's chain of next levels reaches. For a one-role step it is the role's
 * next level; for the joint review (technical → general manager, finance → finance director →
 * general manager, production → general manager) it is the general manager, not each role's own
 * next level. Undefined when a role of the step has no level above it or the chains never meet;
 * a step's `escalateTo` names its level instead.
 *
 * @example
 * levelAbove({ roles: DEFAULT_ROLES }, ['technical', 'finance', 'production']); // 'generalManager'
 * levelAbove({ roles: DEFAULT_ROLES }, ['finance']); // 'financeDirector'
 */
export function levelAbove(
  policy: { roles: Readonly<Record<string, { nextLevel?: string | undefined }>> },
  roles: readonly string[],
): string | undefined {
  const [first, ...others] = roles.map((r) => levelsAbove(policy, r));
  return first?.find((level) => others.every((chain) => chain.includes(level)));
}
