import { archivePolicyRoles } from './archivePolicy.js';
import type { BusinessCalendar } from './calendarPolicy.js';
import { changePolicyReferences } from './changePolicy.js';
import { levelAbove, levelsAbove } from './roles.js';
import type { PolicyOutput } from './PolicyShape.js';
import { trackingPolicyRoles } from './trackingPolicy.js';

/**
 * A path into the policy document.
 *
 * @example
 * const path: PolicyPath = ['review', 'routes', 'always', 0]; // reported as review.routes.always.0
 */
export type PolicyPath = (string | number)[];

/**
 * A problem with a policy document: where, what, and which fields it was judged from. `reads`
 * lets `loadPolicy` drop a problem judged from a field that was itself invalid (and already
 * reported), so that one mistake is reported once.
 *
 * @example
 * const issue: PolicyIssue = { path: ['review', 'routes', 'always', 0], message: 'unknown approval step "x"', reads: [['review', 'routes', 'always', 0]] };
 */
export interface PolicyIssue {
  path: PolicyPath;
  message: string;
  reads: PolicyPath[];
}

/**
 * The role and step names a policy defines: every key of its `roles` and `approvals.steps`
 * (the defaults' and its own), whether or not the definition under the key is valid, so a
 * malformed definition is reported once, not again by every reference to it.
 *
 * @example
 * const known: KnownNames = { roles: new Set(Object.keys(DEFAULT_ROLES)), steps: new Set(Object.keys(DEFAULT_STEPS)) };
 */
export interface KnownNames {
  roles: ReadonlySet<string>;
  steps: ReadonlySet<string>;
}

// Whole weeks in ten years, less a margin: two days (the first one partly used) and twelve hours
// for the days daylight saving shortens (at most one hour a year, in zones that have it).
const CALENDAR_WEEKS = Math.floor(3_650 / 7);
const MARGIN_DAYS = 2;
const MARGIN_HOURS = 12;

/**
 * The working hours a business calendar is sure to offer within ten years from any instant:
 * whole weeks of its working days, less every holiday it lists and a margin.
 *
 * @example
 * workingHoursInTenYears(BusinessCalendar.parse({})); // 23_415: 9 h × (5 days × 521 weeks − 2) − 12
 */
export function workingHoursInTenYears(calendar: BusinessCalendar): number {
  const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
  const dayHours = Math.max(0, minutes(calendar.dayEnd) - minutes(calendar.dayStart)) / 60;
  const days =
    CALENDAR_WEEKS * new Set(calendar.workingDays).size -
    new Set(calendar.holidays).size -
    MARGIN_DAYS;
  return Math.max(0, Math.max(0, days) * dayHours - MARGIN_HOURS);
}

/**
 * What no single field of a loaded policy can show, checked once the document has its shape:
 *
 * - every role and approval step a policy names exists (`known`: the keys of `roles` and
 *   `approvals.steps`);
 * - every approval step has one level to escalate to when its roles have levels above them
 *   (RV-2: `escalateTo`, or one level above all its roles);
 * - with a business calendar, every deadline falls within ten years of its working time.
 *
 * @example
 * policyChecks(PolicyShape.parse({ review: { routes: { always: ['x'] } } }), known);
 * // [{ path: ['review', 'routes', 'always', 0], message: 'unknown approval step "x"', … }]
 */
export function policyChecks(policy: PolicyOutput, known: KnownNames): PolicyIssue[] {
  return [
    ...referenceIssues(policy, known),
    ...calendarIssues(policy),
    ...escalationIssues(policy, known),
  ];
}

/**
 * RV-2: a step escalates to one level. Without `escalateTo`, that is the one level above every
 * role of the step; a step whose roles all have a level above them but whose chains of
 * `nextLevel` never meet has none, so it must name its level. Steps naming an unknown role, or
 * whose roles' chains pass one, are left to the reference checks.
 */
function escalationIssues(policy: PolicyOutput, known: KnownNames): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  for (const [key, def] of Object.entries(policy.approvals.steps)) {
    if (def.escalateTo !== undefined || def.roles.length < 2) continue;
    const chains = def.roles.map((r) => levelsAbove(policy, r));
    if (!def.roles.every((r) => known.roles.has(r))) continue;
    if (chains.some((c) => c.length === 0 || c.some((level) => !known.roles.has(level)))) continue;
    if (levelAbove(policy, def.roles) !== undefined) continue;
    const path: PolicyPath = ['approvals', 'steps', key, 'escalateTo'];
    issues.push({
      path,
      message: `the step's roles (${def.roles.join(', ')}) reach no common next level: name the level it escalates to when overdue (RV-2)`,
      reads: [
        ['approvals', 'steps', key, 'roles'],
        ...def.roles.flatMap((r) => [r, ...levelsAbove(policy, r)]).map((r) => ['roles', r]),
      ],
    });
  }
  return issues;
}

