// Issue 13, `pnpm start` as a process: PORT and SAMPLE_ERP_PORT move the two servers, and SIGTERM
// (what Ctrl-C's SIGINT does too) stops the service and then the sample ERP, exit 0, ports closed.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const cwd = mkdtempSync(join(tmpdir(), 'ordergate-start-process-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

describe('issue 13 pnpm start as a process', () => {
  it(
    'issue 13 PORT and SAMPLE_ERP_PORT are honoured; SIGTERM stops both, exit 0',
    { timeout: 240_000 },
    async () => {
      const [port, erpPort] = [await freePort(), await freePort()];
      const child = spawn(
        process.execPath,
        [
          '--import',
          pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href,
          join(root, 'examples/sample-erp/src/start.ts'),
        ],
        {
          cwd,
          env: {
            ...process.env,
            PORT: String(port),
            SAMPLE_ERP_PORT: String(erpPort),
            ORDERGATE_LOG_LEVEL: 'warn',
            TSX_TSCONFIG_PATH: join(root, 'tsconfig.json'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      await expect
        .poll(() => out, { timeout: 180_000, interval: 250 })
        .toContain('Ctrl-C stops both');
      expect(out).toContain(`Order desk:     http://127.0.0.1:${String(port)}/desk`);
      expect(out).toContain(`Sample ERP:     http://127.0.0.1:${String(erpPort)}`);
      expect((await fetch(`http://127.0.0.1:${String(erpPort)}/`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('SIGTERM: stopping the service, then the sample ERP');
      await expect(fetch(`http://127.0.0.1:${String(port)}/desk`)).rejects.toThrow();
      await expect(fetch(`http://127.0.0.1:${String(erpPort)}/`)).rejects.toThrow();
    },
  );
});
