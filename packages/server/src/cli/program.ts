import { Command, CommanderError } from 'commander';
import { OrdergateError } from '@ordergate/core';
import { COMMANDS, GROUPS } from './commands/index.js';
import { CliError, EXIT, EXIT_HELP, type ExitCode } from './support/exit.js';
import type { CliIo } from './support/io.js';

/**
 * Builds the `ordergate` program from the subcommand table (`COMMANDS`), writing through `io`.
 * Its actions record their exit code in `state.code`.
 *
 * @example
 * const { program } = createProgram(io);
 * program.helpInformation(); // the --help text, with the exit codes
 */
export function createProgram(io: CliIo): { program: Command; state: { code: ExitCode } } {
  const state: { code: ExitCode } = { code: EXIT.OK };
  const program = new Command('ordergate')
    .description('The ordergate order desk service and its tools.')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP);
  const configure = (c: Command) =>
    c.exitOverride().configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
    });
  configure(program);
  const run = async (body: () => Promise<ExitCode>) => {
    state.code = await body();
  };
  const groups = new Map<string, Command>();
  for (const command of COMMANDS) {
    const [first, ...rest] = command.name.split(' ');
    let parent = program;
    if (rest.length > 0 && first) {
      let group = groups.get(first);
      if (!group) {
        group = configure(program.command(first).description(GROUPS[first] ?? first));
        group.addHelpText('after', EXIT_HELP);
        groups.set(first, group);
      }
      parent = group;
    }
    const before = new Set(parent.commands);
    command.register(parent, io, run);
    for (const c of parent.commands)
      if (!before.has(c)) configure(c).addHelpText('after', EXIT_HELP);
  }
  return { program, state };
}

/**
 * Runs `ordergate` with `args` (without `node` and the script) and answers the exit code:
 * usage errors are 2, a `CliError` its own code, anything unexpected 4 (its message on stderr,
 * never a secret: the CLI puts none in messages).
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export async function runCli(args: readonly string[], io: CliIo): Promise<ExitCode> {
  const { program, state } = createProgram(io);
  try {
    if (args.length === 0) {
      program.outputHelp();
      return EXIT.USAGE;
    }
    await program.parseAsync([...args], { from: 'user' });
    return state.code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version are exit 0; every other commander error is a usage error
      return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
    }
    if (e instanceof CliError) {
      io.err(`ordergate: ${e.message}`);
      for (const line of e.details) io.err(line);
      return e.exitCode;
    }
    if (e instanceof OrdergateError) {
      io.err(`ordergate: ${e.name} ${e.code}: ${e.message}`);
      return e.code === 'INVALID_INPUT' || e.code === 'INVALID_POLICY' ? EXIT.USAGE : EXIT.INTERNAL;
    }
    io.err(`ordergate: unexpected error: ${(e as Error).message}`);
    return EXIT.INTERNAL;
  }
}
