// The demo company of `ordergate serve --demo`: the same people, roles and customers as the
// scripted walk-through (examples/demo/scenes/company.ts), with dates taken from today so that
// the seeded orders are current when the service starts.
import type { CustomerInput, OrderInput, PolicyInput } from '@ordergate/core';

/**
 * A person of the demo company: ERP user id, name (as the panels show it), job title, and the
 * ERP groups that give the roles.
 */
export interface DemoPerson {
  id: string;
  name: string;
  title: string;
  groups: string[];
}

/** The demo company's people, each with the ERP groups that give them their roles. */
export const DEMO_PEOPLE = {
  li: { id: 'u-li', name: 'Li Na', title: 'salesperson', groups: ['sales'] },
  zhou: { id: 'u-zhou', name: 'Zhou Ting', title: 'sales assistant', groups: ['sales_assistants'] },
  wang: { id: 'u-wang', name: 'Wang Qiang', title: 'sales head', groups: ['sales_heads'] },
  zhao: { id: 'u-zhao', name: 'Zhao Min', title: 'finance', groups: ['finance'] },
  sun: { id: 'u-sun', name: 'Sun Lei', title: 'technical', groups: ['technical'] },
  liu: { id: 'u-liu', name: 'Liu Yang', title: 'production supervisor', groups: ['production'] },
  qian: { id: 'u-qian', name: 'Qian Hui', title: 'finance director', groups: ['finance_director'] },
  he: { id: 'u-he', name: 'He Jun', title: 'general manager', groups: ['general_manager'] },
  ma: { id: 'u-ma', name: 'Ma Lin', title: 'president', groups: ['president'] },
  gao: { id: 'u-gao', name: 'Gao Jie', title: 'archive keeper', groups: ['archive_office'] },
} satisfies Record<string, DemoPerson>;

const role = (en: string, zh: string, group: string, nextLevel?: string) => ({
  label: { en, zh },
  groups: [group],
  ...(nextLevel ? { nextLevel } : {}),
});

/** The demo company's policy: the regulations' defaults, with roles mapped to ERP groups. */
export const DEMO_POLICY: PolicyInput = {
  company: 'East China Precision Machinery',
  timeZone: 'Asia/Shanghai',
  roles: {
    salesperson: role('Salesperson', '销售人员', 'sales', 'salesHead'),
    salesAssistant: role('Sales assistant', '销售助理', 'sales_assistants', 'salesHead'),
    salesHead: role('Sales department head', '销售部门负责人', 'sales_heads', 'generalManager'),
    finance: role('Finance', '财务部门', 'finance', 'financeDirector'),
    technical: role('Technical department', '技术部门', 'technical', 'generalManager'),
    production: role('Production supervisor', '生产主管', 'production', 'generalManager'),
    engineering: role('Engineering supervisor', '工程主管', 'engineering', 'generalManager'),
    legal: role('Legal', '法务部门', 'legal', 'generalManager'),
    marketingVP: role('Marketing VP', '营销副总裁', 'marketing_vp', 'president'),
    financeDirector: role('Finance director', '财务总监', 'finance_director', 'generalManager'),
    generalManager: role('General manager', '总经理', 'general_manager', 'president'),
    president: role('President', '总裁', 'president'),
    archiveKeeper: role('Archive keeper', '档案管理员', 'archive_office', 'generalManager'),
  },
  review: {
    pricing: { allowedPaymentTerms: ['PREPAID', 'NET30', 'NET60'], minLeadTimeDays: 7 },
    discount: { authorityByRole: { salesperson: 0, salesHead: 15 }, exceptionalAbovePercent: 20 },
  },
};

const EVALUATED = '2025-12-01T00:00:00+08:00';

/** The demo customers with the credit facts the ERP holds for them (CR-1). */
export const DEMO_CUSTOMERS = {
  /** Grade A, a 5,000,000.00 CNY limit: credit passes. */
  hengtai: {
    id: 'c-hengtai',
    name: 'Hengtai Electromechanical',
    credit: { grade: 'A', limit: { amount: 500_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
  },
  /** Grade B, 400,000.00 CNY owed or ordered against a 500,000.00 limit: a new order holds (CR-4). */
  dongfang: {
    id: 'c-dongfang',
    name: 'Dongfang Heavy Industry',
    credit: { grade: 'B', limit: { amount: 50_000_000, currency: 'CNY' }, evaluatedAt: EVALUATED },
    receivables: [
      { id: 'INV/2026/0088', amount: 22_000_000, currency: 'CNY', dueDate: '2026-02-15' },
      { id: 'INV/2026/0093', amount: 10_000_000, currency: 'CNY', dueDate: '2026-03-31' },
    ],
    openOrders: [{ id: 'SO-2026-000041', amount: 8_000_000, currency: 'CNY' }],
  },
} satisfies Record<string, CustomerInput>;

/** `YYYY-MM-DD` of `ms` in Shanghai. */
function shanghaiDate(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * A complete, regular order of ten standard pumps for Hengtai (125,000.00 CNY before tax),
 * entered now and wanted in six weeks, to vary per case.
 *
 * @example
 * demoOrder('so-big', Date.now(), { lines: [{ ...demoOrder('x', Date.now()).lines[0]!, quantity: 80 }] });
 */
export function demoOrder(
  id: string,
  now: number,
  overrides: Partial<OrderInput> = {},
): OrderInput {
  return {
    id,
    customer: { id: DEMO_CUSTOMERS.hengtai.id, name: DEMO_CUSTOMERS.hengtai.name },
    contact: { name: 'Manager Chen', phone: '+86 21 5555 0101', email: 'chen@hengtai.example' },
    deliveryAddress: {
      street: '88 Zhangjiang Road, Pudong',
      city: 'Shanghai',
      postalCode: '201203',
      country: 'CN',
    },
    invoice: { title: 'Hengtai Electromechanical Co., Ltd.', taxId: '91310115MA1K4XXXX1' },
    currency: 'CNY',
    paymentTerms: 'NET30',
    requestedDeliveryDate: shanghaiDate(now + 42 * 86_400_000),
    channel: 'written',
    salesperson: DEMO_PEOPLE.li.id,
    enteredAt: new Date(now).toISOString(),
    lines: [
      {
        id: `${id}-1`,
        productId: 'P-200',
        productName: 'Centrifugal pump',
        model: 'CP-200',
        specification: 'DN80, 15 kW, 304 stainless',
        quantity: 10,
        unitPrice: 1_250_000,
        listPrice: 1_250_000,
        taxBp: 1300,
      },
    ],
    ...overrides,
  };
}
