// vitest globalSetup of the server project: a throwaway PostgreSQL cluster for the node-postgres
// tests. It finds Debian's binaries (/usr/lib/postgresql/<major>/bin) or initdb on PATH, runs
// initdb as the `postgres` user when we are root (initdb refuses root), listens on 127.0.0.1 on
// a free port with its socket in the temporary directory, hands the connection string to the
// tests (`inject('postgres')`) and removes everything afterwards.
//
// ORDERGATE_PG_URL=postgres://… uses that server instead (each test file works in schemas of
// its own). Without binaries the run fails with a message saying how to install them; only
// ORDERGATE_SKIP_PG=1, outside CI, skips the PostgreSQL tests instead.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection string of the test server, or why there is none (skipped). */
    postgres: { url: string } | { skipped: string };
  }
}

const INSTALL_HINT =
  'install PostgreSQL (Debian: apt-get install -y postgresql; .ci/run does this) or set ORDERGATE_PG_URL=postgres://…; ' +
  'to skip the real-PostgreSQL tests on your own machine, set ORDERGATE_SKIP_PG=1 (ignored in CI)';

/** The bin directory of the newest PostgreSQL found, or undefined. */
function findBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const majors = readdirSync(root)
      .filter((d) => /^\d+$/.test(d) && existsSync(join(root, d, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (majors[0]) return join(root, majors[0], 'bin');
  }
  const which = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const found = which.status === 0 ? which.stdout.trim() : '';
  return found ? found.slice(0, found.lastIndexOf('/')) : undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<(() => void) | undefined> {
  const given = process.env.ORDERGATE_PG_URL;
  if (given) {
    project.provide('postgres', { url: given });
    return undefined;
  }
  const ci = Boolean(process.env.CI);
  const skip = process.env.ORDERGATE_SKIP_PG === '1' && !ci;
  if (skip) {
    project.provide('postgres', { skipped: 'ORDERGATE_SKIP_PG=1' });
    return undefined;
  }
  const bin = findBinaries();
  if (!bin) {
    throw new Error(
      `PostgreSQL tests: no initdb found under /usr/lib/postgresql/*/bin or on PATH: ${INSTALL_HINT}`,
    );
  }

  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'ordergate-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const run = (file: string, args: string[]) => {
    const [cmd, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, file), ...args]]
      : [join(bin, file), args];
    return execFileSync(cmd, argv, { stdio: 'pipe', encoding: 'utf8', cwd: dir });
  };
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        `PostgreSQL tests: running as root and there is no postgres user: ${INSTALL_HINT}`,
      );
    }
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }

  const port = await freePort();
  try {
    run('initdb', ['-D', data, '-U', 'ordergate', '--auth=trust', '-E', 'UTF8', '--no-locale']);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      log,
      '-w',
      '-t',
      '60',
      '-o',
      // a test cluster: nothing needs to survive a crash
      `-c listen_addresses=127.0.0.1 -p ${String(port)} -k ${dir} -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
  } catch (error) {
    const detail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: string }).stderr ?? String(error);
    throw new Error(
      `PostgreSQL tests: could not start a test cluster with ${bin}: ${stderr}\n${detail}`,
    );
  }
  project.provide('postgres', { url: `postgres://ordergate@127.0.0.1:${String(port)}/postgres` });

  return () => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
