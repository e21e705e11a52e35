/// <reference lib="dom" />
// Component tests in Chromium (not jsdom): the same engine as users, Owl's real template compiler
// and real layout for the timings; the panels get a fixed client through `env`, no service.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Owl from '@odoo/owl';
import type * as Widgets from '../src/index.js';
import { launch } from './support/desk.js';

const file = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
const ORIGIN = 'http://widgets.test';
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  page = await browser.newPage();
  const files: Record<string, [string, string]> = {
    '/': [
      '<!doctype html><html lang="en"><head><link rel="stylesheet" href="/theme.css"><script type="importmap">{"imports":{"@odoo/owl":"/owl.js"}}</script><script type="module">import * as w from "/w.js"; import * as owl from "/owl.js"; window.W = w; window.OWL = owl;</script></head><body><div id="a"></div></body></html>',
      'text/html',
    ],
    '/owl.js': [file('../node_modules/@odoo/owl/dist/owl.es.js'), 'text/javascript'],
    '/w.js': [file('../dist/index.js'), 'text/javascript'],
    '/theme.css': [file('../dist/theme.css'), 'text/css'],
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const f = files[new URL(route.request().url()).pathname];
    return f ? route.fulfill({ body: f[0], contentType: f[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'W' in window && 'OWL' in window);
});

type Loaded = { W: typeof Widgets; OWL: typeof Owl };
afterAll(async () => browser?.close());

/** Mounts an ApprovalPanel on a picture of `steps` steps; answers the first render's ms. */
function mountPanel(
  steps: number,
  extra: Record<string, unknown> = {},
): Promise<{ ms: number; text: string }> {
  return page.evaluate(
    async ({ steps, extra }) => {
      const { W: w, OWL: owl } = window as unknown as Loaded;
      const now = Date.now();
      const route = Array.from({ length: steps }, (_, i) => ({
        key: `s${i}`,
        mode: i === 1 ? 'eachDepartment' : 'any',
        label: { en: `Step ${i}`, zh: `步骤 ${i}` },
        roles: i === 1 ? ['technical', 'finance'] : ['production'],
        stage: i,
        status: i < 1 ? 'approved' : i < 2 ? 'active' : 'waiting',
        overdue: false,
        ruleIds: ['RV-4'],
        deadline: new Date(now + (i === 1 ? -60_000 : 3_600_000)).toISOString(),
        approvals:
          i === 0
            ? [{ actor: 'u-liu', at: new Date(now).toISOString(), comment: '<b>ok</b>' }]
            : i === 1
              ? [
                  {
                    actor: 'u-sun',
                    department: 'technical',
                    role: 'technical',
                    at: new Date(now).toISOString(),
                  },
                ]
              : [],
        escalatedTo: i === 1 ? ['generalManager'] : [],
      }));
      const picture = {
        order: {
          id: 'o1',
          number: 'SO-1',
          currency: 'CNY',
          customer: { id: 'c', name: 'C' },
          salesperson: 'u-li',
        },
        version: 1,
        history: [],
        workflow: {
          status: 'in_review',
          owner: 'u-li',
          route: { steps: route },
          findings: [
            {
              ruleId: 'RV-4',
              severity: 'approval',
              messageKey: 'k',
              params: {},
              steps: ['s1'],
              evidence: [{ field: 'total', value: 113000000, limit: 100000000 }],
              source: '003 三(三)2',
            },
            { ruleId: 'IN-2', severity: 'block', messageKey: 'k2', params: {}, evidence: [] },
          ],
        },
        ...extra,
      };
      const client = Object.assign(new w.OrdergateClient({ credential: 'x' }), {
        order: () => Promise.resolve(picture),
        actions: () =>
          Promise.resolve([
            { action: 'approve', allowed: true },
            { action: 'reject', allowed: false, code: 'NOT_ELIGIBLE' },
          ]),
        messages: () => Promise.resolve({ k: 'Joint review required', k2: 'Contact missing' }),
      });
      const el = document.getElementById('a')!;
      el.innerHTML = '';
      const i18n = new w.I18n('en');
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
    { steps, extra },
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
    expect(text).toContain('Escalated to generalManager');
    expect(text).toContain('total: 1,130,000.00 CNY against 1,000,000.00 CNY');
    expect(text).toContain('<b>ok</b>'); // a comment is text, never markup
    expect(await page.$$('#a b')).toHaveLength(0);
    const dues = await page.$$eval('.og-dues li', (l) =>
      l.map((e) => (e as HTMLElement).className),
    );
    expect(dues).toEqual(['og-due-done', 'og-due-late']);
    expect(await page.$$('.og-approve')).toHaveLength(1);
    expect(await page.$$('.og-reject')).toHaveLength(0); // not allowed: not offered
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
