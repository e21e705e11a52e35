import { PolicyError } from '../errors.js';
import { parsePolicy } from './parsePolicy.js';
import type { Policy } from './Policy.js';
import { PolicyShape } from './PolicyShape.js';

/**
 * Validates a policy document (already parsed from JSON or YAML) and fills in the defaults.
 *
 * - **Merge.** The document is merged over the defaults: objects key by key at any depth
 *   (sections and records keyed by name alike: `roles`, `approvals.steps`, `currencies`,
 *   `change.departments`…), arrays and other values replace the default. So
 *   `{ roles: { salesHead: { users: ['u-wang'] } } }` adds a user to the default role and keeps
 *   its label; `{ approvals: { steps: { salesHead: { deadlineHours: 8 } } } }` changes one field
 *   of a default step. A new role or step gives its required fields (`label`; `roles`, `stage`,
 *   `ruleId`).
 * - **Strict.** An unknown key is an error at its path (with the likely key meant); every value is
 *   bounded (durations at most ten years, percentages 0–100, amounts ≥ 0 and safe integers,
 *   number patterns with a `{seq:N}` of 1–16 digits, retention 1–100 years, delegation windows as
 *   zoned instants…), so a policy that loads runs.
 * - **One pass.** Shape problems and cross-reference problems (unknown roles and steps, deadlines
 *   that do not fit the business calendar) come together, each reported once at its path.
 *
 * @example
 * const policy = loadPolicy(JSON.parse(readFileSync('ordergate.policy.json', 'utf8')));
 * @throws {PolicyError} listing every problem when the document does not validate, e.g.
 * `review.jointReveiw: unknown key "jointReveiw" (did you mean "jointReview"?)`.
 */
export function loadPolicy(document: unknown = {}): Policy {
  const result = parsePolicy(document);
  if (!result.ok) {
    throw new PolicyError(
      result.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  return result.policy;
}

/** Record entries merge over defaults, so the schema of a record's entries requires nothing. */
function withoutRequired(node: unknown, inRecord: boolean): unknown {
  if (Array.isArray(node)) return node.map((n) => withoutRequired(n, inRecord));
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node as Record<string, unknown>).flatMap(([key, value]): [string, unknown][] => {
      if (key === 'required' && inRecord) return [];
      if (key === 'default' || key === 'const' || key === 'enum') return [[key, value]];
      if (key === 'additionalProperties' && typeof value === 'object' && value !== null)
        return [[key, withoutRequired(value, true)]];
      if (key === 'properties' && typeof value === 'object' && value !== null) {
        return [
          [
            key,
            Object.fromEntries(
              Object.entries(value).map(([k, v]) => [k, withoutRequired(v, inRecord)]),
            ),
          ],
        ];
      }
      return [[key, withoutRequired(value, inRecord)]];
    }),
  );
}

/**
 * The JSON Schema of the policy document as integrators write it, for editor completion: every
 * field optional (defaults fill them in; entries of records such as `roles` merge over the
 * default entries), every object closed (`additionalProperties: false`), the value bounds stated.
 * Cross-references are checked by `loadPolicy` only.
 *
 * @example
 * writeFileSync('policy.schema.json', JSON.stringify(policyJsonSchema(), null, 2));
 */
export function policyJsonSchema(): Record<string, unknown> {
  const schema = PolicyShape.toJSONSchema({ io: 'input', unrepresentable: 'any' });
  return withoutRequired(schema, false) as Record<string, unknown>;
}
