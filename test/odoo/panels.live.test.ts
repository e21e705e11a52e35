// The panels inside a running Odoo 18 and Odoo 19 (decision 033), in Chromium: the sales order
// form shows the order gate's Approval page with the service's route for that order, an approval
// given in the panel is taken by the service and shown, and the page holds exactly one Owl — the
// web client's own — which the panels' module imported as `@odoo/owl`.
//
// Runs only against an Odoo you point it at (skipped otherwise), with the `ordergate_panels`
// addon installed and configured (examples/odoo-addon/README.md) and an ordergate service synced
// with that Odoo:
//   ODOO18_URL, ODOO18_DB, ODOO18_LOGIN, ODOO18_PASSWORD, ODOO18_ORDER (and the same with ODOO19_)
// where ODOO18_ORDER is the id of a sale.order whose open review step the login may approve.
// Optionally ODOO18_ZH_LOGIN and ODOO18_ZH_PASSWORD: the order's salesperson, whose Odoo language
// is Simplified Chinese (the panels follow it).
// Screenshots go to docs/screenshots/odoo18-sale-order-approval.png (and odoo19-…).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(new URL('../../packages/ui-widgets/package.json', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/** The part of playwright-core's API used here (it is a dependency of ui-widgets). */
interface Page {
  goto(url: string): Promise<unknown>;
  fill(selector: string, value: string): Promise<void>;
  click(selector: string): Promise<void>;
  waitForSelector(selector: string, options?: { timeout?: number }): Promise<unknown>;
  waitForFunction(fn: string, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  textContent(selector: string): Promise<string | null>;
  $$(selector: string): Promise<unknown[]>;
  evaluate<T>(fn: string): Promise<T>;
  screenshot(options: { path: string; fullPage?: boolean }): Promise<unknown>;
  on(event: 'pageerror', listener: (error: Error) => void): void;
}
interface Browser {
  newPage(options: { viewport: { width: number; height: number } }): Promise<Page>;
  close(): Promise<void>;
}
const { chromium } = require('playwright-core') as {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<Browser> };
};

interface Target {
  version: '18' | '19';
  url: string;
  db: string;
  login: string;
  password: string;
  order: string;
  zhLogin: string;
  zhPassword: string;
}

function target(version: '18' | '19'): Target | undefined {
  const env = (name: string) => process.env[`ODOO${version}_${name}`] ?? '';
  const t = {
    version,
    url: env('URL').replace(/\/$/, ''),
    db: env('DB'),
    login: env('LOGIN'),
    password: env('PASSWORD'),
    order: env('ORDER'),
    zhLogin: env('ZH_LOGIN'),
    zhPassword: env('ZH_PASSWORD'),
  };
  return t.url && t.db && t.login && t.password && t.order ? t : undefined;
}

/** What the page says about Owl: one instance, the host's, and the panels built on it. */
const OWL_PROBE = `(() => {
  const modules = odoo.loader.modules;
  const owl = modules.get('@odoo/owl');
  const panels = modules.get('@ordergate_panels/lib/ui_widgets');
  const scripts = [...document.scripts].map((s) => s.src).filter(Boolean);
  const resources = performance.getEntriesByType('resource').map((r) => r.name);
  return {
    hostOwlIsWindowOwl: owl === window.owl,
    version: owl.__info__ && owl.__info__.version,
    panelsOnHostOwl: panels.ApprovalPanel.prototype instanceof owl.Component
      && panels.TrackingPanel.prototype instanceof owl.Component,
    owlModules: [...modules.keys()].filter((k) => /(^|\\/)owl(\\.js)?$/i.test(k)),
    owlFiles: [...scripts, ...resources].filter((u) => /owl[^/]*\\.js/i.test(u)),
    panelInWebClientApp: (() => {
      // the ApprovalPanel is a node of the web client's own component tree, not an App of its own
      const root = odoo.__WOWL_DEBUG__.root.__owl__;
      const seen = [root];
      for (let i = 0; i < seen.length && i < 20000; i++) {
        const node = seen[i];
        if (node.component instanceof panels.ApprovalPanel) return node.app === root.app;
        seen.push(...Object.values(node.children || {}));
      }
      return false;
    })(),
  };
})()`;

async function signIn(page: Page, o: Target, login: string, password: string): Promise<void> {
  await page.goto(`${o.url}/web/login?db=${encodeURIComponent(o.db)}`);
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('.o_web_client, .o_main_navbar', { timeout: 60_000 });
}

async function openApproval(page: Page, o: Target): Promise<void> {
  await page.goto(`${o.url}/odoo/action-sale.action_orders/${o.order}`);
  await page.waitForSelector('.o_form_view .o_notebook', { timeout: 60_000 });
  await page.click('.o_notebook a[name="ordergate_approval"]');
  await page.waitForSelector('.o_ordergate_panel .og-approval .og-steps', { timeout: 30_000 });
}

