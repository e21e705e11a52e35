// Issue 11: `ordergate serve` as a user runs it, a real process on a PGlite directory, wired to
// the shared pieces: API tokens made by `ordergate token create` (TokenStore), used assertion ids
// in the store (PostgresReplayGuard), JSON log lines on stdout without secrets (createLogger),
// and, with an ERP configured (a fake ERP on 127.0.0.1 through --erp-module), a SyncService at
// start and on a signed webhook (registerWebhookRoutes); a revoked token refused.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderInput } from '@ordergate/core';
import { SharedSecret, signWebhook } from '../src/index.js';
import { signAssertion } from '../src/cli/demo/credentials.js';
import { EXIT } from '../src/cli/support/exit.js';
import { cli, put, scratch } from './support/cli.js';
import { fakeCustomer, startFakeErp, type FakeErp } from './support/fakeErp.js';
import { spawnServe, type ServiceProcess } from './support/processes.js';
import { orderInput } from './support/scenario.js';

const dir = scratch();
const dataDir = join(dir, 'data');
const ERP_SECRET = 'serve-wired-erp-secret-0123456789abcdef';
const HOOK_SECRET = 'serve-wired-webhook-secret-0123456789abcd';
const policy = {
  roles: { salesperson: { groups: ['sales'] }, production: { groups: ['production'] } },
  credit: { withoutFacts: 'info' },
};

function fresh(id: string): OrderInput {
  return {
    ...orderInput(id),
    enteredAt: new Date().toISOString(),
    requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  };
}

let fake: FakeErp;
let service: ServiceProcess;
let token = '';
let tokenId = '';

const get = (path: string, bearer = token) =>
  fetch(`${service.base}${path}`, { headers: { authorization: `Bearer ${bearer}` } });

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 30_000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  fake = await startFakeErp();
  fake.putCustomer(fakeCustomer);
  fake.put(fresh('erp-1'));
  fake.put(fresh('erp-2'));
  const support = pathToFileURL(join(import.meta.dirname, 'support/fakeErp.ts')).href;
  const module = put(
    dir,
    'fake-erp.mjs',
    `import { FakeErpConnector } from ${JSON.stringify(support)};\n` +
      'export function createErpConnector(env) { return new FakeErpConnector(env.FAKE_ERP_URL); }\n',
  );
  const made = await cli(
    [
      'token',
      'create',
      '--name',
      'wired test',
      '--actor',
      'svc-test',
      '--scopes',
      'orders:read',
      '--data-dir',
      dataDir,
    ],
    { cwd: dir },
  );
  expect(made.code).toBe(EXIT.OK);
  token = made.out;
  tokenId = /created (tok_\S+)/.exec(made.err)?.[1] ?? '';
  service = await spawnServe(
    [
      '--data-dir',
      dataDir,
      '--policy',
      put(dir, 'policy.json', policy),
      '--erp-module',
      module,
      '--sync-interval',
      '3600',
    ],
    {
      ORDERGATE_ERP_SECRET: ERP_SECRET,
      ORDERGATE_WEBHOOK_SECRET: HOOK_SECRET,
      FAKE_ERP_URL: fake.url,
    },
  );
});

afterAll(async () => {
  const code = await service?.stop();
  await fake?.close();
  expect(code).toBe(EXIT.OK);
});

