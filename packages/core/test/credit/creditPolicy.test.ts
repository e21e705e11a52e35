import { describe, expect, it } from 'vitest';
import { PolicyError } from '../../src/errors.js';
import { loadPolicy } from '../../src/policy/loadPolicy.js';

describe('CR-1…CR-8 credit policy', () => {
  it('CR-5 CR-6 CR-7 defaults reproduce RULES.md readings', () => {
    const { credit, approvals } = loadPolicy({});
    expect(credit).toMatchObject({
      nearLimitPercent: 90,
      overdueSuspendDays: 90,
      ageingBuckets: [30, 60, 90],
      gradeActions: { A: 'pass', B: 'pass', C: 'warn', D: 'block' },
      approvalStep: 'creditApproval',
    });
    expect(approvals.steps.creditApproval?.roles).toEqual(['financeDirector']);
    expect(approvals.steps.creditLimitFinanceReview?.roles).toEqual(['finance']);
    expect(approvals.steps.creditLimitManagementApproval?.roles).toEqual(['generalManager']);
  });

  it('CR-3 a limit-change route naming an unknown step or role is refused, naming the path', () => {
    try {
      loadPolicy({
        credit: {
          limitChange: { steps: ['nope'], proposeRoles: ['ghost'] },
          paymentRecordRoles: ['cashier'],
        },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(PolicyError);
      expect((e as PolicyError).issues.map((i) => i.path)).toEqual(
        expect.arrayContaining([
          'credit.limitChange.steps.0',
          'credit.limitChange.proposeRoles.0',
          'credit.paymentRecordRoles.0',
        ]),
      );
    }
  });

  it('CR-7 ageing bounds must ascend; CR-4 a hold needs a release path', () => {
    expect(() => loadPolicy({ credit: { ageingBuckets: [60, 30] } })).toThrow(/ascend/);
    expect(() => loadPolicy({ credit: { releasePaths: { 'CR-4': [] } } })).toThrow(/release path/);
  });

  it('CR-8 credit terms have one source, the customer: a policy still listing payment-term codes as credit terms does not load (decision 014)', () => {
    let error: unknown;
    try {
      loadPolicy({ credit: { creditTermsPaymentTerms: ['NET30'] } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    expect((error as PolicyError).issues.map((i) => i.path)).toEqual([
      'credit.creditTermsPaymentTerms',
    ]);
    expect(Object.keys(loadPolicy({}).credit)).not.toContain('creditTermsPaymentTerms');
  });
});
