import {
  loadPolicy,
  Ordergate,
  type ActorInput,
  type Effect,
  type OrderInput,
  type Policy,
  type Result,
  type Store,
} from '@ordergate/core';

/** The people of a small company, one per regulation role, by ERP group. */
export const people = {
  li: { id: 'u-li', groups: ['sales'] },
  wang: { id: 'u-wang', groups: ['sales_heads'] },
  zhao: { id: 'u-zhao', groups: ['finance'] },
  sun: { id: 'u-sun', groups: ['technical'] },
  liu: { id: 'u-liu', groups: ['production'] },
  huang: { id: 'u-huang', groups: ['engineering'] },
  wu: { id: 'u-wu', groups: ['legal'] },
  zheng: { id: 'u-zheng', groups: ['marketing_vp'] },
  qian: { id: 'u-qian', groups: ['finance_director'] },
  he: { id: 'u-he', groups: ['general_manager'] },
  ma: { id: 'u-ma', groups: ['president'] },
} satisfies Record<string, ActorInput>;

const byGroup = (group: string) => ({ groups: [group] });

/** The regulations' roles mapped to the company's ERP groups. */
export function companyPolicy(): Policy {
  return loadPolicy({
    roles: {
      salesperson: byGroup('sales'),
      salesHead: byGroup('sales_heads'),
      finance: byGroup('finance'),
      technical: byGroup('technical'),
      production: byGroup('production'),
      engineering: byGroup('engineering'),
      legal: byGroup('legal'),
      marketingVP: byGroup('marketing_vp'),
      financeDirector: byGroup('finance_director'),
      generalManager: byGroup('general_manager'),
      president: byGroup('president'),
    },
    credit: { withoutFacts: 'info' },
  });
}

/** A complete regular order of two lines, 5,650.00 CNY with tax. */
export function orderInput(id: string): OrderInput {
  const line = {
    id: 'l1',
    productId: 'P-200',
    productName: 'Centrifugal pump',
    model: 'P-200',
    specification: 'DN50, 380 V',
    quantity: 2,
    uom: 'unit',
    unitPrice: 150_000,
    listPrice: 150_000,
    taxBp: 1_300,
  };
  return {
    id,
    number: '',
    customer: { id: 'c-1', name: 'Shanghai Precision Machinery Co., Ltd.' },
    contact: { name: 'Zhang Wei', phone: '+86 21 5555 0101', email: 'zhang.wei@example.cn' },
    deliveryAddress: {
      street: '88 Zhangjiang Road, Pudong',
      city: 'Shanghai',
      postalCode: '201203',
      country: 'CN',
    },
    lines: [
      line,
      {
        ...line,
        id: 'l2',
        productId: 'V-50',
        productName: 'Gate valve "DN50" \\ PN16 {a,b} NULL — 闸阀 🚰',
        model: 'V-50',
        quantity: 10,
        unitPrice: 20_000,
        listPrice: 20_000,
      },
    ],
    currency: 'CNY',
    requestedDeliveryDate: '2026-04-15',
    paymentTerms: 'NET30',
    invoice: { title: 'Shanghai Precision Machinery Co., Ltd.', taxId: '91310115MA1H7ABC12' },
    channel: 'written',
    salesperson: people.li.id,
    enteredAt: '2026-03-02T09:00:00+08:00',
  };
}

/** A clock that moves one second per reading, from Monday 2 March 2026 09:00 in Shanghai. */
export function tickingClock() {
  let now = Date.parse('2026-03-02T09:00:00+08:00');
  return { now: () => new Date((now += 1000)).toISOString() };
}

/** An `Ordergate` over `store` with the company policy, sequential ids and a recording receiver. */
export function gateOver(store: Store, retry?: { maxAttempts: number }) {
  let n = 0;
  const delivered: Effect[] = [];
  const og = new Ordergate({
    policy: companyPolicy(),
    store,
    clock: tickingClock(),
    ids: { next: (prefix) => `${prefix}-${String(++n)}` },
    receiver: { deliver: (effect) => Promise.resolve(void delivered.push(effect)) },
    ...(retry ? { retry } : {}),
  });
  return { og, delivered };
}

function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

/** Submits an order, has every review step approved by whoever may, and confirms it. */
export async function confirmedOrder(og: Ordergate, id: string): Promise<void> {
  const submitted = await og.submit(orderInput(id), people.li);
  must(submitted);
  const approvers = Object.values(people).filter((p) => p !== people.li);
  for (let guard = 0; guard < 20; guard++) {
    const picture = await og.order(id);
    if (picture?.workflow.status !== 'in_review') break;
    let moved = false;
    for (const who of approvers) {
      if ((await og.approve(id, who)).ok) {
        moved = true;
        break;
      }
    }
    if (!moved) throw new Error(`nobody could approve order ${id}`);
  }
  must(await og.confirm(id, people.li));
}

export { must };
