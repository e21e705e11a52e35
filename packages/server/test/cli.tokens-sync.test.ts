// The ordergate CLI's `token create|revoke|list` and `sync` commands, run in this process on a real
// PGlite directory; `sync` against a fake ERP on 127.0.0.1 plugged in as a connector module
// (`--erp-module`), as an integrator plugs in an ERP without a built-in connector (issue 11, CLI,
// identity, sync).
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ordergate, loadPolicy, type OrderInput } from '@ordergate/core';
import { PostgresStore, TokenStore } from '../src/index.js';
import { EXIT } from '../src/cli/support/exit.js';
import { cli, put, scratch } from './support/cli.js';
import { fakeCustomer, startFakeErp, type FakeErp } from './support/fakeErp.js';
import { orderInput } from './support/scenario.js';

const dir = scratch();

/** `orderInput` entered now, for delivery in two months (the CLI's clock is the real one). */
function fresh(id: string, changes: Partial<OrderInput> = {}): OrderInput {
  return {
    ...orderInput(id),
    enteredAt: new Date().toISOString(),
    requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
    ...changes,
  };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
const dataDir = join(dir, 'data');
const store = ['--data-dir', dataDir];

/** The token store over the CLI's directory, opened after the command closed it. */
async function withStore<T>(fn: (s: PostgresStore) => Promise<T>): Promise<T> {
  const s = await PostgresStore.open({ dataDir });
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

describe('issue 11 CLI: configuring an ERP', () => {
  it('issue 11 sync without an ERP configured is exit 2 and says how to configure one', async () => {
    const r = await cli(['sync', ...store], { cwd: dir });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain('no ERP is configured');
    expect(r.err).toContain('ODOO_URL');
    expect(r.err).toContain('--erp-module');
    const help = await cli(['serve', '--help'], { cwd: dir });
    expect(help.out).toContain('ORDERGATE_WEBHOOK_SECRET');
    expect(help.out).toContain('--erp-module');
  });

  it('issue 11 sync --erp odoo without the ODOO_* variables is exit 2 naming each missing one', async () => {
    const r = await cli(['sync', '--erp', 'odoo', ...store], {
      cwd: dir,
      env: { ODOO_URL: 'http://127.0.0.1:8069' },
    });
    expect(r.code, r.err).toBe(EXIT.USAGE);
    expect(r.err).toContain('ODOO_DB');
    expect(r.err).toContain('ODOO_USER');
    expect(r.err).toMatch(/ODOO_KEY|apiKey/);
    expect((await cli(['sync', '--erp', 'sap', ...store], { cwd: dir })).code).toBe(EXIT.USAGE);
  });
});

describe('issue 11 CLI: token create, list and revoke on a PGlite directory', () => {
  let token = '';
  let id = '';

  it('issue 11 token create prints the token and nothing else on stdout; the store keeps only its hash', async () => {
    const r = await cli(
      [
        'token',
        'create',
        '--name',
        'odoo sync',
        '--actor',
        'svc-odoo',
        '--groups',
        'integration',
        '--scopes',
        'orders:read,sync',
        '--expires-in',
        '30d',
        ...store,
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^og_[A-Za-z0-9_-]{43}$/);
    token = r.out;
    id = /created (tok_\S+)/.exec(r.err)?.[1] ?? '';
    expect(id).toMatch(/^tok_/);
    expect(r.err).toContain('scopes orders:read,sync');
    expect(r.err).not.toContain(token);
    const verified = await withStore((s) =>
      new TokenStore(s.driver, { schema: s.schema }).verify(token),
    );
    expect(verified).toMatchObject({ id, actor: { id: 'svc-odoo', groups: ['integration'] } });
    expect(verified.scopes).toEqual(['orders:read', 'sync']);
    const rows = await withStore((s) =>
      s.driver.query<{ token_hash: string }>('SELECT token_hash FROM ordergate.api_tokens'),
    );
    expect(rows.map((row) => row.token_hash)).not.toContain(token);
  });

  it('issue 11 token create refuses bad input with exit 2 and writes nothing', async () => {
    const base = ['token', 'create', '--name', 'x', '--actor', 'a', ...store];
    for (const extra of [
      ['--scopes', 'orders:write'],
      ['--scopes', ''],
      ['--scopes', 'sync', '--expires-in', 'forever'],
      ['--scopes', 'sync', '--expires-in', '0d'],
    ]) {
      const r = await cli([...base, ...extra], { cwd: dir });
      expect(r.code, extra.join(' ')).toBe(EXIT.USAGE);
      expect(r.out).toBe('');
    }
    expect(
      (await cli(['token', 'create', '--actor', 'a', '--scopes', 'sync', ...store], { cwd: dir }))
        .code,
    ).toBe(EXIT.USAGE);
    const list = await cli(['token', 'list', '--json', ...store], { cwd: dir });
    expect((JSON.parse(list.out) as unknown[]).length).toBe(1);
  });

  it('issue 11 token list shows every token with its status and hint, never its text', async () => {
    const r = await cli(['token', 'list', ...store], { cwd: dir });
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toContain(id);
    expect(r.out).toMatch(/\tactive\tog_…/);
    expect(r.out).not.toContain(token);
  });

  it('issue 11 token revoke: the token is refused at once; an unknown id is exit 1', async () => {
    const r = await cli(['token', 'revoke', id, ...store], { cwd: dir });
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(new RegExp(`^revoked ${id} `));
    await expect(
      withStore((s) => new TokenStore(s.driver, { schema: s.schema }).verify(token)),
    ).rejects.toMatchObject({ code: 'TOKEN_REVOKED' });
    expect((await cli(['token', 'list', ...store], { cwd: dir })).out).toMatch(/\trevoked\t/);
    const unknown = await cli(['token', 'revoke', 'tok_nope', ...store], { cwd: dir });
    expect(unknown.code).toBe(EXIT.FAILED);
    expect(unknown.err).toContain('no token tok_nope');
  });
});

describe('issue 11 CLI: sync against a fake ERP on 127.0.0.1', () => {
  let fake: FakeErp;
  let module = '';
  const policyInput = {
    roles: { salesperson: { groups: ['sales'] }, salesHead: { groups: ['sales_heads'] } },
    credit: { withoutFacts: 'info' },
  };
  const syncDir = join(dir, 'sync-data');
  const args = () => ['--erp-module', module, '--data-dir', syncDir, '--policy', policyFile];
  let policyFile = '';

  beforeAll(async () => {
    fake = await startFakeErp({ pageSize: 3 });
    fake.putCustomer(fakeCustomer);
    for (let i = 1; i <= 5; i++) fake.put(fresh(`erp-${String(i)}`));
    policyFile = put(dir, 'sync-policy.json', policyInput);
    const support = pathToFileURL(join(import.meta.dirname, 'support/fakeErp.ts')).href;
    module = put(
      dir,
      'fake-erp.mjs',
      `import { FakeErpConnector } from ${JSON.stringify(support)};\n` +
        'export function createErpConnector(env) { return new FakeErpConnector(env.FAKE_ERP_URL); }\n',
    );
  });
  afterAll(async () => {
    await fake.close();
  });

  it('issue 11 sync runs once from the checkpoint: every order in the core, progress on stderr, the summary on stdout, exit 0', async () => {
    const r = await cli(['sync', ...args()], { cwd: dir, env: { FAKE_ERP_URL: fake.url } });
    expect(r.err).toContain('syncing fake through');
    expect(r.code, r.err).toBe(EXIT.OK);
    expect(r.out).toMatch(/^sync run \d+: 2 pages; 5 submitted, \d+ customers$/);
    for (let i = 1; i <= 5; i++) expect(r.err).toContain(`erp-${String(i)}: submitted`);
    const again = await cli(['sync', ...args()], { cwd: dir, env: { FAKE_ERP_URL: fake.url } });
    expect(again.code).toBe(EXIT.OK);
    expect(again.out).toMatch(/1 page; nothing changed$/);
    expect(fake.counts.since.at(-1)).toBe('5');
    const s = await PostgresStore.open({ dataDir: syncDir });
    try {
      const og = new Ordergate({
        policy: loadPolicy(policyInput),
        store: s,
        clock: { now: () => new Date().toISOString() },
        ids: { next: (p) => `${p}-x` },
      });
      expect((await og.order('erp-3'))?.workflow.status).toBe('in_review');
    } finally {
      await s.close();
    }
  });

  it('issue 11 RV-9 sync --orders syncs the named orders: an ERP edit of an order in review is refused, reported per order, exit 0', async () => {
    fake.put(fresh('erp-2', { paymentTerms: 'NET60' }));
    fake.put(fresh('erp-6'));
    const r = await cli(['sync', ...args(), '--orders', 'erp-2,erp-6', '--json'], {
      cwd: dir,
      env: { FAKE_ERP_URL: fake.url },
    });
    expect(r.code, r.err).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({
      ran: true,
      trigger: 'cli',
      counts: { submitted: 1, refused: 1 },
    });
    expect(r.err).toMatch(/erp-2: refused \(\w+ RV-9\)/);
  });

  it('issue 11 a sync whose ERP fails midway is exit 1 and the checkpoint stays at the last whole page', async () => {
    const r = await cli(['sync', ...args()], {
      cwd: dir,
      env: { FAKE_ERP_URL: `http://127.0.0.1:${String(await closedPort())}` },
    });
    expect(r.code).toBe(EXIT.FAILED);
    expect(r.err).toContain('the sync failed');
    const bad = put(dir, 'not-a-connector.mjs', 'export const createErpConnector = () => ({});\n');
    const r2 = await cli(['sync', '--erp-module', bad, '--data-dir', syncDir], { cwd: dir });
    expect(r2.code).toBe(EXIT.USAGE);
    expect(r2.err).toContain('did not answer an ErpConnector');
  });
});
