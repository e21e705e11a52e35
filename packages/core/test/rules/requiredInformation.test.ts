import { describe, expect, it } from 'vitest';
import {
  isWellFormedEmail,
  isWellFormedPhone,
  requiredInformation,
} from '../../src/rules/intake/requiredInformation.js';
import { makeContext, makeLine, makeOrder, makePolicy } from '../support/orders.js';

const ctx = makeContext();
const keys = (findings: { messageKey: string }[]) => findings.map((f) => f.messageKey);

describe('IN-2 required information', () => {
  it('IN-2 passes a complete order', () => {
    expect(requiredInformation(makeOrder(), ctx)).toEqual([]);
  });

  it('IN-2 lists every missing item at once, each as a block finding', () => {
    const order = makeOrder({
      customer: { id: 'c-1', name: '' },
      contact: { name: '', phone: '', email: '' },
      deliveryAddress: { street: '', city: '', postalCode: '', country: '' },
      lines: [makeLine({ productId: '', productName: '', specification: '', model: '' })],
      requestedDeliveryDate: undefined,
      paymentTerms: '',
      invoice: { title: '', taxId: '' },
    });
    const findings = requiredInformation(order, ctx);
    expect(keys(findings)).toEqual([
      'intake.required.customer.name',
      'intake.required.contact.name',
      'intake.required.contact.method',
      'intake.required.deliveryAddress.street',
      'intake.required.deliveryAddress.city',
      'intake.required.line.product',
      'intake.required.line.specification',
      'intake.required.requestedDeliveryDate',
      'intake.required.paymentTerms',
      'intake.required.invoice.title',
      'intake.required.invoice.taxId',
    ]);
    for (const f of findings) {
      expect(f.ruleId).toBe('IN-2');
      expect(f.severity).toBe('block');
      expect(f.evidence.length).toBeGreaterThan(0);
      expect(f.source).toContain('第五、六条');
    }
  });

  it('IN-2 treats whitespace-only text as missing', () => {
    const findings = requiredInformation(makeOrder({ customer: { id: 'c-1', name: '   ' } }), ctx);
    expect(keys(findings)).toEqual(['intake.required.customer.name']);
    expect(findings[0]!.evidence[0]!.field).toBe('customer.name');
  });

  it('IN-2 reports an order without lines', () => {
    const findings = requiredInformation(makeOrder({ lines: [] }), ctx);
    expect(keys(findings)).toEqual(['intake.required.lines']);
  });

  it('IN-2 cites the field path of the line, e.g. lines.2.specification', () => {
    const order = makeOrder({
      lines: [
        makeLine({ id: 'a' }),
        makeLine({ id: 'b' }),
        makeLine({ id: 'c', specification: '', model: '' }),
      ],
    });
    const [f] = requiredInformation(order, ctx);
    expect(f).toMatchObject({
      messageKey: 'intake.required.line.specification',
      params: { line: 3, lineId: 'c' },
      evidence: [{ field: 'lines.2.specification' }],
    });
  });

  it('IN-2 accepts a product ID without a name, and a model without a specification', () => {
    const order = makeOrder({ lines: [makeLine({ productName: '', specification: '' })] });
    expect(requiredInformation(order, ctx)).toEqual([]);
    const byName = makeOrder({ lines: [makeLine({ productId: '', model: '' })] });
    expect(requiredInformation(byName, ctx)).toEqual([]);
  });

  it('IN-2 accepts either a phone or an e-mail as contact method', () => {
    expect(
      requiredInformation(
        makeOrder({ contact: { name: 'Zhang', phone: '', email: 'z@example.cn' } }),
        ctx,
      ),
    ).toEqual([]);
    expect(
      requiredInformation(makeOrder({ contact: { name: 'Zhang', phone: '021-5555 0101' } }), ctx),
    ).toEqual([]);
  });

  it('IN-2 reports a malformed phone or e-mail even when the other method is fine', () => {
    const findings = requiredInformation(
      makeOrder({ contact: { name: 'Zhang', phone: 'call me', email: 'z@example.cn' } }),
      ctx,
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      messageKey: 'intake.malformed.contact.phone',
      params: { value: 'call me' },
      evidence: [{ field: 'contact.phone', value: 'call me' }],
    });
    const email = requiredInformation(
      makeOrder({ contact: { name: 'Zhang', phone: '', email: 'zhang@' } }),
      ctx,
    );
    expect(keys(email)).toEqual(['intake.malformed.contact.email']);
  });

  it.each([
    ['+86 (21) 5555-0101', true],
    ['13800138000', true],
    ['123456', true],
    ['12345', false],
    ['+86 21 5555 01O1', false],
    ['ext. 123456', false],
  ])('IN-2 phone %s well formed: %s', (phone, ok) => {
    expect(isWellFormedPhone(phone)).toBe(ok);
  });

  it.each([
    ['zhang.wei@example.cn', true],
    ['li@mail.example.com.cn', true],
    ['销售@例子.中国', true],
    ['zhang@', false],
    ['zhang@example', false],
    ['zhang wei@example.cn', false],
    ['@example.cn', false],
    ['zhang@example.', false],
  ])('IN-2 e-mail %s well formed: %s', (email, ok) => {
    expect(isWellFormedEmail(email)).toBe(ok);
  });

  it('IN-2 checks the country code only when given', () => {
    const address = { street: '1 Road', city: 'Shanghai', postalCode: '' };
    expect(
      requiredInformation(makeOrder({ deliveryAddress: { ...address, country: '' } }), ctx),
    ).toEqual([]);
    expect(
      requiredInformation(makeOrder({ deliveryAddress: { ...address, country: 'cn' } }), ctx),
    ).toEqual([]);
    const bad = requiredInformation(
      makeOrder({ deliveryAddress: { ...address, country: 'CHN' } }),
      ctx,
    );
    expect(bad).toMatchObject([
      { messageKey: 'intake.malformed.deliveryAddress.country', params: { value: 'CHN' } },
    ]);
  });

  it('IN-2 checks only the items the policy requires', () => {
    const policy = makePolicy({
      intake: {
        requiredItems: [
          'customer.name',
          'contact.name',
          'contact.method',
          'lines',
          'lines.product',
        ],
      },
    });
    const order = makeOrder({
      invoice: { title: '', taxId: '' },
      paymentTerms: '',
      requestedDeliveryDate: undefined,
      deliveryAddress: { street: '', city: '', postalCode: '', country: 'CHN' },
      lines: [makeLine({ specification: '', model: '' })],
    });
    expect(requiredInformation(order, makeContext({ policy }))).toEqual([]);
    expect(requiredInformation(order, ctx)).toHaveLength(8);
  });

  it('IN-2 lists every missing item at once, quantities, prices and dates included, each with its field path', () => {
    const order = makeOrder({
      contact: { name: '', phone: '', email: '' },
      lines: [
        makeLine({ id: 'a' }),
        makeLine({ id: 'b', quantity: undefined, unitPrice: undefined }),
        makeLine({ id: 'c', quantity: 0, unitPrice: -1, specification: '', model: '' }),
        makeLine({ id: 'd', quantity: -2 }),
      ],
      requestedDeliveryDate: '2026-02-30',
      invoice: { title: 'Acme', taxId: '' },
    });
    const findings = requiredInformation(order, ctx);
    expect(findings.map((f) => [f.messageKey, f.evidence.map((e) => e.field).join(' ')])).toEqual([
      ['intake.required.contact.name', 'contact.name'],
      ['intake.required.contact.method', 'contact.phone contact.email'],
      ['intake.required.line.quantity', 'lines.1.quantity'],
      ['intake.required.line.unitPrice', 'lines.1.unitPrice'],
      ['intake.required.line.specification', 'lines.2.specification'],
      ['intake.malformed.line.quantity', 'lines.2.quantity'],
      ['intake.malformed.line.unitPrice', 'lines.2.unitPrice'],
      ['intake.malformed.line.quantity', 'lines.3.quantity'],
      ['intake.malformed.requestedDeliveryDate', 'requestedDeliveryDate'],
      ['intake.required.invoice.taxId', 'invoice.taxId'],
    ]);
    expect(findings.every((f) => f.ruleId === 'IN-2' && f.severity === 'block')).toBe(true);
    expect(findings[2]!.params).toMatchObject({ line: 2, lineId: 'b' });
    expect(findings[6]!.params).toMatchObject({ line: 3, value: '-0.01 CNY' });
  });

  it.each([
    '2026-02-30',
    '2026-13-01',
    '15/04/2026',
    '2026-4-15',
    ' 2026-04-15',
    '2026-04-15T00:00',
  ])(
    'IN-2 reports an impossible or misspelt delivery date (%s) even when the policy does not require one',
    (date) => {
      const policy = makePolicy({ intake: { requiredItems: ['customer.name'] } });
      const order = makeOrder({ requestedDeliveryDate: date });
      expect(requiredInformation(order, makeContext({ policy }))).toMatchObject([
        {
          messageKey: 'intake.malformed.requestedDeliveryDate',
          params: { value: date },
          evidence: [{ field: 'requestedDeliveryDate', value: date }],
        },
      ]);
    },
  );

  it('IN-2 quantity and unit price are required whatever the policy lists', () => {
    const policy = makePolicy({ intake: { requiredItems: [] } });
    const order = makeOrder({ lines: [makeLine({ quantity: undefined, unitPrice: undefined })] });
    expect(keys(requiredInformation(order, makeContext({ policy })))).toEqual([
      'intake.required.line.quantity',
      'intake.required.line.unitPrice',
    ]);
  });

  it('IN-2 returns a line or an order whose amounts leave the safe integer range, naming the path', () => {
    const line = requiredInformation(
      makeOrder({ lines: [makeLine(), makeLine({ id: 'x', quantity: 1e12, unitPrice: 1e9 })] }),
      ctx,
    );
    expect(line).toMatchObject([
      {
        messageKey: 'intake.limit.line.amount',
        params: { line: 2, lineId: 'x' },
        evidence: [{ field: 'lines.1.quantity' }, { field: 'lines.1.unitPrice' }],
      },
    ]);
    // Each line fits, their sum does not.
    const half = { quantity: 1, unitPrice: 4e15, listPrice: 4e15 };
    const order = requiredInformation(
      makeOrder({ lines: [makeLine(half), makeLine({ ...half, id: 'l2' })] }),
      ctx,
    );
    expect(order).toMatchObject([
      { messageKey: 'intake.limit.order.amount', evidence: [{ field: 'lines', value: 2 }] },
    ]);
  });

  it("IN-2 cites the company's own clause when the policy gives one", () => {
    const policy = makePolicy({ citations: { 'IN-2': 'Sales manual §4.2' } });
    const [f] = requiredInformation(makeOrder({ paymentTerms: '' }), makeContext({ policy }));
    expect(f!.source).toBe('Sales manual §4.2');
  });
});
