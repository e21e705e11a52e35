// Odoo's real error answers (recorded) mapped to typed errors, with Odoo's message kept and the
// credentials never.
import { expect, it } from 'vitest';
import type { OdooError } from '../src/index.js';
import {
  OdooAccessError,
  OdooAuthenticationError,
  OdooMissingRecordError,
  OdooServerError,
  OdooValidationError,
} from '../src/index.js';
import { describeOdoo } from './support/odooHarness.js';

const BAD_KEY = 'bad0key0that0must0never0leak0000000000ff';

function leaks(error: unknown, secret: string): boolean {
  const e = error as Error & { cause?: unknown };
  const parts = [
    e.message,
    e.stack,
    JSON.stringify(e),
    String(e.cause),
    JSON.stringify(e.cause),
    (e.cause as Error | undefined)?.stack,
  ];
  return parts.some((p) => typeof p === 'string' && p.includes(secret));
}

describeOdoo('errors', (ctx) => {
  it('a bad API key is an authentication error that never shows the key', async () => {
    const logs: string[] = [];
    const error = await ctx
      .connect({ apiKey: BAD_KEY }, { onRetry: (e) => logs.push(e.message) })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooAuthenticationError);
    expect((error as OdooError).code).toBe('ODOO_AUTHENTICATION');
    expect(leaks(error, BAD_KEY)).toBe(false);
    expect(logs.join('\n')).not.toContain(BAD_KEY);
  });

  it('a bad key over JSON-RPC too (authenticate answers false, not an error)', async () => {
    const error = await ctx
      .connect({ apiKey: BAD_KEY, transport: 'jsonrpc' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OdooAuthenticationError);
    expect((error as Error).message).toContain('authenticate returned false');
    expect(leaks(error, BAD_KEY)).toBe(false);
  });

  it('access, validation and missing-record errors keep Odoo’s message and are not retried', async () => {
    const odoo = await ctx.connect();
    const access = await odoo.client.call('sale.order', '_read_group', {}).catch((e: unknown) => e);
    expect(access).toBeInstanceOf(OdooAccessError);
    expect((access as OdooError).odooName).toBe('odoo.exceptions.AccessError');

    const invalid = await odoo.client.create('sale.order', [{}]).catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(OdooValidationError);
    expect((invalid as OdooError).odooMessage).toBeTruthy();

    const missing = await odoo.client
      .write('sale.order', [987654321], { client_order_ref: 'x' })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OdooMissingRecordError);
    expect((missing as OdooError).odooMessage).toContain('does not exist');
    expect(odoo.stats.retries).toBe(0);
  });

  it('JSON-2 against an Odoo that lacks it says so', async () => {
    const error = await ctx.connect({ transport: 'json2' }).then(
      (odoo) => odoo.client.searchCount('sale.order', []),
      (e: unknown) => e,
    );
    if (ctx.major >= 19) expect(typeof error).toBe('number');
    else {
      expect(error).toBeInstanceOf(OdooServerError);
      expect((error as Error).message).toContain('JSON-2 needs Odoo 19');
    }
  });
});
