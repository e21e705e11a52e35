import { NodePgDriver } from '../../drivers/NodePgDriver.js';
import { PgliteDriver } from '../../drivers/PgliteDriver.js';
import type { SqlDriver } from '../../drivers/SqlDriver.js';
import { migrate } from '../../migrations.js';
import type { CliCommand } from '../support/command.js';
import { describeTarget, storeTarget, type StoreOptions } from '../support/context.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/**
 * `ordergate migrate`: applies the migrations the store lacks and says which.
 *
 * @example
 * await runMigrate(io, { dataDir: './data' }); // "applied 1, 2: schema ordergate at version 2"
 */
export async function runMigrate(io: CliIo, options: StoreOptions): Promise<ExitCode> {
  const target = storeTarget(io, options);
  const schema = options.schema ?? io.env.ORDERGATE_SCHEMA ?? 'ordergate';
  let driver: SqlDriver | undefined;
  try {
    driver =
      target.kind === 'postgres'
        ? await NodePgDriver.connect({ connectionString: target.url, max: 2 })
        : await PgliteDriver.open({ dataDir: target.dataDir });
    const report = await migrate(driver, schema);
    io.out(
      report.applied.length === 0
        ? `schema ${schema} is current at version ${String(report.version)} (${describeTarget(target)})`
        : `applied ${report.applied.join(', ')}: schema ${schema} at version ${String(report.version)} (${describeTarget(target)})`,
    );
    return EXIT.OK;
  } catch (e) {
    throw new CliError(
      EXIT.STORE,
      `cannot migrate ${describeTarget(target)}: ${(e as Error).message.replaceAll(/\/\/[^@/\s]*@/g, '//***@')}`,
    );
  } finally {
    await driver?.close();
  }
}

/** The `migrate` entry of the subcommand table. */
export const migrateCommand: CliCommand = {
  name: 'migrate',
  register: (program, io, run) =>
    program
      .command('migrate')
      .description('apply the store migrations (serve also applies them at start)')
      .option('--data-dir <dir>', 'the embedded store (PGlite) directory')
      .option('--schema <name>', 'the PostgreSQL schema (default ordergate)')
      .action((opts: StoreOptions) => run(() => runMigrate(io, opts))),
};
