// Issue 13, the integrator's way: `ordergate sync --erp rest --erp-mapping mapping.yaml` against
// the real sample ERP on 127.0.0.1, the address and token from the environment the mapping names.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresStore } from '@ordergate/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_POLICY } from '../../../packages/server/src/cli/demo/company.js';
import type { CliIo } from '../../../packages/server/src/cli/support/io.js';
import { runCli } from '../../../packages/server/src/cli/program.js';
import { SAMPLE_ERP_MAPPING, startSampleErp, type SampleErp } from '../src/index.js';
import { TOKEN } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'sample-erp-cli-'));
let erp: SampleErp;

beforeAll(async () => {
  erp = await startSampleErp({ token: TOKEN });
});
afterAll(async () => {
  await erp?.close();
});

async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    errRaw: () => undefined,
    isTTY: false,
    env,
    cwd: dir,
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('issue 13 ordergate sync --erp rest against the sample ERP', () => {
  it('issue 13 IN-2 one run takes the seeded cases in as the mapping says: the incomplete one returned, the others in the core', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, JSON.stringify(DEMO_POLICY));
    const dataDir = join(dir, 'data');
    const r = await cli(
      [
        'sync',
        '--erp',
        'rest',
        '--erp-mapping',
        SAMPLE_ERP_MAPPING,
        '--data-dir',
        dataDir,
        '--policy',
        policy,
      ],
      { SAMPLE_ERP_URL: erp.url, SAMPLE_ERP_TOKEN: TOKEN },
    );
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`syncing sample-erp at ${erp.url}/api`);
    expect(r.err).toContain('5: returned (RETURNED IN-2)');
    expect(r.out).toMatch(/sync run 1: 1 page; .*4 submitted.*1 returned|1 returned.*4 submitted/);
    expect(r.out + r.err).not.toContain(TOKEN);
    const store = await PostgresStore.open({ dataDir });
    try {
      const rows = await store.driver.query<{ n: number }>(
        `select count(*)::int as n from ordergate.sync_runs`,
      );
      expect(rows[0]!.n).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('issue 13 --erp-name renames the source; a wrong token is a failed run (exit 1), never printed', async () => {
    const r = await cli(
      [
        'sync',
        '--erp-mapping',
        SAMPLE_ERP_MAPPING,
        '--erp-name',
        'erp-two',
        '--data-dir',
        join(dir, 'd2'),
      ],
      { SAMPLE_ERP_URL: erp.url, SAMPLE_ERP_TOKEN: 'not-the-token-of-this-erp-0123' },
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('syncing erp-two at');
    expect(r.err).toContain('the sync failed');
    expect(r.out + r.err).not.toContain('not-the-token-of-this-erp-0123');
  });
});
