import { formatMessage } from '@ordergate/core';
import type { CliCommand } from '../support/command.js';
import { actorFrom, gate, openStore, policyFrom, type StoreOptions } from '../support/context.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate archive file`. */
export interface ArchiveFileOptions extends StoreOptions {
  month?: string;
  as?: string;
  groups?: string;
  policy?: string;
  json?: boolean;
}

/**
 * `ordergate archive file --month YYYY-MM --as <user>`: the month's filing run (AR-3,
 * `Ordergate.fileMonth`), as the person named (the core checks they may). Prints what was filed,
 * late and carried over; a refusal is exit 1 with the rule and the reason.
 *
 * @example
 * const code = await runArchiveFile(io, { month: '2026-03', as: 'u-gao', groups: 'archive_office' });
 */
export async function runArchiveFile(io: CliIo, options: ArchiveFileOptions): Promise<ExitCode> {
  const month = options.month ?? '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    throw new CliError(EXIT.USAGE, `--month must be YYYY-MM, not ${JSON.stringify(month)}`);
  }
  const actor = actorFrom(options);
  const policy = policyFrom(io, options.policy);
  const store = await openStore(io, options, 2);
  try {
    const r = await gate(store, policy).fileMonth(month, actor);
    if (!r.ok) {
      io.out(
        `refused: ${r.code}${r.ruleId ? ` (${r.ruleId})` : ''}: ${formatMessage(r.messageKey, r.params, 'en')}`,
      );
      return EXIT.FAILED;
    }
    const report = r.value;
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else {
      io.out(
        `filed ${report.month} (due ${report.dueDate}, ${report.onTime ? 'on time' : 'late'}): ${String(report.filed.length)} filed, ${String(report.late.length)} late, ${String(report.carriedOver.length)} carried over`,
      );
      for (const e of report.filed)
        io.out(`  ${e.filingNumber}  ${e.orderNumber}  ${e.customerId}`);
    }
    return EXIT.OK;
  } finally {
    await store.close();
  }
}

/** The `archive file` entry of the subcommand table. */
export const archiveFileCommand: CliCommand = {
  name: 'archive file',
  register: (group, io, run) =>
    group
      .command('file')
      .description('file the month’s signed contracts (AR-3) as --as; exit 1 when refused')
      .requiredOption('--month <YYYY-MM>', 'the month to file')
      .option('--as <user>', 'who files (their ERP id)')
      .option('--groups <a,b>', 'their ERP groups')
      .option('--data-dir <dir>', 'the embedded store (PGlite) directory')
      .option('--schema <name>', 'the PostgreSQL schema (default ordergate)')
      .option('--policy <file>', 'the policy, YAML or JSON')
      .option('--json', 'print the filing report as JSON')
      .action((opts: ArchiveFileOptions) => run(() => runArchiveFile(io, opts))),
};
