import type { Policy } from '../../policy/Policy.js';

/**
 * Who must approve, in each language, as message parameters.
 *
 * @example
 * const p: ApproverParams = { approverEn: 'Sales department head approval', approverZh: '销售部门负责人审批' };
 */
export interface ApproverParams {
  [key: string]: string;
  approverEn: string;
  approverZh: string;
}

// The labels of a route only change with the policy, so they are built once per policy and
// step list rather than on every assessment. Routes are usually the policy's own arrays
// (`policy.review.routes.exceptional`): those are found by identity first, which spares joining
// the step keys into a lookup key on every finding. Like the policy, a step list is a value that
// is not changed once used.
interface Memo {
  byKey: Map<string, ApproverParams>;
  byList: WeakMap<readonly string[], ApproverParams>;
}
const memo = new WeakMap<Policy, Memo>();

/**
 * The approval steps an approval finding names, as readable labels from the policy, in the order
 * they run: stages ascending, steps sharing a stage (parallel) joined. Message parameters are
 * plain values, so each language gets its own parameter (`approverEn` for the English template,
 * `approverZh` for the Chinese one) and a rendered message never mixes languages.
 *
 * @example
 * approverParams(policy, ['marketingVpReview', 'financeDirectorOpinion', 'presidentApproval']);
 * // { approverEn: 'Marketing VP review → Finance director opinion → President approval',
 * //   approverZh: '营销副总裁审核 → 财务总监意见 → 总裁批准' }
 */
export function approverParams(policy: Policy, steps: readonly string[]): ApproverParams {
  let byPolicy = memo.get(policy);
  if (byPolicy === undefined) {
    byPolicy = { byKey: new Map(), byList: new WeakMap() };
    memo.set(policy, byPolicy);
  }
  // Only lists of several steps: a one-step list is usually built per call, and its key is free.
  let params = steps.length > 1 ? byPolicy.byList.get(steps) : undefined;
  if (params !== undefined) return params;
  const key = steps.length === 1 ? (steps[0] ?? '') : steps.join('\u0000');
  params = byPolicy.byKey.get(key);
  if (params === undefined) {
    params = build(policy, steps);
    byPolicy.byKey.set(key, params);
  }
  if (steps.length > 1) byPolicy.byList.set(steps, params);
  return params;
}

function build(policy: Policy, steps: readonly string[]): ApproverParams {
  const stages = new Map<number, { en: string[]; zh: string[] }>();
  steps.forEach((key, index) => {
    const def = policy.approvals.steps[key];
    // An unknown step cannot pass loadPolicy's reference check; fall back to the key anyway so
    // a hand-built policy still renders something readable. Its array position keeps its order.
    const stage = def?.stage ?? index;
    const group = stages.get(stage) ?? { en: [], zh: [] };
    group.en.push(def?.label.en ?? key);
    group.zh.push(def?.label.zh ?? key);
    stages.set(stage, group);
  });
  const ordered = [...stages.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
  return {
    approverEn: ordered.map((g) => g.en.join(' + ')).join(' → '),
    approverZh: ordered.map((g) => g.zh.join('、')).join(' → '),
  };
}
