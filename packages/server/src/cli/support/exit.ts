/**
 * The exit codes of `ordergate`, which scripts may rely on (listed in `ordergate --help`).
 *
 * @example
 * if (report.ok) return EXIT.OK; else return EXIT.FAILED;
 */
export const EXIT = {
  /** Done; the check passed. */
  OK: 0,
  /** The command ran and said no: blocking findings, policy problems, a broken audit chain, a refusal. */
  FAILED: 1,
  /** Usage or input: unknown command or option, a file that cannot be read or is not what it should be. */
  USAGE: 2,
  /** The store cannot be reached, opened or migrated. */
  STORE: 3,
  /** Anything else: a bug or an unexpected failure (the message says what). */
  INTERNAL: 4,
} as const;

/** One of the exit codes in `EXIT`. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The `--help` text that documents the exit codes. */
export const EXIT_HELP = `
Exit codes:
  0  done; the check passed
  1  the command ran and said no: blocking findings (assess), problems in a
     policy (policy check), a broken audit chain (audit verify), a refusal
  2  usage or bad input: unknown command or option, unreadable file, a file
     that is not an order / policy / customer
  3  the store cannot be reached, opened or migrated (DATABASE_URL, --data-dir)
  4  an unexpected error`;

/**
 * A failure a command reports with its exit code and a message for stderr (never a secret).
 *
 * @example
 * throw new CliError(EXIT.USAGE, `cannot read ${file}: no such file`);
 */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;
  /** Further lines to print under the message (e.g. every problem with its path). */
  readonly details: readonly string[];
  constructor(exitCode: ExitCode, message: string, details: readonly string[] = []) {
    super(message);
    this.exitCode = exitCode;
    this.details = details;
  }
}
