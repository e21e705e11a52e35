/// <reference lib="dom" />
// Component tests in Chromium (not jsdom): the same engine as users, Owl's real template compiler
// and real layout for the timings; the panels get a fixed client through `env`, no service.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalPicture, trackingAnswers } from '../bench/fixtures.js';
import { widgetsPage, type Loaded } from './support/widgetsPage.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await widgetsPage());
});

afterAll(async () => browser?.close());

/** Mounts an ApprovalPanel on a picture of `steps` steps; answers the first render's ms. */
function mountPanel(
  steps: number,
  extra: Record<string, unknown> = {},
  lang: 'en' | 'zh-CN' = 'en',
): Promise<{ ms: number; text: string }> {
  const picture = { ...approvalPicture(steps, Date.now()), ...extra };
  return page.evaluate(
    async ({ picture, extra, lang }) => {
      const { W: w, OWL: owl } = window as unknown as Loaded;
      const client = Object.assign(new w.OrdergateClient({ credential: 'x' }), {
        order: () => Promise.resolve(picture),
        actions: () =>
          Promise.resolve([
            { action: 'approve', allowed: true },
            { action: 'reject', allowed: false, code: 'NOT_ELIGIBLE' },
          ]),
        messages: () => Promise.resolve({ k: 'Joint review required', k2: 'Contact missing' }),
        diff: () => Promise.resolve(extra.diffAnswer),
      });
      const el = document.getElementById('a')!;
      el.innerHTML = '';
      await w.loadTexts(lang); // the Chinese texts: the language pack beside the bundle
      const i18n = new w.I18n(lang);
      i18n.messages = await client.messages();
      const app = new owl.App(w.ApprovalPanel, {
        env: { client, i18n },
        props: { orderId: 'o1', pollMs: 0 },
        dev: true,
      });
      // the data is loaded in onWillStart: time the render alone, the second mount (template compiled)
      const t0 = performance.now();
      await app.mount(el);
      const ms = performance.now() - t0;
      return { ms, text: el.textContent ?? '' };
    },
    { picture, extra, lang },
  );
}

