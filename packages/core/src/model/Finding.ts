import { z } from 'zod';
import type { RuleId } from './RuleId.js';

/**
 * How a finding affects the order: `block` refuses the transition, `approval` makes the order wait
 * for an approval step, `warn` lets it go on with the finding shown, `info` only records.
 *
 * @example
 * Severity.parse('approval'); // the order waits for an approval step
 */
export const Severity = z.enum(['block', 'approval', 'warn', 'info']);
export type Severity = z.infer<typeof Severity>;

/** A message parameter: plain values only, so messages render the same in every language. */
export type MessageParam = string | number | boolean;

/** What the rule looked at: the field, the value found and the limit it was held against. */
export interface Evidence {
  /** Dotted path into the order, e.g. `lines.2.discountBp` or `paymentTerms`. */
  field: string;
  value?: unknown;
  limit?: unknown;
}

/**
 * The result of one rule on one order: rule ID, severity, a message key with its parameters, the
 * evidence and the regulation passage behind it. For `approval` findings, `steps` names the policy
 * approval steps (see `policy.approvals.steps`) the order must pass.
 *
 * @example
 * const f: Finding = {
 *   ruleId: 'RV-4', severity: 'approval', messageKey: 'review.jointReview.largeAmount',
 *   params: { total: '1,200,000.00 CNY', threshold: '1,000,000.00 CNY' },
 *   evidence: [{ field: 'total', value: 120000000, limit: 100000000 }],
 *   source: '003 三(三)2', steps: ['jointReview'],
 * };
 */
export interface Finding {
  ruleId: RuleId;
  severity: Severity;
  messageKey: string;
  params: Readonly<Record<string, MessageParam>>;
  evidence: readonly Evidence[];
  /** Regulation passage (the rule catalogue's source, or the company's own clause from the policy). */
  source: string;
  /** For `approval` findings: the policy step keys (`policy.approvals.steps`) the order must pass. */
  steps?: readonly string[];
}

/**
 * Severity order, most severe first.
 *
 * @example
 * [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]); // blocks first
 */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = {
  block: 0,
  approval: 1,
  warn: 2,
  info: 3,
};
