// Where a GET order's time goes under load: starts a throwaway PostgreSQL cluster, runs
// `ordergate serve` under `node --cpu-prof`, drives GET /v1/orders/{id} with autocannon at
// PROFILE_CONNECTIONS (16) for PROFILE_SECONDS (10), stops the service, and prints the frames
// with the most self time and the source files with the most inclusive-by-file self time.
//
//   pnpm --filter @ordergate/server exec tsx bench/profile.ts
import { spawn } from 'node:child_process';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { orderInput } from '../test/support/scenario.js';
import startCluster from '../test/setup/postgres.js';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 16);
const SECRET = 'bench-only-shared-secret-0123456789abcdef';
const POLICY = {
  roles: {
    salesperson: { groups: ['sales'] },
    salesHead: { groups: ['sales_heads'] },
    production: { groups: ['production'] },
  },
  credit: { withoutFacts: 'info' },
};
const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });
function assertion(actor: { id: string; groups: string[] }): string {
  const iat = Math.floor(Date.now() / 1000);
  const body = `${HEADER}.${b64({ sub: actor.id, groups: actor.groups, aud: 'ordergate', iat, exp: iat + 120, jti: randomUUID() })}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function report(file: string): void {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFrame = new Map<string, number>();
  const byFile = new Map<string, number>();
  const short = (url: string) =>
    url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '');
  for (const n of profile.nodes) {
    const t = self.get(n.id) ?? 0;
    const { functionName, url, lineNumber } = n.callFrame;
    const key = `${functionName || '(anonymous)'} ${short(url)}:${String(lineNumber + 1)}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + t);
    const pkg = short(url)
      .split('/')
      .slice(0, url.includes('node_modules') ? 2 : 6)
      .join('/');
    byFile.set(pkg || functionName, (byFile.get(pkg || functionName) ?? 0) + t);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `  ${((100 * v) / total).toFixed(1).padStart(5)} %  ${k}`)
      .join('\n');
  console.log(
    `\nself time by frame (top 30 of ${String(total / 1000)} ms sampled):\n${top(byFrame, 30)}`,
  );
  console.log(`\nself time by package / source folder:\n${top(byFile, 25)}`);
}

const dir = mkdtempSync(join(tmpdir(), 'ordergate-profile-'));
writeFileSync(join(dir, 'policy.json'), JSON.stringify(POLICY));
let url = '';
const stopCluster = await startCluster({
  provide: (_k: string, v: { url: string } | { skipped: string }) => {
    if ('url' in v) url = v.url;
  },
} as never);
try {
  const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
  const tsx = createRequire(import.meta.url).resolve('tsx');
  const child = spawn(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--import', tsx, main, 'serve', '--port', '0'],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        ORDERGATE_ERP_SECRET: SECRET,
        ORDERGATE_POLICY: join(dir, 'policy.json'),
        ORDERGATE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  const base = await new Promise<string>((resolve) =>
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    }),
  );
  const order = {
    ...orderInput('bench-read'),
    enteredAt: new Date().toISOString(),
    requestedDeliveryDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  };
  const res = await fetch(`${base}/v1/orders`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${assertion({ id: 'u-li', groups: ['sales'] })}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify(order),
  });
  if (res.status !== 201) throw new Error(`submit: ${String(res.status)}`);
  const liu = { id: 'u-liu', groups: ['production'] };
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          method: 'GET',
          path: '/v1/orders/bench-read',
          headers: { authorization: `Bearer ${assertion(liu)}` },
        }),
      },
    ],
  });
  console.log(
    `GET order c=${String(CONNECTIONS)}: ${result.requests.average.toFixed(0)} req/s, p50 ${String(result.latency.p50)} ms, p99 ${String(result.latency.p99)} ms, non-2xx ${String(result.non2xx)}`,
  );
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  const prof = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!prof) throw new Error('no profile written');
  report(join(dir, prof));
  console.log(`\nprofile: ${join(dir, prof)}`);
} finally {
  stopCluster?.();
}
