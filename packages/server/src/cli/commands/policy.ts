import { loadPolicy, PolicyError, ValidationError } from '@ordergate/core';
import type { CliCommand } from '../support/command.js';
import { issueLines, readDataFile } from '../support/context.js';
import { EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/**
 * `ordergate policy check <file>`: loads a policy (YAML or JSON) as the service would and prints
 * every problem with its path (exit 1), or a summary of what it configures (exit 0). A file that
 * cannot be read or parsed is exit 2.
 *
 * @example
 * const code = runPolicyCheck(io, 'policy.yaml'); // 0, 1 or 2 (thrown as CliError)
 */
export function runPolicyCheck(io: CliIo, file: string): ExitCode {
  const doc = readDataFile(io, file);
  try {
    const policy = loadPolicy(doc ?? {});
    io.out(
      `ok: ${file} — ${String(Object.keys(policy.roles).length)} roles, time zone ${policy.timeZone}`,
    );
    return EXIT.OK;
  } catch (e) {
    if (!(e instanceof PolicyError || e instanceof ValidationError)) throw e;
    io.out(`${file}: ${String(e.issues.length)} problem(s)`);
    for (const line of issueLines(e.issues)) io.out(line);
    return EXIT.FAILED;
  }
}

/** The `policy check` entry of the subcommand table. */
export const policyCheckCommand: CliCommand = {
  name: 'policy check',
  register: (group, io, run) =>
    group
      .command('check')
      .argument('<file>', 'the policy, YAML or JSON')
      .description('check a policy file; print every problem with its path; exit 1 when any')
      .action((file: string) => run(() => Promise.resolve(runPolicyCheck(io, file)))),
};
