/// <reference lib="dom" />
// Issue 13, the project's main command in Chromium: `pnpm start`'s own launcher (`launchDemo`,
// on free ports) runs the sample ERP and the service attached to it through mapping.yaml; an order
// entered on the sample ERP's page reaches the order desk's work queue with its findings, Liu Yang
// approves the production step there, and the sample ERP's page shows what ordergate wrote back.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../packages/server/src/cli/support/io.js';
import { launchDemo, type Launched } from '../src/launch.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ordergate-start-'));
const out: string[] = [];
const io: CliIo = {
  out: (line) => out.push(line),
  err: (line) => out.push(line),
  errRaw: () => undefined,
  isTTY: false,
  env: { ORDERGATE_LOG_LEVEL: 'warn' },
  cwd: dataDir,
};
let launched: Launched;
let browser: Browser;
let desk: Page;
let erpPage: Page;
let orderId = '';
let number = '';

beforeAll(async () => {
  // the desk serves the built widgets, as `pnpm start` builds them first
  execFileSync('pnpm', ['exec', 'tsup', '--silent'], {
    cwd: fileURLToPath(new URL('../../../packages/ui-widgets', import.meta.url)),
    stdio: 'inherit',
  });
  [launched, browser] = await Promise.all([
    launchDemo({ io, port: 0, erpPort: 0, dataDir: 'start' }),
    chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    }),
  ]);
  await launched.service.sync!.idle(); // the first sync: the seeded cases
  desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  erpPage = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
  await launched?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** `yyyy-mm-dd` in Shanghai, `days` from now. */
function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe('issue 13 the main command in Chromium: sample ERP → order desk → write-back', () => {
  it('issue 13 the launcher prints the desk, its sign-ins, the sample ERP and its API token; the first sync took the seeded cases in', async () => {
    const text = out.join('\n');
    expect(text).toContain(`Order desk:     ${launched.service.url}/desk`);
    expect(text).toContain(launched.service.deskSignIns['u-liu']);
    expect(text).toContain(`Sample ERP:     ${launched.erp.url}`);
    expect(text).toContain(`export ERP_TOKEN=${launched.erpToken}`);
    expect(text).toContain(`PGlite in ${join(dataDir, 'start', 'service')}`);
    expect(launched.erpToken.length).toBeGreaterThanOrEqual(32);
    // seedDemo is skipped: the orders are the sample ERP's (ids 2…6), not the demo's so-*
    expect(await launched.service.og.order('so-regular')).toBeUndefined();
    expect((await launched.service.og.order('2'))?.workflow.status).toBe('in_review');
    expect((await launched.service.og.order('5'))?.workflow.status).toBe('returned');
  });

  it('issue 13 RV-5 an order entered on the sample ERP page appears in Liu’s work queue with its findings (webhook)', async () => {
    await desk.goto(launched.service.deskSignIns['u-liu']!);
    await desk.waitForSelector('.og-queue-item');

    await erpPage.goto(`${launched.erp.url}/orders/new`);
    await erpPage.selectOption('select[name=customer_id]', '1'); // Hengtai, grade A
    await erpPage.fill('input[name=client_ref]', 'PO-HT-0410');
    await erpPage.fill('input[name=salesperson]', 'u-li');
    await erpPage.fill('input[name=payment_terms]', 'NET30');
    await erpPage.fill('input[name=requested_date]', dateIn(42));
    await erpPage.fill('input[name=contact_name]', 'Manager Chen');
    await erpPage.fill('input[name=contact_phone]', '+86 21 5555 0101');
    await erpPage.fill('input[name=contact_email]', 'chen@hengtai.example');
    await erpPage.fill('input[name=ship_street]', '88 Zhangjiang Road, Pudong');
    await erpPage.fill('input[name=ship_city]', 'Shanghai');
    await erpPage.fill('input[name=ship_zip]', '201203');
    await erpPage.fill('input[name=ship_country]', 'CN');
    await erpPage.fill('input[name=invoice_title]', 'Hengtai Electromechanical Co., Ltd.');
    await erpPage.fill('input[name=tax_id]', '91310115MA1K4XXXX1');
    await erpPage.selectOption('select[name=line_0_product]', '1'); // CP-200 pump
    await erpPage.fill('input[name=line_0_qty]', '12');
    await Promise.all([erpPage.waitForURL(/\/orders\/\d+$/), erpPage.click('button[type=submit]')]);
    orderId = /\/orders\/(\d+)$/.exec(erpPage.url())![1]!;

    // the sample ERP's webhook, verified by the service, made it sync the order
    await expect
      .poll(() => launched.service.og.order(orderId), { timeout: 60_000, interval: 250 })
      .toBeDefined();
    await launched.erp.webhooks!.idle();
    expect(launched.erp.webhooks!.deliveries).toContainEqual(
      expect.objectContaining({ orders: [orderId], status: 202 }),
    );
    const picture = (await launched.service.og.order(orderId))!;
    expect(picture.workflow.status).toBe('in_review');
    expect(picture.order.externalRef).toBe('PO-HT-0410');
    number = picture.order.number;

    // the desk's queue refreshes itself: no reload
    await desk.waitForSelector(`.og-queue-item:has-text("${number}")`, { timeout: 60_000 });
    await desk.click(`.og-queue-item:has-text("${number}")`);
    await desk.waitForSelector('.og-approval .og-steps');
    const panel = (await desk.textContent('.og-approval'))!;
    expect(panel).toContain(number);
    expect(panel).toContain('RV-5'); // why the production supervisor reviews it
  });

  it('issue 13 RV-5 Liu approves the production step in the desk; the sample ERP’s page shows the write-back', async () => {
    expect(number, 'the previous test entered the order').not.toBe('');
    await erpPage.goto(`${launched.erp.url}/orders/${orderId}`);
    expect(await erpPage.textContent('body')).toContain(
      'Approval "regularReview" requested from production',
    );
    await desk.fill('.og-approval textarea', 'capacity checked');
    await desk.click('.og-approve');
    await desk.waitForSelector('.og-approval .og-step-approved');
    const step = (await launched.service.og.order(orderId))!.workflow.route!.steps.find(
      (s) => s.status === 'approved',
    );
    expect(step!.approvals[0]).toMatchObject({ actor: 'u-liu', comment: 'capacity checked' });

    // the outbox delivers the effects to the sample ERP through the mapping's write-back calls
    await expect
      .poll(
        async () => {
          await erpPage.reload();
          return erpPage.textContent('body');
        },
        { timeout: 60_000, interval: 500 },
      )
      .toContain('Approval "regularReview" closed');
    const body = (await erpPage.textContent('body'))!;
    expect(body).toContain('Approval "salesHead" requested from salesHead');
  });

  it('issue 13 stop() ends the service and then the sample ERP: both ports are closed', async () => {
    const { service, erp } = launched;
    await launched.stop();
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
    await expect(fetch(erp.url)).rejects.toThrow();
  });
});
