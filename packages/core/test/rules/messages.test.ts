import { describe, expect, it } from 'vitest';
import { formatFinding, formatMessage } from '../../src/i18n/formatMessage.js';
import { MESSAGES } from '../../src/i18n/catalogue.js';
import { INTAKE_MESSAGES } from '../../src/i18n/messages/intake.js';
import { REVIEW_MESSAGES } from '../../src/i18n/messages/review.js';
import type { Finding } from '../../src/model/Finding.js';
import type { OrderInput } from '../../src/model/Order.js';
import type { PolicyInput } from '../../src/policy/Policy.js';
import { confirmationBlockers } from '../../src/rules/confirmationBlockers.js';
import { productionBlockers } from '../../src/rules/review/advancePayment.js';
import { contractBlockers } from '../../src/rules/review/contractReview.js';
import { stockShortages } from '../../src/rules/review/stockCheck.js';
import { assessReview } from '../../src/rules/reviewRules.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

/** Keys the workflow and approvals engine emit with their own parameters. */
const WORKFLOW_KEYS: Record<string, Record<string, string | number>> = {
  'review.deadline.overdue': { step: '生产主管评审', deadline: '2026-03-03 09:00', hours: 24 },
  'review.deadline.escalated': {
    stepEn: 'Production review',
    stepZh: '生产主管评审',
    roleEn: 'General manager',
    roleZh: '总经理',
  },
  'review.deadline.noLevelAbove': { stepEn: 'President approval', stepZh: '总裁批准' },
  'review.returned': { reason: 'price list missing' },
  'review.resubmitted': { revision: 2 },
  'review.rejected': { reason: 'customer withdrew' },
  'review.approval.selfApproval': { actor: 'u-li' },
  'review.approval.selfApprovalOnBehalf': { actor: 'u-zhou', party: 'u-wang' },
  'review.approval.stillDue.open': { actor: 'u-liu', stepsEn: 'Joint review', stepsZh: '联合评审' },
  'review.approval.stillDue.later': {
    actor: 'u-liu',
    stepsEn: 'Joint review',
    stepsZh: '联合评审',
  },
  'review.approval.notEligible': { actor: 'u-x', stepEn: 'Legal review', stepZh: '合同法务审核' },
  'review.approval.notYetOpen': { stepEn: 'General manager approval', stepZh: '总经理批准' },
  'review.approval.alreadyApproved': { actor: 'u-sun', stepEn: 'Joint review', stepZh: '联合评审' },
  'review.approval.recorded': { actor: 'u-wang', step: 'Sales head' },
  'review.approval.reasonRequired': {},
  'intake.verbal.notVerbal': {},
  // RV-10: the contract's legal review and signature as the workflow records them
  'review.contract.reviewed': { by: 'u-wu', reference: 'LEGAL-2026-031' },
  'review.contract.reviewedByApproval': { by: 'u-wu' },
  'review.contract.rejected': { reference: 'LEGAL-2026-032', reason: 'liability clause missing' },
  'review.contract.signed': { reference: 'HT-2026-031', signedAt: '2026-03-04 10:00' },
  'review.contract.notNeeded': {},
  'review.contract.noLegalReview': {},
  'review.contract.alreadyReviewed': {},
  'review.contract.alreadySigned': { signedAt: '2026-03-04 10:00' },
  'review.contract.referenceRequired': {},
  'review.contract.signatureReferenceRequired': {},
  'review.contract.reasonRequired': {},
  'review.contract.signatureNotAllowed': { actor: 'u-x' },
  'review.contract.signedBeforeReview': {
    approverEn: 'Legal review of the contract',
    approverZh: '合同法务审核',
  },
  'review.contract.signedBeforeReviewed': {
    signedAt: '2026-03-03 10:00',
    reviewedAt: '2026-03-04 09:00',
  },
  'review.contract.signedInFuture': { signedAt: '2026-03-09 10:00', now: '2026-03-04 10:00' },
};

const assess = (order: Partial<OrderInput>, policy: PolicyInput = {}) =>
  assessReview(makeOrder(order), makeContext({ policy: makePolicy(policy) }));

