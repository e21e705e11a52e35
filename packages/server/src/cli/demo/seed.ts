import type { Ordergate, OrderStatus, Result } from '@ordergate/core';
import { DEMO_CUSTOMERS, DEMO_PEOPLE, demoOrder } from './company.js';

/** One seeded order: its id, the regulation case it shows, and the status it was left in. */
export interface SeededOrder {
  id: string;
  number: string;
  status: OrderStatus;
  story: string;
  /** Who can act on it now (user ids), for the printed curl commands. */
  next: string[];
}

function must<T>(what: string, r: Result<T>): T {
  if (!r.ok) throw new Error(`demo seed: ${what} was refused: ${r.code} ${r.message}`);
  return r.value;
}

const { li, zhou, wang, zhao, sun, liu } = DEMO_PEOPLE;

/**
 * Seeds the demo store with the regulations' own cases, through the façade like any client:
 * a regular order in review (RV-5, RV-3), a large order with a special product in joint review
 * (RV-4), a discount beyond the salesperson's authority (RV-6), an incomplete order returned to
 * sales (IN-2), an order on credit hold (CR-4), a confirmed order with a change request pending
 * (CH-1, CH-5), and a delivered, paid order (TR-1, CR-8). Nothing is written behind the core's
 * back, so the audit chains verify. Refused steps throw: a seed that does not hold is a bug.
 *
 * @example
 * const seeded = await seedDemo(og, Date.now());
 * seeded.map((s) => `${s.number} ${s.status}`);
 */
export async function seedDemo(og: Ordergate, now: number): Promise<SeededOrder[]> {
  for (const c of Object.values(DEMO_CUSTOMERS)) await og.putCustomer(c);
  const seeded: SeededOrder[] = [];
  const note = (id: string, number: string, status: OrderStatus, story: string, next: string[]) =>
    seeded.push({ id, number, status, story, next });

  const regular = must('submit so-regular', await og.submit(demoOrder('so-regular', now), li));
  note(
    'so-regular',
    regular.order.number,
    regular.workflow.status,
    'regular order: production review, then the sales head (RV-5, RV-3)',
    [liu.id],
  );

  const base = demoOrder('x', now).lines[0]!;
  const large = must(
    'submit so-large',
    await og.submit(
      demoOrder('so-large', now, {
        technicalComplexity: true,
        lines: [{ ...base, id: 'so-large-1', quantity: 80, special: true }],
      }),
      li,
    ),
  );
  note(
    'so-large',
    large.order.number,
    large.workflow.status,
    'large order with a special product: joint review by technical, finance, production (RV-4)',
    [sun.id, zhao.id, liu.id],
  );

  const discounted = must(
    'submit so-discount',
    await og.submit(
      demoOrder('so-discount', now, {
        lines: [{ ...base, id: 'so-discount-1', discountBp: 1200 }],
      }),
      li,
    ),
  );
  note(
    'so-discount',
    discounted.order.number,
    discounted.workflow.status,
    "12 % discount beyond the salesperson's authority (RV-6)",
    [liu.id],
  );

  const incomplete = await og.submit(
    demoOrder('so-incomplete', now, {
      contact: { name: '', phone: 'call me', email: '' },
      invoice: { title: '', taxId: '' },
      paymentTerms: '',
    }),
    li,
  );
  if (incomplete.ok || incomplete.code !== 'RETURNED' || !incomplete.recorded)
    throw new Error('demo seed: the incomplete order was not returned to sales');
  note(
    'so-incomplete',
    incomplete.recorded.order.number,
    incomplete.recorded.workflow.status,
    'incomplete order returned to sales with every missing item (IN-2, RV-9)',
    [li.id],
  );

  const held = must(
    'submit so-held',
    await og.submit(
      demoOrder('so-held', now, {
        customer: { id: DEMO_CUSTOMERS.dongfang.id, name: DEMO_CUSTOMERS.dongfang.name },
      }),
      li,
    ),
  );
  note(
    'so-held',
    held.order.number,
    held.workflow.status,
    'over the customer’s credit limit: on credit hold until released (CR-4)',
    [DEMO_PEOPLE.qian.id],
  );

  must('submit so-change', await og.submit(demoOrder('so-change', now), li));
  must('approve so-change (production)', await og.approve('so-change', liu));
  must('approve so-change (sales head)', await og.approve('so-change', wang));
  must('confirm so-change', await og.confirm('so-change', li));
  const changed = must(
    'request a change of so-change',
    await og.requestChange('so-change', li, {
      baseRevision: 1,
      reason: 'The customer’s site is not ready',
      impact: 'Production slot moves two weeks',
      patch: [
        {
          op: 'set',
          field: 'requestedDeliveryDate',
          value: demoOrder('x', now + 14 * 86_400_000).requestedDeliveryDate,
        },
      ],
    }),
  );
  note(
    'so-change',
    changed.order.number,
    changed.workflow.status,
    'confirmed and locked; a change of delivery date waits for approval (CH-1, CH-5)',
    [liu.id, wang.id],
  );

  must('submit so-delivered', await og.submit(demoOrder('so-delivered', now), li));
  must('approve so-delivered (production)', await og.approve('so-delivered', liu));
  must('approve so-delivered (sales head)', await og.approve('so-delivered', wang));
  must('confirm so-delivered', await og.confirm('so-delivered', li));
  const progress = (step: 'production' | 'shipping', status: 'started' | 'done') =>
    og.recordProgress('so-delivered', zhou, {
      step,
      status,
      ...(step === 'shipping' && status === 'done' ? { reference: 'SF-1234' } : {}),
    });
  must('production started', await progress('production', 'started'));
  must('production done', await progress('production', 'done'));
  must('paid', await og.settle('so-delivered', zhao, { paid: true, paymentRef: 'BANK-0001' }));
  must('shipping started', await progress('shipping', 'started'));
  must('shipped', await progress('shipping', 'done'));
  const delivered = must(
    'deliver so-delivered',
    await og.deliver('so-delivered', zhou, { reference: 'DN-0001' }),
  );
  note(
    'so-delivered',
    delivered.order.number,
    delivered.workflow.status,
    'produced, paid before shipping (CR-8), shipped and delivered (TR-1)',
    [zhao.id],
  );

  return seeded;
}
