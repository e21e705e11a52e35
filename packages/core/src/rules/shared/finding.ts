import type { Evidence, Finding, MessageParam, Severity } from '../../model/Finding.js';
import { RULE_SOURCES, type RuleId } from '../../model/RuleId.js';
import type { Policy } from '../../policy/Policy.js';

/** Fields of a finding that a rule supplies; the source comes from the policy or the rule catalogue. */
export interface FindingSpec {
  ruleId: RuleId;
  severity: Severity;
  messageKey: string;
  params?: Record<string, MessageParam>;
  evidence?: Evidence[];
  steps?: string[];
}

/**
 * Builds a finding, citing the company's own clause for the rule when the policy has one and
 * the rule catalogue's source otherwise.
 *
 * @example
 * finding(policy, { ruleId: 'RV-3', severity: 'approval', messageKey: 'review.salesHead.required', steps: ['salesHead'] });
 */
export function finding(policy: Pick<Policy, 'citations'>, spec: FindingSpec): Finding {
  return {
    ruleId: spec.ruleId,
    severity: spec.severity,
    messageKey: spec.messageKey,
    params: spec.params ?? {},
    evidence: spec.evidence ?? [],
    source: policy.citations[spec.ruleId] ?? RULE_SOURCES[spec.ruleId],
    ...(spec.steps ? { steps: spec.steps } : {}),
  };
}