/** A battery of orders and policies that together make every rule emit every message it can. */
function everyFinding(): Finding[] {
  const out: Finding[] = [];
  const add = (findings: Finding[]) => out.push(...findings);
  const policy = makePolicy();

  // IN-2
  add(
    assess({
      customer: { id: 'c', name: '' },
      contact: { name: '', phone: '', email: '' },
      deliveryAddress: { street: '', city: '', postalCode: '', country: '' },
      lines: [makeLine({ productId: '', productName: '', specification: '', model: '' })],
      requestedDeliveryDate: undefined,
      paymentTerms: '',
      invoice: { title: '', taxId: '' },
    }),
  );
  add(
    assess({
      contact: { name: 'Z', phone: 'x', email: 'y' },
      deliveryAddress: { street: 's', city: 'c', country: 'CHN' },
    }),
  );
  add(assess({ lines: [] }));
  add(
    assess({
      lines: [
        makeLine({ quantity: undefined, unitPrice: undefined }),
        makeLine({ id: 'l2', quantity: 0, unitPrice: -100 }),
        makeLine({ id: 'l3', quantity: 1e12, unitPrice: 1e9 }),
      ],
      requestedDeliveryDate: '2026-02-30',
    }),
  );
  const nearLimit = { quantity: 1, unitPrice: 4e15, listPrice: 4e15 };
  add(assess({ lines: [makeLine(nearLimit), makeLine({ ...nearLimit, id: 'l2' })] }));
  // IN-3, IN-4
  add(assess({ channel: 'verbal' }));
  add(assess({ channel: 'verbal' }, { intake: { verbal: { mode: 'deadline' } } }));
  add(confirmationBlockers(makeOrder({ channel: 'verbal', contract: { required: true } }), policy));
  add(assess({ urgent: true }));
  add(assess({ urgent: true, urgency: { feasible: false } }));
  // RV-1 (block and exceptional variants)
  const pricing = { allowedPaymentTerms: ['PREPAID'], minLeadTimeDays: 60, requireListPrice: true };
  add(
    assess(
      { lines: [makeLine({ listPrice: undefined, unitPrice: 0 })] },
      { review: { pricing: { ...pricing, paymentTermsDeviation: 'block' } } },
    ),
  );
  add(assess({}, { review: { pricing: { ...pricing, leadTimeDeviation: 'exceptional' } } }));
  const calendar = { deadlines: { calendar: {} } };
  add(assess({}, { review: { ...calendar, pricing } }));
  add(
    assess(
      {},
      { review: { ...calendar, pricing: { ...pricing, leadTimeDeviation: 'exceptional' } } },
    ),
  );
  add(assess({ requestedDeliveryDate: '2026-01-01' }));
  // RV-4: every combination of triggers
  for (const special of [false, true]) {
    for (const amount of ['none', 'large', 'unknown'] as const) {
      for (const complex of [false, true]) {
        add(
          assess(
            {
              lines: [makeLine({ special })],
              technicalComplexity: complex,
              currency: amount === 'unknown' ? 'GBP' : 'CNY',
            },
            {
              review: { jointReview: { largeAmount: { CNY: amount === 'large' ? 1 : 10 ** 12 } } },
            },
          ),
        );
      }
    }
  }
  // RV-5: every combination of reasons
  for (const changed of [false, true]) {
    for (const shippedBefore of [false, true]) {
      for (const technicalDocsComplete of [false, true]) {
        add(
          assess({
            customerRequestedChange: changed,
            lines: [makeLine({ shippedBefore, technicalDocsComplete })],
          }),
        );
      }
    }
  }
  // RV-6, RV-7
  add(
    assess(
      { lines: [makeLine({ discountBp: 3_000 })], shipBeforePayment: true },
      { review: { discount: { exceptionalAbovePercent: 20 } } },
    ),
  );
  // RV-8, RV-10, RV-11
  const custom = makeOrder({
    lines: [makeLine({ customMade: true, availableQuantity: 1 })],
    contract: { required: true },
  });
  add(assessReview(custom, makeContext()));
  add(productionBlockers(custom, policy, 0));
  // RV-10 at confirmation: what is missing, the signature or the legal review
  add(contractBlockers(makeOrder({ contract: { required: true, legalReviewed: true } }), policy));
  add(
    contractBlockers(
      makeOrder({ contract: { required: true, customerSignedAt: '2026-03-05T10:00:00+08:00' } }),
      policy,
    ),
  );
  add(stockShortages(custom, policy).findings);
  return out;
}

const findings = everyFinding();
const ruleKeys = Object.keys({ ...INTAKE_MESSAGES, ...REVIEW_MESSAGES }).filter(
  (k) => !(k in WORKFLOW_KEYS),
);
const PLACEHOLDER = /\{\w+\}/;

