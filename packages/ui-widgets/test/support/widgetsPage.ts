/// <reference lib="dom" />
// A page with the built panels and Owl loaded from the package's own files, for the component
// tests: no service, each test hands the panels a fixed client through `env`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type * as Owl from '@odoo/owl';
import type * as Widgets from '../../src/index.js';
import { launch } from './desk.js';

/** What the page puts on `window`: the panels' module and Owl's. */
export type Loaded = { W: typeof Widgets; OWL: typeof Owl };

const file = (p: string) => readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
const ORIGIN = 'http://widgets.test';

/**
 * Launches Chromium and opens a page at a fixed origin with `dist/index.js` as `window.W` (its
 * language packs `dist/en.js` and `dist/zh-CN.js` beside it, English loaded), Owl
 * as `window.OWL` (through an import map, as a host page does), `theme.css`, and one `#a` to
 * mount into. Needs `pnpm --filter @ordergate/ui-widgets build` first.
 *
 * @example
 * const { browser, page } = await widgetsPage();
 * await page.evaluate(() => new (window as any).OWL.App(...));
 */
export async function widgetsPage(viewport?: {
  width: number;
  height: number;
}): Promise<{ browser: Browser; page: Page }> {
  const browser = await launch();
  const page = await browser.newPage(viewport ? { viewport } : {});
  const files: Record<string, [string, string]> = {
    '/': [
      '<!doctype html><html lang="en"><head><link rel="stylesheet" href="/theme.css"><script type="importmap">{"imports":{"@odoo/owl":"/owl.js"}}</script><script type="module">import * as w from "/w.js"; import * as owl from "/owl.js"; await w.loadTexts("en"); window.W = w; window.OWL = owl;</script></head><body><div id="a"></div></body></html>',
      'text/html',
    ],
    '/owl.js': [file('../../node_modules/@odoo/owl/dist/owl.es.js'), 'text/javascript'],
    '/w.js': [file('../../dist/index.js'), 'text/javascript'],
    // the language packs, which the bundle imports (`./en.js`, `./zh-CN.js`) for the language chosen
    '/en.js': [file('../../dist/en.js'), 'text/javascript'],
    '/zh-CN.js': [file('../../dist/zh-CN.js'), 'text/javascript'],
    '/theme.css': [file('../../dist/theme.css'), 'text/css'],
  };
  await page.route(`${ORIGIN}/**`, (route) => {
    const f = files[new URL(route.request().url()).pathname];
    return f ? route.fulfill({ body: f[0], contentType: f[1] }) : route.fulfill({ status: 404 });
  });
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => 'W' in window && 'OWL' in window);
  return { browser, page };
}
