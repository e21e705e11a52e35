import type { RuleId } from '../model/RuleId.js';
import type { ApprovalMode } from '../policy/approvalsPolicy.js';
import type { LocalizedText } from '../policy/LocalizedText.js';

/** One approval given on a step. */
export interface ApprovalRecord {
  /** Who clicked approve. */
  actor: string;
  /** The user whose authority was used, when acting as a delegate. */
  onBehalfOf?: string;
  /** The role the approval counts for. */
  role: string;
  department: string;
  at: string;
  comment?: string;
  /** True when given by the escalation level of an overdue step (RV-2). */
  escalated?: boolean;
  /**
   * "One approver, one act": set when this approval was not asked for on this step but came with
   * the act on step `coveredBy` (same actor, time and comment), because the actor's approval counts
   * on both and the policy lets one act cover every open step (`approvals.coverOpenSteps`).
   */
  coveredBy?: string;
}

/** Status of a step in a route. */
export type StepStatus = 'waiting' | 'active' | 'approved';

/**
 * A step of an order's approval route, with its live state.
 */
export interface RouteStep {
  key: string;
  label: LocalizedText;
  stage: number;
  roles: readonly string[];
  mode: ApprovalMode;
  m?: number;
  /** Rules whose findings require the step. */
  ruleIds: readonly RuleId[];
  status: StepStatus;
  activatedAt?: string;
  deadline?: string;
  overdue: boolean;
  /** Roles that may act since the step ran overdue (RV-2 escalation). */
  escalatedTo: readonly string[];
  approvals: readonly ApprovalRecord[];
}

/**
 * An order's approval route: steps grouped by stage; all steps of the lowest unfinished stage are
 * active at once (parallel), stages follow one another (sequential).
 */
export interface Route {
  steps: readonly RouteStep[];
  /** The whole review's deadline (RV-2), from receipt. */
  reviewDeadline: string;
}