function referenceIssues(policy: PolicyOutput, known: KnownNames): PolicyIssue[] {
  const issues: PolicyIssue[] = [];
  const need = (kind: 'role' | 'step', name: string, path: PolicyPath) => {
    const names = kind === 'role' ? known.roles : known.steps;
    if (names.has(name)) return;
    const what = kind === 'role' ? 'role' : 'approval step';
    issues.push({ path, message: `unknown ${what} "${name}"`, reads: [path] });
  };
  const needRole = (role: string, path: PolicyPath) => need('role', role, path);
  const needStep = (step: string, path: PolicyPath) => need('step', step, path);
  const needRoles = (roles: readonly string[], path: PolicyPath) =>
    roles.forEach((r, i) => needRole(r, [...path, i]));
  const needSteps = (steps: readonly string[], path: PolicyPath) =>
    steps.forEach((s, i) => needStep(s, [...path, i]));

  for (const [key, def] of Object.entries(policy.roles)) {
    if (def.nextLevel) needRole(def.nextLevel, ['roles', key, 'nextLevel']);
  }
  policy.delegations.forEach((d, i) => d.roles && needRoles(d.roles, ['delegations', i, 'roles']));
  for (const [key, def] of Object.entries(policy.approvals.steps)) {
    needRoles(def.roles, ['approvals', 'steps', key, 'roles']);
    if (def.escalateTo) needRole(def.escalateTo, ['approvals', 'steps', key, 'escalateTo']);
  }
  // review (RV)
  for (const [route, list] of Object.entries(policy.review.routes)) {
    needSteps(list, ['review', 'routes', route]);
  }
  needStep(policy.review.discount.approvalStep, ['review', 'discount', 'approvalStep']);
  for (const role of Object.keys(policy.review.discount.authorityByRole)) {
    needRole(role, ['review', 'discount', 'authorityByRole', role]);
  }
  needStep(policy.review.jointReview.step, ['review', 'jointReview', 'step']);
  needRoles(policy.workflow.confirmRoles, ['workflow', 'confirmRoles']);
  // credit (CR-1…CR-8)
  const { credit } = policy;
  needStep(credit.approvalStep, ['credit', 'approvalStep']);
  needRoles(credit.paymentRecordRoles, ['credit', 'paymentRecordRoles']);
  needRoles(credit.shippingException.requestRoles, ['credit', 'shippingException', 'requestRoles']);
  needRoles(credit.limitChange.proposeRoles, ['credit', 'limitChange', 'proposeRoles']);
  needSteps(credit.limitChange.steps, ['credit', 'limitChange', 'steps']);
  needSteps(credit.limitChange.temporaryIncreaseSteps, [
    'credit',
    'limitChange',
    'temporaryIncreaseSteps',
  ]);
  // change control (CH), tracking (TR) and archive (AR)
  for (const ref of changePolicyReferences(policy.change)) {
    need(ref.kind, ref.name, ['change', ...ref.path]);
  }
  for (const r of trackingPolicyRoles(policy.tracking)) needRole(r.name, ['tracking', ...r.path]);
  for (const r of archivePolicyRoles(policy.archive)) needRole(r.name, ['archive', ...r.path]);
  return issues;
}

function calendarIssues(policy: PolicyOutput): PolicyIssue[] {
  const calendar = policy.review.deadlines.calendar;
  if (calendar === undefined) return [];
  const calendarPath: PolicyPath = ['review', 'deadlines', 'calendar'];
  const most = workingHoursInTenYears(calendar);
  const { defaultHours, urgentHours, byOrderType } = policy.review.deadlines;
  const deadlines: [number, PolicyPath][] = [
    [defaultHours, ['review', 'deadlines', 'defaultHours']],
    [urgentHours, ['review', 'deadlines', 'urgentHours']],
    ...Object.entries(byOrderType).map(([type, hours]): [number, PolicyPath] => [
      hours,
      ['review', 'deadlines', 'byOrderType', type],
    ]),
    ...Object.entries(policy.approvals.steps).flatMap(([key, step]): [number, PolicyPath][] =>
      step.deadlineHours === undefined
        ? []
        : [[step.deadlineHours, ['approvals', 'steps', key, 'deadlineHours']]],
    ),
  ];
  return deadlines
    .filter(([hours]) => hours > most)
    .map(([hours, path]) => ({
      path,
      message: `${hours} working hours do not fit in ten years of the business calendar (at most ${Math.floor(most)})`,
      reads: [path, calendarPath],
    }));
}
