/**
 * Where a command writes: standard output for results, standard error for diagnostics and
 * progress, and whether standard error is a terminal (a progress bar) or not (progress lines).
 *
 * @example
 * const io = processIo();
 * io.out('ok');
 */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Writes to stderr without a newline (a progress bar redraws its line). */
  errRaw(text: string): void;
  /** True when stderr is a terminal. */
  isTTY: boolean;
  /** The environment the command reads (`DATABASE_URL`, `ORDERGATE_*`). */
  env: NodeJS.ProcessEnv;
  /** The folder relative paths start from. */
  cwd: string;
}

/**
 * The real process's streams and environment.
 *
 * @example
 * const code = await runCli(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    errRaw: (text) => process.stderr.write(text),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}
