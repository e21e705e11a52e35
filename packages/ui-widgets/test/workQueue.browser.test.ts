/// <reference lib="dom" />
// The work queue in Chromium against the real service on PGlite (its own service: these tests
// approve orders): filters, bulk approval after a confirmation, and a substitute under a
// delegation the policy records (Zhou signs for Wang, the sales head, this week).
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_CUSTOMERS, demoOrder } from '../../server/src/cli/demo/company.js';
import type { WorkItem } from '../src/client.js';
import {
  DEMO_PEOPLE,
  launch,
  openDesk,
  seriousViolations,
  startDesk,
  type DeskService,
} from './support/desk.js';

const shots = fileURLToPath(new URL('../../../docs/screenshots/', import.meta.url));
const { li, liu, wang, zhou } = DEMO_PEOPLE;
const DAY = 86_400_000;
/** Zhou stands in for Wang as sales head until a week from now, in Shanghai time. */
const until = new Date(Date.now() + 7 * DAY).toISOString().replace('Z', '+00:00');

let desk: DeskService;
let browser: Browser;
let page: Page;
let shift = 0; // the core's clock, moved back to enter an order six days ago

function must<T>(r: { ok: boolean; value?: T; code?: string }): T {
  if (!r.ok) throw new Error(`refused: ${String(r.code)}`);
  return r.value as T;
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  [desk, browser] = await Promise.all([
    startDesk({
      delegations: [{ from: wang.id, to: zhou.id, roles: ['salesHead'], validUntil: until }],
      now: () => Date.now() + shift,
    }),
    launch(),
  ]);
  // a second customer, and a small order for it; an order entered six days ago, now overdue
  await desk.og.putCustomer({
    ...DEMO_CUSTOMERS.hengtai,
    id: 'c-jinling',
    name: 'Jinling Pumps',
  });
  const line = demoOrder('x', Date.now()).lines[0]!;
  must(
    await desk.og.submit(
      demoOrder('so-jinling', Date.now(), {
        customer: { id: 'c-jinling', name: 'Jinling Pumps' },
        lines: [{ ...line, id: 'so-jinling-1', quantity: 2 }],
      }),
      li,
    ),
  );
  shift = -6 * DAY;
  must(await desk.og.submit(demoOrder('so-late', Date.now() - 6 * DAY), li));
  shift = 0;
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

/** The caller's queue as the service answers it. */
async function queueOf(token: string): Promise<WorkItem[]> {
  const res = await fetch(`${desk.base}/v1/work-queue`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { value: WorkItem[] }).value;
}

const shown = () =>
  page.$$eval('.og-queue-item .og-queue-number', (l) => l.map((e) => e.textContent ?? ''));
const numbersOf = (items: WorkItem[]) => items.map((i) => i.number ?? i.orderId).sort();

describe('the work queue in Chromium against the service on PGlite', () => {
  it('RV-2 IN-4 each filter (customer, rule, overdue, amount) narrows the list to the service’s matching lines; the counter shows shown of total', async () => {
    const token = await desk.tokenFor(liu);
    const all = await queueOf(token);
    expect(all.length).toBeGreaterThanOrEqual(4);
    await openDesk(page, desk.base, token);
    await expect.poll(async () => (await shown()).sort()).toEqual(numbersOf(all));
    await expect.poll(() => page.textContent('.og-counter')).toBe(`${all.length} to act on`);

    await page.selectOption('.og-filter-customer', 'c-jinling');
    const jinling = all.filter((i) => i.customer.id === 'c-jinling');
    expect(jinling).toHaveLength(1);
    await expect.poll(async () => (await shown()).sort()).toEqual(numbersOf(jinling));
    await expect.poll(() => page.textContent('.og-counter')).toBe(`1 of ${all.length} to act on`);
    await page.selectOption('.og-filter-customer', '');

    // a rule that some lines carry and others not
    const rules = [...new Set(all.flatMap((i) => i.ruleIds))];
    const rule = rules.find((r) => {
      const n = all.filter((i) => i.ruleIds.includes(r)).length;
      return n > 0 && n < all.length;
    })!;
    expect(rule).toBeDefined();
    await page.selectOption('.og-filter-rule', rule);
    await expect
      .poll(async () => (await shown()).sort())
      .toEqual(numbersOf(all.filter((i) => i.ruleIds.includes(rule))));
    await page.selectOption('.og-filter-rule', '');

    await page.check('.og-filter-overdue');
    const late = all.filter((i) => i.overdue);
    expect(numbersOf(late)).toEqual([(await desk.og.order('so-late'))!.order.number]);
    await expect.poll(async () => (await shown()).sort()).toEqual(numbersOf(late));
    await page.uncheck('.og-filter-overdue');

    // amounts are typed in yuan; the lines carry fen
    await page.fill('.og-filter-max', '50000');
    await expect
      .poll(async () => (await shown()).sort())
      .toEqual(numbersOf(all.filter((i) => i.amount.total <= 5_000_000)));
    await page.fill('.og-filter-max', '');
    await page.fill('.og-filter-min', '200000');
    const big = all.filter((i) => i.amount.total >= 20_000_000);
    expect(big.length).toBeGreaterThan(0);
    expect(big.length).toBeLessThan(all.length);
    await expect.poll(async () => (await shown()).sort()).toEqual(numbersOf(big));
  });

  it('issue 12 accessibility and screenshots: the filtered queue and the bulk confirmation, en and zh-CN, no serious or critical axe violation', async () => {
    const found: string[] = [];
    for (const lang of ['en', 'zh-CN']) {
      await openDesk(page, desk.base, await desk.tokenFor(liu), lang);
      await page.selectOption('.og-filter-customer', DEMO_CUSTOMERS.hengtai.id);
      for (const v of await seriousViolations(page, '.og-queue'))
        found.push(`filtered queue ${lang}: ${v}`);
      await page
        .locator('.og-queue')
        .screenshot({ path: `${shots}work-queue.filtered.${lang}.png` });
      await page.selectOption('.og-filter-customer', '');
      await page.click('.og-queue-item:nth-child(1) .og-check');
      await page.click('.og-queue-item:nth-child(2) .og-check');
      await page.click('.og-approve-selected');
      await page.waitForSelector('.og-bulk-confirm');
      for (const v of await seriousViolations(page, '.og-queue'))
        found.push(`bulk confirmation ${lang}: ${v}`);
      await page.screenshot({ path: `${shots}work-queue.bulk-confirmation.${lang}.png` });
      if (lang === 'zh-CN')
        expect((await page.textContent('.og-bulk-confirm'))!).toMatch(/批准以下 2 个订单/);
      await page.click('.og-bulk-cancel');
    }
    expect(found).toEqual([]);
  });

  it('RV-5 bulk approval: the confirmation lists the orders; cancel approves nothing; confirm approves each through the service and the counter drops', async () => {
    const token = await desk.tokenFor(liu);
    const before = await queueOf(token);
    await openDesk(page, desk.base, token);
    const picks = before.filter((i) => ['so-regular', 'so-jinling'].includes(i.orderId));
    expect(picks).toHaveLength(2);
    // one with the mouse, one with the keyboard
    await page.click(`.og-queue-item[data-order="so-regular"] .og-check`);
    const index = (await shown()).indexOf(picks.find((p) => p.orderId === 'so-jinling')!.number!);
    await page.focus('.og-queue-list');
    for (let i = 0; i < index; i++) await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.click('.og-approve-selected');
    await page.waitForSelector('.og-bulk-confirm');
    const rows = await page.$$eval('.og-bulk-table tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children).map((c) => c.textContent ?? '')),
    );
    expect(rows.map((r) => r[0]).sort()).toEqual(numbersOf(picks));
    expect(rows.map((r) => r[1]).sort()).toEqual(['Hengtai Electromechanical', 'Jinling Pumps']);
    expect(rows.find((r) => r[1] === 'Jinling Pumps')![2]).toBe('28,250.00 CNY');
    expect(rows.every((r) => r[3]!.length > 0)).toBe(true); // the step to be signed

    await page.click('.og-bulk-cancel');
    for (const p of picks) {
      const route = (await desk.og.order(p.orderId))!.workflow.route!;
      expect(route.steps.flatMap((s) => s.approvals)).toEqual([]);
    }
    expect(await queueOf(token)).toHaveLength(before.length);

    await page.click('.og-approve-selected');
    await page.fill('.og-bulk-comment', 'production slots booked');
    await page.click('.og-bulk-approve');
    await page.waitForSelector('.og-queue .og-notice');
    await page.waitForFunction(
      (n) => document.querySelector('.og-counter')?.textContent === `${String(n)} to act on`,
      before.length - 2,
    );
    for (const p of picks) {
      const approvals = (await desk.og.order(p.orderId))!.workflow.route!.steps.flatMap(
        (s) => s.approvals,
      );
      expect(approvals).toMatchObject([{ actor: liu.id, comment: 'production slots booked' }]);
    }
    expect(await shown()).not.toContain(picks[0]!.number);
    expect(await shown()).not.toContain(picks[1]!.number);
  });

  it('RV-5 a substitute: Zhou sees the sales-head step delegated by Wang labelled as such, approves it, and the service records for whom', async () => {
    const token = await desk.tokenFor(zhou);
    const line = (await queueOf(token)).find((i) => i.orderId === 'so-jinling');
    expect(line?.steps).toMatchObject([{ onBehalfOf: wang.id, delegatedUntil: until }]);
    await openDesk(page, desk.base, token);
    const row = page.locator('.og-queue-item[data-order="so-jinling"]');
    expect(await row.locator('.og-substitute').textContent()).toMatch(
      /^for Wang Qiang, as substitute until /,
    );
    await row.locator('.og-check').click();
    await page.click('.og-approve-selected');
    expect(await page.textContent('.og-bulk-table tbody')).toContain(
      '(for Wang Qiang, as substitute)',
    );
    await page.click('.og-bulk-approve');
    await page.waitForSelector('.og-queue .og-notice');
    const step = (await desk.og.order('so-jinling'))!.workflow.route!.steps.find((s) =>
      s.approvals.some((a) => a.actor === zhou.id),
    );
    expect(step?.approvals.find((a) => a.actor === zhou.id)).toMatchObject({
      actor: zhou.id,
      onBehalfOf: wang.id,
      role: 'salesHead',
    });
    expect((await desk.og.order('so-jinling'))!.workflow.status).toBe('approved');
  });
});