for (const version of ['18', '19'] as const) {
  const odoo = target(version);
  describe.skipIf(!odoo)(`the panels inside Odoo ${version}`, () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      page.on('pageerror', (e) => errors.push(e.message));
      await signIn(page, odoo!, odoo!.login, odoo!.password);
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
    });

    it('RV-2 RV-3 the sale order form shows the order’s route and findings in the Approval page', async () => {
      const o = odoo!;
      await openApproval(page, o);
      // the service's order is this Odoo order (its id, as the Odoo connector maps it)
      const shown = await page.evaluate<string | undefined>(
        `document.querySelector('.o_ordergate_panel .og-approval')?.dataset.order`,
      );
      expect(shown).toBe(o.order);
      const panel = (await page.textContent('.o_ordergate_panel .og-approval'))!;
      expect(panel).toMatch(/RV-\d+/); // the findings that put the order in review
      expect((await page.$$('.og-approval .og-steps > li')).length).toBeGreaterThan(0);
      expect(await page.$$('.og-approval .og-approve')).toHaveLength(1);
      expect(errors).toEqual([]);
    }, 120_000);

    it('has exactly one Owl on the page: the web client’s, which the panels are built on', async () => {
      const probe = await page.evaluate<{
        hostOwlIsWindowOwl: boolean;
        version?: string;
        panelsOnHostOwl: boolean;
        owlModules: string[];
        owlFiles: string[];
        panelInWebClientApp: boolean;
      }>(OWL_PROBE);
      expect(probe.hostOwlIsWindowOwl).toBe(true);
      expect(probe.version).toMatch(/^2\.8\./);
      expect(probe.panelsOnHostOwl).toBe(true);
      expect(probe.owlModules).toEqual(['@odoo/owl']);
      expect(probe.owlFiles).toEqual([]); // Owl comes inside Odoo's own bundle, no file of ours
      expect(probe.panelInWebClientApp).toBe(true);
    });

    it('forwards only the panels’ calls, only with the page’s CSRF token, and never shows a credential', async () => {
      const answers = await page.evaluate<Record<string, [number, string]>>(`(async () => {
        const call = async (path, headers) => {
          const res = await fetch('/ordergate_panels/service' + path, { headers });
          return [res.status, (await res.json()).code];
        };
        const csrf = { 'X-Odoo-CSRF': odoo.csrf_token };
        return {
          noCsrf: await call('/v1/orders/${odoo!.order}', {}),
          tokens: await call('/v1/tokens', csrf),
          outbox: await call('/v1/outbox', csrf),
          order: await call('/v1/orders/${odoo!.order}', csrf),
        };
      })()`);
      expect(answers).toEqual({
        noCsrf: [403, 'CSRF'],
        tokens: [404, 'NOT_FORWARDED'],
        outbox: [404, 'NOT_FORWARDED'],
        order: [200, undefined],
      });
      // neither the shared secret nor a person token reaches the page
      const html = await page.evaluate<string>('document.documentElement.outerHTML');
      expect(html).not.toMatch(/og_[A-Za-z0-9_-]{43}/);
      expect(html).not.toMatch(/eyJ[A-Za-z0-9_-]+\.eyJ/);
    });

    it('RV-3 an approval given in the panel is taken by the service and shown on the route', async () => {
      await page.fill('.og-approval textarea', `approved in Odoo ${version}`);
      await page.click('.og-approval .og-approve');
      await page.waitForSelector('.og-approval .og-notice', { timeout: 30_000 });
      await page.waitForFunction(
        `document.querySelector('.og-approval .og-steps')?.textContent.includes('approved in Odoo ${version}')`,
        undefined,
        { timeout: 30_000 },
      );
      // read again from the service through Odoo: the step the login acted on is approved
      await openApproval(page, odoo!);
      const acted = await page.evaluate<string[]>(
        `[...document.querySelectorAll('.og-approval .og-steps > li')]
          .filter((li) => li.textContent.includes('approved in Odoo ${version}'))
          .map((li) => li.querySelector('.og-tag')?.textContent ?? '')`,
      );
      expect(acted).toEqual(['approved']);
      await page.screenshot({
        path: `${SHOTS}odoo${version}-sale-order-approval.png`,
        fullPage: true,
      });
      expect(errors).toEqual([]);
    }, 120_000);

    it.skipIf(!odoo?.zhLogin)(
      'RV-3 the salesperson, in Chinese: the same blocked-by list, and nothing to approve on their own order',
      async () => {
        const zh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
        zh.on('pageerror', (e) => errors.push(e.message));
        await signIn(zh, odoo!, odoo!.zhLogin, odoo!.zhPassword);
        await openApproval(zh, odoo!);
        const text = (await zh.textContent('.o_ordergate_panel .og-approval'))!;
        expect(text).toContain('阻塞原因'); // "blocked by"
        expect(text).toContain('评审路线'); // "review route"
        expect(text).toContain(`approved in Odoo ${version}`); // the approval given above
        expect(await zh.$$('.og-approval .og-approve')).toHaveLength(0);
        await zh.screenshot({
          path: `${SHOTS}odoo${version}-sale-order-approval.zh-CN.png`,
          fullPage: true,
        });
        expect(errors).toEqual([]);
      },
      120_000,
    );
  });
}
