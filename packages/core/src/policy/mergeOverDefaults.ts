/**
 * A plain data object (not an array, a date or a class instance).
 *
 * @example
 * isPlainObject({ a: 1 }); // true; isPlainObject([1]) and isPlainObject(new Date()) are false
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * Merges a policy document over the defaults, the way `loadPolicy` reads a policy:
 *
 * - objects merge key by key, recursively: the sections (`review.deadlines`) and the records
 *   keyed by name alike (`roles`, `approvals.steps`, `currencies`, `change.departments`,
 *   `review.jointReview.largeAmount`…), so `{ roles: { salesHead: { users: ['u-wang'] } } }`
 *   adds a user to the default sales-head role and keeps its label and `nextLevel`;
 * - arrays replace the default array whole (`routes.always`, a role's `users`, `delegations`);
 * - any other value (string, number, boolean, `null`) replaces the default;
 * - `undefined` (an absent key) keeps the default.
 *
 * A default cannot be removed by merging: a default role or step stays, with nobody in it or on
 * no route, unless the policy changes it.
 *
 * @example
 * mergeOverDefaults({ a: { x: 1, y: [1, 2] }, b: 2 }, { a: { y: [3] } }); // { a: { x: 1, y: [3] }, b: 2 }
 */
export function mergeOverDefaults(defaults: unknown, given: unknown): unknown {
  if (given === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(given)) return given;
  const keys = new Set([...Object.keys(defaults), ...Object.keys(given)]);
  // fromEntries defines own properties, so a key such as `__proto__` stays plain data.
  return Object.fromEntries(
    [...keys].map((key) => [
      key,
      mergeOverDefaults(
        Object.hasOwn(defaults, key) ? defaults[key] : undefined,
        Object.hasOwn(given, key) ? given[key] : undefined,
      ),
    ]),
  );
}
