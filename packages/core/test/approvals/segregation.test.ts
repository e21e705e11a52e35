import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  orderParties,
  unbarredCapacities,
  type OrderView,
  type PolicyInput,
  type Result,
} from '../../src/index.js';
import { CREDIT_DAY, makeCustomer, receivable } from '../support/credit.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { companyPolicy, companyRoles, people } from '../support/people.js';
import { settledOrder } from '../support/tracking.js';

/** Zhou (sales assistant) stands in for Wang, the sales head. */
const zhouForWang = { delegations: [{ from: 'u-wang', to: 'u-zhou', roles: ['salesHead'] }] };

function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) expect.fail(`${r.code}: ${r.message}`);
  return r.value;
}

/** Every rendered language of a refusal has its parameters filled in. */
function rendersFully(r: { messageKey?: string; params?: Readonly<Record<string, unknown>> }) {
  expect(r.messageKey).toBeDefined();
  for (const locale of ['en', 'zh'] as const) {
    const text = formatMessage(
      r.messageKey!,
      r.params as Record<string, string | number | boolean>,
      locale,
    );
    expect(text, `${r.messageKey!} ${locale}`).not.toMatch(/\{\w+\}/);
  }
}

describe('segregation of duties follows the people, not the last submission', () => {
  it('RV-3 SoD: a resubmission naming the sales head as salesperson does not let him approve', async () => {
    const { desk } = makeDesk(companyPolicy(zhouForWang));
    ok(await desk.submit(makeOrder({ id: 'o-1' }), people.li));
    ok(await desk.returnToSales('o-1', people.liu, 'Delivery date infeasible'));
    // Li resubmits the corrected order naming Wang, the sales head, as its salesperson.
    const again = ok(await desk.submit(makeOrder({ id: 'o-1', salesperson: 'u-wang' }), people.li));
    expect(again.workflow.owner).toBe('u-wang');
    expect(again.workflow.parties).toEqual({ owners: ['u-li', 'u-wang'], submitters: ['u-li'] });
    ok(await desk.approve('o-1', people.liu));

    const own = await desk.approve('o-1', people.wang);
    expect(own).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'review.approval.selfApproval',
      params: { actor: 'u-wang', party: 'u-wang' },
    });
    if (!own.ok) rendersFully(own);
    // …nor through his deputy, on his behalf.
    const deputy = await desk.approve('o-1', people.zhou);
    expect(deputy).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'review.approval.selfApprovalOnBehalf',
      params: { actor: 'u-zhou', party: 'u-wang' },
    });
    if (!deputy.ok) rendersFully(deputy);
    expect(await desk.reject('o-1', people.wang, 'fine by me')).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect(await desk.returnToSales('o-1', people.zhou, 'again')).toMatchObject({
      code: 'SELF_APPROVAL',
      params: { party: 'u-wang' },
    });
    // The change of owner is on the record.
    const history = await desk.history('o-1');
    expect(history.find((e) => e.type === 'order.ownerChanged')?.data).toEqual({
      from: 'u-li',
      to: 'u-wang',
    });
    expect((await desk.get('o-1'))?.workflow.route?.steps.at(-1)?.approvals).toEqual([]);
  });

  it('RV-3 SoD: a resubmission naming another salesperson does not clear the first owner', async () => {
    const { desk } = makeDesk();
    // The sales head enters an order as its salesperson; his assistant submits it.
    ok(await desk.submit(makeOrder({ id: 'o-1', salesperson: 'u-wang' }), people.zhou));
    ok(await desk.returnToSales('o-1', people.liu, 'Missing drawing'));
    const again = ok(
      await desk.submit(makeOrder({ id: 'o-1', salesperson: 'u-chen' }), people.chen),
    );
    expect(orderParties(again.workflow)).toEqual(['u-wang', 'u-chen', 'u-zhou']);
    ok(await desk.approve('o-1', people.liu));
    expect(await desk.approve('o-1', people.wang)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      params: { party: 'u-wang' },
    });
  });

  it('RV-3 SoD: once a colleague resubmits, the first submitter stays barred', async () => {
    const { desk } = makeDesk(companyPolicy(zhouForWang));
    // Zhou, the sales head's deputy, submits Li's order; Li resubmits it after a return.
    ok(await desk.submit(makeOrder({ id: 'o-1' }), people.zhou));
    ok(await desk.returnToSales('o-1', people.liu, 'Price list missing'));
    const again = ok(await desk.submit(makeOrder({ id: 'o-1' }), people.li));
    expect(again.workflow.submitter?.id).toBe('u-li');
    expect(again.workflow.parties.submitters).toEqual(['u-zhou', 'u-li']);
    ok(await desk.approve('o-1', people.liu));

    expect(await desk.approve('o-1', people.zhou)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'review.approval.selfApproval',
      params: { actor: 'u-zhou', party: 'u-zhou' },
    });
    expect(await desk.reject('o-1', people.zhou, 'no')).toMatchObject({ code: 'SELF_APPROVAL' });
    // Wang himself submitted nothing and owns nothing: he approves.
    expect(ok(await desk.approve('o-1', people.wang)).workflow.status).toBe('approved');
  });

  it('RV-3 SoD: a barred person may not approve as somebody else’s delegate either', async () => {
    // Chen stands in for Wang; Chen owns the order, so neither capacity is his to use.
    const { desk } = makeDesk(
      companyPolicy({ delegations: [{ from: 'u-wang', to: 'u-chen', roles: ['salesHead'] }] }),
    );
    ok(await desk.submit(makeOrder({ id: 'o-1', salesperson: 'u-chen' }), people.chen));
    ok(await desk.approve('o-1', people.liu));
    expect(await desk.approve('o-1', people.chen)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      params: { party: 'u-chen' },
    });
  });
});

