import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadPolicy, Ordergate, type ActorInput, type PolicyInput } from '@ordergate/core';
import {
  createApp,
  PeopleDirectory,
  PostgresStore,
  serve,
  SharedSecret,
  TokenStore,
} from '@ordergate/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DEMO_PEOPLE, DEMO_POLICY } from '../../../server/src/cli/demo/company.js';
import { seedDemo } from '../../../server/src/cli/demo/seed.js';
import { signAssertion } from '../../../server/src/cli/demo/credentials.js';

export { DEMO_PEOPLE };

/** The real service on in-memory PGlite with the demo's seeded orders, serving /desk on 127.0.0.1. */
export interface DeskService {
  base: string;
  og: Ordergate;
  secret: SharedSecret;
  tokenFor(person: ActorInput): Promise<string>;
  assertionFor(person: ActorInput): Promise<string>;
  close(): Promise<void>;
}

/** Options of `startDesk`: the demo policy's delegations; the core's clock (default: now). */
export interface DeskOptions {
  delegations?: PolicyInput['delegations'];
  /** Milliseconds since the epoch as the core reads them (e.g. to enter an order in the past). */
  now?: () => number;
}

export async function startDesk(options: DeskOptions = {}): Promise<DeskService> {
  const store = await PostgresStore.open({});
  const now = options.now ?? (() => Date.now());
  const og = new Ordergate({
    policy: loadPolicy(
      options.delegations ? { ...DEMO_POLICY, delegations: options.delegations } : DEMO_POLICY,
    ),
    store,
    clock: { now: () => new Date(now()).toISOString() },
    ids: { next: (prefix) => `${prefix}-${randomUUID()}` },
  });
  await seedDemo(og, Date.now());
  const tokens = new TokenStore(store.driver);
  // people's names, as `serve --demo` seeds them (callers name themselves too)
  const people = new PeopleDirectory(store.driver);
  await people.remember(
    Object.values(DEMO_PEOPLE).map(({ id, name }) => ({ id, name })),
    'seed',
  );
  const secret = new SharedSecret('panels-test-secret-0123456789abcdef0123456789');
  const app = createApp({
    og,
    identity: { secret, audience: 'ordergate', tokens },
    desk: { sessions: tokens },
    people,
  });
  const server = serve(app, { port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    base,
    og,
    secret,
    tokenFor: async (p) =>
      (
        await tokens.create({
          name: `test ${p.id}`,
          actor: p,
          scopes: ['orders:read', 'orders:act'],
          expiresAt: new Date(Date.now() + 3_600_000),
        })
      ).token,
    assertionFor: (p) => signAssertion(secret, 'ordergate', p),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/** Debian's Chromium, headless. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Opens the desk signed in as `token`, in `lang`, and waits for the work queue. */
export async function openDesk(
  page: Page,
  base: string,
  token: string,
  lang = 'en',
): Promise<void> {
  await page.goto('about:blank'); // a fragment change alone is no new page load
  await page.goto(`${base}/desk#token=${token}`);
  await page.waitForSelector('.og-queue');
  if (lang !== 'en') {
    await page.selectOption('.og-lang select', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForSelector('.og-queue');
  }
}

/** Opens an order from the work queue and waits for its approval panel. */
export async function openOrder(page: Page, number: string): Promise<void> {
  await page.click(`.og-queue-item:has-text("${number}")`);
  await page.waitForSelector('.og-approval .og-steps');
}

/** Opens the desk signed in as `token` on one order and one tab (`#order=…&tab=…`), in `lang`. */
export async function openPanel(
  page: Page,
  base: string,
  token: string,
  orderId: string,
  tab: 'approval' | 'tracking' | 'credit' | 'change' | 'metrics',
  lang = 'en',
): Promise<void> {
  await page.goto('about:blank');
  await page.goto(`${base}/desk#token=${token}&order=${orderId}&tab=${tab}`);
  await page.waitForSelector(`.og-tabpanel .og-panel-head`);
  if (lang !== 'en') {
    await page.selectOption('.og-lang select', lang);
    await page.waitForFunction((l) => document.documentElement.lang === l, lang);
    await page.waitForSelector(`.og-tabpanel .og-panel-head`);
  }
}

const axeSource = readFileSync(
  fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)),
  'utf8',
);

/**
 * Runs axe-core on `selector` and answers its serious and critical violations as `id (impact)`.
 * The script is evaluated by the test driver: the desk page's CSP rightly refuses an inline one.
 *
 * @example
 * expect(await seriousViolations(page, '.og-queue')).toEqual([]);
 */
export async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  await page.evaluate(axeSource);
  const found = await page.evaluate(async (sel) => {
    const r = await (
      window as unknown as {
        axe: {
          run: (
            c: unknown,
          ) => Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }>;
        };
      }
    ).axe.run({ include: [sel] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact }));
  }, selector);
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact})`);
}
