import { dirname, join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadPolicy, type Ordergate } from '@ordergate/core';
import { createApp } from '../../http/app.js';
import type { DeskOptions } from '../../http/routes/desk.js';
import { SharedSecret } from '../../http/shared/secret.js';
import { serve } from '../../http/serve.js';
import type { WebhookOptions } from '../../http/webhooks.js';
import { PostgresReplayGuard } from '../../identity/PostgresReplayGuard.js';
import { TokenStore } from '../../identity/TokenStore.js';
import { PeopleDirectory } from '../../identity/PeopleDirectory.js';
import { createLogger, type Logger } from '../../logging.js';
import { SyncService, type SyncEvent } from '../../sync/SyncService.js';
import { advisoryLock } from '../../worker/advisoryLock.js';
import { DeadlineRunner } from '../../worker/DeadlineRunner.js';
import { erpReceiver } from '../../worker/erpReceiver.js';
import { OutboxWorker } from '../../worker/OutboxWorker.js';
import type { CliCommand } from '../support/command.js';
import {
  describeTarget,
  gate,
  openStore,
  policyFrom,
  storeTarget,
  type StoreOptions,
} from '../support/context.js';
import { DEMO_PEOPLE, DEMO_POLICY } from '../demo/company.js';
import { DEFAULT_AUDIENCE, demoSecret, demoToken } from '../demo/credentials.js';
import { ERP_HELP, erpFrom, type ErpOptions } from '../support/erp.js';
import { seedDemo, type SeededOrder } from '../demo/seed.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate serve`. */
export interface ServeCommandOptions extends StoreOptions, ErpOptions {
  port?: string;
  /** pino's level for the JSON log lines on stdout (default info, or ORDERGATE_LOG_LEVEL). */
  logLevel?: string;
  /** Seconds between incremental syncs when an ERP is configured (default 60). */
  syncInterval?: string;
  host?: string;
  policy?: string;
  audience?: string;
  maxConnections?: string;
  demo?: boolean;
}

/** The levels `--log-level` takes (pino's, and `silent`). */
const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/** Logs what a sync did: a line per run (and per refused or rejected order), errors at error. */
function syncLogger(logger: Logger): (event: SyncEvent) => void {
  return (event) => {
    if (event.type === 'run') logger.info({ erp: event.erp, sync: event.run }, 'sync run');
    else if (event.type === 'error')
      logger.error({ erp: event.erp, err: event.error }, 'sync failed');
    else if (event.outcome === 'refused' || event.outcome === 'rejected')
      logger.warn({ ...event }, 'sync order not taken in');
    else logger.debug({ ...event }, 'sync order');
  };
}

/** The embedded store of the demo, apart from a real one. */
export const DEMO_DATA_DIR = '.ordergate/demo';

/**
 * Where the demo keeps its ERP secret: beside the demo's data directory (or in
 * `./.ordergate` on PostgreSQL).
 *
 * @example
 * demoSecretFile(io, {}); // '<cwd>/.ordergate/demo-erp-secret'
 */
export function demoSecretFile(io: CliIo, options: StoreOptions): string {
  const target = storeTarget(io, { dataDir: options.dataDir ?? DEMO_DATA_DIR });
  return target.kind === 'pglite'
    ? join(dirname(target.dataDir), 'demo-erp-secret')
    : join(io.cwd, '.ordergate', 'demo-erp-secret');
}

/** How a person runs this CLI, for the printed commands: `pnpm -s ordergate` in the repository. */
function cliName(io: CliIo): string {
  return io.env.npm_lifecycle_event ? 'pnpm -s ordergate' : 'ordergate';
}

function port(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new CliError(EXIT.USAGE, `--port must be a port number 0…65535, not ${value}`);
  return n;
}

/** A service `startServe` started: where it listens, and how to stop it. */
export interface RunningService {
  /** `http://127.0.0.1:8080`. */
  url: string;
  og: Ordergate;
  /** The sync with the ERP, when one is configured. */
  sync: SyncService | undefined;
  /** With `--demo` and the desk: a sign-in address per demo person (`u-liu` → `…/desk#token=…`). */
  deskSignIns: Record<string, string>;
  /**
   * Stops taking requests, lets those in flight finish (10 s at most), stops the sync, the outbox
   * worker and the deadline runner, then closes the store. Answers the exit code; calling it
   * again answers the same promise.
   */
  stop(): Promise<ExitCode>;
}

