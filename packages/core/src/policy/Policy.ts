import { z } from 'zod';
import { TimeZone } from '../model/Temporal.js';
import { RuleId } from '../model/RuleId.js';
import { ApprovalsPolicy } from './approvalsPolicy.js';
// change control (CH)
import { ChangePolicy, changePolicyReferences } from './changePolicy.js';
import { CreditPolicy } from './creditPolicy.js';
import { IntakePolicy } from './intakePolicy.js';
import { Locale } from './LocalizedText.js';
import { ReviewPolicy } from './reviewPolicy.js';
// tracking (TR) and archive (AR)
import { ArchivePolicy, archivePolicyRoles } from './archivePolicy.js';
import { TrackingPolicy, trackingPolicyRoles } from './trackingPolicy.js';
import { DEFAULT_ROLES, Delegation, RoleDefinition } from './rolesPolicy.js';

function parseEach<S extends z.ZodType>(
  schema: S,
  entries: Record<string, unknown>,
): Record<string, z.infer<S>> {
  return Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, schema.parse(v)]));
}

/** Decimal places of the currencies messages display; any other currency shows 2. */
const DEFAULT_MINOR_UNITS = { CNY: 2, USD: 2, EUR: 2, HKD: 2, JPY: 0, GBP: 2, KRW: 0, TWD: 2 };

const PolicyShape = z.object({
  /** Schema version of the policy document. */
  version: z.literal(1).default(1),
  /** Company name shown in messages and exports. */
  company: z.string().default(''),
  /** Time zone of deadlines, numbering dates and monthly filing. */
  timeZone: TimeZone.default('Asia/Shanghai'),
  /** Default language of messages. */
  locale: Locale.default('zh'),
  currencies: z
    .record(
      z.string().regex(/^[A-Z]{3}$/),
      z.object({ minorUnits: z.number().int().min(0).max(4) }),
    )
    .default(
      Object.fromEntries(
        Object.entries(DEFAULT_MINOR_UNITS).map(([c, minorUnits]) => [c, { minorUnits }]),
      ),
    ),
  /**
   * Regulation roles → ERP users and groups, merged over the default roles (which name the
   * regulations' roles with nobody in them).
   */
  roles: z
    .record(z.string().min(1), RoleDefinition)
    .default({})
    .transform((given) => ({ ...parseEach(RoleDefinition, DEFAULT_ROLES), ...given })),
  delegations: z.array(Delegation).default([]),
  /** The company's own clause per rule ID, replacing RULES.md's source in findings. */
  citations: z.partialRecord(RuleId, z.string().min(1)).default({}),
  intake: IntakePolicy.prefault({}),
  review: ReviewPolicy.prefault({}),
  approvals: ApprovalsPolicy.prefault({}),
  credit: CreditPolicy.prefault({}),
  // change control (CH-1…CH-7)
  change: ChangePolicy.prefault({}),
  // tracking (TR-1…TR-5) and archive (AR-1…AR-6)
  tracking: TrackingPolicy.prefault({}),
  archive: ArchivePolicy.prefault({}),
  workflow: z
    .object({
      /** Roles that may confirm an approved order to the customer, besides its owner. */
      confirmRoles: z.array(z.string().min(1)).default(['salesAssistant', 'salesHead']),
    })
    .prefault({}),
});

function checkReferences(policy: z.infer<typeof PolicyShape>, ctx: z.RefinementCtx): void {
  const roles = new Set(Object.keys(policy.roles));
  const steps = new Set(Object.keys(policy.approvals.steps));
  const needRole = (role: string, path: (string | number)[]) => {
    if (!roles.has(role)) ctx.addIssue({ code: 'custom', path, message: `unknown role "${role}"` });
  };
  const needStep = (step: string, path: (string | number)[]) => {
    if (!steps.has(step))
      ctx.addIssue({ code: 'custom', path, message: `unknown approval step "${step}"` });
  };
  for (const [key, def] of Object.entries(policy.roles)) {
    if (def.nextLevel) needRole(def.nextLevel, ['roles', key, 'nextLevel']);
  }
  for (const [key, def] of Object.entries(policy.approvals.steps)) {
    def.roles.forEach((r, i) => needRole(r, ['approvals', 'steps', key, 'roles', i]));
    if (def.escalateTo) needRole(def.escalateTo, ['approvals', 'steps', key, 'escalateTo']);
  }
  for (const [route, list] of Object.entries(policy.review.routes)) {
    list.forEach((s, i) => needStep(s, ['review', 'routes', route, i]));
  }
  needStep(policy.review.discount.approvalStep, ['review', 'discount', 'approvalStep']);
  needStep(policy.review.jointReview.step, ['review', 'jointReview', 'step']);
  policy.workflow.confirmRoles.forEach((r, i) => needRole(r, ['workflow', 'confirmRoles', i]));
  needStep(policy.credit.approvalStep, ['credit', 'approvalStep']);
  // tracking (TR) and archive (AR): roles their policies name
  trackingPolicyRoles(policy.tracking).forEach((r) => needRole(r.name, ['tracking', ...r.path]));
  archivePolicyRoles(policy.archive).forEach((r) => needRole(r.name, ['archive', ...r.path]));
  // credit (CR-1…CR-8): roles and steps the credit policy names
  policy.credit.paymentRecordRoles.forEach((r, i) =>
    needRole(r, ['credit', 'paymentRecordRoles', i]),
  );
  policy.credit.limitChange.proposeRoles.forEach((r, i) =>
    needRole(r, ['credit', 'limitChange', 'proposeRoles', i]),
  );
  policy.credit.limitChange.steps.forEach((s, i) =>
    needStep(s, ['credit', 'limitChange', 'steps', i]),
  );
  policy.credit.limitChange.temporaryIncreaseSteps.forEach((s, i) =>
    needStep(s, ['credit', 'limitChange', 'temporaryIncreaseSteps', i]),
  );
  // change control (CH): roles and steps the change policy names
  for (const ref of changePolicyReferences(policy.change)) {
    (ref.kind === 'role' ? needRole : needStep)(ref.name, ['change', ...ref.path]);
  }
  Object.keys(policy.review.discount.authorityByRole).forEach((r) =>
    needRole(r, ['review', 'discount', 'authorityByRole', r]),
  );
  policy.delegations.forEach((d, i) =>
    d.roles?.forEach((r, j) => needRole(r, ['delegations', i, 'roles', j])),
  );
}

/**
 * The policy document: every threshold, role mapping, route and deadline the rules use. Defaults
 * reproduce the regulations (24 h review, 4 h for urgent orders, 30 % advance for custom products,
 * salespeople with no discount authority, the marketing VP → finance director → president chain…).
 * Cross-references (roles named by steps, steps named by routes) are checked too.
 *
 * @example
 * const policy = Policy.parse({ roles: { salesHead: { label: { en: 'Head', zh: '主管' }, users: ['u-wang'] } } });
 */
export const Policy = PolicyShape.superRefine(checkReferences);
export type Policy = z.infer<typeof Policy>;
/** The policy document as written by integrators (every field optional). */
export type PolicyInput = z.input<typeof Policy>;
