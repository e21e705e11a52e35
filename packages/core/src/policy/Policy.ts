import { z } from 'zod';
import { parsePolicy } from './parsePolicy.js';
import type { PolicyOutput, PolicyShape } from './PolicyShape.js';

/**
 * The policy document: every threshold, role mapping, route and deadline the rules use. Defaults
 * reproduce the regulations (24 h review, 4 h for urgent orders, 30 % advance for custom products,
 * salespeople with no discount authority, the marketing VP → finance director → president chain,
 * orders without credit facts held…).
 *
 * Parsing it does what `loadPolicy` does: merges the document over the defaults (objects key by
 * key, arrays replaced — see `loadPolicy`), refuses unknown keys, out-of-range values and
 * references to undefined roles and steps, each problem once at its path. Prefer `loadPolicy`,
 * which throws a `PolicyError`; `Policy` is the same as a zod schema, for composing.
 *
 * @example
 * const policy = Policy.parse({ roles: { salesHead: { users: ['u-wang'] } } });
 * policy.roles['salesHead']?.label.en; // 'Sales department head' (kept from the default role)
 */
export const Policy = z.unknown().transform((document, ctx): PolicyOutput => {
  const result = parsePolicy(document);
  if (result.ok) return result.policy;
  for (const issue of result.issues) {
    ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: document });
  }
  return z.NEVER;
});
export type Policy = PolicyOutput;

type DeepPartial<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/**
 * The policy document as written by integrators: every field optional, at any depth, since the
 * document is merged over the defaults (a new role or step still needs its required fields,
 * which `loadPolicy` checks).
 *
 * @example
 * const input: PolicyInput = { roles: { salesHead: { users: ['u-wang'] } }, credit: { withoutFacts: 'info' } };
 */
export type PolicyInput = DeepPartial<z.input<typeof PolicyShape>>;