describe('ApprovalPanel (component, Chromium)', () => {
  it('RV-2 RV-4 blocked-by, per-department due times, overdue and escalation, why-you evidence; 20 steps first render', async () => {
    await mountPanel(20); // compiles the template once
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push((await mountPanel(20)).ms);
    const { text } = await mountPanel(20);
    console.log(
      `figure: ApprovalPanel first render, 20 steps: median ${runs.sort((a, b) => a - b)[2]!.toFixed(1)} ms (runs ${runs.map((r) => r.toFixed(1)).join(', ')}; includes onWillStart on a fixed client)`,
    );
    expect(text).toContain('Blocked by');
    expect(text).toContain('Joint review required');
    expect(text).toContain('Contact missing');
    expect(text).toContain('Overdue');
    expect(text).toContain('Escalated to General manager'); // a role's label, not its key
    expect(text).toContain('total: 1,130,000.00 CNY against 1,000,000.00 CNY');
    expect(text).toContain('<b>ok</b>'); // a comment is text, never markup
    expect(await page.$$('#a b')).toHaveLength(0);
    // an approval given as a substitute says for whom; the others do not
    expect(
      await page.$$eval('.og-approvals .og-substitute', (l) => l.map((e) => e.textContent)),
    ).toEqual([' for u-wang, as substitute']);
    const dues = await page.$$eval('.og-dues li', (l) =>
      l.map((e) => (e as HTMLElement).className),
    );
    expect(dues).toEqual(['og-due-done', 'og-due-late']);
    expect(await page.$$('.og-approve')).toHaveLength(1);
    expect(await page.$$('.og-reject')).toHaveLength(0); // not allowed: not offered
  });

  it('CH-5 RV-2 changed since each approval, time in each stage, and roles and statuses in zh-CN without raw keys', async () => {
    const order = {
      id: 'o1',
      number: 'SO-1',
      currency: 'CNY',
      customer: { id: 'c', name: 'C' },
      salesperson: 'u-li',
      revision: 2,
      enteredAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    };
    const history = [
      { type: 'order.submitted', at: order.enteredAt, data: { revision: 1 } },
      {
        type: 'review.started',
        at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        data: {},
      },
      // the approvals are given "now"; the revision that follows them is later
      { type: 'order.revised', at: '2099-01-01T00:00:00Z', data: { revision: 2 } },
    ];
    const diffAnswer = {
      orderId: 'o1',
      from: 1,
      to: 2,
      header: [{ field: 'paymentTerms', before: 'NET30', after: 'NET60' }],
      lines: [
        { kind: 'changed', lineId: 'l1', changes: [{ field: 'quantity', before: 80, after: 100 }] },
      ],
    };
    await mountPanel(3, { order, history, diffAnswer });
    await page.waitForSelector('.og-since-changed');
    const since = await page.$$eval('.og-since', (l) => l.map((e) => e.textContent ?? ''));
    expect(since).toHaveLength(2); // one under each approval given
    for (const t of since) {
      expect(t).toContain('approved revision 1');
      expect(t).toContain('Changed since approved:');
      expect(t).toContain('Line l1 · Quantity: 80 → 100');
      expect(t).toContain('Payment terms: NET30 → NET60');
    }
    const stages = await page.$$eval('.og-stage-time', (l) => l.map((e) => e.textContent ?? ''));
    expect(stages[0]).toMatch(/Intake\s*done\s*1 h 0 min in this stage/);
    expect(stages[1]).toContain('Step 0');
    expect(stages[2]).toMatch(/Step 1\s*under way/);
    expect(stages[3]).toMatch(/Step 2\s*not started/);

    // the same revision: nothing changed since the approval, no diff asked
    await mountPanel(3, { order: { ...order, revision: 1 }, history: history.slice(0, 2) });
    const same = await page.$$eval('.og-since', (l) => l.map((e) => e.textContent ?? ''));
    expect(same.every((t) => t.includes('Nothing changed since approved.'))).toBe(true);

    const { text } = await mountPanel(3, { order, history, diffAnswer }, 'zh-CN');
    await page.waitForSelector('.og-since-changed');
    const zh = (await page.textContent('#a'))!;
    expect(text).toContain('评审中'); // in_review
    expect(zh).toContain('技术部门、财务部门'); // who may act, as labels
    expect(zh).toContain('已升级至总经理');
    expect(zh).toContain('批准后的变更');
    expect(zh).toContain('各阶段用时');
    for (const raw of ['in_review', 'technical', 'finance', 'production', 'generalManager'])
      expect(zh).not.toContain(raw);
  });

  it('issue 12 validated props: in dev mode a missing orderId is refused', async () => {
    const error = await page.evaluate(async () => {
      const { W: w, OWL: owl } = window as unknown as Loaded;
      try {
        const app = new owl.App(w.ApprovalPanel, {
          env: {} as never,
          props: {} as never,
          dev: true,
        });
        await app.mount(document.getElementById('a')!);
        return 'mounted';
      } catch (e) {
        return (e as Error).message;
      }
    });
    expect(error).toMatch(/orderId/);
  });
});

/** Mounts a panel class of the bundle with a fixed client; answers the render's ms and text. */
function mountWith(
  panel: 'TrackingPanel' | 'CreditPanel' | 'ChangePanel' | 'MetricsPanel',
  answers: Record<string, unknown>,
  props: Record<string, unknown>,
  lang: 'en' | 'zh-CN' = 'en',
): Promise<{ ms: number; text: string }> {
  return page.evaluate(
    async ({ panel, answers, props, lang }) => {
      const { W: w, OWL: owl } = window as unknown as Loaded;
      const client = new w.OrdergateClient({ credential: 'x' });
      for (const [k, v] of Object.entries(answers))
        Object.assign(client, { [k]: () => Promise.resolve(v) });
      Object.assign(client, { messages: () => Promise.resolve({}) });
      const el = document.getElementById('a')!;
      el.innerHTML = '';
      await w.loadTexts(lang);
      const app = new owl.App(w[panel] as never, {
        env: { client, i18n: new w.I18n(lang) },
        props,
        dev: true,
      });
      const t0 = performance.now();
      await app.mount(el);
      const ms = performance.now() - t0;
      return { ms, text: el.textContent ?? '' };
    },
    { panel, answers, props, lang },
  );
}

const basePicture = (workflow: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  order: {
    id: 'o1',
    number: 'SO-1',
    currency: 'CNY',
    customer: { id: 'c1', name: '<img src=x onerror=alert(1)>Co' },
    salesperson: 'u-li',
    revision: 2,
  },
  workflow: { status: 'delivered', ...workflow },
  version: 3,
  history: [],
  ...extra,
});

