import { loadPolicy, type Actor, type Policy, type PolicyInput } from '../../src/index.js';

/** The people of a small company, one per regulation role. */
export const people = {
  li: { id: 'u-li', groups: ['sales'] },
  chen: { id: 'u-chen', groups: ['sales'] },
  zhou: { id: 'u-zhou', groups: ['sales_assistants'] },
  wang: { id: 'u-wang', groups: ['sales_heads'] },
  zhao: { id: 'u-zhao', groups: ['finance'] },
  sun: { id: 'u-sun', groups: ['technical'] },
  liu: { id: 'u-liu', groups: ['production'] },
  huang: { id: 'u-huang', groups: ['engineering'] },
  wu: { id: 'u-wu', groups: ['legal'] },
  zheng: { id: 'u-zheng', groups: ['marketing_vp'] },
  qian: { id: 'u-qian', groups: ['finance_director'] },
  he: { id: 'u-he', groups: ['general_manager'] },
  ma: { id: 'u-ma', groups: ['president'] },
  outsider: { id: 'u-x', groups: ['warehouse'] },
} satisfies Record<string, Actor>;

const byGroup = (group: string) => ({ groups: [group] });

/** Role mapping by ERP group, as an integrator would write it. */
export const companyRoles = {
  salesperson: { label: { en: 'Salesperson', zh: '销售人员' }, ...byGroup('sales') },
  salesAssistant: {
    label: { en: 'Sales assistant', zh: '销售助理' },
    ...byGroup('sales_assistants'),
  },
  salesHead: {
    label: { en: 'Sales head', zh: '销售部门负责人' },
    ...byGroup('sales_heads'),
    nextLevel: 'generalManager',
  },
  finance: {
    label: { en: 'Finance', zh: '财务部门' },
    ...byGroup('finance'),
    nextLevel: 'financeDirector',
  },
  technical: {
    label: { en: 'Technical', zh: '技术部门' },
    ...byGroup('technical'),
    nextLevel: 'generalManager',
  },
  production: {
    label: { en: 'Production', zh: '生产部门' },
    ...byGroup('production'),
    nextLevel: 'generalManager',
  },
  engineering: {
    label: { en: 'Engineering', zh: '工程主管' },
    ...byGroup('engineering'),
    nextLevel: 'generalManager',
  },
  legal: {
    label: { en: 'Legal', zh: '法务部门' },
    ...byGroup('legal'),
    nextLevel: 'generalManager',
  },
  marketingVP: {
    label: { en: 'Marketing VP', zh: '营销副总裁' },
    ...byGroup('marketing_vp'),
    nextLevel: 'president',
  },
  financeDirector: {
    label: { en: 'Finance director', zh: '财务总监' },
    ...byGroup('finance_director'),
    nextLevel: 'generalManager',
  },
  generalManager: {
    label: { en: 'General manager', zh: '总经理' },
    ...byGroup('general_manager'),
    nextLevel: 'president',
  },
  president: { label: { en: 'President', zh: '总裁' }, ...byGroup('president') },
} satisfies PolicyInput['roles'];

/**
 * A policy with the company's roles mapped, plus overrides. The test company's connector loads no
 * credit facts for the helper orders' customer, so it sets `credit.withoutFacts: 'info'` (the
 * default, `hold`, would put every such order on CR-1 credit hold); the credit tests give
 * customers, or restore the default with `{ credit: { withoutFacts: 'hold' } }`.
 */
export function companyPolicy(overrides: PolicyInput = {}): Policy {
  return loadPolicy({
    ...overrides,
    roles: { ...companyRoles, ...(overrides.roles ?? {}) },
    credit: { withoutFacts: 'info', ...(overrides.credit ?? {}) },
  });
}

/** A clock tests can move. */
export function testClock(start = '2026-03-02T09:00:00+08:00') {
  let now = Date.parse(start);
  return {
    now: () => new Date(now).toISOString(),
    advanceHours(hours: number) {
      now += hours * 3_600_000;
    },
    set(iso: string) {
      now = Date.parse(iso);
    },
  };
}

/** Sequential ids. */
export function testIds() {
  let n = 0;
  return { next: (prefix: string) => `${prefix}-${++n}` };
}
