import { SyncService, type SyncEvent, type SyncReport } from '../../sync/SyncService.js';
import type { CliCommand } from '../support/command.js';
import { gate, openStore, policyFrom, splitList, type StoreOptions } from '../support/context.js';
import { ERP_HELP, erpFrom, type ErpOptions } from '../support/erp.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate sync`. */
export interface SyncCommandOptions extends StoreOptions, ErpOptions {
  orders?: string;
  policy?: string;
  json?: boolean;
}

/** The order of the summary's counts. */
const OUTCOMES = [
  'submitted',
  'returned',
  'resubmitted',
  'unchanged',
  'refused',
  'rejected',
  'customers',
] as const;

/**
 * One line summing up a run: `ran: 3 submitted, 1 refused, …` or why it did not run.
 *
 * @example
 * summary({ ran: true, runId: 1, trigger: 'cli', pages: 1, counts: { submitted: 2 } });
 * // 'sync run 1: 1 page; 2 submitted'
 */
export function summary(report: SyncReport): string {
  if (!report.ran) return 'not run: another instance is syncing this ERP now (advisory lock)';
  const counts = OUTCOMES.filter((k) => (report.counts[k] ?? 0) > 0).map(
    (k) => `${String(report.counts[k])} ${k}`,
  );
  return `sync run ${String(report.runId)}: ${String(report.pages)} page${report.pages === 1 ? '' : 's'}; ${counts.length ? counts.join(', ') : 'nothing changed'}`;
}

/**
 * `ordergate sync`: one sync run through the configured ERP's `SyncService` — incremental from
 * the stored checkpoint (`syncOnce`), or the orders `--orders a,b` names as the ERP has them now
 * (`syncOrders`). Each order's outcome is a progress line on stderr (a counter on a terminal);
 * the summary goes to stdout. Exit 0 when it ran and every order was taken in (refusals by the
 * rules included: the workflow decided); 1 when another instance holds the ERP's lock, an
 * order could not be read as an order, or the ERP failed midway; 2 when no ERP is configured.
 *
 * @example
 * const code = await runSync(io, { erp: 'odoo' }); // ODOO_URL, ODOO_DB, ODOO_USER, ODOO_KEY
 */
export async function runSync(io: CliIo, options: SyncCommandOptions): Promise<ExitCode> {
  const policy = policyFrom(io, options.policy);
  const orders = options.orders === undefined ? undefined : splitList(options.orders);
  if (orders !== undefined && orders.length === 0) {
    throw new CliError(EXIT.USAGE, '--orders must name at least one ERP order id (a,b,c)');
  }
  const erp = await erpFrom(io, options, policy);
  if (!erp) {
    throw new CliError(
      EXIT.USAGE,
      'no ERP is configured: give --erp odoo, --erp rest --erp-mapping <file>, or --erp-module <file>',
      [...ERP_HELP.trim().split('\n')],
    );
  }
  const store = await openStore(io, options, 2);
  let handled = 0;
  const onEvent = (event: SyncEvent) => {
    if (event.type !== 'order') return;
    handled++;
    const why = [event.code, event.ruleId].filter(Boolean).join(' ');
    if (io.isTTY) io.errRaw(`\r${erp.connector.erp}: ${String(handled)} orders…`);
    else io.err(`${event.orderId}: ${event.outcome}${why ? ` (${why})` : ''}`);
  };
  try {
    const sync = new SyncService({
      og: gate(store, policy),
      erp: erp.connector,
      driver: store.driver,
      schema: store.schema,
      onEvent,
      ...(erp.submitter ? { submitter: erp.submitter } : {}),
    });
    io.err(
      `syncing ${erp.description}${orders ? `: orders ${orders.join(', ')}` : ' from the stored checkpoint'}…`,
    );
    let report: SyncReport;
    try {
      report = orders ? await sync.syncOrders(orders, 'cli') : await sync.syncOnce('cli');
    } catch (e) {
      if (io.isTTY && handled > 0) io.errRaw('\n');
      throw new CliError(
        EXIT.FAILED,
        `the sync failed after ${String(handled)} orders (the checkpoint stays at the last whole page): ${(e as Error).message}`,
      );
    }
    if (io.isTTY && handled > 0) io.errRaw('\n');
    io.out(options.json ? JSON.stringify(report) : summary(report));
    if (!report.ran) return EXIT.FAILED;
    return (report.counts.rejected ?? 0) > 0 ? EXIT.FAILED : EXIT.OK;
  } finally {
    await store.close();
  }
}

/** The `sync` entry of the subcommand table. */
export const syncCommand: CliCommand = {
  name: 'sync',
  register: (program, io, run) =>
    program
      .command('sync')
      .description('one sync run with the ERP: incremental from the checkpoint, or --orders')
      .option(
        '--erp <kind>',
        'the ERP connector: odoo (ODOO_* variables), rest (--erp-mapping), or module',
      )
      .option('--erp-mapping <file>', 'the REST mapping of the ERP (YAML or JSON), for --erp rest')
      .option('--erp-name <name>', 'the REST ERP’s name (default: the mapping’s)')
      .option('--erp-module <file>', 'a module exporting createErpConnector(env)')
      .option('--orders <id,…>', 'sync only these ERP orders, as the ERP has them now')
      .option('--data-dir <dir>', 'the embedded store (PGlite) directory')
      .option('--schema <name>', 'the PostgreSQL schema (default ordergate)')
      .option('--policy <file>', 'the policy, YAML or JSON')
      .option('--json', 'print the report as JSON')
      .addHelpText(
        'after',
        `${ERP_HELP}\n\nExit 0 when the run took every order in (the rules may refuse some: that is the workflow);\n` +
          '1 when another instance is syncing this ERP, an order could not be read, or the ERP failed.',
      )
      .action((opts: SyncCommandOptions) => run(() => runSync(io, opts))),
};
