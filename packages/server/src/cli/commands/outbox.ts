import type { Command } from 'commander';
import { listOutbox, retryOutboxEffect, type OutboxReader } from '../../worker/outboxAdmin.js';
import type { PostgresStore } from '../../PostgresStore.js';
import type { CliCommand } from '../support/command.js';
import { openStore, type StoreOptions } from '../support/context.js';
import { EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate outbox list` and `outbox retry`. */
export interface OutboxOptions extends StoreOptions {
  dead?: boolean;
  json?: boolean;
}

/** The outbox as the store keeps it: waiting effects, dead letters, and putting one back now. */
function reader(store: PostgresStore): OutboxReader {
  return {
    pendingEffects: () => store.pendingEffects(),
    deadEffects: () => store.deadEffects(),
    retryEffect: (key) => store.retryEffect(key, new Date().toISOString()),
  };
}

async function withOutbox<T>(
  io: CliIo,
  options: StoreOptions,
  fn: (outbox: OutboxReader) => Promise<T>,
): Promise<T> {
  const store = await openStore(io, options, 2);
  try {
    return await fn(reader(store));
  } finally {
    await store.close();
  }
}

/**
 * `ordergate outbox list [--dead]`: the effects waiting for delivery to the ERP, oldest first,
 * with their attempts, next try and last error — or, with `--dead`, the dead letters (effects
 * that failed their last allowed attempt and hold their order's later effects, decision 020).
 * Exit 1 when `--dead` finds any, so a monitoring script can alert on it.
 *
 * @example
 * await runOutboxList(io, { dead: true }); // exit 1 and one line per dead letter
 */
export async function runOutboxList(io: CliIo, options: OutboxOptions): Promise<ExitCode> {
  const state = options.dead ? 'dead' : 'pending';
  return withOutbox(io, options, async (outbox) => {
    const items = await listOutbox(outbox, state);
    if (options.json) io.out(JSON.stringify(items, null, 2));
    else if (items.length === 0) io.err(state === 'dead' ? 'no dead letters' : 'nothing waiting');
    else {
      for (const i of items) {
        io.out(
          `${i.key}  ${i.type}  ${i.subject}  attempts ${String(i.attempts)}  ` +
            (i.deadAt ? `dead since ${i.deadAt}` : `next try ${i.availableAt}`) +
            (i.lastError ? `  last error: ${i.lastError}` : ''),
        );
      }
    }
    return state === 'dead' && items.length > 0 ? EXIT.FAILED : EXIT.OK;
  });
}

/**
 * `ordergate outbox retry <key>`: puts a dead letter back in the outbox, to be delivered from now
 * on (the running service's worker takes it at its next pass). Exit 1 when the key is not a dead
 * letter (still waiting, delivered, or unknown), saying which.
 *
 * @example
 * await runOutboxRetry(io, 'o42:3:lock', {});
 */
export async function runOutboxRetry(
  io: CliIo,
  key: string,
  options: OutboxOptions,
): Promise<ExitCode> {
  return withOutbox(io, options, async (outbox) => {
    const outcome = await retryOutboxEffect(outbox, key);
    if (!outcome.ok) {
      io.err(`ordergate: ${outcome.code}: ${outcome.message}`);
      return EXIT.FAILED;
    }
    io.out(
      options.json
        ? JSON.stringify(outcome.item)
        : `${outcome.item.key} is back in the outbox (attempts ${String(outcome.item.attempts)})`,
    );
    return EXIT.OK;
  });
}

const storeOptions = (c: Command) =>
  c
    .option('--data-dir <dir>', 'the embedded store’s directory (default ./.ordergate/data)')
    .option('--schema <name>', 'the PostgreSQL schema (default ordergate)');

/** `ordergate outbox list`. */
export const outboxListCommand: CliCommand = {
  name: 'outbox list',
  register: (group, io, run) =>
    storeOptions(
      group
        .command('list')
        .description('effects waiting for delivery, or the dead letters (--dead: exit 1 if any)')
        .option('--dead', 'list the dead letters instead')
        .option('--json', 'print the list as JSON'),
    ).action((opts: OutboxOptions) => run(() => runOutboxList(io, opts))),
};

/** `ordergate outbox retry <key>`. */
export const outboxRetryCommand: CliCommand = {
  name: 'outbox retry',
  register: (group, io, run) =>
    storeOptions(
      group
        .command('retry')
        .description('put a dead letter back in the outbox; exit 1 when the key is not one')
        .argument('<key>', 'the effect’s key, as outbox list shows it')
        .option('--json', 'print the effect as JSON'),
    ).action((key: string, opts: OutboxOptions) => run(() => runOutboxRetry(io, key, opts))),
};