describe('issue 11 ordergate serve, wired', () => {
  it('issue 11 syncs the configured ERP at start: its orders are readable with a token made by token create', async () => {
    const picture = await until('erp-2 synced', async () => {
      const res = await get('/v1/orders/erp-2');
      return res.status === 200
        ? ((await res.json()) as { value: { workflow: { status: string } } })
        : undefined;
    });
    expect(picture.value.workflow.status).toBe('in_review');
    expect(service.output()).toContain('syncing fake through');
    expect(service.output()).toContain('/v1/webhooks/fake');
  });

  it('issue 11 write-back: the outbox worker applies the synced order’s effects to the ERP; /v1/outbox needs the sync scope', async () => {
    await until('erp-2 effects applied', () =>
      Promise.resolve(fake.counts.applied.some((k) => k.startsWith('erp-2:')) || undefined),
    );
    const outbox = await fetch(`${service.base}/v1/outbox?state=pending`, {
      headers: { authorization: `Bearer ${token}` },
    });
    // the test's token has only orders:read
    expect(outbox.status).toBe(403);
    expect(((await outbox.json()) as { code: string }).code).toBe('SCOPE_MISSING');
  });

  it('issue 11 a signed webhook syncs the order it names; an unsigned one is refused', async () => {
    fake.put(fresh('erp-3'));
    const body = JSON.stringify({ orders: ['erp-3'] });
    const ts = String(Math.floor(Date.now() / 1000));
    const headers = {
      'content-type': 'application/json',
      'x-ordergate-timestamp': ts,
      'x-ordergate-delivery': randomUUID(),
    };
    const unsigned = await fetch(`${service.base}/v1/webhooks/fake`, {
      method: 'POST',
      headers: { ...headers, 'x-ordergate-signature': 'sha256=00' },
      body,
    });
    expect(unsigned.status).toBe(401);
    const res = await fetch(`${service.base}/v1/webhooks/fake`, {
      method: 'POST',
      headers: {
        ...headers,
        'x-ordergate-signature': signWebhook(new SharedSecret(HOOK_SECRET), ts, body),
      },
      body,
    });
    expect(res.status).toBe(202);
    const status = await until('erp-3 synced', async () => {
      const r = await get('/v1/orders/erp-3');
      return r.status === 200
        ? ((await r.json()) as { value: { workflow: { status: string } } }).value.workflow.status
        : undefined;
    });
    expect(status).toBe('in_review');
  });

  it('issue 11 a user assertion is accepted once: its jti is kept in the store (PostgresReplayGuard)', async () => {
    const jwt = await signAssertion(new SharedSecret(ERP_SECRET), 'ordergate', {
      id: 'u-liu',
      groups: ['production'],
    });
    expect((await get('/v1/orders/erp-1', jwt)).status).toBe(200);
    const replay = await get('/v1/orders/erp-1', jwt);
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe('TOKEN_REPLAYED');
  });

  it('issue 11 a token lacking the scope is 403; the log lines on stdout are JSON, name the token id, never a credential', async () => {
    const res = await fetch(`${service.base}/v1/orders/erp-1/approve`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(403);
    expect(((await res.json()) as { code: string }).code).toBe('SCOPE_MISSING');
    const lines = service
      .output()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests.some((l) => l.tokenId === tokenId && l.credential === 'token')).toBe(true);
    expect(requests.some((l) => l.code === 'TOKEN_REPLAYED')).toBe(true);
    expect(lines.some((l) => l.msg === 'sync run')).toBe(true);
    expect(service.output()).not.toContain(token);
    expect(service.output()).not.toContain(ERP_SECRET);
    expect(service.output()).not.toContain(HOOK_SECRET);
  });
});

describe('issue 11 main command: serve --demo prints a ready-made API token', () => {
  const demoDir = join(dir, 'demo');
  const printedToken = async (s: ServiceProcess) =>
    until('the demo token', () =>
      Promise.resolve(/export OG_TOKEN=(og_[A-Za-z0-9_-]{43})/.exec(s.output())?.[1]),
    );

  it('issue 11 the printed token reads the seeded orders as the sales head; the next start revokes it', async () => {
    const first = await spawnServe(['--demo', '--data-dir', demoDir], {});
    let old = '';
    try {
      old = await printedToken(first);
      const res = await fetch(`${first.base}/v1/orders/so-regular`, {
        headers: { authorization: `Bearer ${old}` },
      });
      expect(res.status).toBe(200);
      expect(first.output()).toContain('curl -s');
      expect(first.output()).toMatch(/acting as Wang Qiang \(sales head\)/);
    } finally {
      expect(await first.stop()).toBe(EXIT.OK);
    }
    const second = await spawnServe(['--demo', '--data-dir', demoDir], {});
    try {
      const now = await printedToken(second);
      expect(now).not.toBe(old);
      const refused = await fetch(`${second.base}/v1/work-queue`, {
        headers: { authorization: `Bearer ${old}` },
      });
      expect(((await refused.json()) as { code: string }).code).toBe('TOKEN_REVOKED');
      const ok = await fetch(`${second.base}/v1/work-queue`, {
        headers: { authorization: `Bearer ${now}` },
      });
      expect(ok.status).toBe(200);
    } finally {
      expect(await second.stop()).toBe(EXIT.OK);
    }
  });
});
