import type { Command } from 'commander';
import type { ExitCode } from './exit.js';
import type { CliIo } from './io.js';

/**
 * One entry of the subcommand table: a name (`serve`, `policy check`…) and how it adds itself to
 * the program. Its action answers the exit code. New commands (`token create|revoke`, `sync`,
 * `outbox list|retry`) are new entries of `COMMANDS` in `commands/index.ts`.
 *
 * @example
 * export const migrateCommand: CliCommand = {
 *   name: 'migrate',
 *   register: (program, io, run) =>
 *     program.command('migrate').action((opts) => run(() => migrate(io, opts))),
 * };
 */
export interface CliCommand {
  /** The words that invoke it, e.g. `audit verify`. */
  name: string;
  /** Adds the command to `parent` (the program, or the group named by the first word). */
  register(parent: Command, io: CliIo, run: RunAction): void;
}

/** Runs a command's body and records its exit code for `runCli`. */
export type RunAction = (body: () => Promise<ExitCode>) => Promise<void>;