/**
 * `ordergate serve` without the signal handling: migrates the store, listens, starts the sync,
 * the outbox worker and the deadline runner, prints what `--demo` prints, and answers the
 * running service. `runServe` is this plus SIGTERM/SIGINT; the sample ERP's launcher
 * (`pnpm start`) calls it to run the service beside the sample ERP in one process.
 * @throws {CliError} `EXIT.USAGE` for a bad option, a missing secret or a port in use.
 *
 * @example
 * const service = await startServe(io, { port: '0', demo: true });
 * console.log(service.url);
 * await service.stop();
 */
export async function startServe(io: CliIo, options: ServeCommandOptions): Promise<RunningService> {
  const demo = options.demo === true;
  const storeOptions: StoreOptions = {
    ...(options.dataDir || demo ? { dataDir: options.dataDir ?? DEMO_DATA_DIR } : {}),
    ...(options.schema ? { schema: options.schema } : {}),
  };
  const policy =
    demo && !options.policy && !io.env.ORDERGATE_POLICY
      ? loadPolicy(DEMO_POLICY)
      : policyFrom(io, options.policy);
  const audience = options.audience ?? io.env.ORDERGATE_AUDIENCE ?? DEFAULT_AUDIENCE;
  let secret: SharedSecret;
  const given = io.env.ORDERGATE_ERP_SECRET;
  try {
    if (given) secret = new SharedSecret(given);
    else if (demo) secret = demoSecret(demoSecretFile(io, storeOptions));
    else
      throw new CliError(
        EXIT.USAGE,
        'set ORDERGATE_ERP_SECRET to the key the ERP signs user assertions with (at least 32 bytes), or run with --demo',
      );
  } catch (e) {
    if (e instanceof RangeError)
      throw new CliError(EXIT.USAGE, `ORDERGATE_ERP_SECRET: ${e.message}`);
    throw e;
  }
  const listenPort = port(options.port ?? io.env.PORT, 8080);
  const hostname = options.host ?? '127.0.0.1';
  const pool = options.maxConnections === undefined ? 10 : Number(options.maxConnections);
  if (!Number.isInteger(pool) || pool < 1)
    throw new CliError(EXIT.USAGE, `--max-connections must be a positive integer`);
  const logLevel = options.logLevel ?? io.env.ORDERGATE_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel))
    throw new CliError(EXIT.USAGE, `--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const syncSeconds = options.syncInterval === undefined ? 60 : Number(options.syncInterval);
  if (!Number.isFinite(syncSeconds) || syncSeconds < 1)
    throw new CliError(EXIT.USAGE, '--sync-interval must be a number of seconds ≥ 1');
  const erp = await erpFrom(io, options, policy);

  const store = await openStore(io, storeOptions, pool);
  const logger = createLogger({ level: logLevel, base: { service: 'ordergate' } });
  // With an ERP, effects are written back through the outbox (decision 020): the worker
  // delivers them to the connector, retrying with backoff, dead letters visible at /v1/outbox.
  const og = gate(store, policy, erp ? erpReceiver(erp.connector) : undefined);
  const worker = erp
    ? new OutboxWorker({
        og,
        onError: (err) => logger.error({ err }, 'outbox delivery pass failed'),
      })
    : undefined;
  // RV-2 escalations, CR-4 release expiry, CH-2 and TR-2 checks: one instance at a time.
  const deadlines = new DeadlineRunner({
    og,
    lock: advisoryLock(store.driver),
    intervalMs: 60_000,
    onChecks: (checks) => {
      logger.info({ checks: checks.length }, 'scheduled checks');
      worker?.poke();
    },
    onError: (err) => logger.error({ err }, 'scheduled checks failed'),
  });
  logger.level = logLevel; // the option wins over ORDERGATE_LOG_LEVEL, which createLogger prefers
  const shared = { schema: store.schema };
  const tokens = new TokenStore(store.driver, shared);
  const replayGuard = new PostgresReplayGuard(store.driver, shared);
  const people = new PeopleDirectory(store.driver, shared);
  const sync = erp
    ? new SyncService({
        og,
        erp: erp.connector,
        driver: store.driver,
        schema: store.schema,
        intervalMs: syncSeconds * 1000,
        onEvent: syncLogger(logger),
        ...(erp.submitter ? { submitter: erp.submitter } : {}),
      })
    : undefined;
  const webhooks: WebhookOptions | undefined =
    sync && erp?.webhookSecret
      ? {
          sources: { [sync.erp]: { secret: erp.webhookSecret, sync, ...erp.webhook } },
          deliveries: sync.log,
        }
      : undefined;
  // The demo company's names, so that the panels show people, not ids (also with an ERP attached:
  // the main command's sample ERP runs with the demo company's people).
  if (demo) {
    await people.remember(
      Object.values(DEMO_PEOPLE).map((p) => ({ id: p.id, name: p.name })),
      'seed',
    );
  }
  // With an ERP attached, its orders come through the sync: nothing is seeded.
  let seeded: SeededOrder[] | undefined;
  if (demo && !erp && !(await og.order('so-regular'))) {
    io.err('seeding the regulations’ cases into the demo store…');
    seeded = await seedDemo(og, Date.now());
  }

  // panels: the order desk page is served when the widgets are built (decision 024)
  const common = {
    og,
    identity: { secret, audience, tokens, replayGuard },
    people,
    logger,
    ...(webhooks ? { webhooks } : {}),
    outbox: { onRetried: () => worker?.poke() },
  };
  let app: { api: ReturnType<typeof createApp>; desk: boolean };
  try {
    app = {
      api: createApp({ ...common, desk: { sessions: tokens } satisfies DeskOptions }),
      desk: true,
    };
  } catch (e) {
    io.err(`no order desk page: ${(e as Error).message}`);
    app = { api: createApp(common), desk: false };
  }
  const server = serve(app.api, { port: listenPort, hostname });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    await store.close();
    throw new CliError(
      EXIT.USAGE,
      `cannot listen on ${hostname}:${String(listenPort)}: ${(e as Error).message}`,
    );
  }
  const address = server.address() as AddressInfo;
  const host = hostname === '0.0.0.0' || hostname === '::' ? '127.0.0.1' : hostname;
  const base = `http://${host.includes(':') ? `[${host}]` : host}:${String(address.port)}`;
  io.out(`ordergate listening on ${base} (${describeTarget(storeTarget(io, storeOptions))})`);
  if (erp && sync) {
    io.err(
      `syncing ${erp.description} every ${String(syncSeconds)} s` +
        (webhooks
          ? `; webhooks at ${base}/v1/webhooks/${sync.erp}`
          : '; no webhooks (set ORDERGATE_WEBHOOK_SECRET to accept them)'),
    );
    sync.start();
  } else if (!demo) {
    io.err('no ERP configured: nothing is synced (see ordergate serve --help, "ERP")');
  }
  worker?.start();
  deadlines.start();
  if (app.desk) io.out(`Order desk:     ${base}/desk`);
  if (demo) await printDemo(io, og, base, seeded, tokens, storeOptions, erp !== undefined);
  const deskSignIns =
    demo && app.desk ? await printDeskSignIns(io, tokens, base, storeOptions) : {};
  logger.info({ url: base }, 'listening');

  let stopped: Promise<ExitCode> | undefined;
  const stop = (): Promise<ExitCode> =>
    (stopped ??= new Promise<ExitCode>((resolve) => {
      const force = setTimeout(() => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }, 10_000);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        Promise.all([
          sync ? sync.stop() : undefined,
          worker ? worker.stop() : undefined,
          deadlines.stop(),
        ])
          .then(() => store.close())
          .then(
            () => resolve(EXIT.OK),
            () => resolve(EXIT.STORE),
          );
      });
      (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    }));
  return { url: base, og, sync, deskSignIns, stop };
}