describe('TrackingPanel, CreditPanel, ChangePanel, MetricsPanel (components, Chromium)', () => {
  it('TR-1 TR-2 TR-3 tracking: eight stages, a delay warning, an issue with its remedy; 200 events first render', async () => {
    const answers = trackingAnswers(200);
    await mountWith('TrackingPanel', answers, { orderId: 'o1', pollMs: 0 }); // compile once
    const runs: number[] = [];
    for (let i = 0; i < 5; i++)
      runs.push((await mountWith('TrackingPanel', answers, { orderId: 'o1', pollMs: 0 })).ms);
    const { text } = await mountWith('TrackingPanel', answers, {
      orderId: 'o1',
      pollMs: 0,
      openEvents: true,
    });
    console.log(
      `figure: TrackingPanel first render, 200 events: median ${runs.sort((a, b) => a - b)[2]!.toFixed(1)} ms (runs ${runs.map((r) => r.toFixed(1)).join(', ')}; includes onWillStart on a fixed client)`,
    );
    const states = await page.$$eval('.og-stage', (l: Element[]) =>
      l.map((e) => e.className.replace('og-stage og-stage-', '')),
    );
    expect(states).toEqual([
      'done',
      'done',
      'pending',
      'active',
      'pending',
      'pending',
      'active',
      'pending',
    ]);
    expect(text).toContain('5 h 0 min in this stage'); // review: started 5 h before the confirmation
    expect(text).toContain('10 h 0 min in this stage'); // production: its first started event (2 h) to done (12 h)
    expect(text).toContain('Delivery at risk');
    expect(text).toContain('agreed 2026-03-05');
    expect(text).toContain('quality');
    expect(text).toContain('replace');
    expect(text).toContain('<script>alert(1)</script>seals leak');
    expect(await page.$$('#a script, #a img')).toHaveLength(0);
    expect(await page.$$('.og-events li')).toHaveLength(200);
  });

  it('CR-4 CR-7 credit: the exposure bar’s parts and limit, headroom, ageing, and release offered only when allowed', async () => {
    const exposure = {
      currency: 'CNY',
      receivables: 30_000_000,
      openOrders: 10_000_000,
      thisOrder: 20_000_000,
      total: 60_000_000,
      limit: 50_000_000,
    };
    const picture = basePicture(
      {
        status: 'credit_hold',
        credit: {
          holds: [{ ruleId: 'CR-4', messageKey: 'k', paths: ['approval', 'prepayment'] }],
          heldAt: '2026-03-01T08:00:00Z',
        },
      },
      { credit: { exposure } },
    );
    const credit = {
      customer: { id: 'c1', credit: { grade: 'C' } },
      creditRequests: [],
      ageing: {
        asOf: '2026-03-01',
        currency: 'CNY',
        total: 30_000_000,
        overdue: 10_000_000,
        buckets: [
          { key: 'current', amount: 20_000_000, count: 1 },
          { key: '1-30', amount: 10_000_000, count: 1 },
        ],
      },
    };
    const allowed = [{ action: 'releaseCredit', allowed: true }];
    const { text } = await mountWith(
      'CreditPanel',
      { order: picture, customerCredit: credit, actions: allowed },
      { orderId: 'o1', pollMs: 0 },
    );
    const widths = await page.$$eval('.og-bar rect[class^="og-bar-"]:not(.og-bar-bg)', (l) =>
      l.map((r) => `${r.getAttribute('class')}:${Number(r.getAttribute('width')).toFixed(1)}`),
    );
    expect(widths).toEqual([
      'og-bar-receivables:50.0',
      'og-bar-openOrders:16.7',
      'og-bar-thisOrder:33.3',
    ]);
    expect(Number(await page.getAttribute('.og-bar-limit', 'x1'))).toBeCloseTo(83.33, 1);
    expect(text).toContain('Over the limit by 100,000.00 CNY');
    expect(text).toContain('C');
    expect(text).toContain('1-30 days');
    expect(text).toContain('credit release / prepayment');
    expect(await page.$$('.og-release')).toHaveLength(1);
    expect(await page.$$('.og-decline')).toHaveLength(0); // not allowed: not offered
  });

  it('CH-5 change: a pending request with its route, the revision list, and the diff rows', async () => {
    const step = {
      key: 'regularReview',
      mode: 'any',
      label: { en: 'Production review', zh: '生产主管评审' },
      roles: ['production'],
      stage: 10,
      status: 'active',
      overdue: false,
      ruleIds: ['CH-4'],
      approvals: [],
      escalatedTo: [],
    };
    const picture = basePicture({
      status: 'change_review',
      change: {
        pending: {
          id: 'o1/change-2',
          kind: 'change',
          reason: 'site not ready',
          impact: '<b>two weeks</b>',
          requestedBy: 'u-li',
          requestedAt: '2026-03-01T08:00:00Z',
          patch: [{ op: 'set', field: 'requestedDeliveryDate', value: '2026-05-01' }],
          route: { steps: [step] },
        },
        history: [
          {
            id: 'o1/change-1',
            kind: 'change',
            reason: 'price',
            decision: {
              outcome: 'approved',
              at: '2026-02-01T08:00:00Z',
              by: 'u-wang',
              revision: 2,
            },
          },
        ],
      },
    });
    const diff = {
      orderId: 'o1',
      from: 1,
      to: 2,
      header: [{ field: 'paymentTerms', before: 'NET30', after: 'NET60' }],
      lines: [
        { kind: 'changed', lineId: 'l1', changes: [{ field: 'unitPrice', before: 1, after: 2 }] },
      ],
    };
    const { text } = await mountWith(
      'ChangePanel',
      { order: picture, actions: [{ action: 'approveChange', allowed: true }], diff },
      { orderId: 'o1', pollMs: 0 },
      'zh-CN',
    );
    expect(text).toContain('要求交货日期 → 2026-05-01'); // the field by its label (CH-2)
    expect(text).toContain('生产主管评审');
    expect(text).toContain('<b>two weeks</b>');
    expect(text).toContain('已批准');
    expect(await page.$$('.og-approve-change')).toHaveLength(1);
    expect(await page.$$('.og-reject-change')).toHaveLength(0);
    expect(await page.$$('.og-raise')).toHaveLength(0); // a request is pending
    expect(await page.$$eval('.og-from option', (o) => o.length)).toBe(2);
    await page.click('.og-compare-btn');
    await page.waitForSelector('.og-diff-table');
    const rows = await page.$$eval('.og-diff-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)),
    );
    expect(rows).toEqual([
      ['付款条件', 'NET30', 'NET60'],
      ['行 l1 · 单价', '1', '2'],
    ]);
  });

  it('CH-2 CH-5 change form: line quantities and prices, a removed and an added line, and the service’s messages at their fields', async () => {
    const result = await page.evaluate(async () => {
      const { W: w, OWL: owl } = window as unknown as Loaded;
      const picture = {
        order: {
          id: 'o1',
          number: 'SO-1',
          currency: 'CNY',
          customer: { id: 'c1', name: 'C' },
          salesperson: 'u-li',
          revision: 1,
          lines: [
            { id: 'l1', productName: 'Pump', quantity: 80, unitPrice: 125_000 },
            { id: 'l2', productName: 'Valve', quantity: 5, unitPrice: 9_900 },
          ],
        },
        workflow: { status: 'confirmed' },
        version: 1,
        history: [],
      };
      const sent: unknown[] = [];
      const answers = [
        // the service's input validation names the line by id …
        {
          title: 'Invalid input',
          status: 400,
          code: 'INVALID_INPUT',
          detail: 'The request has invalid fields.',
          errors: [{ path: 'lines.l1.unitPrice', message: 'Expected integer' }],
        },
        // … and a refusal's findings name the proposed revision's line by position
        {
          title: 'Blocked',
          status: 409,
          code: 'BLOCKED',
          detail: 'The change would leave the order without required information.',
          findings: [
            {
              ruleId: 'IN-2',
              severity: 'block',
              messageKey: 'q',
              params: { line: 2 },
              evidence: [{ field: 'lines.1.quantity' }],
            },
          ],
        },
      ];
      const client = Object.assign(new w.OrdergateClient({ credential: 'x' }), {
        order: () => Promise.resolve(picture),
        actions: () => Promise.resolve([{ action: 'requestCancellation', allowed: true }]),
        requestChange: (_id: string, req: unknown) => {
          sent.push(req);
          return Promise.reject(new w.ApiError(answers[sent.length - 1] as never));
        },
      });
      const el = document.getElementById('a')!;
      el.innerHTML = '';
      const i18n = new w.I18n('en');
      i18n.messages = { q: 'Line {line} needs a quantity above zero.' };
      await new owl.App(w.ChangePanel, {
        env: { client, i18n },
        props: { orderId: 'o1', pollMs: 0 },
        dev: true,
      }).mount(el);
      (window as unknown as { sent: unknown[] }).sent = sent;
      return el.querySelectorAll('.og-change-line').length;
    });
    expect(result).toBe(2);
    expect(await page.inputValue('[data-line="l1"] .og-line-quantity')).toBe('80');
    expect(await page.inputValue('[data-line="l1"] .og-line-price')).toBe('1250.00');
    await page.fill('.og-change-reason', 'customer asks for more');
    await page.fill('.og-change-field-name', ''); // no header field this time
    await page.fill('[data-line="l1"] .og-line-quantity', '100');
    await page.fill('[data-line="l1"] .og-line-price', '1300.005');
    await page.check('[data-line="l2"] .og-line-remove');
    await page.click('.og-add-line');
    await page.fill('.og-new-productName', 'Seal kit');
    await page.fill('.og-new-specification', 'DN80');
    await page.fill('.og-new-quantity', '0');
    await page.fill('.og-new-unitPrice', '12.50');
    await page.click('.og-raise-btn');
    await page.click('.og-raise .og-confirm-btn');
    await page.waitForSelector('.og-field-error');
    const first = await page.evaluate(() => (window as unknown as { sent: unknown[] }).sent[0]);
    expect(first).toMatchObject({
      baseRevision: 1,
      patch: [
        { op: 'updateLine', lineId: 'l1', set: { quantity: 100, unitPrice: 130_000.5 } },
        { op: 'removeLine', lineId: 'l2' },
        {
          op: 'addLine',
          line: {
            id: 'o1-3',
            productName: 'Seal kit',
            specification: 'DN80',
            quantity: 0,
            unitPrice: 1250,
          },
        },
      ],
    });
    // the message sits at the price of line l1, which is marked invalid
    const priceErr = await page.$eval('[data-line="l1"] .og-line-price', (e) => [
      e.getAttribute('aria-invalid'),
      document.getElementById(e.getAttribute('aria-describedby') ?? '')?.textContent,
    ]);
    expect(priceErr).toEqual(['true', 'Expected integer']);
    expect(await page.textContent('.og-change [role=alert]')).toContain('invalid fields');
    // corrected, sent again: the rule's finding lands at the new line's quantity
    await page.fill('[data-line="l1"] .og-line-price', '1300');
    await page.click('.og-raise .og-confirm-btn');
    await page.waitForSelector('.og-new-line .og-field-error');
    expect(await page.textContent('.og-new-line .og-field-error')).toBe(
      'Line 2 needs a quantity above zero.',
    );
    expect(await page.$$('[data-line="l1"] .og-field-error')).toHaveLength(0);
    expect(await page.getAttribute('.og-new-quantity', 'aria-invalid')).toBe('true');
  });

  it('TR-5 metrics: one SVG chart per figure, rates as percentages, a rate with nothing counted is “—”', async () => {
    const row = (key: string, onTime: number | null, holds: number) => ({
      key,
      label: key,
      accuracy: { count: 9, of: 10, rate: 0.9 },
      onTimeDelivery: { count: onTime === null ? 0 : 1, of: onTime === null ? 0 : 2, rate: onTime },
      reviewCycle: { count: 2, averageHours: 5.5, maxHours: 9 },
      overdueReviews: 1,
      creditHolds: holds,
      complaints: { count: 0, of: 1, rate: 0 },
    });
    const { text } = await mountWith(
      'MetricsPanel',
      { metrics: [row('c-a', 0.5, 2), row('c-b', null, 1)] },
      { by: 'customer' },
    );
    expect(await page.$$('.og-chart svg')).toHaveLength(6);
    expect(text).toContain('50 % (1/2)');
    expect(text).toContain('—');
    const holds = await page.$$eval('[data-metric="creditHolds"] rect', (l) =>
      l.map((r) => Number(r.getAttribute('width'))),
    );
    expect(holds).toEqual([100, 50]);
    const label = await page.getAttribute('[data-metric="onTimeDelivery"] svg', 'aria-label');
    expect(label).toContain('c-a 50 % (1/2)');
  });
});
