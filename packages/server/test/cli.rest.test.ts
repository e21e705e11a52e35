// `ordergate serve|sync --erp rest --erp-mapping <file>` (issue 13): an ERP that speaks REST is
// attached by a mapping file, and every way the file or its settings can be wrong is a usage
// error (exit 2) naming the problem, before any store is opened or any request sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '@ordergate/core';
import { erpFrom } from '../src/cli/support/erp.js';
import { EXIT } from '../src/cli/support/exit.js';
import { cli, put, scratch } from './support/cli.js';

const dir = scratch();
const store = ['--data-dir', join(dir, 'data')];
const sampleMapping = fileURLToPath(
  new URL('../../../examples/sample-erp/mapping.yaml', import.meta.url),
);
const token = 'a-sample-erp-token-that-must-not-show-0123';
const dolibarrMapping = fileURLToPath(
  new URL('../../../examples/rest-dolibarr/mapping.yaml', import.meta.url),
);
const quietIo = (env: NodeJS.ProcessEnv) => ({
  out: () => undefined,
  err: () => undefined,
  errRaw: () => undefined,
  isTTY: false,
  env,
  cwd: dir,
});

describe('issue 13 CLI: --erp rest --erp-mapping', () => {
  it('issue 13 --erp rest without a mapping is exit 2 and says to give --erp-mapping', async () => {
    const r = await cli(['sync', '--erp', 'rest', ...store], { cwd: dir });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain('--erp rest needs --erp-mapping <file>');
  });

  it('issue 13 a missing mapping file, or a directory, is exit 2 naming the file', async () => {
    const missing = await cli(['sync', '--erp-mapping', 'nowhere.yaml', ...store], { cwd: dir });
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.err).toContain('--erp-mapping nowhere.yaml: no such file');
    const folder = await cli(['sync', '--erp', 'rest', '--erp-mapping', '.', ...store], {
      cwd: dir,
    });
    expect(folder.code).toBe(EXIT.USAGE);
    expect(folder.err).toContain('is a directory');
  });

  it('issue 13 an invalid mapping is exit 2 naming the resource and field of each problem', async () => {
    const sample = readFileSync(sampleMapping, 'utf8');
    // a misspelt key in orders.list
    const file = put(dir, 'bad-mapping.yaml', sample.replace('itemsPath: data', 'itemPath: data'));
    const r = await cli(['sync', '--erp', 'rest', '--erp-mapping', file, ...store], { cwd: dir });
    expect(r.code, r.err).toBe(EXIT.USAGE);
    expect(r.err).toContain('is not a valid REST mapping');
    expect(r.err).toContain('orders.list: unknown key "itemPath" (did you mean "itemsPath"?)');
    // a required target of the order gone
    const gone = put(
      dir,
      'no-currency.yaml',
      sample.replace('    currency: currency\n    salesperson', '    salesperson'),
    );
    const r1 = await cli(['sync', '--erp-mapping', gone, ...store], { cwd: dir });
    expect(r1.code, r1.err).toBe(EXIT.USAGE);
    expect(r1.err).toMatch(/orders\.fields.*currency/);
    const yaml = put(dir, 'not-yaml.yaml', 'erp: [unclosed');
    const r2 = await cli(['sync', '--erp-mapping', yaml, ...store], { cwd: dir });
    expect(r2.code).toBe(EXIT.USAGE);
    expect(r2.err).toContain('(document)');
  });

  it('issue 13 a mapping whose variables are unset is exit 2 naming them, never printing a secret', async () => {
    const r = await cli(['sync', '--erp', 'rest', '--erp-mapping', sampleMapping, ...store], {
      cwd: dir,
      env: { SAMPLE_ERP_TOKEN: token },
    });
    expect(r.code, r.err).toBe(EXIT.USAGE);
    expect(r.err).toContain('SAMPLE_ERP_URL');
    expect(r.out + r.err).not.toContain(token);
    const serve = await cli(['serve', '--erp', 'rest', '--erp-mapping', sampleMapping, ...store], {
      cwd: dir,
      env: { ORDERGATE_ERP_SECRET: 's'.repeat(40), SAMPLE_ERP_URL: 'http://127.0.0.1:9' },
    });
    expect(serve.code, serve.err).toBe(EXIT.USAGE);
    expect(serve.err).toContain('SAMPLE_ERP_TOKEN');
  });

  it('issue 13 --erp-name must be a URL path segment; --erp-mapping with another --erp is refused', async () => {
    const env = { SAMPLE_ERP_URL: 'http://127.0.0.1:9', SAMPLE_ERP_TOKEN: token };
    const name = await cli(
      ['sync', '--erp-mapping', sampleMapping, '--erp-name', 'a/b', ...store],
      { cwd: dir, env },
    );
    expect(name.code).toBe(EXIT.USAGE);
    expect(name.err).toContain('--erp-name "a/b"');
    const odoo = await cli(['sync', '--erp', 'odoo', '--erp-mapping', sampleMapping, ...store], {
      cwd: dir,
      env,
    });
    expect(odoo.code).toBe(EXIT.USAGE);
    expect(odoo.err).toContain('--erp-mapping is for --erp rest');
  });

  it('issue 13 serve --help documents --erp rest, --erp-mapping and --erp-name', async () => {
    const help = await cli(['serve', '--help'], { cwd: dir });
    expect(help.out).toContain('--erp-mapping <file>');
    expect(help.out).toContain('--erp-name <name>');
    expect(help.out).toContain('ORDERGATE_ERP_MAPPING');
  });

  it('issue 13 the mapping says how its webhooks are verified: Dolibarr by the token in the URL, reading object.id; the sample ERP by HMAC', async () => {
    const hook = 'w'.repeat(40);
    const dolibarr = await erpFrom(
      quietIo({
        DOLIBARR_URL: 'http://127.0.0.1:8079',
        DOLIBARR_KEY: token,
        ORDERGATE_WEBHOOK_SECRET: hook,
      }),
      { erp: 'rest', erpMapping: dolibarrMapping },
      loadPolicy({}),
    );
    expect(dolibarr?.webhookSecret).toBeDefined();
    expect(dolibarr?.webhook?.verification).toEqual({ mode: 'token', in: 'query' });
    expect(
      dolibarr?.webhook?.orderIds?.({ triggercode: 'ORDER_MODIFY', object: { id: 7 } }),
    ).toEqual(['7']);
    const sample = await erpFrom(
      quietIo({
        SAMPLE_ERP_URL: 'http://127.0.0.1:8079',
        SAMPLE_ERP_TOKEN: token,
        ORDERGATE_WEBHOOK_SECRET: hook,
      }),
      { erp: 'rest', erpMapping: sampleMapping },
      loadPolicy({}),
    );
    expect(sample?.webhook?.verification).toBeUndefined(); // the service's default: HMAC
    expect(sample?.webhook?.orderIds?.({ orders: ['3', '4'] })).toEqual(['3', '4']);
  });
});
