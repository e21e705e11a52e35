import { describe, expect, it } from 'vitest';
import { INPUT_LIMITS, initialWorkflow, ValidationError } from '../../src/index.js';
import { transition } from '../../src/workflow/transition.js';
import { changeDesk, confirmedOrder } from '../support/change.js';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';

const long = (n: number) => 'x'.repeat(n);

/** A desk with one order in review, and what the store held before the attempt. */
async function inReview() {
  const made = makeDesk();
  const r = await made.desk.submit(makeOrder({ id: 'b', number: '' }), people.li);
  expect(r.ok && r.value.workflow.status).toBe('in_review');
  return { ...made, before: made.store.snapshot() };
}

// Some desk methods parse before they return their promise (and throw at once): take a thunk.
async function thrown(attempt: () => Promise<unknown>): Promise<ValidationError> {
  const error = await Promise.resolve()
    .then(attempt)
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

describe('RV-9 CH-2 CR-4 actions are bounded and typed: malformed input is a ValidationError, nothing written', () => {
  it('RV-9 a comment given as an object, or a reason past the text limit, is not an action', async () => {
    const { desk, store, before } = await inReview();
    const comment = await thrown(() =>
      desk.approve('b', people.liu, { comment: { html: '<b>ok</b>' } as unknown as string }),
    );
    expect(comment.issues.map((i) => i.path)).toEqual(['comment']);
    const reason = await thrown(() =>
      desk.returnToSales('b', people.liu, long(INPUT_LIMITS.textLength + 1)),
    );
    expect(reason.subject).toBe('reason');
    expect(reason.issues.map((i) => i.message)).toEqual(['must be at most 4000 characters']);
    expect(store.snapshot()).toEqual(before);
    // At the limit it is an ordinary action.
    const ok = await desk.returnToSales('b', people.liu, long(INPUT_LIMITS.textLength));
    expect(ok.ok).toBe(true);
  });

  it('RV-3 an actor id past 200 characters, or groups that are not text, is refused by the parse', async () => {
    const { desk, store, before } = await inReview();
    const id = await thrown(() =>
      desk.approve('b', { id: long(INPUT_LIMITS.idLength + 1), groups: [] }),
    );
    expect(id.subject).toBe('actor');
    await thrown(() =>
      desk.approve('b', { id: 'u-liu', groups: [{ deep: true }] as unknown as string[] }),
    );
    await thrown(() =>
      desk.act('b', {
        type: 'APPROVE',
        actor: { id: 'u-liu', groups: ['production'] },
        step: long(INPUT_LIMITS.idLength + 1),
      }),
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('CR-4 an amount that is not whole minor units is malformed; nothing is written', async () => {
    const { desk, store, before } = await inReview();
    const amount = await thrown(() =>
      desk.act('b', { type: 'RECORD_PREPAYMENT', actor: people.zhao, amount: 1e300 }),
    );
    expect(amount.issues.map((i) => i.path)).toContain('amount');
    expect(amount.subject).toBe('prepayment');
    expect(store.snapshot()).toEqual(before);
  });

  it('CH-2 a change request with deep or huge patch values is not a request', async () => {
    const { desk, store } = changeDesk();
    const order = await confirmedOrder(desk);
    const before = store.snapshot();
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const base = { baseRevision: 1, reason: 'r', impact: 'i' };
    await thrown(() =>
      desk.requestChange(order.id, people.li, {
        ...base,
        patch: [{ op: 'set', field: 'notes', value: deep as string }],
      }),
    );
    await thrown(() =>
      desk.requestChange(order.id, people.li, {
        ...base,
        reason: long(INPUT_LIMITS.textLength + 1),
        patch: [{ op: 'set', field: 'notes', value: 'n' }],
      }),
    );
    await thrown(() =>
      desk.requestChange(order.id, people.li, {
        ...base,
        patch: Array.from({ length: INPUT_LIMITS.listLength + 1 }, () => ({
          op: 'set' as const,
          field: 'notes',
          value: 'n',
        })),
      }),
    );
    expect(store.snapshot()).toEqual(before);
  });

  it('CR-1 customer ids and texts are bounded like orders', async () => {
    const { desk, store } = makeDesk();
    const before = store.snapshot();
    const error = await thrown(() =>
      desk.putCustomer({
        id: 'c-1',
        name: long(INPUT_LIMITS.textLength + 1),
        receivables: [{ id: long(201), amount: 1, currency: 'CNY', dueDate: '2026-02-30' }],
      }),
    );
    expect(error.issues.map((i) => i.path)).toEqual([
      'name',
      'receivables.0.id',
      'receivables.0.dueDate',
    ]);
    expect(store.snapshot()).toEqual(before);
  });

  it('RV-9 transition checks the event shape for any caller, before the status', () => {
    const order = makeOrder();
    expect(() =>
      transition(
        initialWorkflow(order.id, order.salesperson),
        { type: 'REJECT', actor: people.liu, reason: 42 as unknown as string },
        { policy: makeDesk().policy, order, now: '2026-03-02T09:00:00+08:00' },
      ),
    ).toThrow(ValidationError);
  });
});
