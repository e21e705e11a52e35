import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from '../../src/cli/support/io.js';
import { runCli } from '../../src/cli/program.js';

/** A folder of its own for a test's files. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'ordergate-cli-'));
}

/** Writes `content` (a string, or data as JSON) to `dir/name` and answers the path. */
export function put(dir: string, name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** Runs `ordergate args…` in this process, capturing what it prints. */
export async function cli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean },
) {
  const out: string[] = [];
  const err: string[] = [];
  let raw = '';
  const io: CliIo = {
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    errRaw: (text) => (raw += text),
    isTTY: options.tty ?? false,
    env: options.env ?? {},
    cwd: options.cwd,
  };
  const code = await runCli(args, io);
  return { code, out: out.join('\n'), err: err.join('\n'), raw };
}
