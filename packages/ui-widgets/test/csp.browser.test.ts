/// <reference lib="dom" />
// The order desk page under its strict Content-Security-Policy (no 'unsafe-eval'): the panels'
// Owl templates are precompiled at build time, so nothing on the page compiles code at run time.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE, launch, openPanel, startDesk, type DeskService } from './support/desk.js';

let desk: DeskService;
let browser: Browser;
let page: Page;
/** Every CSP violation the page reports (event or console), across navigations. */
const violations: string[] = [];

beforeAll(async () => {
  [desk, browser] = await Promise.all([startDesk(), launch()]);
  page = await browser.newPage();
  await page.exposeBinding('__cspViolation', (_source, text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation(
        `${e.violatedDirective} ${e.blockedURI}`,
      ),
    );
  });
  page.on('console', (m) => {
    if (/Content Security Policy|unsafe-eval/i.test(m.text())) violations.push(m.text());
  });
  page.on('pageerror', (e) => violations.push(`page error: ${e.message}`));
});
afterAll(async () => {
  await browser?.close();
  await desk?.close();
});

describe('order desk under a strict CSP', () => {
  it('issue 12 no unsafe-eval: the desk and each panel render with no CSP violation, and a runtime template compilation would be refused', async () => {
    const res = await fetch(`${desk.base}/desk`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'sha256-[^']+'(;|$)/);
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('unsafe-inline');

    const token = await desk.tokenFor(DEMO_PEOPLE.liu);
    for (const tab of ['approval', 'tracking', 'credit', 'change', 'metrics'] as const) {
      await openPanel(page, desk.base, token, 'so-regular', tab);
      await expect(page.textContent('.og-tabpanel .og-panel-head')).resolves.toBeTruthy();
      expect(await page.$$('.og-tabpanel .og-panel-head')).toHaveLength(1);
    }
    await openPanel(page, desk.base, token, 'so-regular', 'approval', 'zh-CN');
    await page.waitForSelector('.og-approval .og-steps');
    expect(violations).toEqual([]);

    // the control: the same page refuses code compiled at run time (Owl's xml`…` in the browser)
    // (a string: the test runner would rewrite a dynamic import inside a function)
    const refused = await page.evaluate<string>(`(async () => {
      const owl = await import('/desk/assets/owl.js');
      class Runtime extends owl.Component {
        static template = owl.xml\`<p>compiled in the browser</p>\`;
      }
      const el = document.body.appendChild(document.createElement('div'));
      try {
        await new owl.App(Runtime).mount(el);
        return 'mounted';
      } catch (e) {
        return String(e);
      }
    })()`);
    expect(refused).not.toBe('mounted');
    expect(refused).toMatch(/unsafe-eval|EvalError|Content Security Policy/i);
    await expect.poll(() => violations.some((v) => /eval/i.test(v))).toBe(true);
  });
});
