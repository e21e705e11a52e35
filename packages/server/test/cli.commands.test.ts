// The ordergate CLI's commands, run in this process on real files and a real PGlite directory:
// what they print and the exit codes a script relies on (issue 11, CLI).
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy } from '@ordergate/core';
import { PgliteDriver, PostgresStore } from '../src/index.js';
import { gate } from '../src/cli/support/context.js';
import { DEMO_CUSTOMERS, DEMO_POLICY, demoOrder } from '../src/cli/demo/company.js';
import { seedDemo } from '../src/cli/demo/seed.js';
import { EXIT } from '../src/cli/support/exit.js';
import { cli, put, scratch } from './support/cli.js';

const dir = scratch();
const at = '2026-03-02T09:00:00+08:00';
const now = Date.parse(at);

describe('issue 11 CLI: usage and exit codes', () => {
  it('--help lists every command and documents the exit codes 0–4', async () => {
    const r = await cli(['--help'], { cwd: dir });
    expect(r.code).toBe(EXIT.OK);
    for (const word of ['serve', 'migrate', 'assess', 'policy', 'audit', 'archive'])
      expect(r.out).toContain(word);
    expect(r.out).toMatch(
      /Exit codes:[\s\S]*0 {2}done[\s\S]*1 {2}the command ran and said no[\s\S]*2 {2}usage[\s\S]*3 {2}the store/,
    );
  });

  it('an unknown command or option is exit 2 with a hint', async () => {
    expect((await cli(['frobnicate'], { cwd: dir })).code).toBe(EXIT.USAGE);
    const r = await cli(['policy', 'check', 'x.yaml', '--frob'], { cwd: dir });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain("unknown option '--frob'");
  });

  it('every command the issue names is registered: token, sync and outbox are there', async () => {
    const help = await cli(['--help'], { cwd: dir });
    expect(help.out).toMatch(/^\s+token\s/m);
    expect(help.out).toMatch(/^\s+sync \[options\]/m);
    expect(help.out).toMatch(/^\s+outbox\s/m);
    expect((await cli(['outbox'], { cwd: dir })).code).toBe(EXIT.USAGE);
    const token = await cli(['token', '--help'], { cwd: dir });
    for (const sub of ['create', 'revoke', 'list'])
      expect(token.out).toMatch(new RegExp(`^\\s+${sub}\\b`, 'm'));
    // a group without its subcommand, and sync without an ERP, say how instead of doing nothing
    expect((await cli(['token'], { cwd: dir })).code).toBe(EXIT.USAGE);
    expect((await cli(['sync'], { cwd: dir })).code).toBe(EXIT.USAGE);
  });
});

describe('issue 11 CLI: policy check', () => {
  it('a good YAML policy is exit 0 with a summary', async () => {
    const file = put(
      dir,
      'good.yaml',
      'timeZone: Asia/Shanghai\nroles:\n  salesHead:\n    users: [u-wang]\n',
    );
    const r = await cli(['policy', 'check', file], { cwd: dir });
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^ok: .*good\.yaml — \d+ roles, time zone Asia\/Shanghai$/);
  });

  it('a policy with problems is exit 1 and prints every problem with its path', async () => {
    const file = put(dir, 'bad.json', {
      timeZone: 'Mars/Olympus',
      roles: { salesHead: { userz: ['u-wang'] } },
      review: { pricing: { minLeadTimeDays: -3 } },
    });
    const r = await cli(['policy', 'check', file], { cwd: dir });
    expect(r.code).toBe(EXIT.FAILED);
    expect(r.out).toContain('timeZone');
    expect(r.out).toContain('roles.salesHead');
    expect(r.out).toContain('review.pricing.minLeadTimeDays');
  });

  it('a missing file or one that is not YAML is exit 2, naming the file', async () => {
    const missing = await cli(['policy', 'check', 'nope.yaml'], { cwd: dir });
    expect(missing.code).toBe(EXIT.USAGE);
    expect(missing.err).toContain('cannot read nope.yaml: ENOENT');
    const broken = put(dir, 'broken.yaml', 'roles: [\n  a: b\n');
    const r = await cli(['policy', 'check', broken], { cwd: dir });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(/is not YAML \(line \d+\)/);
  });
});

