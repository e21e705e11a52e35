import { Ordergate, type Store } from '@ordergate/core';
import type { CliCommand } from '../support/command.js';
import { openStore, policyFrom, type StoreOptions } from '../support/context.js';
import { EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';
import { progress, type Progress } from '../support/progress.js';

/**
 * The store as `Ordergate.verify()` reads it, reporting progress: the number of streams when it
 * lists them, one tick per chain it reads after that.
 */
function watched(store: Store, p: Progress): Store {
  let counting = false;
  return {
    get: (kind, key) => store.get(kind, key),
    find: (kind, where) => store.find(kind, where),
    commit: (commit) => store.commit(commit),
    nextSequence: (scope) => store.nextSequence(scope),
    readStream: (stream) => store.readStream(stream),
    readSealed: async (stream) => {
      const events = await store.readSealed(stream);
      if (counting) p.tick();
      return events;
    },
    streamHead: (stream) => store.streamHead(stream),
    streams: async () => {
      const all = await store.streams();
      counting = true;
      p.total(all.length);
      return all;
    },
    claimEffects: (options) => store.claimEffects(options),
    settleEffects: (settlement) => store.settleEffects(settlement),
    pendingEffects: () => store.pendingEffects(),
    deadEffects: () => store.deadEffects(),
    retryEffect: (key, at) => store.retryEffect(key, at),
  };
}

/**
 * `ordergate audit verify`: verifies every audit chain and every record against its trail
 * (`Ordergate.verify()`), with a progress bar on a terminal and progress lines otherwise. Exit 1
 * with every problem when anything does not verify.
 *
 * @example
 * const code = await runAuditVerify(io, { dataDir: './data' });
 */
export async function runAuditVerify(
  io: CliIo,
  options: StoreOptions & { policy?: string },
): Promise<ExitCode> {
  const policy = policyFrom(io, options.policy);
  const store = await openStore(io, options, 4);
  try {
    const p = progress(io, 'verifying audit chains');
    io.err('checking every record against its trail…');
    const og = new Ordergate({
      policy,
      store: watched(store, p),
      clock: { now: () => new Date().toISOString() },
      ids: { next: (prefix) => prefix },
    });
    const report = await og.verify();
    p.done();
    if (report.ok) {
      io.out(
        `ok: ${String(report.streams)} streams, ${String(report.events)} events, ${String(report.records)} records verify`,
      );
      return EXIT.OK;
    }
    io.out(`FAILED: ${String(report.problems.length)} problem(s)`);
    for (const problem of report.problems) {
      const { code, stream, ...rest } = problem as { code: string; stream: string };
      io.out(`  ${code} ${stream} ${JSON.stringify(rest)}`);
    }
    return EXIT.FAILED;
  } finally {
    await store.close();
  }
}

/** The `audit verify` entry of the subcommand table. */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  register: (group, io, run) =>
    group
      .command('verify')
      .description('verify every audit chain and record (AR-2); exit 1 when anything fails')
      .option('--data-dir <dir>', 'the embedded store (PGlite) directory')
      .option('--schema <name>', 'the PostgreSQL schema (default ordergate)')
      .option('--policy <file>', 'the policy, YAML or JSON')
      .action((opts: StoreOptions & { policy?: string }) => run(() => runAuditVerify(io, opts))),
};
