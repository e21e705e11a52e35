// A CPU profile (Chrome DevTools protocol) of one panel's first render in Chromium, the shipped
// bundle, Owl in production mode: prints the functions with the most self time. For finding what
// to speed up, not a figure (the profiler slows everything down).
//
//   pnpm --filter @ordergate/ui-widgets exec tsx bench/profile.ts [approval|tracking] [cold|warm]
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { launch } from '../test/support/desk.js';
import { approvalPicture, trackingAnswers } from './fixtures.js';

const [which = 'tracking', when = 'cold'] = process.argv.slice(2);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ORIGIN = 'http://bench.test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}

const browser = await launch();
try {
  const page = await browser.newPage();
  const files: Record<string, [string, string]> = {
    '/': [
      '<!doctype html><html lang="en"><head><script type="importmap">{"imports":{"@odoo/owl":"/owl.js"}}</script><script type="module">import * as w from "/w.js"; import * as owl from "/owl.js"; await w.loadTexts("en"); window.W = w; window.OWL = owl;</script></head><body></body></html>',
      'text/html',
    ],
    '/owl.js': [
      readFileSync(here('../node_modules/@odoo/owl/dist/owl.es.js'), 'utf8'),
      'text/javascript',
    ],
    '/w.js': [readFileSync(here('../dist/index.js'), 'utf8'), 'text/javascript'],
    '/en.js': [readFileSync(here('../dist/en.js'), 'utf8'), 'text/javascript'], // English texts
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const f = files[new URL(route.request().url()).pathname];
    return f ? route.fulfill({ body: f[0], contentType: f[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'W' in window && 'OWL' in window);
  const [panel, answers] =
    which === 'approval'
      ? [
          'ApprovalPanel',
          {
            order: approvalPicture(20, Date.now()),
            actions: [{ action: 'approve', allowed: true }],
          },
        ]
      : ['TrackingPanel', trackingAnswers(200)];
  const mount = `(async () => {
    const w = window.W, owl = window.OWL;
    const client = new w.OrdergateClient({ credential: 'x' });
    for (const [k, v] of Object.entries(${JSON.stringify(answers)})) client[k] = () => Promise.resolve(v);
    const el = document.body.appendChild(document.createElement('div'));
    const i18n = new w.I18n('en');
    i18n.warm(); // as mount… does while the messages load
    const t0 = performance.now();
    const app = new owl.App(w.${panel}, { env: { client, i18n }, props: { orderId: 'o1', pollMs: 0 } });
    await app.mount(el);
    const ms = performance.now() - t0;
    app.destroy(); el.remove();
    return ms;
  })()`;
  if (when === 'warm') for (let i = 0; i < 3; i++) await page.evaluate(mount);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const ms = await page.evaluate<number>(mount);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(ORIGIN, '')}:${String(f.lineNumber)}:${String(f.columnNumber)}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  console.log(`${panel} ${when} mount under the profiler: ${ms.toFixed(1)} ms; self time:`);
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${v.toFixed(2).padStart(7)} ms  ${k}`);
} finally {
  await browser.close();
}
