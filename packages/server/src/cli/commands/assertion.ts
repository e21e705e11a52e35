import { SharedSecret } from '../../http/shared/secret.js';
import type { CliCommand } from '../support/command.js';
import { splitList, type StoreOptions } from '../support/context.js';
import { DEMO_PEOPLE } from '../demo/company.js';
import { DEFAULT_AUDIENCE, demoSecret, signAssertion } from '../demo/credentials.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';
import { demoSecretFile } from './serve.js';

/** Options of `ordergate assertion`. */
export interface AssertionOptions extends StoreOptions {
  groups?: string;
  audience?: string;
  ttl?: string;
  demo?: boolean;
  /** The user's display name (the `name` claim); with `--demo`, the demo person's by default. */
  name?: string;
}

/**
 * `ordergate assertion <user-id>`: prints a user assertion signed as the ERP would sign it, with
 * `ORDERGATE_ERP_SECRET` (or, with `--demo`, the demo's key and the demo person's groups and name). For
 * trying the API and testing an integration; an ERP signs its own.
 *
 * @example
 * const code = await runAssertion(io, 'u-wang', { demo: true }); // prints eyJ…
 */
export async function runAssertion(
  io: CliIo,
  user: string,
  options: AssertionOptions,
): Promise<ExitCode> {
  const person = Object.values(DEMO_PEOPLE).find((p) => p.id === user);
  let secret: SharedSecret;
  if (io.env.ORDERGATE_ERP_SECRET) {
    try {
      secret = new SharedSecret(io.env.ORDERGATE_ERP_SECRET);
    } catch (e) {
      throw new CliError(EXIT.USAGE, `ORDERGATE_ERP_SECRET: ${(e as Error).message}`);
    }
  } else if (options.demo) secret = demoSecret(demoSecretFile(io, options));
  else throw new CliError(EXIT.USAGE, 'set ORDERGATE_ERP_SECRET, or use --demo for the demo’s key');
  const groups =
    options.groups !== undefined
      ? splitList(options.groups)
      : options.demo && person
        ? person.groups
        : [];
  const name = options.name ?? (options.demo && person ? person.name : undefined);
  const ttl = Number(options.ttl ?? 300);
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 300)
    throw new CliError(EXIT.USAGE, '--ttl must be 1…300 seconds (the service refuses longer)');
  io.out(
    await signAssertion(
      secret,
      options.audience ?? io.env.ORDERGATE_AUDIENCE ?? DEFAULT_AUDIENCE,
      { id: user, groups, ...(name === undefined ? {} : { name }) },
      ttl,
    ),
  );
  return EXIT.OK;
}

/** The `assertion` entry of the subcommand table. */
export const assertionCommand: CliCommand = {
  name: 'assertion',
  register: (program, io, run) =>
    program
      .command('assertion')
      .argument('<user-id>', 'the ERP user the assertion names (sub)')
      .description(
        'print a user assertion signed as the ERP would (ORDERGATE_ERP_SECRET, or --demo)',
      )
      .option('--groups <a,b>', 'their ERP groups (with --demo: the demo person’s)')
      .option('--name <text>', 'their display name (with --demo: the demo person’s)')
      .option('--audience <aud>', 'aud (default ordergate, or ORDERGATE_AUDIENCE)')
      .option('--ttl <seconds>', 'lifetime, at most 300', '300')
      .option('--demo', 'sign with the demo’s key (see serve --demo)')
      .option('--data-dir <dir>', 'the demo’s data directory, if serve --demo was given one')
      .action((user: string, opts: AssertionOptions) => run(() => runAssertion(io, user, opts))),
};