describe('IN/RV messages', () => {
  it('IN/RV every message key of the intake and review catalogues is emitted by some rule', () => {
    const emitted = new Set(findings.map((f) => f.messageKey));
    expect(ruleKeys.filter((k) => !emitted.has(k))).toEqual([]);
  });

  it('IN/RV every key a rule emits exists in English and Chinese', () => {
    for (const f of findings) {
      expect(MESSAGES[f.messageKey]?.en, f.messageKey).toBeTruthy();
      expect(MESSAGES[f.messageKey]?.zh, f.messageKey).toBeTruthy();
    }
  });

  it('IN/RV rendered findings have every parameter filled, in both languages, prefixed by the rule ID', () => {
    for (const f of findings) {
      for (const locale of ['en', 'zh'] as const) {
        const text = formatFinding(f, locale);
        expect(text.startsWith(`${f.ruleId} `), text).toBe(true);
        expect(text, `${f.messageKey} ${locale}: ${text}`).not.toMatch(PLACEHOLDER);
      }
    }
  });

  it('IN/RV Chinese templates are all Chinese and English templates all English', () => {
    for (const [key, t] of Object.entries({ ...INTAKE_MESSAGES, ...REVIEW_MESSAGES })) {
      expect(t.zh.replace(/\{\w+\}/g, ''), key).not.toMatch(/[A-Za-z]/);
      expect(t.en, key).not.toMatch(/[\u3400-\u9fff]/);
    }
  });

  it('IN/RV rendered Chinese approval messages name the approvers in Chinese', () => {
    for (const f of findings.filter((x) => x.severity === 'approval')) {
      const zh = formatFinding(f, 'zh');
      expect(zh, f.messageKey).toContain(String(f.params.approverZh));
      expect(zh, f.messageKey).not.toContain(String(f.params.approverEn));
      expect(formatFinding(f, 'en'), f.messageKey).toContain(String(f.params.approverEn));
    }
  });

  it('RV-2/RV-9 workflow message keys render with their parameters in both languages', () => {
    for (const [key, params] of Object.entries(WORKFLOW_KEYS)) {
      for (const locale of ['en', 'zh'] as const) {
        const text = formatMessage(key, params, locale);
        expect(MESSAGES[key], key).toBeDefined();
        expect(text, `${key} ${locale}`).not.toMatch(PLACEHOLDER);
        for (const [name, value] of Object.entries(params)) {
          // Bilingual parameters (`stepEn`, `stepZh`) appear only in their own language.
          if (name.endsWith(locale === 'en' ? 'Zh' : 'En')) continue;
          expect(text).toContain(String(value));
        }
      }
    }
  });

  it('RV-6 renders the discount message as the catalogue promises', () => {
    const [f] = assess({ lines: [makeLine(), makeLine({ id: 'l2', discountBp: 1_250 })] }).filter(
      (x) => x.ruleId === 'RV-6',
    );
    expect(formatFinding(f!, 'en')).toBe(
      'RV-6 Discount 12.5% on line 2 exceeds your authority of 0%: it needs Sales department head approval, and is recorded on the order.',
    );
    expect(formatFinding(f!, 'zh')).toBe(
      'RV-6 第2行折扣12.5%超出您的权限0%:须经销售部门负责人审批,并在订单中记录。',
    );
  });

  it('IN-2 renders a missing item fully in Chinese', () => {
    const [f] = assess({ paymentTerms: '' });
    expect(formatFinding(f!, 'zh')).toBe('IN-2 缺少付款方式,订单退回销售部门补正。');
    expect(formatFinding(f!, 'en')).toBe(
      'IN-2 Payment terms are missing: the order goes back to sales for correction.',
    );
  });

  it('RV-4 renders every trigger in one sentence', () => {
    const [f] = assess(
      { lines: [makeLine({ special: true })], technicalComplexity: true },
      { review: { jointReview: { largeAmount: { CNY: 100_000 } } } },
    ).filter((x) => x.ruleId === 'RV-4');
    expect(formatFinding(f!, 'zh')).toBe(
      'RV-4 须联合评审(第1行为特殊或定制产品;订单金额3,390.00 CNY达到大额订单标准1,000.00 CNY;技术要求复杂):订单须经联合评审(技术、财务、生产),各部门分别会签。',
    );
  });
});
