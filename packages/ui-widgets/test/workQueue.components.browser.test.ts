/// <reference lib="dom" />
// WorkQueue component tests in Chromium: Owl's real template compiler and real events, the
// queue given a fixed client through `env` (no service; workQueue.browser.test.ts runs the real one).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { widgetsPage, type Loaded } from './support/widgetsPage.js';

let browser: Browser;
let page: Page;

type Probe = { approved: { id: string; comment?: string }[] };

beforeAll(async () => {
  ({ browser, page } = await widgetsPage({ width: 1100, height: 800 }));
});
afterAll(async () => browser?.close());

/**
 * Mounts a WorkQueue over four lines: SO-1 urgent and overdue for Hengtai (RV-4, 1,130,000.00),
 * SO-2 Dongfang (RV-5, 56,500.00) signed as Wang's substitute, SO-3 Hengtai (RV-5 RV-6, 8,000.00;
 * its approval is refused), SO-4 a credit hold (CR-4, release only: not approvable here).
 */
const mountQueue = () =>
  page.evaluate(async () => {
    const { W: w, OWL: owl } = window as unknown as Loaded;
    const now = Date.now();
    const step = (key: string, en: string, ruleIds: string[], extra = {}) => ({
      key,
      label: { en, zh: `${en}(中)` },
      ruleIds,
      ...extra,
    });
    const hengtai = { id: 'c-hengtai', name: 'Hengtai' };
    let items = [
      {
        orderId: 'o1',
        number: 'SO-1',
        status: 'in_review',
        urgent: true,
        dueAt: new Date(now - 3_600_000).toISOString(),
        actions: ['approve', 'reject'],
        customer: hengtai,
        amount: { total: 113_000_000, currency: 'CNY' },
        ruleIds: ['RV-4'],
        overdue: true,
        steps: [step('jointReview', 'Joint review', ['RV-4'])],
      },
      {
        orderId: 'o2',
        number: 'SO-2',
        status: 'in_review',
        urgent: false,
        dueAt: new Date(now + 3_600_000).toISOString(),
        actions: ['approve'],
        customer: { id: 'c-dongfang', name: 'Dongfang' },
        amount: { total: 5_650_000, currency: 'CNY' },
        ruleIds: ['RV-5'],
        overdue: false,
        steps: [
          step('salesHead', 'Sales head review', ['RV-5'], {
            onBehalfOf: 'u-wang',
            delegatedUntil: '2026-12-24T23:59:59+08:00',
          }),
        ],
      },
      {
        orderId: 'o3',
        number: 'SO-3',
        status: 'in_review',
        urgent: false,
        dueAt: new Date(now + 7_200_000).toISOString(),
        actions: ['approve'],
        customer: hengtai,
        amount: { total: 800_000, currency: 'CNY' },
        ruleIds: ['RV-5', 'RV-6'],
        overdue: false,
        steps: [step('salesHead', 'Sales head review', ['RV-5', 'RV-6'])],
      },
      {
        orderId: 'o4',
        number: 'SO-4',
        status: 'credit_hold',
        urgent: false,
        actions: ['releaseCredit'],
        customer: { id: 'c-tight', name: 'Tight Credit' },
        amount: { total: 9_040_000, currency: 'CNY' },
        ruleIds: ['CR-4'],
        overdue: false,
        steps: [],
      },
    ];
    const probe: Probe = { approved: [] };
    (window as unknown as { probe: Probe }).probe = probe;
    const client = Object.assign(new w.OrdergateClient({ credential: 'x' }), {
      workQueue: () => Promise.resolve(structuredClone(items)),
      approve: (id: string, options: { comment?: string } = {}) => {
        if (id === 'o3')
          return Promise.reject(
            new w.ApiError({
              title: 'RV-3',
              status: 403,
              code: 'SELF_APPROVAL',
              ruleId: 'RV-3',
              detail: 'You submitted this order: someone else approves it (RV-3).',
            }),
          );
        probe.approved.push({ id, ...options });
        items = items.filter((i) => i.orderId !== id);
        return Promise.resolve({});
      },
    });
    const el = document.getElementById('a')!;
    el.innerHTML = '';
    const app = new owl.App(w.WorkQueue, {
      env: { client, i18n: new w.I18n('en'), bus: new EventTarget() },
      props: { onOpen: () => undefined, pollMs: 0 },
      dev: true,
    });
    await app.mount(el);
  });
beforeEach(mountQueue);

const numbers = () =>
  page.$$eval('.og-queue-item .og-queue-number', (l) => l.map((e) => e.textContent));
const counter = () => page.textContent('.og-counter');
const approved = () => page.evaluate(() => (window as unknown as { probe: Probe }).probe.approved);

