import { describe, expect, it } from 'vitest';
import { salesHeadApproval } from '../../src/rules/review/salesHeadApproval.js';
import { makeContext, makeOrder, makePolicy } from '../support/orders.js';

describe('RV-3 sales department head approval', () => {
  it('RV-3 requires the sales head on every order', () => {
    expect(salesHeadApproval(makeOrder(), makeContext())).toMatchObject([
      {
        ruleId: 'RV-3',
        severity: 'approval',
        messageKey: 'review.salesHead.required',
        steps: ['salesHead'],
        params: { approverEn: 'Sales department head approval', approverZh: '销售部门负责人审批' },
      },
    ]);
  });

  it('RV-3 takes the steps from policy.review.routes.always', () => {
    const policy = makePolicy({ review: { routes: { always: ['regularReview', 'salesHead'] } } });
    const [f] = salesHeadApproval(makeOrder(), makeContext({ policy }));
    expect(f!.steps).toEqual(['regularReview', 'salesHead']);
    expect(f!.params.approverEn).toBe('Production review → Sales department head approval');
  });

  it('RV-3 names the approver from the policy step label, so a renamed step shows in both languages', () => {
    const policy = makePolicy({
      approvals: {
        steps: {
          salesHead: {
            label: { en: 'Sales manager sign-off', zh: '销售经理签字确认' },
            roles: ['salesHead'],
            stage: 90,
            ruleId: 'RV-3',
          },
        },
      },
    });
    const [f] = salesHeadApproval(makeOrder(), makeContext({ policy }));
    expect(f!.params).toMatchObject({
      approverEn: 'Sales manager sign-off',
      approverZh: '销售经理签字确认',
    });
  });

  it('RV-3 emits nothing when the policy empties the route', () => {
    const policy = makePolicy({ review: { routes: { always: [] } } });
    expect(salesHeadApproval(makeOrder(), makeContext({ policy }))).toEqual([]);
  });
});
