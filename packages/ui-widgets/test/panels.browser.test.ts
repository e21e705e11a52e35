/// <reference lib="dom" />
// Browser tests of the tracking, credit, change and metrics panels in Chromium against the real
// service on PGlite (its own service: these tests change orders the desk tests read).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, demoOrder } from '../../server/src/cli/demo/company.js';
import {
  DEMO_PEOPLE,
  launch,
  openDesk,
  openOrder,
  openPanel,
  startDesk,
  type DeskService,
  seriousViolations,
} from './support/desk.js';

const shots = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const { li, liu, wang, sun, zhao, qian, he } = DEMO_PEOPLE;

let desk: DeskService;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [desk, browser] = await Promise.all([startDesk(), launch()]);
});
afterAll(async () => {
  await browser?.close();
  await desk?.close();
});
beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterEach(async () => {
  await page.close();
});

function must<T>(r: { ok: boolean; value?: T; code?: string }): T {
  if (!r.ok) throw new Error(`refused: ${String(r.code)}`);
  return r.value as T;
}

describe('the order panels in Chromium against the service on PGlite', () => {
  it('RV-4 joint review with two people: each sees only their own action, and the other’s approval once given', async () => {
    must(await desk.og.approve('so-large', liu)); // the production review opens the joint review
    const number = (await desk.og.order('so-large'))!.order.number;
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await openDesk(page, desk.base, await desk.tokenFor(sun));
      await openDesk(other, desk.base, await desk.tokenFor(zhao));
      await openOrder(page, number);
      await openOrder(other, number);
      // both may approve their own department's part, neither sees the other's
      expect(await page.$$('.og-approve')).toHaveLength(1);
      expect(await other.$$('.og-approve')).toHaveLength(1);
      await page.fill('.og-approval textarea', 'drawings checked');
      await page.click('.og-approve');
      await page.waitForSelector('.og-approval .og-notice');
      // Sun acted: nothing more for him; the step stays open for finance
      await page.waitForSelector('.og-approval .og-reject'); // the caller's actions, read again
      expect(await page.$$('.og-approve')).toHaveLength(0);
      const sunsRoute = (await page.textContent('.og-approval .og-steps'))!;
      expect(sunsRoute).toContain('drawings checked');
      // Zhao (reloaded) still has his own approve, and sees Sun's approval under technical
      await openDesk(other, desk.base, await desk.tokenFor(zhao));
      await openOrder(other, number);
      expect(await other.$$('.og-approve')).toHaveLength(1);
      const dues = await other.$$eval('.og-dues li', (l) =>
        l.map((e) => `${e.className}|${e.textContent ?? ''}`),
      );
      // each department by its label, not its key
      expect(dues.find((d) => d.includes('Technical'))).toMatch(/^og-due-done/);
      expect(dues.find((d) => d.includes('Finance'))).not.toMatch(/^og-due-done/);
      await other.screenshot({ path: `${shots}joint-review.second-person.en.png`, fullPage: true });
      const step = (await desk.og.order('so-large'))!.workflow.route!.steps.find(
        (s) => s.key === 'jointReview',
      )!;
      expect(step.status).toBe('active');
      expect(step.approvals.map((a) => a.actor)).toEqual([sun.id]);
    } finally {
      await other.close();
    }
  });

  it('CH-1 CH-2 CH-5 a change request raised in the panel, approved, and its field-by-field diff', async () => {
    const now = Date.now();
    must(await desk.og.submit(demoOrder('so-ch', now), li));
    must(await desk.og.approve('so-ch', liu));
    must(await desk.og.approve('so-ch', wang));
    must(await desk.og.confirm('so-ch', li));
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-ch', 'change');
    await page.waitForSelector('.og-raise');
    expect(await page.textContent('.og-change')).toContain('Only one revision so far.');
    await page.fill('.og-change-reason', 'The customer’s site is not ready');
    await page.fill('.og-change-impact', 'Production slot moves three weeks');
    await page.fill('.og-change-field-name', 'requestedDeliveryDate');
    await page.fill('.og-change-field-value', '2027-06-30');
    await page.click('.og-raise-btn');
    await expect(page.textContent('.og-raise .og-confirm')).resolves.toContain('change request');
    await page.click('.og-raise .og-confirm-btn');
    await page.waitForSelector('.og-pending');
    const pendingText = (await page.textContent('.og-pending'))!;
    expect(pendingText).toContain('Requested delivery date → 2027-06-30');
    expect(pendingText).toContain('Production review'); // its route
    await page.screenshot({ path: `${shots}change-panel.pending.en.png`, fullPage: true });
    const pending = (await desk.og.order('so-ch'))!.workflow.change!.pending!;
    expect(pending).toMatchObject({
      reason: 'The customer’s site is not ready',
      impact: 'Production slot moves three weeks',
      requestedBy: li.id,
    });
    // the production supervisor approves in his own change panel; the sales head through the API
    await openPanel(page, desk.base, await desk.tokenFor(liu), 'so-ch', 'change');
    await page.click('.og-approve-change');
    await page.click('.og-pending .og-confirm-btn');
    await page.waitForSelector('.og-change .og-notice');
    must(await desk.og.approveChange('so-ch', wang));
    // back to the salesperson: two revisions, and the diff between them
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-ch', 'change');
    await page.waitForSelector('.og-compare');
    await page.click('.og-compare-btn');
    await page.waitForSelector('.og-diff-table');
    const rows = await page.$$eval('.og-diff-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)),
    );
    const diff = await desk.og.diff('so-ch', 1, 2);
    const field = diff.header.find((c) => c.field === 'requestedDeliveryDate')!;
    expect(rows).toContainEqual(['Requested delivery date', field.before, '2027-06-30']);
    expect(rows).toHaveLength(diff.header.length);
    await page.screenshot({ path: `${shots}change-panel.diff.en.png`, fullPage: true });
  });

  it('CH-5 RV-2 approved in the panel, then changed through a change request with a line edit: what changed since each approval, time in each stage, en and zh-CN', async () => {
    const now = Date.now();
    must(await desk.og.submit(demoOrder('so-since', now), li));
    const line = 'so-since-1';
    // Liu approves in his approval panel: nothing has changed since, yet
    await openPanel(page, desk.base, await desk.tokenFor(liu), 'so-since', 'approval');
    await page.click('.og-approve');
    await page.waitForSelector('.og-approval .og-step-approved');
    await expect(page.textContent('.og-step-approved .og-since')).resolves.toContain(
      'Nothing changed since approved.',
    );
    must(await desk.og.approve('so-since', wang));
    must(await desk.og.confirm('so-since', li));

    // Li asks for 12 instead of 10 in her change panel; a zero quantity first, refused at the field
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-since', 'change');
    await page.waitForSelector('.og-raise');
    await page.fill('.og-change-reason', 'The customer needs two more pumps');
    await page.fill('.og-change-impact', 'Two more units from stock');
    await page.fill('.og-change-field-name', '');
    expect(await page.inputValue(`[data-line="${line}"] .og-line-quantity`)).toBe('10');
    await page.fill(`[data-line="${line}"] .og-line-quantity`, '0');
    await page.click('.og-raise-btn');
    await page.click('.og-raise .og-confirm-btn');
    const atField = await page.waitForSelector(`[data-line="${line}"] .og-field-error`);
    expect(await atField.textContent()).toMatch(/quantity/i);
    expect(await page.getAttribute(`[data-line="${line}"] .og-line-quantity`, 'aria-invalid')).toBe(
      'true',
    );
    expect((await desk.og.order('so-since'))!.workflow.change?.pending).toBeUndefined();
    for (const v of await seriousViolations(page, '.og-change'))
      throw new Error(`change form: ${v}`);
    await page.fill(`[data-line="${line}"] .og-line-quantity`, '12');
    await page.click('.og-raise .og-confirm-btn');
    await page.waitForSelector('.og-pending');
    expect(await page.textContent('.og-pending .og-patch')).toContain(
      `Line ${line}: {"quantity":12}`,
    );
    expect((await desk.og.order('so-since'))!.workflow.change!.pending!.patch).toEqual([
      { op: 'updateLine', lineId: line, set: { quantity: 12 } },
    ]);
    // every step of the change's route approved by whoever may
    for (let round = 0; round < 6; round++) {
      if (!(await desk.og.order('so-since'))!.workflow.change?.pending) break;
      for (const who of [liu, wang, sun, zhao, qian, he])
        if ((await desk.og.approveChange('so-since', who)).ok) break;
    }
    const changed = (await desk.og.order('so-since'))!;
    expect(changed.workflow.change?.pending).toBeUndefined();
    expect(changed.order.revision).toBe(2);

    // the change panel's diff of the two revisions
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-since', 'change');
    await page.waitForSelector('.og-compare');
    await page.click('.og-compare-btn');
    await page.waitForSelector('.og-diff-table');
    const rows = await page.$$eval('.og-diff-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)),
    );
    expect(rows).toContainEqual([`Line ${line} · Quantity`, '10', '12']);

    // under each earlier approval: the revision approved, and what changed since (CH-5)
    await openPanel(page, desk.base, await desk.tokenFor(liu), 'so-since', 'approval');
    await page.waitForSelector('.og-since-changed');
    const since = await page.$$eval('.og-approval .og-since', (l) =>
      l.map((e) => e.textContent ?? ''),
    );
    expect(since.length).toBeGreaterThanOrEqual(2); // Liu's and Wang's
    for (const t of since) {
      expect(t).toContain('approved revision 1');
      expect(t).toContain(`Changed since approved:Line ${line} · Quantity: 10 → 12`);
    }
    const diff = await desk.og.diff('so-since', 1, 2);
    const shownRows = await page.$$eval('.og-approval .og-since-changes', (l) =>
      l.map((e) => e.children.length),
    );
    expect(new Set(shownRows)).toEqual(
      new Set([
        diff.header.length +
          diff.lines.reduce((n, l) => n + (l.kind === 'changed' ? l.changes.length : 1), 0),
      ]),
    );
    // time in each stage: intake, the review steps, the wait for confirmation
    const stages = await page.$$eval('.og-stage-time', (l) => l.map((e) => e.textContent ?? ''));
    expect(stages[0]).toMatch(/^Intake\s*done\s*\d+ s in this stage/);
    expect(stages.some((t) => /Production review\s*done/.test(t))).toBe(true);
    expect(stages.at(-1)).toMatch(/Approved, awaiting confirmation\s*done\s*\d+ s in this stage/);
    // roles by the policy's own labels (GET /v1/roles), not their keys
    const en = (await page.textContent('.og-approval'))!;
    expect(en).toContain('Who may actProduction supervisor');
    expect(en).toContain('Wang Qiang (Sales department head)');
    for (const v of await seriousViolations(page, '.og-approval'))
      throw new Error(`approval en: ${v}`);
    await page.screenshot({ path: `${shots}approval-panel.en.png`, fullPage: true });

    // zh-CN: roles and statuses translated, no raw keys on screen
    await openPanel(page, desk.base, await desk.tokenFor(liu), 'so-since', 'approval', 'zh-CN');
    await page.waitForSelector('.og-since-changed');
    const zh = (await page.textContent('.og-approval'))!;
    expect(zh).toContain('批准后的变更');
    expect(zh).toContain('各阶段用时');
    expect(zh).toContain('生产主管'); // who may act on the production review: the policy's own label
    expect(await page.textContent('.og-approval .og-status')).toMatch(/[\u4e00-\u9fff]/);
    for (const raw of ['salesHead', 'production', 'in_review', 'confirmed', 'in_fulfilment'])
      expect(zh).not.toContain(raw);
    for (const v of await seriousViolations(page, '.og-approval'))
      throw new Error(`approval zh-CN: ${v}`);
    await page.screenshot({ path: `${shots}approval-panel.zh-CN.png`, fullPage: true });
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-since', 'change', 'zh-CN');
    await page.waitForSelector('.og-raise');
    const zhChange = (await page.textContent('.og-change'))!;
    expect(zhChange).toContain('订单行');
    for (const raw of ['salesHead', 'in_review', 'confirmed', 'in_fulfilment'])
      expect(zhChange).not.toContain(raw);
  });

  it('CR-4 a credit hold released in the credit panel: grade, exposure bar with its parts, ageing, then released', async () => {
    const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
    await desk.og.putCustomer({
      ...DEMO_CUSTOMERS.dongfang,
      id: 'c-tight',
      name: 'Tight Credit Co',
      receivables: [
        { id: 'INV-T1', amount: 22_000_000, currency: 'CNY', dueDate: inDays(20) },
        { id: 'INV-T2', amount: 10_000_000, currency: 'CNY', dueDate: inDays(-10) },
      ],
    });
    const held = must(
      await desk.og.submit(
        demoOrder('so-tight', Date.now(), { customer: { id: 'c-tight', name: 'Tight Credit Co' } }),
        li,
      ),
    );
    expect(held.workflow.status).toBe('credit_hold');
    await openPanel(page, desk.base, await desk.tokenFor(qian), 'so-tight', 'credit');
    await page.waitForSelector('.og-credit .og-bar');
    const text = (await page.textContent('.og-credit'))!;
    expect(text).toContain('Grade');
    expect(await page.textContent('.og-grade')).toBe('B');
    expect(text).toContain('Receivables 320,000.00 CNY');
    expect(text).toContain('Open orders 80,000.00 CNY');
    expect(text).toContain('Over the limit by');
    expect(await page.$$('.og-credit .og-bar rect.og-bar-thisOrder')).toHaveLength(1);
    expect(await page.textContent('.og-ageing')).toContain('1-30 days');
    expect(text).toContain('credit release / prepayment / guarantee');
    await page.fill('.og-credit .og-reason', 'Long-standing customer, payment promised');
    await page.click('.og-release');
    await page.click('.og-credit .og-confirm-btn');
    await page.waitForSelector('.og-credit .og-notice');
    await page.waitForFunction(
      () => !document.querySelector('.og-credit .og-tag-danger'), // the hold tag is gone
    );
    const after = (await desk.og.order('so-tight'))!.workflow;
    expect(after.status).not.toBe('credit_hold');
    expect(after.credit?.release).toMatchObject({
      by: qian.id,
      reason: 'Long-standing customer, payment promised',
    });
    await expect(page.textContent('.og-hold-state')).resolves.toContain(
      'Credit released by Qian Hui',
    );
    expect(await page.$$('.og-release')).toHaveLength(0);
  });

  it('issue 12 accessibility and screenshots: tracking, credit, change and metrics panels, en and zh-CN, no serious or critical axe violation', async () => {
    const found: string[] = [];
    // a confirmed order with no pending request: the change panel shows its form with the lines
    must(await desk.og.submit(demoOrder('so-form', Date.now()), li));
    must(await desk.og.approve('so-form', liu));
    must(await desk.og.approve('so-form', wang));
    must(await desk.og.confirm('so-form', li));
    const cases = [
      { who: li, order: 'so-delivered', tab: 'tracking', sel: '.og-tracking' },
      { who: qian, order: 'so-held', tab: 'credit', sel: '.og-credit' },
      { who: li, order: 'so-form', tab: 'change', sel: '.og-change' },
      { who: he, order: 'so-regular', tab: 'metrics', sel: '.og-metrics' },
    ] as const;
    for (const lang of ['en', 'zh-CN'])
      for (const c of cases) {
        await openPanel(page, desk.base, await desk.tokenFor(c.who), c.order, c.tab, lang);
        await page.waitForSelector(`${c.sel} h3, ${c.sel} .og-chart`);
        if (c.tab === 'tracking') await page.click('.og-events summary');
        if (c.tab === 'change') await page.click('.og-add-line'); // a new line's fields as well
        for (const v of await seriousViolations(page, c.sel)) found.push(`${c.tab} ${lang}: ${v}`);
        await page.screenshot({ path: `${shots}${c.tab}-panel.${lang}.png`, fullPage: true });
        if (lang === 'zh-CN')
          expect((await page.textContent(c.sel))!).toMatch(/[\u4e00-\u9fff]{2}/);
      }
    expect(found).toEqual([]);
  });

  it('TR-1 TR-5 the tracking panel shows the stages of a delivered order, and the metrics panel its charts', async () => {
    await openPanel(page, desk.base, await desk.tokenFor(li), 'so-delivered', 'tracking');
    const stages = await page.$$eval('.og-stage', (l: Element[]) => l.map((e) => e.className));
    expect(stages).toEqual([
      'og-stage og-stage-done', // review
      'og-stage og-stage-done', // production
      'og-stage og-stage-pending', // warehouse (not recorded)
      'og-stage og-stage-done', // shipping
      'og-stage og-stage-done', // delivery
      'og-stage og-stage-active', // acceptance
      'og-stage og-stage-active', // settlement: paid, not invoiced
      'og-stage og-stage-pending', // archive
    ]);
    await openPanel(page, desk.base, await desk.tokenFor(he), 'so-regular', 'metrics');
    await page.waitForSelector('.og-chart');
    const charts = await page.$$eval('.og-chart', (l) =>
      l.map((e) => (e as HTMLElement).dataset.metric),
    );
    expect(charts).toEqual([
      'onTimeDelivery',
      'accuracy',
      'complaints',
      'reviewCycle',
      'overdueReviews',
      'creditHolds',
    ]);
  });
});