describe('WorkQueue (component, Chromium)', () => {
  it('RV-2 IN-4 each filter narrows the list, the counter says shown of total, clearing restores it', async () => {
    await expect.poll(numbers).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4']);
    await expect.poll(counter).toBe('4 to act on');
    await page.selectOption('.og-filter-customer', 'c-hengtai');
    await expect.poll(numbers).toEqual(['SO-1', 'SO-3']);
    await expect.poll(counter).toBe('2 of 4 to act on');
    await page.selectOption('.og-filter-customer', '');
    await page.selectOption('.og-filter-rule', 'RV-5');
    await expect.poll(numbers).toEqual(['SO-2', 'SO-3']);
    await page.selectOption('.og-filter-rule', 'CR-4');
    await expect.poll(numbers).toEqual(['SO-4']);
    await page.selectOption('.og-filter-rule', '');
    await page.check('.og-filter-overdue');
    await expect.poll(numbers).toEqual(['SO-1']);
    await page.uncheck('.og-filter-overdue');
    await page.fill('.og-filter-min', '50000');
    await expect.poll(numbers).toEqual(['SO-1', 'SO-2', 'SO-4']);
    await page.fill('.og-filter-max', '100000');
    await expect.poll(numbers).toEqual(['SO-2', 'SO-4']);
    await expect.poll(counter).toBe('2 of 4 to act on');
    await page.fill('.og-filter-min', '999999999');
    await expect.poll(() => page.textContent('.og-filter-empty')).toContain('No order');
    await page.click('.og-filter-clear');
    await expect.poll(numbers).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4']);
    await expect.poll(counter).toBe('4 to act on');
    // every filter control has a visible label
    const unlabelled = await page.$$eval(
      '.og-queue-filters select, .og-queue-filters input',
      (l) => l.filter((e) => !(e as HTMLInputElement).labels?.[0]?.textContent?.trim()).length,
    );
    expect(unlabelled).toBe(0);
  });

  it('issue 12 the filters are kept for the next visit in this browser; a spoilt record is ignored', async () => {
    await page.selectOption('.og-filter-rule', 'RV-5');
    await page.fill('.og-filter-min', '10000');
    await expect.poll(numbers).toEqual(['SO-2']);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('ordergate.queueFilter')))
      .toBe('{"customer":"","rule":"RV-5","overdue":false,"min":"10000","max":""}');
    await mountQueue(); // the next visit
    await expect.poll(numbers).toEqual(['SO-2']);
    expect(await page.inputValue('.og-filter-rule')).toBe('RV-5');
    expect(await page.inputValue('.og-filter-min')).toBe('10000');
    await expect.poll(counter).toBe('1 of 4 to act on');
    await page.evaluate(() => localStorage.setItem('ordergate.queueFilter', '{"rule":7,"min'));
    await mountQueue();
    await expect.poll(numbers).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4']);
    await page.evaluate(() =>
      localStorage.setItem('ordergate.queueFilter', '{"rule":["RV-5"],"overdue":"yes"}'),
    );
    await mountQueue();
    await expect.poll(numbers).toEqual(['SO-1', 'SO-2', 'SO-3', 'SO-4']);
  });

  it('RV-5 a step signed as a substitute says for whom and until when, in the row and in the confirmation', async () => {
    const row = (await page.textContent('.og-queue-item[data-order="o2"]'))!;
    expect(row).toMatch(/for u-wang, as substitute until Dec 24, 2026/);
    expect(await page.$$('.og-queue-item[data-order="o1"] .og-substitute')).toHaveLength(0);
  });

  it('RV-3 RV-5 bulk approval by keyboard: x selects, a asks the confirmation listing the orders; cancel approves nothing; confirm approves each, a refusal stays with its reason', async () => {
    await page.focus('.og-queue-list');
    await page.keyboard.press('x'); // SO-1
    await page.keyboard.press('j');
    await page.keyboard.press('x'); // SO-2
    await page.keyboard.press('j');
    await page.keyboard.press('x'); // SO-3
    await page.keyboard.press('j');
    await page.keyboard.press('x'); // SO-4: a credit release, not approvable in bulk
    const chosen = () =>
      page.$$eval('.og-queue-item[aria-selected="true"]', (l) =>
        l.map((e) => (e as HTMLElement).dataset.order),
      );
    await expect.poll(chosen).toEqual(['o1', 'o2', 'o3']);
    await expect.poll(() => page.textContent('.og-approve-selected')).toBe('Approve selected (3)');

    await page.keyboard.press('a');
    await page.waitForSelector('.og-bulk-confirm');
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.classList.contains('og-bulk-confirm')),
      )
      .toBe(true);
    const rows = await page.$$eval('.og-bulk-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent)),
    );
    expect(rows).toEqual([
      ['SO-1', 'Hengtai', '1,130,000.00 CNY', 'Joint review'],
      ['SO-2', 'Dongfang', '56,500.00 CNY', 'Sales head review (for u-wang, as substitute)'],
      ['SO-3', 'Hengtai', '8,000.00 CNY', 'Sales head review'],
    ]);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await page.$$('.og-bulk-confirm')).length).toBe(0);
    expect(await approved()).toEqual([]);
    await page.click('.og-approve-selected');
    await page.click('.og-bulk-cancel');
    expect(await approved()).toEqual([]);
    await expect.poll(counter).toBe('4 to act on');

    await page.click('.og-approve-selected');
    await page.fill('.og-bulk-comment', 'checked in the weekly review');
    await page.click('.og-bulk-approve');
    await page.waitForSelector('.og-bulk-refusals');
    expect(await approved()).toEqual([
      { id: 'o1', comment: 'checked in the weekly review' },
      { id: 'o2', comment: 'checked in the weekly review' },
    ]);
    expect(await page.textContent('.og-bulk-refusals')).toContain(
      'SO-3: You submitted this order: someone else approves it (RV-3).',
    );
    await expect.poll(numbers).toEqual(['SO-3', 'SO-4']);
    await expect.poll(counter).toBe('2 to act on');
    expect(await page.textContent('.og-queue .og-notice')).toBe('Approved 2.');
  });
});
