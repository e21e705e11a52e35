import { describe, expect, it, vi } from 'vitest';
import { makeDesk } from '../support/desk.js';
import { makeOrder } from '../support/orders.js';
import { people } from '../support/people.js';

describe('allowedActions reads the order once', () => {
  it('RV-5 every probe is decided on one read of the order and its customer, with the answers of one dry run each', async () => {
    const { desk, og, store } = makeDesk();
    await desk.submit(makeOrder({ id: 'o-1', technicalComplexity: true }), people.li);
    const get = vi.spyOn(store, 'get');
    const actions = await og.allowedActions('o-1', people.liu);
    const reads = get.mock.calls.map(([kind]) => kind);
    expect(reads.filter((k) => k === 'order')).toHaveLength(1);
    expect(reads.filter((k) => k === 'customer').length).toBeLessThanOrEqual(1);
    expect(actions.length).toBeGreaterThan(10);
    // the answers are the commands' own: Li (sales) is refused what Liu may do
    const sales = (await og.allowedActions('o-1', people.li)).find((a) => a.action === 'approve');
    const refused = await og.approve('o-1', people.li);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(sales).toMatchObject({ allowed: false, code: refused.code });
    const before = (await og.order('o-1'))!.version;
    await og.allowedActions('o-1', people.liu);
    expect((await og.order('o-1'))!.version).toBe(before); // nothing written
    expect((await og.approve('o-1', people.liu)).ok).toBe(true);
  });

  it('RV-5 an unknown order is refused once, naming it', async () => {
    const { og } = makeDesk();
    await expect(og.allowedActions('o-missing', people.liu)).rejects.toThrow(/o-missing/);
  });
});
