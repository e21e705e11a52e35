import { z } from 'zod';
import { IsoDateTime } from '../model/Temporal.js';
import { LocalizedText } from './LocalizedText.js';
import { crossFieldIssue, Name } from './policyValues.js';

/** An instant with an explicit zone; `date-time` (RFC 3339, offset required) for editors. */
const ZonedInstant = IsoDateTime.meta({ format: 'date-time' });

/**
 * A regulation role mapped to ERP users and groups. Someone holds the role when their user id is
 * in `users` or one of their groups is in `groups`.
 *
 * @example
 * RoleDefinition.parse({ label: { en: 'Sales department head', zh: '销售部门负责人' }, users: ['u-wang'], nextLevel: 'generalManager' });
 */
export const RoleDefinition = z.strictObject({
  label: LocalizedText,
  users: z.array(Name).default([]),
  groups: z.array(Name).default([]),
  /** Department for "one from each department" approvals; defaults to the role key. */
  department: Name.optional(),
  /** Escalation target when a step held by this role runs overdue (RV-2). */
  nextLevel: Name.optional(),
});
export type RoleDefinition = z.infer<typeof RoleDefinition>;

function role(en: string, zh: string, nextLevel?: string) {
  return { label: { en, zh }, users: [], groups: [], ...(nextLevel ? { nextLevel } : {}) };
}

/**
 * The roles the regulations name (docs/rules.md).
 *
 * @example
 * DEFAULT_ROLES.salesHead.nextLevel; // 'generalManager'
 */
export const DEFAULT_ROLES = {
  salesperson: role('Salesperson', '销售人员', 'salesHead'),
  salesHead: role('Sales department head', '销售部门负责人', 'generalManager'),
  salesAssistant: role('Sales assistant', '销售助理', 'salesHead'),
  finance: role('Finance', '财务部门', 'financeDirector'),
  financeDirector: role('Finance director', '财务总监', 'generalManager'),
  technical: role('Technical department', '技术部门', 'generalManager'),
  production: role('Production / workshop supervisor', '生产部门/车间主管', 'generalManager'),
  engineering: role('Engineering supervisor', '工程主管', 'generalManager'),
  procurement: role('Procurement', '采购部门', 'generalManager'),
  warehouse: role('Warehouse', '仓储', 'generalManager'),
  logistics: role('Logistics', '物流部门', 'generalManager'),
  legal: role('Legal', '法务部门', 'generalManager'),
  archiveKeeper: role('Archive keeper', '档案管理员', 'generalManager'),
  marketingVP: role('Marketing VP', '营销副总裁', 'president'),
  generalManager: role('General manager', '总经理', 'president'),
  president: role('President', '总裁'),
} satisfies Record<string, z.input<typeof RoleDefinition>>;

/**
 * Temporary delegation of one user's roles to another (e.g. while on leave). The delegate acts
 * on behalf of `from`; segregation of duties still applies to both. The window is given as ISO
 * instants with an explicit zone (`Z` or `±hh:mm`); `validFrom` must come before `validUntil`,
 * and nobody delegates to themselves.
 *
 * @example
 * Delegation.parse({ from: 'u-wang', to: 'u-zhao', roles: ['salesHead'],
 *   validFrom: '2026-03-02T00:00:00+08:00', validUntil: '2026-03-13T23:59:59+08:00' });
 */
export const Delegation = z
  .strictObject({
    /** The delegator: the user whose roles are delegated. */
    from: Name,
    /** The delegate: the user who acts on `from`'s behalf. */
    to: Name,
    /** Roles delegated; all of `from`'s roles when absent. */
    roles: z.array(Name).optional(),
    /** First instant of the delegation (inclusive); from the start of time when absent. */
    validFrom: ZonedInstant.optional(),
    /** Last instant of the delegation (inclusive); open-ended when absent. */
    validUntil: ZonedInstant.optional(),
  })
  .superRefine((d, ctx) => {
    // Each check runs only on valid fields: a malformed field is reported once, by itself.
    if (Name.safeParse(d.from).success && d.from === d.to)
      crossFieldIssue(ctx, 'to', `a user cannot delegate to themselves ("${d.to}")`, [
        'from',
        'to',
      ]);
    const from = IsoDateTime.safeParse(d.validFrom);
    const until = IsoDateTime.safeParse(d.validUntil);
    if (from.success && until.success && Date.parse(from.data) >= Date.parse(until.data))
      crossFieldIssue(ctx, 'validUntil', 'must be after validFrom', ['validFrom', 'validUntil']);
  });
export type Delegation = z.infer<typeof Delegation>;
