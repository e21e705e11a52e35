import { describe, expect, it } from 'vitest';
import { ArchivedOrderError } from '../../src/index.js';
import { people } from '../support/people.js';
import { ok, settledOrder } from '../support/tracking.js';

describe('AR-5 the order desk does not bypass archive access control', () => {
  it('AR-5 once archived, the order, its revisions and its trail are refused through OrderDesk', async () => {
    const h = await settledOrder();
    expect((await h.desk.get(h.orderId))?.workflow.status).toBe('settled');
    ok(await h.archives.archive(h.orderId, people.zhou));
    await expect(h.desk.get(h.orderId)).rejects.toBeInstanceOf(ArchivedOrderError);
    await expect(h.desk.history(h.orderId)).rejects.toMatchObject({
      code: 'ARCHIVED',
      orderId: h.orderId,
    });
    await expect(h.desk.revision(h.orderId, 1)).rejects.toBeInstanceOf(ArchivedOrderError);
    await expect(h.desk.assessment(h.orderId)).rejects.toBeInstanceOf(ArchivedOrderError);
  });
});