/**
 * `ordergate serve`: migrates the store, listens, and answers until SIGTERM or SIGINT, then stops
 * taking requests, lets those in flight finish (10 s at most) and closes the store. PGlite on
 * `--data-dir` by default; `DATABASE_URL` selects PostgreSQL. The ERP's key comes from
 * `ORDERGATE_ERP_SECRET` (at least 32 bytes). `--demo` seeds the regulations' cases into the
 * demo's own store on first start (not with an ERP attached: its orders come through the sync),
 * makes a demo key, and prints the URLs and curl commands.
 *
 * @example
 * const code = await runServe(io, { port: '8080', demo: true }); // resolves at shutdown
 */
export async function runServe(io: CliIo, options: ServeCommandOptions): Promise<ExitCode> {
  const service = await startServe(io, options);
  return new Promise<ExitCode>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      io.err(`${signal}: stopping (finishing requests in flight)…`);
      void service.stop().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}

async function printDemo(
  io: CliIo,
  og: Ordergate,
  base: string,
  seeded: SeededOrder[] | undefined,
  tokens: TokenStore,
  storeOptions: StoreOptions,
  withErp: boolean,
): Promise<void> {
  const cli = cliName(io);
  const dirArg = demoDirArg(storeOptions);
  io.out('');
  io.out(`API reference:  ${base}/reference`);
  io.out(`OpenAPI:        ${base}/openapi.json`);
  io.out('');
  // An attached ERP brings its own orders (the sync); the ids below are the seeded cases'.
  const regular = withErp ? '<order-id>' : 'so-regular';
  if (withErp) {
    io.out('Orders come from the ERP through the sync (and its webhooks): see the work queue.');
  } else {
    io.out('Seeded orders (the regulations’ cases):');
    const orders = seeded ?? [];
    if (!seeded) {
      for (const id of [
        'so-regular',
        'so-large',
        'so-discount',
        'so-incomplete',
        'so-held',
        'so-change',
        'so-delivered',
      ]) {
        const p = await og.order(id);
        if (p)
          orders.push({
            id,
            number: p.order.number,
            status: p.workflow.status,
            story: '',
            next: [],
          });
      }
    }
    for (const s of orders)
      io.out(`  ${s.id.padEnd(14)} ${s.number.padEnd(16)} ${s.status.padEnd(14)} ${s.story}`);
  }
  io.out('');
  io.out('People (user id, ERP groups):');
  for (const p of Object.values(DEMO_PEOPLE))
    io.out(`  ${p.id.padEnd(8)} ${p.groups.join(',').padEnd(18)} ${p.name} (${p.title})`);
  io.out('');
  const token = await demoToken(tokens, DEMO_PEOPLE.wang);
  io.out(
    `A ready-made API token, acting as Wang Qiang (sales head); scopes ${token.record.scopes.join(',')}; valid until`,
  );
  io.out(
    `${token.record.expiresAt}. It is shown only now: each start makes a new one and revokes the last.`,
  );
  io.out(`export OG_TOKEN=${token.token}`);
  const auth = '-H "Authorization: Bearer $OG_TOKEN"';
  const json = "-H 'Content-Type: application/json'";
  if (withErp) io.out(`curl -s ${base}/v1/work-queue ${auth}`);
  io.out(`curl -s ${base}/v1/orders/${regular} ${auth}`);
  io.out(`curl -s ${base}/v1/orders/${regular}/actions ${auth}`);
  if (!withErp) io.out(`curl -s ${base}/v1/customers/c-hengtai/credit ${auth}`);
  io.out('');
  io.out(
    'People in an ERP send a user assertion the ERP signs for them instead: valid 5 minutes, accepted once.',
  );
  io.out(`Sign a fresh one for anyone above with:  ${cli} assertion <user-id> --demo${dirArg}`);
  const bearer = (user: string) =>
    `-H "Authorization: Bearer $(${cli} assertion ${user} --demo${dirArg})"`;
  io.out('# Liu Yang’s work queue (production) and what Liu may do on the regular order now:');
  io.out(`curl -s ${base}/v1/work-queue ${bearer(DEMO_PEOPLE.liu.id)}`);
  io.out(`curl -s ${base}/v1/orders/${regular}/actions ${bearer(DEMO_PEOPLE.liu.id)}`);
  io.out(
    '# Liu approves the production step (RV-5); then Wang, with the token, the sales head’s (RV-3):',
  );
  io.out(
    `curl -s -X POST ${base}/v1/orders/${regular}/approve ${bearer(DEMO_PEOPLE.liu.id)} ${json} -d '{}'`,
  );
  io.out(
    `curl -s -X POST ${base}/v1/orders/${regular}/approve ${auth} ${json} -d '{"comment":"ok"}'`,
  );
  if (!withErp) {
    io.out('# Li Na may not approve the production step (not her role), answered in Chinese:');
    io.out(
      `curl -s -X POST ${base}/v1/orders/so-large/approve ${bearer(DEMO_PEOPLE.li.id)} -H 'Accept-Language: zh-CN' ${json} -d '{}'`,
    );
  }
  io.out('');
  io.out(
    `Tokens: ${cli} token list | create | revoke <id> --data-dir ${storeOptions.dataDir ?? DEMO_DATA_DIR} (a revoked token is refused at once).`,
  );
  io.out('Stop with Ctrl-C; the data stays in the demo store for the next start.');
}

