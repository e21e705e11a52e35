// Runs the built panels (templates precompiled by this package's Owl) on another Owl runtime,
// e.g. Odoo 18/19's Owl 2.8.1, in Chromium: each panel in production and dev mode, its text,
// its list items, and a click that re-renders. Prints the results to compare between runtimes.
//
//   npm pack @odoo/owl@2.8.1 && tar xzf odoo-owl-2.8.1.tgz
//   pnpm --filter @ordergate/ui-widgets exec tsx bench/owl-runtime.ts /path/to/package/dist/owl.es.js
import { readFileSync } from 'node:fs';
import { launch } from '../test/support/desk.js';
import { approvalPicture, trackingAnswers } from './fixtures.js';
const owlPath = process.argv[2] ?? 'node_modules/@odoo/owl/dist/owl.es.js';
const browser = await launch();
const page = await browser.newPage();
const errors: string[] = [];
page.on('console', (m) => {
  if (m.type() === 'error' || /Security Policy/.test(m.text())) errors.push(m.text());
});
page.on('pageerror', (e) => errors.push(e.message));
const files: Record<string, [string, string]> = {
  '/': [
    '<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="script-src \'self\' \'unsafe-inline\'"><script type="importmap">{"imports":{"@odoo/owl":"/owl.js"}}</script><script type="module">import * as w from "/w.js"; import * as owl from "/owl.js"; await w.loadTexts("en"); window.W = w; window.OWL = owl;</script></head><body></body></html>',
    'text/html',
  ],
  '/owl.js': [readFileSync(owlPath, 'utf8'), 'text/javascript'],
  '/w.js': [readFileSync('dist/index.js', 'utf8'), 'text/javascript'],
  '/en.js': [readFileSync('dist/en.js', 'utf8'), 'text/javascript'], // the English texts' pack
};
await page.route('http://t.test/**', (r) => {
  const f = files[new URL(r.request().url()).pathname];
  return f ? r.fulfill({ body: f[0], contentType: f[1] }) : r.fulfill({ status: 404 });
});
await page.goto('http://t.test/');
await page.waitForFunction(() => 'W' in window && 'OWL' in window);
const cases = [
  [
    'ApprovalPanel',
    {
      order: approvalPicture(20, Date.now()),
      actions: [
        { action: 'approve', allowed: true },
        { action: 'reject', allowed: true },
      ],
    },
  ],
  ['TrackingPanel', trackingAnswers(200)],
] as const;
for (const dev of [false, true])
  for (const [panel, answers] of cases) {
    const r = await page.evaluate(`(async () => {
    const w = window.W, owl = window.OWL;
    const client = new w.OrdergateClient({ credential: 'x' });
    for (const [k, v] of Object.entries(${JSON.stringify(answers)})) client[k] = () => Promise.resolve(v);
    const el = document.body.appendChild(document.createElement('div'));
    const app = new owl.App(w.${panel}, { env: { client, i18n: new w.I18n('en') }, props: { orderId: 'o1', pollMs: 0 }, dev: ${dev} });
    await app.mount(el);
    const text = el.textContent; const n = el.querySelectorAll('li').length;
    if (${panel === 'ApprovalPanel'}) { el.querySelector('.og-reject').click(); await new Promise(r => setTimeout(r, 400)); }
    const confirm = !!el.querySelector('.og-confirm');
    app.destroy(); el.remove();
    return { owl: owl.__info__.version, len: text.length, items: n, confirm };
  })()`);
    console.log(panel, 'dev', dev, JSON.stringify(r));
  }
console.log('errors', JSON.stringify(errors));
await browser.close();