describe('segregation of duties on change and cancellation requests', () => {
  async function confirmed(policy: PolicyInput, submitter = people.li) {
    const h = makeDesk(companyPolicy(policy));
    ok(await h.desk.submit(makeOrder({ id: 'o-1' }), submitter));
    ok(await h.desk.approve('o-1', people.liu));
    ok(await h.desk.approve('o-1', people.wang));
    ok(await h.desk.confirm('o-1', people.li));
    return h;
  }
  const notes = {
    baseRevision: 1,
    reason: 'Customer asked',
    impact: 'None',
    patch: [{ op: 'set' as const, field: 'notes', value: 'Deliver to gate 2' }],
  };

  it('CH-1 SoD: whoever submitted the order may not approve a change of it, even as a delegate', async () => {
    const { desk } = await confirmed(zhouForWang, people.zhou);
    ok(await desk.requestChange('o-1', people.li, notes));
    expect(await desk.approveChange('o-1', people.zhou)).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'change.approval.selfApproval',
      params: { actor: 'u-zhou', party: 'u-zhou' },
    });
    expect(await desk.rejectChange('o-1', people.zhou, 'no')).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect(ok(await desk.approveChange('o-1', people.wang)).workflow.status).toBe('confirmed');
  });

  it('CH-1 SoD: a delegate may not approve a change on behalf of its requester', async () => {
    const { desk } = await confirmed({ ...zhouForWang, change: { requestRoles: ['salesHead'] } });
    ok(await desk.requestChange('o-1', people.wang, notes));
    const r = await desk.approveChange('o-1', people.zhou);
    expect(r).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'change.approval.selfApprovalOnBehalf',
      params: { actor: 'u-zhou', party: 'u-wang' },
    });
    if (!r.ok) rendersFully(r);
    expect(await desk.rejectChange('o-1', people.zhou, 'keep it')).toMatchObject({
      code: 'SELF_APPROVAL',
      params: { party: 'u-wang' },
    });
  });
});