/** ` --data-dir <dir>` when the demo's store is not in the default place (for printed commands). */
function demoDirArg(storeOptions: StoreOptions): string {
  const dir = storeOptions.dataDir;
  return dir && dir !== DEMO_DATA_DIR ? ` --data-dir ${dir}` : '';
}

/**
 * panels: ready-made desk sign-ins for the demo's approvers (API tokens acting as them, 12 h);
 * answers the address per person id.
 */
async function printDeskSignIns(
  io: CliIo,
  tokens: TokenStore,
  base: string,
  storeOptions: StoreOptions,
): Promise<Record<string, string>> {
  io.out('');
  io.out(
    'Order desk sign-ins (open one; the token stays in the address fragment, never sent in a URL query):',
  );
  const links: Record<string, string> = {};
  for (const p of [DEMO_PEOPLE.liu, DEMO_PEOPLE.wang, DEMO_PEOPLE.zhao, DEMO_PEOPLE.qian]) {
    const t = await tokens.create({
      name: `demo desk ${p.id}`,
      actor: { id: p.id, groups: p.groups, name: p.name },
      scopes: ['orders:read', 'orders:act'],
      expiresAt: new Date(Date.now() + 12 * 3_600_000),
      person: true, // the desk reads as this person, under the read rules (decision 017)
    });
    links[p.id] = `${base}/desk#token=${t.token}`;
    io.out(`  ${`${p.name} (${p.title})`.padEnd(34)} ${links[p.id]}`);
  }
  io.out(
    `Or arrive as the ERP would send a user: ${base}/desk#assertion=$(${cliName(io)} assertion u-wang --demo${demoDirArg(storeOptions)})`,
  );
  return links;
}

