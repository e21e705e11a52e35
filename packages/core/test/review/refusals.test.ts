import { describe, expect, it } from 'vitest';
import {
  formatMessage,
  MESSAGES,
  type OrderView,
  type Result,
  type RuleId,
} from '../../src/index.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder, makeOrderInput } from '../support/orders.js';
import { companyPolicy, people } from '../support/people.js';

function ok(r: Result<OrderView>): OrderView {
  if (!r.ok) throw new Error(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

/** One refusal the walk met: what was tried, what came back, and the rule it must name. */
interface Walked {
  what: string;
  rule: RuleId;
  refusal: Result<OrderView>;
}

const order = (id: string, overrides: Parameters<typeof makeOrder>[0] = {}) =>
  makeOrder({ id, number: '', ...overrides });
const CONTRACT = { required: true, number: 'HT-2026-050' };
const OPINION = { outcome: 'approved' as const, reference: 'LEGAL-2026-050' };

/**
 * Every refusal of intake, review, confirmation and the contract path, met through the façade:
 * each with the rule that causes it.
 */
async function walk(): Promise<Walked[]> {
  const out: Walked[] = [];
  const refused = (what: string, rule: RuleId, refusal: Result<OrderView>) =>
    out.push({ what, rule, refusal });
  const { og, clock } = makeDesk(
    companyPolicy({ delegations: [{ from: 'u-wang', to: 'u-zhao', roles: ['salesHead'] }] }),
  );

  // Intake (IN-2, RV-9, IN-3)
  refused(
    'submit missing information',
    'IN-2',
    await og.submit(makeOrderInput({ id: 'o-missing', number: '', paymentTerms: '' }), people.li),
  );
  ok(await og.submit(order('o-1'), people.li));
  refused('submit again', 'RV-9', await og.submit(order('o-1'), people.li));
  ok(await og.submit(order('o-verbal', { channel: 'verbal' }), people.li));
  refused(
    'written confirmation of an order not taken verbally',
    'IN-3',
    await og.recordWrittenConfirmation('o-1', people.li, 'FAX-1'),
  );
  refused(
    'written confirmation without reference',
    'IN-3',
    await og.recordWrittenConfirmation('o-verbal', people.li, '  '),
  );

  // Approvals: each names the rule its step serves.
  refused('no role on the open step', 'RV-5', await og.approve('o-1', people.outsider));
  refused('the sales head before his stage', 'RV-3', await og.approve('o-1', people.wang));
  refused(
    'a step not on the route',
    'RV-4',
    await og.approve('o-1', people.liu, { step: 'jointReview' }),
  );
  ok(await og.approve('o-1', people.liu));
  refused(
    'a step already done',
    'RV-5',
    await og.approve('o-1', people.liu, { step: 'regularReview' }),
  );
  ok(await og.submit(order('o-joint', { technicalComplexity: true }), people.li));
  ok(await og.approve('o-joint', people.liu));
  ok(await og.approve('o-joint', people.sun));
  refused('a second approval of one department', 'RV-4', await og.approve('o-joint', people.sun));
  ok(await og.submit(order('o-own', { salesperson: 'u-wang' }), people.li));
  ok(await og.approve('o-own', people.liu));
  refused('the sales head on his own order', 'RV-3', await og.approve('o-own', people.wang));
  refused('his delegate on his behalf', 'RV-3', await og.approve('o-own', people.zhao));

  // Returns and rejections (RV-9)
  refused('a return without reason', 'RV-9', await og.returnToSales('o-own', people.he, ' '));
  refused('a rejection by no reviewer', 'RV-9', await og.reject('o-own', people.outsider, 'no'));
  refused('a rejection of one’s own order', 'RV-9', await og.reject('o-own', people.wang, 'no'));

  // Confirmation (RV-10 who confirms; IN-3, RV-10 gates)
  ok(await og.approve('o-1', people.wang));
  refused('confirming without the role', 'RV-10', await og.confirm('o-1', people.outsider));
  ok(await og.approve('o-verbal', people.liu));
  ok(await og.approve('o-verbal', people.wang));
  refused('a verbal order unconfirmed in writing', 'IN-3', await og.confirm('o-verbal', people.li));

  // The contract path (RV-10)
  ok(await og.submit(order('o-contract', { contract: CONTRACT }), people.li));
  refused(
    'the legal review before its stage',
    'RV-10',
    await og.recordContractReview('o-contract', people.wu, OPINION),
  );
  refused(
    'signing before the legal review',
    'RV-10',
    await og.recordContractSigned('o-contract', people.li, {
      signedAt: clock.now(),
      reference: 'HT-2026-050',
    }),
  );
  ok(await og.approve('o-contract', people.liu));
  refused(
    'a legal review without reference',
    'RV-10',
    await og.recordContractReview('o-contract', people.wu, { ...OPINION, reference: '' }),
  );
  refused(
    'a refused contract without reason',
    'RV-10',
    await og.recordContractReview('o-contract', people.wu, { ...OPINION, outcome: 'rejected' }),
  );
  refused(
    'a legal review by no legal reviewer',
    'RV-10',
    await og.recordContractReview('o-contract', people.zhao, OPINION),
  );
  ok(await og.recordContractReview('o-contract', people.wu, OPINION));
  refused(
    'a second legal review',
    'RV-10',
    await og.recordContractReview('o-contract', people.wu, OPINION),
  );
  ok(await og.approve('o-contract', people.wang));
  refused('an approved order unsigned', 'RV-10', await og.confirm('o-contract', people.li));
  const signature = { signedAt: clock.now(), reference: 'HT-2026-050' };
  refused(
    'a signature recorded by an outsider',
    'RV-10',
    await og.recordContractSigned('o-contract', people.outsider, signature),
  );
  refused(
    'a signature without reference',
    'RV-10',
    await og.recordContractSigned('o-contract', people.li, { ...signature, reference: ' ' }),
  );
  refused(
    'a signature dated after now',
    'RV-10',
    await og.recordContractSigned('o-contract', people.li, {
      ...signature,
      signedAt: new Date(Date.parse(clock.now()) + 1).toISOString(),
    }),
  );
  refused(
    'a signature dated before the legal review',
    'RV-10',
    await og.recordContractSigned('o-contract', people.li, {
      ...signature,
      signedAt: new Date(Date.parse(clock.now()) - 1).toISOString(),
    }),
  );
  ok(await og.recordContractSigned('o-contract', people.li, signature));
  refused(
    'a second signature',
    'RV-10',
    await og.recordContractSigned('o-contract', people.li, signature),
  );
  refused(
    'a contract review of an order with no contract',
    'RV-10',
    await og.recordContractReview('o-1', people.wu, OPINION),
  );
  const none = makeDesk(companyPolicy({ review: { routes: { legal: [] } } }));
  ok(await none.og.submit(order('o-contract', { contract: CONTRACT }), people.li));
  refused(
    'a legal review the policy does not ask for',
    'RV-10',
    await none.og.recordContractReview('o-contract', people.wu, OPINION),
  );
  return out;
}

/** The message keys of every refusal intake, review, confirmation and the contract path give. */
const REVIEW_REFUSAL_KEYS = [
  'workflow.returnedToSales',
  'workflow.alreadySubmitted',
  'intake.verbal.referenceRequired',
  'intake.verbal.notVerbal',
  'review.approval.notEligible',
  'review.approval.notYetOpen',
  'review.approval.stepNotActive',
  'review.approval.unknownStep',
  'review.approval.alreadyApproved',
  'review.approval.selfApproval',
  'review.approval.selfApprovalOnBehalf',
  'review.approval.reasonRequired',
  'review.notReviewer',
  'workflow.confirm.notAllowed',
  'workflow.confirm.blocked',
  'review.contract.notNeeded',
  'review.contract.noLegalReview',
  'review.contract.alreadyReviewed',
  'review.contract.referenceRequired',
  'review.contract.reasonRequired',
  'review.contract.signatureNotAllowed',
  'review.contract.signatureReferenceRequired',
  'review.contract.alreadySigned',
  'review.contract.signedBeforeReview',
  'review.contract.signedBeforeReviewed',
  'review.contract.signedInFuture',
];

describe('refusals name their rule', () => {
  it('IN-2 IN-3 RV-3 RV-4 RV-5 RV-9 RV-10 every refusal of intake, review, confirmation and the contract path carries the rule that causes it, and says so in English and Chinese', async () => {
    const walked = await walk();
    const refusals = walked.map(({ what, rule, refusal }) => {
      if (refusal.ok) return expect.fail(`${what}: not refused`);
      return { what, rule, refusal };
    });
    expect(refusals.map((r) => [r.what, r.refusal.ruleId])).toEqual(
      refusals.map((r) => [r.what, r.rule]),
    );
    for (const { what, refusal } of refusals) {
      expect(MESSAGES[refusal.messageKey], `${what}: ${refusal.messageKey}`).toBeDefined();
      const en = formatMessage(refusal.messageKey, refusal.params, 'en');
      const zh = formatMessage(refusal.messageKey, refusal.params, 'zh');
      for (const text of [en, zh]) {
        expect(text, `${what}: ${refusal.messageKey}`).not.toBe(refusal.messageKey);
        expect(text, `${what}: ${text}`).not.toMatch(/\{\w+\}|undefined/);
      }
      expect(zh, `${what}: the Chinese text`).toMatch(/[\u4e00-\u9fff]/);
      expect(en, `${what}: the English text`).not.toMatch(/[\u4e00-\u9fff]/);
    }
    // The walk meets every refusal message of these paths.
    const met = new Set(refusals.map((r) => r.refusal.messageKey));
    expect(REVIEW_REFUSAL_KEYS.filter((k) => !met.has(k))).toEqual([]);
  });

  it('RV-3 RV-10 only what no rule causes names none: an event the status does not take, a step the policy does not define', async () => {
    const { og } = makeDesk();
    ok(await og.submit(order('o-1'), people.li));
    const unknown = await og.approve('o-1', people.liu, { step: 'nope' });
    expect(unknown).toMatchObject({ ok: false, code: 'UNKNOWN_STEP' });
    expect(!unknown.ok && unknown.ruleId).toBeUndefined();
    const early = await og.confirm('o-1', people.li);
    expect(early).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(!early.ok && early.ruleId).toBeUndefined();
  });
});