describe('issue 11 CLI: assess (IN-2, RV-4, CR-4), nothing stored', () => {
  const policy = () => put(dir, 'policy.json', DEMO_POLICY);
  const customer = () => put(dir, 'hengtai.json', DEMO_CUSTOMERS.hengtai);

  it('RV-3 RV-5 a regular order with its customer passes: exit 0, the approval findings printed', async () => {
    const order = put(dir, 'regular.yaml', JSON.stringify(demoOrder('so-1', now)));
    const r = await cli(
      ['assess', order, '--policy', policy(), '--customer', customer(), '--at', at],
      { cwd: dir },
    );
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^APPROVAL RV-5/m);
    expect(r.out).toContain('pass: so-1 would be received for review');
  });

  it('IN-2 an incomplete order is exit 1 with every blocking finding; --json says pass: false', async () => {
    const order = put(
      dir,
      'incomplete.json',
      demoOrder('so-2', now, {
        contact: { name: '', phone: 'call me', email: '' },
        paymentTerms: '',
      }),
    );
    const r = await cli(
      ['assess', order, '--policy', policy(), '--customer', customer(), '--at', at, '--json'],
      { cwd: dir },
    );
    expect(r.code).toBe(EXIT.FAILED);
    const report = JSON.parse(r.out) as {
      pass: boolean;
      findings: { ruleId: string; severity: string }[];
    };
    expect(report.pass).toBe(false);
    expect(report.findings.filter((f) => f.severity === 'block').map((f) => f.ruleId)).toContain(
      'IN-2',
    );
  });

  it('CR-1 without the customer’s credit facts the default policy holds: exit 1', async () => {
    const order = put(dir, 'nofacts.json', demoOrder('so-3', now));
    const r = await cli(['assess', order, '--at', at], { cwd: dir });
    expect(r.code).toBe(EXIT.FAILED);
    expect(r.out).toMatch(/^BLOCK +CR-1/m);
  });

  it('a file that is not an order at all is exit 2 with every bad field', async () => {
    const order = put(dir, 'notorder.json', { id: 7, lines: 'none' });
    const r = await cli(['assess', order], { cwd: dir });
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain('is not an order');
    expect(r.err).toMatch(/^ {2}id: /m);
    expect(r.err).toMatch(/^ {2}lines: /m);
  });
});

describe('issue 11 CLI: migrate, audit verify and archive file on a PGlite directory', () => {
  const dataDir = join(dir, 'data');
  const policyFile = join(dir, 'demo-policy.json');

  beforeAll(async () => {
    put(dir, 'demo-policy.json', DEMO_POLICY);
    const first = await cli(['migrate', '--data-dir', dataDir], { cwd: dir });
    expect(first.code).toBe(EXIT.OK);
    expect(first.out).toMatch(/^applied 1(, \d+)*: schema ordergate at version \d+/);
    const store = await PostgresStore.open({ dataDir });
    await seedDemo(gate(store, loadPolicy(DEMO_POLICY)), Date.now());
    await store.close();
  });

  it('migrate again says the schema is current', async () => {
    const r = await cli(['migrate', '--data-dir', dataDir], { cwd: dir });
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^schema ordergate is current at version \d+ \(PGlite in /);
  });

  it('AR-2 audit verify: exit 0, plain progress lines when stderr is not a terminal', async () => {
    const r = await cli(['audit', 'verify', '--data-dir', dataDir, '--policy', policyFile], {
      cwd: dir,
    });
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^ok: \d+ streams, \d+ events, \d+ records verify$/);
    expect(r.err).toMatch(/verifying audit chains: \d+\/\d+ \(100 %\)/);
    expect(r.raw).toBe('');
  });

  it('AR-2 audit verify draws a bar on a terminal', async () => {
    const r = await cli(['audit', 'verify', '--data-dir', dataDir, '--policy', policyFile], {
      cwd: dir,
      tty: true,
    });
    expect(r.code).toBe(EXIT.OK);
    expect(r.raw).toMatch(/\rverifying audit chains \[█+\] (\d+)\/\1/);
  });

  it('AR-2 audit verify: an edited audit event is exit 1, naming the stream', async () => {
    // tamper behind the store's back, as an intruder with database access would
    const db = await PgliteDriver.open({ dataDir });
    await db.query(
      `UPDATE ordergate.audit_events SET text = replace(text, 'u-liu', 'u-he') WHERE stream = 'order:so-change' AND text LIKE '%u-liu%'`,
      [],
    );
    await db.close();
    const r = await cli(['audit', 'verify', '--data-dir', dataDir, '--policy', policyFile], {
      cwd: dir,
    });
    expect(r.code).toBe(EXIT.FAILED);
    expect(r.out).toMatch(/^FAILED: \d+ problem\(s\)/);
    expect(r.out).toMatch(/CHAIN_BROKEN order:so-change/);
  });

  it('AR-3 archive file: a bad month is exit 2; a person who may not file is refused with exit 1', async () => {
    expect(
      (await cli(['archive', 'file', '--month', '2026-13', '--as', 'u-gao'], { cwd: dir })).code,
    ).toBe(EXIT.USAGE);
    const r = await cli(
      [
        'archive',
        'file',
        '--month',
        '2026-03',
        '--as',
        'u-li',
        '--groups',
        'sales',
        '--data-dir',
        dataDir,
        '--policy',
        policyFile,
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(EXIT.FAILED);
    expect(r.out).toMatch(/^refused: NOT_ELIGIBLE/);
  });

  it('AR-3 archive file by the sales assistant files the month: exit 0', async () => {
    const r = await cli(
      [
        'archive',
        'file',
        '--month',
        '2026-03',
        '--as',
        'u-zhou',
        '--groups',
        'sales_assistants',
        '--data-dir',
        dataDir,
        '--policy',
        policyFile,
      ],
      { cwd: dir },
    );
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/^filed 2026-03 \(due 2026-03-25, /);
  });

  it('a store that cannot be reached is exit 3, without the password', async () => {
    const r = await cli(['audit', 'verify'], {
      cwd: dir,
      env: { DATABASE_URL: 'postgres://og:s3cret-pw@127.0.0.1:1/none' },
    });
    expect(r.code).toBe(EXIT.STORE);
    expect(r.err).toContain(
      'cannot open the store (PostgreSQL at postgres://og:***@127.0.0.1:1/none)',
    );
    expect(r.err).not.toContain('s3cret-pw');
  });
});