/** The `serve` entry of the subcommand table. */
export const serveCommand: CliCommand = {
  name: 'serve',
  register: (program, io, run) =>
    program
      .command('serve')
      .description('run the order desk HTTP API (PGlite on --data-dir, or DATABASE_URL)')
      .option('--port <n>', 'port to listen on (default 8080, or PORT)')
      .option('--host <address>', 'address to listen on', '127.0.0.1')
      .option(
        '--data-dir <dir>',
        `the embedded store directory (default ./.ordergate/data; --demo: ./${DEMO_DATA_DIR})`,
      )
      .option('--schema <name>', 'the PostgreSQL schema (default ordergate)')
      .option('--policy <file>', 'the policy, YAML or JSON (default: the regulations’ defaults)')
      .option(
        '--audience <aud>',
        'the aud the ERP’s assertions name (default ordergate, or ORDERGATE_AUDIENCE)',
      )
      .option('--max-connections <n>', 'PostgreSQL pool size', '10')
      .option(
        '--log-level <level>',
        `JSON log lines on stdout: ${LOG_LEVELS.join(', ')} (default info, or ORDERGATE_LOG_LEVEL)`,
      )
      .option(
        '--erp <kind>',
        'sync with this ERP: odoo (ODOO_* variables), rest (--erp-mapping), or module',
      )
      .option('--erp-mapping <file>', 'the REST mapping of the ERP (YAML or JSON), for --erp rest')
      .option(
        '--erp-name <name>',
        'the REST ERP’s name in /v1/webhooks/<name> (default: the mapping’s)',
      )
      .option('--erp-module <file>', 'a module exporting createErpConnector(env)')
      .option('--sync-interval <seconds>', 'seconds between incremental syncs with the ERP', '60')
      .option(
        '--demo',
        'the demo company’s policy and key; seed the regulations’ cases (unless an ERP is attached), print URLs, desk sign-ins and curl commands',
      )
      .addHelpText(
        'after',
        '\nEnvironment: DATABASE_URL (PostgreSQL instead of PGlite), ORDERGATE_ERP_SECRET (the ERP’s HS256 key,\n' +
          '≥ 32 bytes; required without --demo), ORDERGATE_DATA_DIR, ORDERGATE_POLICY, ORDERGATE_SCHEMA, PORT.\n' +
          'API tokens (ordergate token create) and used assertion ids live in the store, shared by every instance.\n' +
          ERP_HELP,
      )
      .action((opts: ServeCommandOptions) => run(() => runServe(io, opts))),
};
