import { describe, expect, it } from 'vitest';
import { formatFinding } from '../../src/i18n/formatMessage.js';
import { assessOrder } from '../../src/rules/assessOrder.js';
import { assessCredit } from '../../src/rules/credit/assessCredit.js';
import type { CreditContext } from '../../src/rules/credit/CreditContext.js';
import { isCreditHold, prepaymentRequiredOf } from '../../src/rules/credit/creditHolds.js';
import type { Finding } from '../../src/model/Finding.js';
import type { PolicyInput } from '../../src/policy/Policy.js';
import { CREDIT_DAY, daysBefore, makeCustomer, receivable } from '../support/credit.js';
import { makeContext, makeOrder, makePolicy } from '../support/orders.js';

const order = makeOrder(); // 5,650.00 CNY including tax = 565_000
const ORDER_TOTAL = 565_000;

function ctx(
  customer = makeCustomer(),
  policy: PolicyInput = {},
  extra: Partial<CreditContext> = {},
): CreditContext {
  return { ...makeContext({ policy: makePolicy(policy) }), customer, ...extra };
}

function rules(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.ruleId}:${f.severity}:${f.messageKey}`);
}

describe('CR-1 credit evaluation before business', () => {
  it('CR-1 holds an order from a customer never evaluated, released by credit approval or prepayment of the whole order', () => {
    const customer = makeCustomer({
      credit: { grade: undefined, limit: undefined, evaluatedAt: undefined },
    });
    const findings = assessCredit(order, ctx(customer));
    expect(rules(findings)).toEqual(['CR-1:block:credit.evaluation.never']);
    expect(isCreditHold(findings[0]!)).toBe(true);
    expect(prepaymentRequiredOf(findings[0]!)).toBe(ORDER_TOTAL);
    expect(formatFinding(findings[0]!, 'en')).toContain(
      'until a credit release (Credit approval) or a prepayment of 5,650.00 CNY',
    );
    expect(formatFinding(findings[0]!, 'zh')).toContain('尚未进行信用评估');
  });

  it('CR-1 an evaluated customer passes CR-1', () => {
    expect(assessCredit(order, ctx())).toEqual([]);
  });

  it('CR-1 without customer facts the default policy holds the order (fails closed), released by credit approval or prepayment of the whole order', () => {
    const findings = assessCredit(order, { ...makeContext() });
    expect(rules(findings)).toEqual(['CR-1:block:credit.facts.missingHold']);
    expect(isCreditHold(findings[0]!)).toBe(true);
    expect(prepaymentRequiredOf(findings[0]!)).toBe(ORDER_TOTAL);
    const message = formatFinding(findings[0]!, 'en');
    expect(message).toContain('No credit facts were supplied for Shanghai Precision Machinery');
    expect(message).toContain(
      'on credit hold until a credit release (Credit approval) or a prepayment of 5,650.00 CNY',
    );
  });

  it("CR-1 without customer facts only an info finding records it when the policy says 'info'", () => {
    const findings = assessCredit(order, {
      ...makeContext({ policy: makePolicy({ credit: { withoutFacts: 'info' } }) }),
    });
    expect(rules(findings)).toEqual(['CR-1:info:credit.facts.missing']);
  });

  it('CR-1 release paths are policy: prepayment only', () => {
    const customer = makeCustomer({ credit: { evaluatedAt: undefined } });
    const [f] = assessCredit(
      order,
      ctx(customer, { credit: { releasePaths: { 'CR-1': ['prepayment'] } } }),
    );
    expect(formatFinding(f!, 'en')).not.toContain('credit release');
    expect(formatFinding(f!, 'en')).toContain('a prepayment of 5,650.00 CNY');
  });
});

describe('CR-2 credit grades', () => {
  it('CR-2 warns when an evaluated customer has no grade on file', () => {
    const findings = assessCredit(order, ctx(makeCustomer({ credit: { grade: undefined } })));
    expect(rules(findings)).toEqual(['CR-2:warn:credit.grade.missing']);
  });

  it.each([
    ['A', []],
    ['B', []],
    ['C', ['CR-5:warn:credit.grade.low']],
    ['D', ['CR-6:block:credit.grade.abnormal']],
  ] as const)('CR-2 grade %s triggers the default grade action', (grade, expected) => {
    expect(rules(assessCredit(order, ctx(makeCustomer({ credit: { grade } }))))).toEqual(expected);
  });

  it('CR-2 what a grade triggers is policy, not code', () => {
    const policy = {
      credit: { gradeActions: { A: 'pass', B: 'warn', C: 'block', D: 'block' } },
    } as const;
    expect(
      rules(assessCredit(order, ctx(makeCustomer({ credit: { grade: 'B' } }), policy))),
    ).toEqual(['CR-5:warn:credit.grade.low']);
    expect(
      rules(assessCredit(order, ctx(makeCustomer({ credit: { grade: 'C' } }), policy))),
    ).toEqual(['CR-6:block:credit.grade.abnormal']);
  });
});

describe('CR-4 exposure over the limit holds the order', () => {
  it('CR-4 holds when receivables + open orders + this order exceed the limit', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 6_000_000, CREDIT_DAY)],
      openOrders: [{ id: 'so-9', amount: 3_500_000, currency: 'CNY' }],
    });
    const findings = assessCredit(order, ctx(customer));
    expect(rules(findings)).toEqual(['CR-4:block:credit.limit.exceeded']);
    const f = findings[0]!;
    expect(f.evidence[0]).toEqual({
      field: 'exposure',
      value: 6_000_000 + 3_500_000 + ORDER_TOTAL,
      limit: 10_000_000,
    });
    expect(prepaymentRequiredOf(f)).toBe(65_000); // the excess
    expect(formatFinding(f, 'en')).toContain('over the limit of 100,000.00 CNY by 650.00 CNY');
    expect(formatFinding(f, 'en')).toContain('a prepayment of 650.00 CNY or a guarantee on file');
    expect(formatFinding(f, 'zh')).toContain('超出信用额度');
  });

  it('CR-4 exposure exactly at the limit is not over it (CR-5 warns instead)', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 10_000_000 - ORDER_TOTAL, CREDIT_DAY)],
    });
    expect(rules(assessCredit(order, ctx(customer)))).toEqual(['CR-5:warn:credit.limit.near']);
  });

  it('CR-4 one minor unit over the limit holds', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 10_000_000 - ORDER_TOTAL + 1, CREDIT_DAY)],
    });
    const findings = assessCredit(order, ctx(customer));
    expect(rules(findings)).toEqual(['CR-4:block:credit.limit.exceeded']);
    expect(prepaymentRequiredOf(findings[0]!)).toBe(1);
  });

  it('CR-4 prepayment needed is capped at the order total when the customer was over before this order', () => {
    const customer = makeCustomer({ receivables: [receivable('r1', 12_000_000, CREDIT_DAY)] });
    expect(prepaymentRequiredOf(assessCredit(order, ctx(customer))[0]!)).toBe(ORDER_TOTAL);
  });

  it('CR-4 a guarantee on file covers the excess: warning, not hold', () => {
    const customer = makeCustomer({
      credit: { guaranteeOnFile: true },
      receivables: [receivable('r1', 9_900_000, CREDIT_DAY)],
    });
    const findings = assessCredit(order, ctx(customer));
    expect(rules(findings)).toEqual(['CR-4:warn:credit.limit.exceeded']);
    expect(formatFinding(findings[0]!, 'en')).toContain('guarantee on file covers it');
  });

  it('CR-4 a missing limit reads as zero by default, or unlimited by policy', () => {
    const customer = makeCustomer({ credit: { limit: undefined } });
    expect(rules(assessCredit(order, ctx(customer)))).toEqual(['CR-4:block:credit.limit.exceeded']);
    expect(assessCredit(order, ctx(customer, { credit: { missingLimit: 'unlimited' } }))).toEqual(
      [],
    );
  });

  it('CR-4 counts this order without tax when the policy says so', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 10_000_000 - 500_000, CREDIT_DAY)],
    });
    expect(rules(assessCredit(order, ctx(customer)))).toContain('CR-4:block:credit.limit.exceeded');
    expect(rules(assessCredit(order, ctx(customer, { credit: { includeTax: false } })))).toEqual([
      'CR-5:warn:credit.limit.near',
    ]);
  });

  it('CR-4 a temporary increase in force raises the limit; an expired one does not', () => {
    const over = { receivables: [receivable('r1', 9_900_000, CREDIT_DAY)] };
    const inc = (expiresAt: string) => ({
      requestId: 'CRQ-1',
      amount: 1_000_000,
      currency: 'CNY',
      approvedAt: '2026-03-01T09:00:00+08:00',
      expiresAt,
    });
    const valid = makeCustomer({
      ...over,
      credit: { temporaryIncreases: [inc('2026-03-10T00:00:00+08:00')] },
    });
    const expired = makeCustomer({
      ...over,
      credit: { temporaryIncreases: [inc('2026-03-02T09:00:00+08:00')] },
    });
    expect(rules(assessCredit(order, ctx(valid)))).toEqual(['CR-5:warn:credit.limit.near']);
    expect(rules(assessCredit(order, ctx(expired)))).toEqual(['CR-4:block:credit.limit.exceeded']);
  });

  it('CR-4 the limit is not checked for a never-evaluated customer (CR-1 decides)', () => {
    const customer = makeCustomer({
      credit: { evaluatedAt: undefined },
      receivables: [receivable('r1', 99_000_000, CREDIT_DAY)],
    });
    expect(rules(assessCredit(order, ctx(customer)))).toEqual([
      'CR-1:block:credit.evaluation.never',
    ]);
  });
});

describe('CR-5 near the limit or a low grade warns', () => {
  it('CR-5 reaching 90 % of the limit, this order included, warns', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 9_000_000 - ORDER_TOTAL, CREDIT_DAY)],
    });
    const findings = assessCredit(order, ctx(customer));
    expect(rules(findings)).toEqual(['CR-5:warn:credit.limit.near']);
    expect(formatFinding(findings[0]!, 'en')).toContain('is 90% of the limit');
  });

  it('CR-5 just under 90 % passes', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 9_000_000 - ORDER_TOTAL - 1, CREDIT_DAY)],
    });
    expect(assessCredit(order, ctx(customer))).toEqual([]);
  });

  it('CR-5 the near-limit ratio is policy', () => {
    const customer = makeCustomer({ receivables: [receivable('r1', 5_000_000, CREDIT_DAY)] });
    expect(assessCredit(order, ctx(customer))).toEqual([]);
    expect(rules(assessCredit(order, ctx(customer, { credit: { nearLimitPercent: 50 } })))).toEqual(
      ['CR-5:warn:credit.limit.near'],
    );
  });

  it('CR-5 a grade C customer gets a warning in both languages', () => {
    const [f] = assessCredit(order, ctx(makeCustomer({ credit: { grade: 'C' } })));
    expect(formatFinding(f!, 'en')).toBe(
      'CR-5 Credit grade C (poor): the order may go on; follow up collection closely.',
    );
    expect(formatFinding(f!, 'zh')).toBe('CR-5 信用等级C(较差):订单可以继续,须加强催收跟进。');
  });
});

describe('CR-6 abnormal credit suspends or requires guarantee or prepayment', () => {
  it('CR-6 grade D holds; released by prepayment of the whole order or a guarantee, not by approval', () => {
    const [f] = assessCredit(order, ctx(makeCustomer({ credit: { grade: 'D' } })));
    expect(f!.severity).toBe('block');
    expect(prepaymentRequiredOf(f!)).toBe(ORDER_TOTAL);
    expect(formatFinding(f!, 'en')).toContain(
      'until a prepayment of 5,650.00 CNY or a guarantee on file',
    );
    expect(formatFinding(f!, 'en')).not.toContain('credit release');
  });

  it('CR-6 receivables overdue more than 90 days hold the order; exactly 90 days does not', () => {
    const at90 = makeCustomer({ receivables: [receivable('r1', 100, daysBefore(CREDIT_DAY, 90))] });
    const at91 = makeCustomer({ receivables: [receivable('r1', 100, daysBefore(CREDIT_DAY, 91))] });
    expect(assessCredit(order, ctx(at90))).toEqual([]);
    const findings = assessCredit(order, ctx(at91));
    expect(rules(findings)).toEqual(['CR-6:block:credit.overdue.abnormal']);
    expect(findings[0]!.params).toMatchObject({
      days: 91,
      maxDays: 90,
      dueDate: daysBefore(CREDIT_DAY, 91),
    });
  });

  it('CR-6 overdue age is policy and counts against the injected clock', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 100, daysBefore(CREDIT_DAY, 40))],
    });
    expect(
      rules(assessCredit(order, ctx(customer, { credit: { overdueSuspendDays: 30 } }))),
    ).toEqual(['CR-6:block:credit.overdue.abnormal']);
    // The same facts judged 60 days earlier: not even due.
    expect(
      assessCredit(
        order,
        ctx(
          customer,
          { credit: { overdueSuspendDays: 30 } },
          { asOf: '2026-01-01T09:00:00+08:00' },
        ),
      ),
    ).toEqual([]);
  });

  it('CR-6 a fully paid (zero) receivable never counts as overdue', () => {
    const customer = makeCustomer({
      receivables: [receivable('r1', 0, daysBefore(CREDIT_DAY, 400))],
    });
    expect(assessCredit(order, ctx(customer))).toEqual([]);
  });

  it('CR-6 a flagged incident holds the order', () => {
    const findings = assessCredit(
      order,
      ctx(makeCustomer({ credit: { incident: 'Cheque bounced 2026-02-20' } })),
    );
    expect(rules(findings)).toEqual(['CR-6:block:credit.incident.abnormal']);
    expect(formatFinding(findings[0]!, 'zh')).toContain('Cheque bounced 2026-02-20');
  });

  it('CR-6 a guarantee on file covers abnormal credit: warning', () => {
    const findings = assessCredit(
      order,
      ctx(makeCustomer({ credit: { grade: 'D', guaranteeOnFile: true } })),
    );
    expect(rules(findings)).toEqual(['CR-6:warn:credit.grade.abnormal']);
  });
});

describe('CR-7 ageing feeds the assessment', () => {
  it('CR-7 assessOrder runs the credit rules after intake and review', () => {
    const c = ctx(makeCustomer({ credit: { grade: 'C' } }));
    const findings = assessOrder(order, c);
    expect(findings.at(-1)?.ruleId).toBe('CR-5');
    expect(findings.some((f) => f.ruleId.startsWith('RV'))).toBe(true);
  });

  it('CR-7 several holds are all reported at once', () => {
    const customer = makeCustomer({
      credit: { grade: 'D', incident: 'Lawsuit' },
      receivables: [receivable('r1', 20_000_000, daysBefore(CREDIT_DAY, 120))],
    });
    expect(assessCredit(order, ctx(customer)).map((f) => f.messageKey)).toEqual([
      'credit.grade.abnormal',
      'credit.limit.exceeded',
      'credit.overdue.abnormal',
      'credit.incident.abnormal',
    ]);
  });
});
