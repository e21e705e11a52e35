/// <reference lib="dom" />
// The panels' refresh (useOrderRefresh) in Chromium: polling while the page is visible, none in
// a background tab, one read when it is shown again. A counting client, no service.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetsPage } from './support/widgetsPage.js';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  ({ browser, page } = await widgetsPage());
});
afterAll(async () => browser?.close());

// Page-side steps, as strings (evaluated as they are).
const MOUNT = `(async () => {
  const w = window.W, owl = window.OWL;
  window.reads = 0;
  const client = new w.OrdergateClient({ credential: 'x' });
  const picture = { order: { id: 'o1', number: 'SO-1', currency: 'CNY', customer: { id: 'c', name: 'C' }, salesperson: 'u-li' },
    version: 1, history: [], workflow: { status: 'confirmed' } };
  client.order = () => { window.reads++; return Promise.resolve(picture); };
  client.timeline = () => Promise.resolve({ status: 'confirmed', events: [] });
  window.app = new owl.App(w.TrackingPanel, { env: { client, i18n: new w.I18n('en') }, props: { orderId: 'o1', pollMs: 40 } });
  await window.app.mount(document.getElementById('a'));
})()`;
const setHidden = (hidden: boolean) => `(() => {
  const before = window.reads;
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => '${hidden ? 'hidden' : 'visible'}' });
  document.dispatchEvent(new Event('visibilitychange'));
  return { before, after: window.reads };
})()`;
const reads = () => page.evaluate<number>('window.reads');

describe('order refresh', () => {
  it('issue 12 polling: a visible panel polls, a hidden page does not, and shown again it reads the order at once', async () => {
    await page.evaluate(MOUNT);
    await expect.poll(reads).toBeGreaterThanOrEqual(3); // first load, then polls every 40 ms
    await page.evaluate(setHidden(true));
    await page.waitForTimeout(100); // a poll under way when hidden still lands
    const whileHidden = await reads();
    await page.waitForTimeout(400); // ten poll periods
    expect(await reads()).toBe(whileHidden);
    const shown = await page.evaluate<{ before: number; after: number }>(setHidden(false));
    expect(shown.before).toBe(whileHidden);
    expect(shown.after).toBe(whileHidden + 1); // the read on showing, before any timer
    await expect.poll(reads).toBeGreaterThan(shown.after); // and polling again
    await page.evaluate('window.app.destroy()');
    const after = await reads();
    await page.waitForTimeout(200);
    expect(await reads()).toBe(after); // nothing polls once the panel is gone
  });
});
