import { z } from 'zod';
import { RuleId } from '../model/RuleId.js';
import { LocalizedText } from './LocalizedText.js';
import { copyDefaults, crossFieldIssue, Hours, Name } from './policyValues.js';

/**
 * How a step is satisfied:
 * - `any`: one approval from anyone holding one of the step's roles;
 * - `all`: every role listed approves (one holder each);
 * - `eachDepartment`: one holder from each department the roles belong to (RV-4 joint review);
 * - `mOfN`: `m` distinct holders of any of the roles.
 *
 * @example
 * ApprovalMode.parse('eachDepartment'); // RV-4 joint review
 */
export const ApprovalMode = z.enum(['any', 'all', 'eachDepartment', 'mOfN']);
export type ApprovalMode = z.infer<typeof ApprovalMode>;

/**
 * An approval step the rules can require. Steps with the same `stage` run in parallel; stages
 * run in ascending order. The sales head's step is last by default (our reading on RV-3), but
 * for the general manager's approval of a non-regular order's product plan, which follows the
 * sales head's agreement (RV-5); give a step another stage to move it.
 *
 * @example
 * ApprovalStepDefinition.parse({ label: { en: 'Joint review', zh: '联合评审' },
 *   roles: ['technical', 'finance', 'production'], mode: 'eachDepartment', stage: 20, ruleId: 'RV-4' });
 */
export const ApprovalStepDefinition = z
  .strictObject({
    label: LocalizedText,
    roles: z.array(Name).min(1),
    mode: ApprovalMode.default('any'),
    /** For `mOfN`. */
    m: z.number().int().min(1).optional(),
    stage: z.number().int(),
    /** Hours the step may take once active; the order's review deadline applies when absent. */
    deadlineHours: Hours.optional(),
    /**
     * The level the step escalates to once overdue (RV-2): a role that may then act on it. When
     * absent, the one level above every role of the step (`levelAbove`: a one-role step's
     * `nextLevel`; the first level all its roles' chains of `nextLevel` reach) — never the next
     * level of each role. A step whose roles all have a level above them but reach none in
     * common must name it here.
     */
    escalateTo: Name.optional(),
    /** The rule the step serves, shown with the step. */
    ruleId: RuleId,
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'mOfN' && s.m === undefined)
      crossFieldIssue(ctx, 'm', 'mode mOfN needs m', ['mode', 'm']);
  });
export type ApprovalStepDefinition = z.infer<typeof ApprovalStepDefinition>;

function step(
  en: string,
  zh: string,
  roles: string[],
  stage: number,
  ruleId: RuleId,
  mode: ApprovalMode = 'any',
) {
  return { label: { en, zh }, roles, stage, ruleId, mode };
}

/**
 * Default steps reproducing the regulations' routes.
 *
 * @example
 * DEFAULT_STEPS.salesHead.roles; // ['salesHead']
 */
export const DEFAULT_STEPS = {
  /** RV-5 regular order: production/workshop supervisor. */
  regularReview: step('Production review', '生产主管评审', ['production'], 10, 'RV-5'),
  /** RV-5 non-regular order: engineering supervisor. */
  engineeringReview: step('Engineering review', '工程主管评审', ['engineering'], 10, 'RV-5'),
  /**
   * CH-2 change review: the departments concerned each sign. The roles here are the widest set;
   * each change request narrows them to the departments owning the changed fields.
   */
  changeDepartmentReview: step(
    'Review by the departments concerned',
    '相关部门会签',
    ['finance', 'production', 'engineering'],
    15,
    'CH-2',
    'eachDepartment',
  ),
  /** RV-4 joint review: technical, finance and production each sign. */
  jointReview: step(
    'Joint review (technical, finance, production)',
    '联合评审(技术、财务、生产)',
    ['technical', 'finance', 'production'],
    20,
    'RV-4',
    'eachDepartment',
  ),
  /** RV-10 legal review of the contract. */
  legalReview: step('Legal review of the contract', '合同法务审核', ['legal'], 20, 'RV-10'),
  /** CR-1 / CR-4 credit approval: finance director (our reading on unnamed approvers). */
  creditApproval: step('Credit approval', '信用审批', ['financeDirector'], 25, 'CR-4'),
  /** RV-7 exceptional orders: marketing VP, then finance director, then president. */
  marketingVpReview: step('Marketing VP review', '营销副总裁审核', ['marketingVP'], 30, 'RV-7'),
  financeDirectorOpinion: step(
    'Finance director opinion',
    '财务总监意见',
    ['financeDirector'],
    31,
    'RV-7',
  ),
  presidentApproval: step('President approval', '总裁批准', ['president'], 32, 'RV-7'),
  /**
   * RV-5 non-regular product plan: the general manager approves it after the sales head has
   * agreed to it (002 第6条3), so the step's stage follows the sales head's (90).
   */
  generalManagerApproval: step(
    'General manager approval',
    '总经理批准',
    ['generalManager'],
    95,
    'RV-5',
  ),
  /** CR-3 grade and limit changes: reviewed by finance, then approved by management (general manager). */
  creditLimitFinanceReview: step(
    'Finance review of credit change',
    '财务审核信用变更',
    ['finance'],
    50,
    'CR-3',
  ),
  creditLimitManagementApproval: step(
    'Management approval of credit change',
    '管理层批准信用变更',
    ['generalManager'],
    51,
    'CR-3',
  ),
  /** RV-3 (and RV-6 discounts, RV-5 product-plan agreement): the sales department head. */
  salesHead: step(
    'Sales department head approval',
    '销售部门负责人审批',
    ['salesHead'],
    90,
    'RV-3',
  ),
} satisfies Record<string, z.input<typeof ApprovalStepDefinition>>;

/**
 * Approval settings: the steps rules may require, keyed by name; the default steps when absent.
 * `loadPolicy` merges a policy's steps over the default steps, field by field, so a policy
 * changes one field of a default step, or adds a step, without restating the others. `coverOpenSteps`: whether one approval act covers several open steps.
 *
 * @example
 * loadPolicy({ approvals: { steps: { salesHead: { deadlineHours: 8 }, qualityReview: {
 *   label: { en: 'Quality review', zh: '质量评审' }, roles: ['production'], stage: 15, ruleId: 'RV-5' } } } });
 * // every default step kept; the sales head's step gets an 8-hour deadline
 */
export const ApprovalsPolicy = z.strictObject({
  steps: z
    .record(Name, ApprovalStepDefinition)
    .default(() => copyDefaults<Record<string, ApprovalStepDefinition>>(DEFAULT_STEPS)),
  // --- one approver, one act (Core 1.0; owned by the approvals engine) ---
  /**
   * Whether one approval act covers every open step of the active stage where the approver's
   * approval counts (e.g. a production supervisor on both the regular review and the joint
   * review when a policy runs them in one stage): one record per step, `coveredBy` naming the
   * step acted on. When false each step takes its own act. Either way the approver is told of
   * every act still due from them, later stages included (`approveStep` → `stillDue`).
   */
  coverOpenSteps: z.boolean().default(true),
  // --- end one approver, one act ---
});
export type ApprovalsPolicy = z.infer<typeof ApprovalsPolicy>;
