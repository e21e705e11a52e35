// The panels in Chromium (Debian's, headless), Owl in production mode, medians of BENCH_ROUNDS
// (default 15) rounds, each figure beside its baseline measured the same way in the same run:
//
// - first render (mount → on screen, data on a fixed client) of an ApprovalPanel with 20 steps and
//   a TrackingPanel with 200 events: cold (the first mount on a freshly loaded page) and warm
//   (later mounts), with the shipped bundle (templates precompiled) beside the same sources built
//   with runtime-compiled templates (Owl's `xml` compiled in the browser, as before), and a
//   trivial Owl component as the floor;
// - click on approve → updated route on screen, on the desk page against the service on
//   embedded PGlite, beside the approve request alone (its resource timing in the same click);
// - the gzipped size of the bundle without Owl, in English (dist/index.js with its language pack
//   dist/en.js) and in Chinese (with dist/zh-CN.js), each file gzipped on its own as a server
//   sends them, beside
//   the same sources built as shipped before decision 035 (templates as Owl's compiler emits
//   them, esbuild's minifier, both languages in one file) and the runtime-template build.
//
//   pnpm --filter @ordergate/ui-widgets run bench
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build, type Options } from 'tsup';
import type { Browser, Page } from 'playwright-core';
import { demoOrder } from '../../server/src/cli/demo/company.js';
import { DEMO_PEOPLE, launch, startDesk } from '../test/support/desk.js';
import { owlTemplates } from '../scripts/owl-templates.js';
import { approvalPicture, trackingAnswers } from './fixtures.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
/** `render`, `click` or both (default). */
const PARTS = (process.env.BENCH_PARTS ?? 'render,click').split(',');
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ORIGIN = 'http://bench.test';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
const ms = (xs: number[]) =>
  `${median(xs).toFixed(1).padStart(7)} ms  (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;

/** The bundles whose sizes the bench prints, and whose first render it times. */
interface Bundles {
  /** dist/index.js as shipped (built now): English in it. */
  shipped: string;
  /** dist/en.js: the English texts, loaded beside the bundle when English is chosen. */
  en: string;
  /** dist/zh-CN.js: the Chinese texts, loaded beside the bundle when Chinese is chosen. */
  zh: string;
  /** The same sources with runtime-compiled templates (Owl's `xml` compiled in the browser). */
  runtime: string;
  /** As shipped before decision 035: templates as Owl emits them, esbuild's minifier, zh inlined. */
  before: string;
}

/** The shipped bundle (dist/, built now) and the same sources built the earlier ways. */
async function bundles(): Promise<Bundles> {
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], { cwd: here('..'), stdio: 'inherit' });
  const built = async (name: string, plugins: Options['esbuildPlugins']) => {
    const out = mkdtempSync(join(tmpdir(), 'og-bench-'));
    try {
      await build({
        config: false,
        entry: { index: here('../src/index.ts') },
        format: ['esm'],
        platform: 'browser',
        target: 'es2022',
        external: ['@odoo/owl'],
        minify: true,
        splitting: false, // one file, both languages in it, as these builds were shipped
        outDir: out,
        silent: true,
        dts: false,
        ...(plugins ? { esbuildPlugins: plugins } : {}),
      });
      return readFileSync(join(out, 'index.js'), 'utf8');
    } catch (e) {
      throw new Error(`bench build ${name}: ${(e as Error).message}`);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  };
  return {
    shipped: readFileSync(here('../dist/index.js'), 'utf8'),
    en: readFileSync(here('../dist/en.js'), 'utf8'),
    zh: readFileSync(here('../dist/zh-CN.js'), 'utf8'),
    runtime: await built('runtime', undefined),
    before: await built('before', [owlTemplates({ compact: false })]),
  };
}

// Runs in the page (plain JavaScript: no transform touches it). `mount` answers the ms from
// `new App` to the panel on screen (Owl patches the DOM before `mount` resolves).
const PAGE_SCRIPT = `
window.bench = {
  async mount(panel, answers, props) {
    const w = window.W, owl = window.OWL;
    const client = new w.OrdergateClient({ credential: 'x' });
    for (const [k, v] of Object.entries(answers)) client[k] = () => Promise.resolve(v);
    const el = document.createElement('div');
    document.body.appendChild(el);
    await w.loadTexts('en'); // as mount… does before the panel (the pack, once per page)
    const i18n = new w.I18n('en');
    i18n.messages = { k: 'Joint review required', k2: 'Contact missing' };
    i18n.warm(); // as mount… does while the messages load
    const t0 = performance.now();
    const app = new owl.App(w[panel], { env: { client, i18n }, props, dev: false });
    await app.mount(el);
    const ms = performance.now() - t0;
    app.destroy();
    el.remove();
    return ms;
  },
  async floor() {
    const owl = window.OWL;
    if (!window.Trivial) {
      window.Trivial = class extends owl.Component {};
      window.Trivial.template = owl.xml\`<p class="og-trivial" t-esc="props.text"/>\`;
    }
    const el = document.createElement('div');
    document.body.appendChild(el);
    const t0 = performance.now();
    const app = new owl.App(window.Trivial, { props: { text: 'floor' } });
    await app.mount(el);
    const ms = performance.now() - t0;
    app.destroy();
    el.remove();
    return ms;
  },
};`;

async function widgetsPage(browser: Browser, bundle: string, b: Bundles): Promise<Page> {
  const page = await browser.newPage();
  const owl = readFileSync(here('../node_modules/@odoo/owl/dist/owl.es.js'), 'utf8');
  const files: Record<string, [string, string]> = {
    '/': [
      '<!doctype html><html lang="en"><head><script type="importmap">{"imports":{"@odoo/owl":"/owl.js"}}</script><script type="module">import * as w from "/w.js"; import * as owl from "/owl.js"; window.W = w; window.OWL = owl;</script></head><body></body></html>',
      'text/html',
    ],
    '/owl.js': [owl, 'text/javascript'],
    '/w.js': [bundle, 'text/javascript'],
    '/en.js': [b.en, 'text/javascript'],
    '/zh-CN.js': [b.zh, 'text/javascript'],
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const f = files[new URL(route.request().url()).pathname];
    return f ? route.fulfill({ body: f[0], contentType: f[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'W' in window && 'OWL' in window);
  await page.addScriptTag({ content: PAGE_SCRIPT });
  return page;
}

// Clicks approve on the desk page and answers the ms until the approved step is on screen, and
// the approve request's own duration (resource timing). A string: evaluated as is in the page.
const CLICK_SCRIPT = `new Promise((resolve) => {
  performance.clearResourceTimings();
  const seen = new MutationObserver(() => {
    if (!document.querySelector('.og-approval .og-step-approved')) return;
    seen.disconnect();
    const total = performance.now() - t0;
    const req = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/approve'));
    resolve({ total, request: req ? req.duration : NaN });
  });
  seen.observe(document.body, { subtree: true, childList: true, attributes: true });
  const t0 = performance.now();
  document.querySelector('.og-approval .og-approve').click();
})`;

type Case = { panel: string; answers: unknown; props: unknown };

async function firstRender(browser: Browser, b: Bundles) {
  const cases: Record<string, Case> = {
    'ApprovalPanel, 20 steps': {
      panel: 'ApprovalPanel',
      answers: {
        order: approvalPicture(20, Date.now()),
        actions: [
          { action: 'approve', allowed: true },
          { action: 'reject', allowed: true },
        ],
      },
      props: { orderId: 'o1', pollMs: 0 },
    },
    'TrackingPanel, 200 events': {
      panel: 'TrackingPanel',
      answers: trackingAnswers(200),
      props: { orderId: 'o1', pollMs: 0 },
    },
  };
  const results: Record<string, number[]> = {};
  const add = (k: string, v: number) => (results[k] ??= []).push(v);
  const mount = (p: Page, c: Case) =>
    p.evaluate(
      ([panel, answers, props]) =>
        (
          window as unknown as {
            bench: { mount: (a: unknown, b: unknown, c: unknown) => Promise<number> };
          }
        ).bench.mount(panel, answers, props),
      [c.panel, c.answers, c.props] as const,
    );
  // interleaved rounds: every variant sees the same machine load
  for (let r = 0; r < ROUNDS; r++) {
    for (const [variant, bundle] of [
      ['shipped', b.shipped],
      ['runtime', b.runtime],
    ] as const) {
      for (const [name, c] of Object.entries(cases)) {
        const page = await widgetsPage(browser, bundle, b);
        add(`${name} | cold | ${variant}`, await mount(page, c));
        await mount(page, c);
        add(`${name} | warm | ${variant}`, await mount(page, c));
        if (variant === 'shipped' && name.startsWith('Approval')) {
          await page.evaluate(() =>
            (window as unknown as { bench: { floor: () => Promise<number> } }).bench.floor(),
          );
          add(
            'trivial Owl component (floor) | warm',
            await page.evaluate(() =>
              (window as unknown as { bench: { floor: () => Promise<number> } }).bench.floor(),
            ),
          );
        }
        await page.close();
      }
    }
  }
  return results;
}

/** Click on approve → `.og-step-approved` on screen, on the desk page against the service. */
async function clickToUpdate(browser: Browser): Promise<Record<string, number[]>> {
  const desk = await startDesk();
  const { li, liu } = DEMO_PEOPLE;
  const token = await desk.tokenFor(liu);
  const results: Record<string, number[]> = {};
  const add = (k: string, v: number) => (results[k] ??= []).push(v);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (let r = 0; r < ROUNDS + 1; r++) {
      const id = `so-bench-${String(r)}`;
      const ok = await desk.og.submit(demoOrder(id, Date.now()), li);
      if (!ok.ok) throw new Error(`bench order refused: ${ok.code}`);
      await page.goto('about:blank');
      await page.goto(`${desk.base}/desk#token=${token}&order=${id}&tab=approval`);
      await page.waitForSelector('.og-approval .og-approve');
      await page.waitForSelector('.og-queue-item');
      const t = await page.evaluate<{ total: number; request: number }>(CLICK_SCRIPT);
      if (r === 0) continue; // the first click warms the service's code paths
      add('click on approve → updated route on screen', t.total);
      add('the approve request alone (floor, same click)', t.request);
    }
    await page.close();
  } finally {
    await desk.close();
  }
  return results;
}

async function main(): Promise<void> {
  const b = await bundles();
  const browser = await launch();
  try {
    const version = browser.version();
    const render = PARTS.includes('render') ? await firstRender(browser, b) : {};
    const click = PARTS.includes('click') ? await clickToUpdate(browser) : {};
    console.log(
      `ui-widgets in Chromium ${version}, Owl production mode, medians of ${String(ROUNDS)} rounds (interleaved)`,
    );
    console.log('first render (new App → panel on screen; data from a fixed client)');
    for (const [k, v] of Object.entries(render)) console.log(`  ${k.padEnd(52)} ${ms(v)}`);
    console.log('click to update (desk page, service on embedded PGlite)');
    for (const [k, v] of Object.entries(click)) console.log(`  ${k.padEnd(52)} ${ms(v)}`);
    const gz = (s: string) => gzipSync(s).byteLength;
    const line = (k: string, v: number) =>
      console.log(
        `  ${k.padEnd(52)} ${`${(v / 1000).toFixed(1)} kB`.padStart(9)} (${String(v)} bytes)`,
      );
    console.log(
      'bundle without Owl, gzip (node:zlib default level), each file on its own; kB = 1,000 bytes',
    );
    line('shipped, English (index.js + en.js)', gz(b.shipped) + gz(b.en));
    line('shipped, Chinese (index.js + zh-CN.js)', gz(b.shipped) + gz(b.zh));
    line('  of which the English texts (en.js)', gz(b.en));
    line('  of which the Chinese texts (zh-CN.js)', gz(b.zh));
    line('before decision 035 (Owl output as is, esbuild)', gz(b.before));
    line('baseline (templates compiled in the browser)', gz(b.runtime));
  } finally {
    await browser.close();
  }
}

await main();
