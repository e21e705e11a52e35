import type { CliCommand } from '../support/command.js';
import { archiveFileCommand } from './archive.js';
import { assertionCommand } from './assertion.js';
import { assessCommand } from './assess.js';
import { auditVerifyCommand } from './audit.js';
import { migrateCommand } from './migrate.js';
import { policyCheckCommand } from './policy.js';
import { serveCommand } from './serve.js';
import { syncCommand } from './sync.js';
import { outboxListCommand, outboxRetryCommand } from './outbox.js';
import { tokenCreateCommand, tokenListCommand, tokenRevokeCommand } from './token.js';

/** A group of subcommands (`policy`, `audit`…) and what it is for, in `--help`. */
export const GROUPS: Record<string, string> = {
  policy: 'policy files',
  audit: 'the audit trail',
  archive: 'the archive (AR-*)',
  token: 'API tokens for systems',
  outbox: 'effects waiting for delivery to the ERP, and dead letters',
};

/**
 * Every subcommand of `ordergate`, in `--help` order. A command of two words belongs to the group
 * named by its first word (`GROUPS`). To add one, write `commands/<name>.ts` exporting a
 * `CliCommand` and list it here.
 *
 * @example
 * COMMANDS.map((c) => c.name); // ['serve', 'migrate', 'assess', 'policy check', …]
 */
export const COMMANDS: readonly CliCommand[] = [
  serveCommand,
  migrateCommand,
  assessCommand,
  policyCheckCommand,
  auditVerifyCommand,
  archiveFileCommand,
  assertionCommand,
  tokenCreateCommand,
  tokenRevokeCommand,
  tokenListCommand,
  syncCommand,
  outboxListCommand,
  outboxRetryCommand,
];
