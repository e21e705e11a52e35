import {
  loadPolicy,
  MemoryStore,
  Ordergate,
  type CustomerInput,
  type Hasher,
  type OrderInput,
  type Policy,
  type PolicyInput,
} from '@ordergate/core';

/** The demo company's people, each with the ERP groups that give them their roles. */
export const people = {
  li: { id: 'u-li', name: '李娜 Li Na (salesperson)', groups: ['sales'] },
  zhou: { id: 'u-zhou', name: '周婷 Zhou Ting (sales assistant)', groups: ['sales_assistants'] },
  wang: { id: 'u-wang', name: '王强 Wang Qiang (sales head)', groups: ['sales_heads'] },
  zhao: { id: 'u-zhao', name: '赵敏 Zhao Min (finance)', groups: ['finance'] },
  sun: { id: 'u-sun', name: '孙磊 Sun Lei (technical)', groups: ['technical'] },
  liu: { id: 'u-liu', name: '刘洋 Liu Yang (production supervisor)', groups: ['production'] },
  huang: { id: 'u-huang', name: '黄工 Huang (engineering supervisor)', groups: ['engineering'] },
  wu: { id: 'u-wu', name: '吴律师 Wu (legal)', groups: ['legal'] },
  zheng: { id: 'u-zheng', name: '郑总 Zheng (marketing VP)', groups: ['marketing_vp'] },
  qian: { id: 'u-qian', name: '钱总监 Qian (finance director)', groups: ['finance_director'] },
  he: { id: 'u-he', name: '何总 He (general manager)', groups: ['general_manager'] },
  ma: { id: 'u-ma', name: '马总裁 Ma (president)', groups: ['president'] },
  gao: { id: 'u-gao', name: '高洁 Gao Jie (archive keeper)', groups: ['archive_office'] },
};

const role = (en: string, zh: string, group: string, nextLevel?: string) => ({
  label: { en, zh },
  groups: [group],
  ...(nextLevel ? { nextLevel } : {}),
});

/** The demo company's policy: the regulations' defaults, with roles mapped to ERP groups. */
export const companyPolicyDocument = {
  company: '华东精密机械有限公司 East China Precision Machinery',
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
} satisfies PolicyInput;

/** Loads the demo policy, with overrides for a scene. */
export function companyPolicy(overrides: PolicyInput = {}): Policy {
  return loadPolicy({ ...companyPolicyDocument, ...overrides });
}

/** A clock the scenes move by hand. */
export class SceneClock {
  #ms: number;
  constructor(start: string) {
    this.#ms = Date.parse(start);
  }
  now = (): string => new Date(this.#ms).toISOString();
  advanceHours(hours: number): void {
    this.#ms += hours * 3_600_000;
  }
}

/**
 * The regular customer of the review, change and archive scenes, with the credit facts a connector
 * reads from the ERP: evaluated, grade A, a 5,000,000.00 CNY limit (CR-1 passes). Without facts the
 * policy's default (`credit.withoutFacts: 'hold'`) would hold every order on credit.
 */
export const hengtai: CustomerInput = {
  id: 'c-hengtai',
  name: '恒泰机电 Hengtai Electromechanical',
  credit: {
    grade: 'A',
    limit: { amount: 500_000_000, currency: 'CNY' },
    evaluatedAt: '2025-12-01T00:00:00+08:00',
  },
};

/** The façade on an in-memory store with a scene clock (and, if given, the hash for the chains). */
export function sceneGate(clock: SceneClock, options: { policy?: Policy; hasher?: Hasher } = {}) {
  let n = 0;
  const policy = options.policy ?? companyPolicy();
  const hasher = options.hasher ? { hasher: options.hasher } : {};
  const store = new MemoryStore(hasher);
  const og = new Ordergate({
    policy,
    store,
    clock,
    ids: { next: (p: string) => `${p}-${String(++n)}` },
    ...hasher,
  });
  return { og, store, policy };
}

/** A complete, regular order of standard pumps, to vary per case. */
export function baseOrder(id: string, overrides: Partial<OrderInput> = {}): OrderInput {
  return {
    id,
    customer: { id: 'c-hengtai', name: '恒泰机电 Hengtai Electromechanical' },
    contact: {
      name: '陈经理 Manager Chen',
      phone: '+86 21 5555 0101',
      email: 'chen@hengtai.example',
    },
    deliveryAddress: {
      street: '浦东新区张江路 88 号',
      city: '上海 Shanghai',
      postalCode: '201203',
      country: 'CN',
    },
    invoice: { title: '恒泰机电有限公司', taxId: '91310115MA1K4XXXX1' },
    currency: 'CNY',
    paymentTerms: 'NET30',
    requestedDeliveryDate: '2026-04-15',
    channel: 'written',
    salesperson: 'u-li',
    enteredAt: '2026-03-02T09:00:00+08:00',
    lines: [
      {
        id: `${id}-1`,
        productId: 'P-200',
        productName: '离心泵 Centrifugal pump',
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
