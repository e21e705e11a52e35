import { describe, expect, it } from 'vitest';
import { isRegularOrder, orderRoute } from '../../src/rules/review/orderRoute.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

const NON_REGULAR = ['engineeringReview', 'salesHead', 'generalManagerApproval'];

describe('RV-5 order route', () => {
  it('RV-5 routes a regular order to the production supervisor', () => {
    const order = makeOrder();
    expect(isRegularOrder(order)).toBe(true);
    expect(orderRoute(order, makeContext())).toMatchObject([
      {
        ruleId: 'RV-5',
        severity: 'approval',
        messageKey: 'review.route.regular',
        steps: ['regularReview'],
        params: { approverEn: 'Production review', approverZh: '生产主管评审' },
      },
    ]);
  });

  it('RV-5 makes a customer-requested change non-regular', () => {
    const order = makeOrder({ customerRequestedChange: true });
    expect(isRegularOrder(order)).toBe(false);
    expect(orderRoute(order, makeContext())).toMatchObject([
      {
        messageKey: 'review.route.nonRegular.changed',
        steps: NON_REGULAR,
        evidence: [{ field: 'customerRequestedChange', value: true }],
      },
    ]);
  });

  it('RV-5 makes a product never shipped before non-regular, naming the line', () => {
    const order = makeOrder({ lines: [makeLine(), makeLine({ id: 'l2', shippedBefore: false })] });
    expect(orderRoute(order, makeContext())).toMatchObject([
      {
        messageKey: 'review.route.nonRegular.neverShipped',
        params: { newLines: '2' },
        evidence: [{ field: 'lines.1.shippedBefore', value: false }],
      },
    ]);
  });

  it('RV-5 makes incomplete technical documents non-regular', () => {
    const order = makeOrder({ lines: [makeLine({ technicalDocsComplete: false })] });
    expect(orderRoute(order, makeContext())).toMatchObject([
      { messageKey: 'review.route.nonRegular.docsIncomplete', params: { docsLines: '1' } },
    ]);
  });

  it('RV-5 lists every reason and orders the approvers by stage', () => {
    const order = makeOrder({
      customerRequestedChange: true,
      lines: [
        makeLine({ shippedBefore: false }),
        makeLine({ id: 'l2', shippedBefore: false, technicalDocsComplete: false }),
      ],
    });
    const [f] = orderRoute(order, makeContext());
    expect(f).toMatchObject({
      messageKey: 'review.route.nonRegular.changed.neverShipped.docsIncomplete',
      params: {
        newLines: '1, 2',
        docsLines: '2',
        // engineering (stage 10) → sales head (90) → general manager (95): 002 第6条3
        approverEn:
          'Engineering review → Sales department head approval → General manager approval',
        approverZh: '工程主管评审 → 销售部门负责人审批 → 总经理批准',
      },
      steps: NON_REGULAR,
    });
    expect(f!.evidence).toHaveLength(4);
  });

  it('RV-5 takes both routes from the policy', () => {
    const policy = makePolicy({
      review: {
        routes: { regular: ['regularReview', 'salesHead'], nonRegular: ['engineeringReview'] },
      },
    });
    const ctx = makeContext({ policy });
    expect(orderRoute(makeOrder(), ctx)[0]!.steps).toEqual(['regularReview', 'salesHead']);
    expect(orderRoute(makeOrder({ customerRequestedChange: true }), ctx)[0]!.steps).toEqual([
      'engineeringReview',
    ]);
  });

  it('RV-5 shows parallel steps of one stage together', () => {
    const policy = makePolicy({
      review: { routes: { nonRegular: ['engineeringReview', 'regularReview'] } },
    });
    const [f] = orderRoute(makeOrder({ customerRequestedChange: true }), makeContext({ policy }));
    expect(f!.params).toMatchObject({
      approverEn: 'Engineering review + Production review',
      approverZh: '工程主管评审、生产主管评审',
    });
  });
});