describe('segregation of duties on credit decisions', () => {
  const financeDirectorLi = {
    roles: {
      ...companyRoles,
      financeDirector: {
        ...companyRoles.financeDirector,
        groups: ['finance_director'],
        users: ['u-li'],
      },
    },
    delegations: [{ from: 'u-li', to: 'u-zhou' }],
  } satisfies PolicyInput;

  it("CR-4 SoD: the delegate of the order's owner may neither release nor decline its credit hold", async () => {
    const { desk } = makeDesk(companyPolicy(financeDirectorLi));
    await desk.putCustomer(
      makeCustomer({ receivables: [receivable('r1', 9_500_000, CREDIT_DAY)] }),
    );
    expect(ok(await desk.submit(makeOrder({ id: 'o-1' }), people.li)).workflow.status).toBe(
      'credit_hold',
    );
    const release = await desk.act('o-1', {
      type: 'RELEASE_CREDIT',
      actor: people.zhou,
      reason: 'for my boss',
    });
    expect(release).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'credit.release.selfApprovalOnBehalf',
      params: { actor: 'u-zhou', party: 'u-li' },
    });
    if (!release.ok) rendersFully(release);
    expect(
      await desk.act('o-1', { type: 'DECLINE_CREDIT', actor: people.zhou, reason: 'no' }),
    ).toMatchObject({ ok: false, code: 'SELF_APPROVAL', params: { party: 'u-li' } });
    expect(
      (await desk.act('o-1', { type: 'RELEASE_CREDIT', actor: people.qian, reason: 'ok' })).ok,
    ).toBe(true);
  });

  it('CR-3 SoD: a delegate may not approve or reject a credit request on behalf of its proposer', async () => {
    const policy = companyPolicy({
      credit: { limitChange: { proposeRoles: ['finance'] } },
      delegations: [{ from: 'u-zhao', to: 'u-zhou', roles: ['finance'] }],
    });
    const orders = makeDesk(policy);
    await orders.desk.putCustomer(makeCustomer());
    const credit = orders.og;
    const proposed = await credit.proposeCreditChange(
      { customerId: 'c-1', limit: { amount: 20_000_000, currency: 'CNY' }, reason: 'Growth' },
      people.zhao,
    );
    if (!proposed.ok) expect.fail(proposed.code);
    const own = await credit.approveCreditRequest(proposed.value.id, people.zhao);
    expect(own).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'credit.request.selfApproval',
      params: { actor: 'u-zhao', party: 'u-zhao' },
    });
    const deputy = await credit.approveCreditRequest(proposed.value.id, people.zhou);
    expect(deputy).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'credit.request.selfApprovalOnBehalf',
      params: { actor: 'u-zhou', party: 'u-zhao' },
    });
    if (!deputy.ok) rendersFully(deputy);
    expect(await credit.rejectCreditRequest(proposed.value.id, people.zhou, 'no')).toMatchObject({
      code: 'SELF_APPROVAL',
      params: { party: 'u-zhao' },
    });
  });
});

describe('segregation of duties on archive access requests', () => {
  it('AR-5 SoD: the delegate of an access requester may not approve the request', async () => {
    const policy = companyPolicy(zhouForWang);
    const h = await settledOrder({}, policy);
    const archives = h.og;
    const entry = await archives.archive(h.orderId, people.zhou);
    if (!entry.ok) expect.fail(entry.code);
    const archiveId = entry.value.archiveId;

    const mine = await archives.requestArchiveAccess(archiveId, people.wang, { reason: 'audit' });
    if (!mine.ok) expect.fail(mine.code);
    const deputy = await archives.approveArchiveAccess(mine.value.id, people.zhou);
    expect(deputy).toMatchObject({
      ok: false,
      code: 'SELF_APPROVAL',
      messageKey: 'archive.access.SELF_APPROVAL',
    });
    if (!deputy.ok) rendersFully(deputy);
    expect(await archives.rejectArchiveAccess(mine.value.id, people.zhou, 'no')).toMatchObject({
      code: 'SELF_APPROVAL',
    });
    expect(await archives.readArchive(archiveId, people.wang)).toMatchObject({ code: 'NO_GRANT' });

    // The deputy still decides other people's requests, and the grant says for whom.
    const chens = await archives.requestArchiveAccess(archiveId, people.chen, {
      reason: 'dispute',
    });
    if (!chens.ok) expect.fail(chens.code);
    const granted = await archives.approveArchiveAccess(chens.value.id, people.zhou);
    expect(granted).toMatchObject({
      ok: true,
      value: { status: 'approved', decidedBy: 'u-zhou', decidedOnBehalfOf: 'u-wang' },
    });
  });
});

describe('unbarredCapacities', () => {
  it('SoD: a barred actor keeps no capacity; a delegate loses only the barred delegator’s roles', () => {
    const caps = [
      { role: 'production' },
      { role: 'salesHead', onBehalfOf: 'u-wang' },
      { role: 'finance', onBehalfOf: 'u-zhao' },
    ];
    expect(unbarredCapacities(caps, { actor: 'u-liu', barred: ['u-liu'] })).toEqual({
      usable: [],
      barredBy: ['u-liu'],
    });
    expect(unbarredCapacities(caps, { actor: 'u-liu', barred: ['u-wang'] })).toEqual({
      usable: [{ role: 'production' }, { role: 'finance', onBehalfOf: 'u-zhao' }],
      barredBy: ['u-wang'],
    });
    expect(unbarredCapacities(caps, { actor: 'u-liu', barred: [] }).usable).toHaveLength(3);
  });
});
