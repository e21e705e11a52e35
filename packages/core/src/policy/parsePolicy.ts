import { z } from 'zod';
import { didYouMean } from './didYouMean.js';
import { isPlainObject, mergeOverDefaults } from './mergeOverDefaults.js';
import {
  policyChecks,
  type KnownNames,
  type PolicyIssue,
  type PolicyPath,
} from './policyChecks.js';
import { PolicyShape, type PolicyOutput } from './PolicyShape.js';

/**
 * The outcome of reading a policy document: the policy, or every problem with it.
 *
 * @example
 * const r: PolicyParse = parsePolicy(document);
 * if (!r.ok) r.issues.forEach((i) => console.log(i.path.join('.'), i.message));
 */
export type PolicyParse = { ok: true; policy: PolicyOutput } | { ok: false; issues: PolicyIssue[] };

// Each round removes at least one invalid subtree; a document needs a handful at most.
const MAX_ROUNDS = 32;

const startsWith = (path: PolicyPath, prefix: PolicyPath) =>
  prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
const overlaps = (a: PolicyPath, b: PolicyPath) => startsWith(a, b) || startsWith(b, a);
const samePath = (a: PolicyPath, b: PolicyPath) => a.length === b.length && startsWith(a, b);

function valueAt(value: unknown, path: PolicyPath): unknown {
  let node = value;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') node = node[segment] as unknown;
    else if (isPlainObject(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** `value` without the subtree at `path` (copies along the path only; `value` is untouched). */
function removeAt(value: unknown, path: PolicyPath): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return undefined;
  if (Array.isArray(value) && typeof head === 'number' && rest.length > 0) {
    return value.map((item: unknown, i) => (i === head ? removeAt(item, rest) : item));
  }
  if (!isPlainObject(value) || !Object.hasOwn(value, head)) return value;
  if (rest.length === 0)
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== head));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === String(head) ? removeAt(v, rest) : v]),
  );
}

/** The schema of the value at `path`, through defaults, optionals, records and arrays. */
function schemaAt(schema: z.ZodType, path: PolicyPath): z.ZodType | undefined {
  const unwrap = (s: z.ZodType): z.ZodType =>
    s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional
      ? unwrap(s.unwrap() as z.ZodType)
      : s;
  let node: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[segment];
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else return undefined;
    if (node === undefined) return undefined;
    node = unwrap(node);
  }
  return node;
}

function unknownKeyMessage(path: PolicyPath, key: string): string {
  const schema = schemaAt(PolicyShape, path);
  const allowed = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
  const guess = didYouMean(key, allowed);
  return `unknown key "${key}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}`;
}

/** One problem per zod issue, one per unknown key, each with the fields it was judged from. */
function shapeIssues(issues: readonly z.core.$ZodIssue[], document: unknown): PolicyIssue[] {
  return issues.flatMap((issue): PolicyIssue[] => {
    const path = issue.path.map((s) => (typeof s === 'symbol' ? String(s) : s));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: unknownKeyMessage(path, key),
        reads: [[...path, key]],
      }));
    }
    if (issue.code === 'invalid_key') {
      const why = issue.issues.map((i) => i.message).join('; ');
      return [{ path, message: `invalid key "${String(path.at(-1))}": ${why}`, reads: [path] }];
    }
    if (issue.code === 'invalid_type' && valueAt(document, path) === undefined) {
      return [{ path, message: `required: expected ${issue.expected}`, reads: [path] }];
    }
    const siblings = issue.code === 'custom' ? (issue.params?.['reads'] as unknown) : undefined;
    const reads: PolicyPath[] = Array.isArray(siblings)
      ? siblings.map((key) => [...path.slice(0, -1), String(key)])
      : [];
    return [{ path, message: issue.message, reads: [path, ...reads] }];
  });
}

/**
 * What to remove from the document so that a problem at `path` goes away and the rest can be
 * checked: the field itself; its array when it is an array element (indexes stay stable);
 * its parent when the field was removed already and the problem stays (a required field).
 */
function removalTarget(
  document: unknown,
  path: PolicyPath,
  removed: readonly PolicyPath[],
): PolicyPath | undefined {
  const lift = (p: PolicyPath) =>
    Array.isArray(valueAt(document, p.slice(0, -1))) ? p.slice(0, -1) : p;
  let target = lift(path);
  while (target.length > 0 && removed.some((r) => samePath(r, target))) {
    target = lift(target.slice(0, -1));
  }
  return target.length === 0 ? undefined : target;
}

/** One issue per path: the first found (a type or size problem before a finer check). */
function firstPerPath(issues: readonly PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = JSON.stringify(issue.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function knownNames(merged: unknown): KnownNames {
  const keys = (value: unknown) => new Set(isPlainObject(value) ? Object.keys(value) : []);
  return {
    roles: keys(valueAt(merged, ['roles'])),
    steps: keys(valueAt(merged, ['approvals', 'steps'])),
  };
}

/**
 * Reads a policy document (already parsed from JSON or YAML) in one pass: merges it over the
 * defaults (`mergeOverDefaults`), checks its shape (unknown keys, types, bounds) and what no
 * single field shows (cross-references, deadlines against the calendar), and returns the policy
 * or every problem at once.
 *
 * One mistake is reported once, at its path: a subtree found invalid is set aside (its default
 * stands in) and the rest of the document is checked again, so problems elsewhere still show;
 * any problem judged from a field set aside is dropped; and a role or step whose definition is
 * malformed still counts as defined for the references to it.
 *
 * @example
 * const r = parsePolicy({ review: { jointReveiw: {} }, roles: { salesHead: { label: { en: '' } } } });
 * // r.ok false; issues at review.jointReveiw (unknown key, did you mean "jointReview"?) and roles.salesHead.label.en
 */
export function parsePolicy(document: unknown): PolicyParse {
  const defaults: unknown = PolicyShape.parse({});
  let given: unknown = document === undefined ? {} : document;
  const known = knownNames(mergeOverDefaults(defaults, given));
  const removed: PolicyPath[] = [];
  const issues: PolicyIssue[] = [];
  const setAside = (issue: PolicyIssue, aside: readonly PolicyPath[]) =>
    issue.reads.some((read) => aside.some((r) => overlaps(r, read)));

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const merged = mergeOverDefaults(defaults, given);
    const result = PolicyShape.safeParse(merged);
    if (result.success) {
      issues.push(...policyChecks(result.data, known).filter((i) => !setAside(i, removed)));
      return issues.length === 0
        ? { ok: true, policy: result.data }
        : { ok: false, issues: firstPerPath(issues) };
    }
    const before = [...removed];
    for (const issue of shapeIssues(result.error.issues, merged)) {
      if (!setAside(issue, before)) issues.push(issue);
      const target = removalTarget(given, issue.path, before);
      if (target === undefined) return { ok: false, issues: firstPerPath(issues) };
      if (!removed.some((r) => samePath(r, target))) {
        given = removeAt(given, target);
        removed.push(target);
      }
    }
  }
  return { ok: false, issues: firstPerPath(issues) };
}
