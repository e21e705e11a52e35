// Issue 11, field ownership: the ERP owns the facts it keeps (receivables, open orders, flags);
// ordergate governs a grade or limit once a CR-3 request changed it, so the next sync from the
// ERP never undoes an approval, and the approved terms go back to the ERP through the outbox.
import { describe, expect, it } from 'vitest';
import { gate } from '../support/gate.js';
import { MemoryStore } from '../../src/store/MemoryStore.js';
import {
  CUSTOMER_FIELD_OWNERSHIP,
  mergeCustomerFacts,
} from '../../src/state/mergeCustomerFacts.js';
import { Customer } from '../../src/model/Customer.js';
import { CREDIT_DAY, makeCustomer, receivable } from '../support/credit.js';
import { companyPolicy, people, testClock, testIds } from '../support/people.js';

async function setup() {
  const store = new MemoryStore();
  const og = gate({ policy: companyPolicy(), store, clock: testClock(), ids: testIds() });
  await og.putCustomer(makeCustomer()); // grade B, limit ¥100,000.00, from the ERP
  return { og, store };
}

/** CR-3 through the façade: sales proposes, finance reviews, the general manager approves. */
async function approveChange(
  og: ReturnType<typeof gate>,
  change: { grade?: 'A' | 'B' | 'C' | 'D'; limit?: { amount: number; currency: string } },
) {
  const proposed = await og.proposeCreditChange(
    { customerId: 'c-1', reason: 'Two years of prompt payment', ...change },
    people.li,
  );
  if (!proposed.ok) throw new Error(proposed.code);
  expect((await og.approveCreditRequest(proposed.value.id, people.zhao)).ok).toBe(true);
  const done = await og.approveCreditRequest(proposed.value.id, people.he);
  if (!done.ok) throw new Error(done.code);
  return done;
}

/** The ERP's next sync: its old grade and limit, and new receivables. */
const erpSync = (overrides: Parameters<typeof makeCustomer>[0] = {}) =>
  makeCustomer({ receivables: [receivable('r9', 4_000_000, CREDIT_DAY)], ...overrides });

describe('issue 11 field ownership: a CR-3 approval survives the next sync', () => {
  it('CR-3 a limit approved through proposeCreditChange → approveCreditRequest is not undone by putCustomer from the ERP', async () => {
    const { og } = await setup();
    await approveChange(og, { limit: { amount: 20_000_000, currency: 'CNY' } });
    const synced = await og.putCustomer(erpSync()); // the ERP still says ¥100,000.00
    expect(synced.credit.limit).toEqual({ amount: 20_000_000, currency: 'CNY' });
    // the ERP-owned facts did arrive
    expect(synced.receivables.map((r) => r.id)).toEqual(['r9']);
    // the grade was not part of the request: still the ERP's to change
    expect((await og.putCustomer(erpSync({ credit: { grade: 'C' } }))).credit.grade).toBe('C');
    expect((await og.effectiveLimit('c-1'))?.amount).toBe(20_000_000);
  });

  it('CR-3 a grade approved here stays governed; the request that governs it is named on the customer', async () => {
    const { og } = await setup();
    const done = await approveChange(og, { grade: 'A' });
    const synced = await og.putCustomer(erpSync({ credit: { grade: 'D' } }));
    expect(synced.credit.grade).toBe('A');
    expect(synced.credit.governed).toEqual({
      grade: { requestId: done.value.id, at: expect.any(String) as string },
    });
    // an ERP cannot claim or drop governance: its `governed` is ignored
    const claimed = await og.putCustomer(
      erpSync({ credit: { grade: 'D', governed: {} } as never }),
    );
    expect(claimed.credit.grade).toBe('A');
  });

  it('CR-3 the approval writes the approved terms back to the ERP through the outbox (updateCreditTerms)', async () => {
    const { og } = await setup();
    const done = await approveChange(og, {
      grade: 'A',
      limit: { amount: 20_000_000, currency: 'CNY' },
    });
    expect(done.effects).toContainEqual(
      expect.objectContaining({
        type: 'updateCreditTerms',
        customerId: 'c-1',
        requestId: done.value.id,
        grade: 'A',
        limit: { amount: 20_000_000, currency: 'CNY' },
        ruleId: 'CR-3',
      }),
    );
    expect((await og.pendingEffects()).map((e) => e.effect.type)).toContain('updateCreditTerms');
  });

  it('CR-1 facts that change nothing but when they were read write nothing to the customer trail', async () => {
    const { og } = await setup();
    const before = (await og.customerHistory('c-1')).length;
    await og.putCustomer(makeCustomer({ asOf: '2026-03-02T08:00:00+08:00' }));
    await og.putCustomer(makeCustomer({ asOf: '2026-03-02T09:00:00+08:00' }));
    expect(await og.customerHistory('c-1')).toHaveLength(before);
    await og.putCustomer(erpSync());
    expect(await og.customerHistory('c-1')).toHaveLength(before + 1);
  });

  it('CR-1 the later credit evaluation counts, from the ERP or from an approval here', () => {
    const stored = makeCustomer({ credit: { evaluatedAt: '2026-02-01T00:00:00Z' } });
    const older = makeCustomer({ credit: { evaluatedAt: '2025-01-01T00:00:00Z' } });
    const newer = makeCustomer({ credit: { evaluatedAt: '2026-03-01T00:00:00Z' } });
    expect(mergeCustomerFacts(stored, older).credit.evaluatedAt).toBe('2026-02-01T00:00:00Z');
    expect(mergeCustomerFacts(stored, newer).credit.evaluatedAt).toBe('2026-03-01T00:00:00Z');
  });

  it('CR-3 temporary increases are kept when the ERP sends none; ERP flags replace the stored ones', () => {
    const stored = Customer.parse({
      ...makeCustomer({ credit: { guaranteeOnFile: true, incident: 'late payment' } }),
      credit: {
        ...makeCustomer().credit,
        guaranteeOnFile: true,
        incident: 'late payment',
        temporaryIncreases: [
          {
            requestId: 'CRQ-1',
            amount: 5_000_000,
            currency: 'CNY',
            approvedAt: '2026-03-01T00:00:00Z',
            expiresAt: '2026-04-01T00:00:00Z',
          },
        ],
      },
    });
    const merged = mergeCustomerFacts(stored, makeCustomer());
    expect(merged.credit.temporaryIncreases.map((t) => t.requestId)).toEqual(['CRQ-1']);
    expect(merged.credit.guaranteeOnFile).toBe(false);
    expect(merged.credit.incident).toBeUndefined();
  });

  it('issue 11 every stored customer field has an owner in the table', () => {
    const fields = [
      ...Object.keys(Customer.shape).filter((k) => k !== 'id' && k !== 'credit'),
      ...Object.keys(Customer.shape.credit.unwrap().shape).map((k) => `credit.${k}`),
    ].sort();
    expect(Object.keys(CUSTOMER_FIELD_OWNERSHIP).sort()).toEqual(fields);
  });
});
