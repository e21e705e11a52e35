import { PolicyError, toInputIssues } from '../errors.js';
import { Policy } from './Policy.js';

/**
 * Validates a policy document (already parsed from JSON or YAML) and fills in the defaults.
 * An invalid policy is refused with every problem listed, each with its path.
 *
 * @example
 * const policy = loadPolicy(JSON.parse(readFileSync('ordergate.policy.json', 'utf8')));
 * @throws {PolicyError} listing every problem when the document does not validate.
 */
export function loadPolicy(document: unknown = {}): Policy {
  const result = Policy.safeParse(document);
  if (!result.success) throw new PolicyError(toInputIssues(result.error));
  return result.data;
}

/**
 * The JSON Schema of the policy document (input form: every field with a default is optional),
 * for editor completion in integrators' policy files.
 *
 * @example
 * writeFileSync('policy.schema.json', JSON.stringify(policyJsonSchema(), null, 2));
 */
export function policyJsonSchema(): Record<string, unknown> {
  return Policy.toJSONSchema({ io: 'input', unrepresentable: 'any' });
}
