// The project's main command (`pnpm start`, decision 028): the sample ERP and the ordergate
// service side by side in one process, the service attached to the ERP through mapping.yaml with
// the same code path as `ordergate serve --erp rest --erp-mapping …`.
import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { isAbsolute, join } from 'node:path';
import {
  startServe,
  type RunningService,
} from '../../../packages/server/src/cli/commands/serve.js';
import { CliError, EXIT } from '../../../packages/server/src/cli/support/exit.js';
import type { CliIo } from '../../../packages/server/src/cli/support/io.js';
import { SAMPLE_ERP_MAPPING, startSampleErp, type SampleErp } from './app.js';

/** Where `pnpm start` keeps both databases (the ERP's in `erp/`, the service's in `service/`). */
export const LAUNCH_DATA_DIR = '.ordergate/start';

/** How to launch the pair. */
export interface LaunchOptions {
  /** Where to write; `env` is what the service reads (`PORT`, `SAMPLE_ERP_PORT`, `ORDERGATE_*`). */
  io: CliIo;
  /** The service's port (default `PORT`, else 8080; 0 = any free port). */
  port?: number;
  /** The sample ERP's port (default `SAMPLE_ERP_PORT`, else 4000; 0 = any free port). */
  erpPort?: number;
  /** Both databases live under this directory (default `.ordergate/start`, from `io.cwd`). */
  dataDir?: string;
  /** Seconds between the service's incremental syncs (default 60; webhooks carry each edit). */
  syncInterval?: number;
}

/** The sample ERP and the service, running. */
export interface Launched {
  /** The service (`service.url`, the desk at `${service.url}/desk`, `service.deskSignIns`). */
  service: RunningService;
  /** The sample ERP (`erp.url`: its order list; `/orders/new` enters an order). */
  erp: SampleErp;
  /** The sample ERP's API token, generated at each start (the mapping reads `SAMPLE_ERP_TOKEN`). */
  erpToken: string;
  /** Stops the service (requests in flight, sync, outbox), then the sample ERP; at most once. */
  stop(): Promise<void>;
}

function portFrom(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65_535)
    throw new CliError(EXIT.USAGE, `${name} must be a port number 0…65535, not ${value}`);
  return n;
}

/** Whether `port` can be listened on (the sample ERP's server has no error path of its own). */
function portFree(host: string, port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/**
 * Starts the sample ERP (seeded with the regulations' cases, its order entry pages, a webhook
 * sender) and then the ordergate service attached to it exactly as an integrator attaches an
 * ERP: `--erp rest --erp-mapping examples/sample-erp/mapping.yaml`, with `SAMPLE_ERP_URL`,
 * `SAMPLE_ERP_TOKEN` and `ORDERGATE_WEBHOOK_SECRET` in the service's environment. The token and
 * the webhook secret are generated at each start. The service runs with `--demo` (the demo
 * company's policy and people, desk sign-ins) but seeds nothing: its orders come from the ERP
 * through the sync and the webhooks. Prints the addresses, sign-ins and curl commands.
 * @throws {CliError} `EXIT.USAGE` for a port in use or out of range (nothing is left running).
 *
 * @example
 * const { service, erp, stop } = await launchDemo({ io: processIo() });
 * console.log(service.url, erp.url);
 * await stop();
 */
export async function launchDemo(options: LaunchOptions): Promise<Launched> {
  const { io } = options;
  const host = '127.0.0.1';
  const erpPort = options.erpPort ?? portFrom(io.env.SAMPLE_ERP_PORT, 4000, 'SAMPLE_ERP_PORT');
  const dir = options.dataDir ?? LAUNCH_DATA_DIR;
  const base = isAbsolute(dir) ? dir : join(io.cwd, dir);
  if (!(await portFree(host, erpPort)))
    throw new CliError(
      EXIT.USAGE,
      `the sample ERP cannot listen on ${host}:${String(erpPort)} (in use): set SAMPLE_ERP_PORT to another port (0 = any free one)`,
    );
  const erpToken = randomBytes(24).toString('base64url'); // 32 characters
  const webhookSecret = randomBytes(32).toString('base64url'); // 43 characters
  const listening: { url?: string } = {};
  await mkdir(base, { recursive: true });
  io.err('starting the sample ERP…');
  const erp = await startSampleErp({
    token: erpToken,
    port: erpPort,
    host,
    dataDir: join(base, 'erp'),
    // the service's address is known once it listens; an edit before then fails its delivery
    webhook: {
      url: () => `${listening.url ?? 'http://127.0.0.1:1'}/v1/webhooks/sample-erp`,
      secret: webhookSecret,
    },
    log: (line) => io.err(`sample-erp: ${line}`),
  });
  let service: RunningService;
  try {
    service = await startServe(
      {
        ...io,
        env: {
          ...io.env,
          // the main command runs on the embedded store (PGlite), whatever the shell exports
          DATABASE_URL: undefined,
          SAMPLE_ERP_URL: erp.url,
          SAMPLE_ERP_TOKEN: erpToken,
          ORDERGATE_WEBHOOK_SECRET: webhookSecret,
        },
      },
      {
        erp: 'rest',
        erpMapping: SAMPLE_ERP_MAPPING,
        demo: true,
        dataDir: join(dir, 'service'), // relative to io.cwd, as a person would type it
        ...(options.port !== undefined ? { port: String(options.port) } : {}),
        ...(options.syncInterval !== undefined
          ? { syncInterval: String(options.syncInterval) }
          : {}),
      },
    );
  } catch (e) {
    await erp.close();
    throw e;
  }
  listening.url = service.url;
  printErp(io, erp.url, erpToken, service.url, dir);
  let stopped: Promise<void> | undefined;
  return {
    service,
    erp,
    erpToken,
    stop: () =>
      (stopped ??= (async () => {
        await service.stop();
        await erp.close();
      })()),
  };
}

function printErp(io: CliIo, erpUrl: string, token: string, serviceUrl: string, dir: string): void {
  io.out('');
  io.out(`Sample ERP:     ${erpUrl}  (orders; enter one at ${erpUrl}/orders/new)`);
  io.out(`                ${erpUrl}/customers  (credit limits, grade tags, open invoices)`);
  io.out(`Its API token (made at this start; the service reads it as SAMPLE_ERP_TOKEN):`);
  io.out(`export ERP_TOKEN=${token}`);
  io.out(`curl -s ${erpUrl}/api/orders -H "Authorization: Bearer $ERP_TOKEN"`);
  io.out(`curl -s ${erpUrl}/api/orders/2/notes -H "Authorization: Bearer $ERP_TOKEN"`);
  io.out('');
  io.out('Try it: open Liu Yang’s desk sign-in above, then enter or edit an order in the sample');
  io.out(
    `ERP (salesperson u-li): its webhook reaches ${serviceUrl}/v1/webhooks/sample-erp, the order`,
  );
  io.out('shows in the work queue with its findings, and what ordergate decides (lock, notes)');
  io.out('shows on the order’s page in the sample ERP.');
  io.out(`Both keep their data in ${dir}/ (delete it to start afresh). Ctrl-C stops both.`);
}
