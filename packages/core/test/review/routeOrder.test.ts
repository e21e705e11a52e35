import { describe, expect, it } from 'vitest';
import { DEFAULT_STEPS, type OrderView, type Result } from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

const steps = (view: OrderView) =>
  view.workflow.route?.steps.map((s) => [s.key, s.stage, s.status]) ?? [];

/** A non-regular order: the customer asked for a change from what was shipped before (RV-5). */
const nonRegular = makeOrder({ id: 'o-1', number: '', customerRequestedChange: true });

describe('RV-5 non-regular orders: the sales head agrees to the product plan before the general manager approves it', () => {
  it('RV-5 RV-3 the default route runs engineering, then the sales head, then the general manager (002 第6条3)', async () => {
    const { og } = makeDesk();
    const submitted = ok(await og.submit(nonRegular, people.li));
    expect(steps(submitted)).toEqual([
      ['engineeringReview', 10, 'active'],
      ['salesHead', 90, 'waiting'],
      ['generalManagerApproval', 95, 'waiting'],
    ]);
    // The general manager cannot approve the plan before the sales head has agreed to it.
    expect(await og.approve('o-1', people.he, { step: 'generalManagerApproval' })).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
      step: 'generalManagerApproval',
    });
    expect(steps(ok(await og.approve('o-1', people.huang)))).toEqual([
      ['engineeringReview', 10, 'approved'],
      ['salesHead', 90, 'active'],
      ['generalManagerApproval', 95, 'waiting'],
    ]);
    expect(await og.approve('o-1', people.he, { step: 'generalManagerApproval' })).toMatchObject({
      ok: false,
      code: 'STEP_NOT_ACTIVE',
    });
    expect(steps(ok(await og.approve('o-1', people.wang)))).toEqual([
      ['engineeringReview', 10, 'approved'],
      ['salesHead', 90, 'approved'],
      ['generalManagerApproval', 95, 'active'],
    ]);
    expect(ok(await og.approve('o-1', people.he)).workflow.status).toBe('approved');
    const granted = (await og.history('o-1')).flatMap((e) =>
      e.type === 'approval.granted' ? [[e.data.step, e.actor]] : [],
    );
    expect(granted).toEqual([
      ['engineeringReview', 'u-huang'],
      ['salesHead', 'u-wang'],
      ['generalManagerApproval', 'u-he'],
    ]);
  });

  it('RV-5 the order of the route is the policy’s: stages set elsewhere give that order', async () => {
    const { og } = makeDesk(
      companyPolicy({
        approvals: {
          steps: {
            generalManagerApproval: { ...DEFAULT_STEPS.generalManagerApproval, stage: 40 },
          },
        },
      }),
    );
    expect(steps(ok(await og.submit(nonRegular, people.li)))).toEqual([
      ['engineeringReview', 10, 'active'],
      ['generalManagerApproval', 40, 'waiting'],
      ['salesHead', 90, 'waiting'],
    ]);
  });

  it('RV-5 RV-3 a regular order still ends with the sales head', async () => {
    const { og } = makeDesk();
    expect(steps(ok(await og.submit(makeOrder({ id: 'o-2', number: '' }), people.li)))).toEqual([
      ['regularReview', 10, 'active'],
      ['salesHead', 90, 'waiting'],
    ]);
  });
});
