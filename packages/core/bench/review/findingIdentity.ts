// What the three review implementations are compared on. ordergate builds full findings
// (message params, citations, steps); the hand-written chain and the json-rules-engine adapter
// build only what identifies a finding. Equivalence is judged on that identity.
import type { Finding, Severity } from '../../src/index.js';

/**
 * The part of a finding all three implementations produce: rule ID, severity, message key
 * (which names the check, e.g. `review.jointReview.special.complex`) and the evidence fields
 * (which name the order field or line, e.g. `lines.3.effectiveDiscountBp`).
 *
 * @example
 * const f: PlainFinding = { ruleId: 'IN-2', severity: 'block', messageKey: 'intake.required.paymentTerms', fields: ['paymentTerms'] };
 */
export interface PlainFinding {
  ruleId: string;
  severity: Severity;
  messageKey: string;
  fields: readonly string[];
}

/**
 * A finding's identity: `ruleId|severity|messageKey|field,field,…` with the fields sorted, so
 * evidence order does not matter but every field does.
 *
 * @example
 * findingIdentity({ ruleId: 'RV-6', severity: 'approval', messageKey: 'review.discount.orderBeyondAuthority',
 *   fields: ['untaxed', 'effectiveDiscountBp'] });
 * // 'RV-6|approval|review.discount.orderBeyondAuthority|effectiveDiscountBp,untaxed'
 */
export function findingIdentity(f: PlainFinding): string {
  return `${f.ruleId}|${f.severity}|${f.messageKey}|${[...f.fields].sort().join(',')}`;
}

/**
 * An ordergate finding reduced to its identity fields.
 *
 * @example
 * assessReview(order, ctx).map(plainOf);
 */
export function plainOf(f: Finding): PlainFinding {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    messageKey: f.messageKey,
    fields: f.evidence.map((e) => e.field),
  };
}

/**
 * The sorted multiset of identities of a list of findings, as one comparable array.
 *
 * @example
 * identities(findings); // ['IN-4|info|intake.urgent.prioritised|urgent', 'RV-3|approval|…|']
 */
export function identities(findings: readonly PlainFinding[]): string[] {
  return findings.map(findingIdentity).sort();
}

/**
 * What one list has that the other lacks, counting duplicates: `[onlyInA, onlyInB]`.
 *
 * @example
 * multisetDiff(['a', 'a', 'b'], ['a', 'c']); // [['a', 'b'], ['c']]
 */
export function multisetDiff(a: readonly string[], b: readonly string[]): [string[], string[]] {
  const counts = new Map<string, number>();
  for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
  const onlyB: string[] = [];
  for (const x of b) {
    const n = counts.get(x) ?? 0;
    if (n > 0) counts.set(x, n - 1);
    else onlyB.push(x);
  }
  const onlyA: string[] = [];
  for (const [x, n] of counts) for (let i = 0; i < n; i++) onlyA.push(x);
  return [onlyA, onlyB];
}
