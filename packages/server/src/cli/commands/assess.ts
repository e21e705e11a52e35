import {
  assessOrder,
  Customer,
  formatFinding,
  Order,
  toInputIssues,
  type Finding,
  type Policy,
} from '@ordergate/core';
import type { CliCommand } from '../support/command.js';
import { issueLines, policyFrom, readDataFile, splitList } from '../support/context.js';
import { CliError, EXIT, type ExitCode } from '../support/exit.js';
import type { CliIo } from '../support/io.js';

/** Options of `ordergate assess`. */
export interface AssessOptions {
  policy?: string;
  customer?: string;
  as?: string;
  groups?: string;
  at?: string;
  lang?: string;
  json?: boolean;
}

const MARK: Record<Finding['severity'], string> = {
  block: 'BLOCK',
  approval: 'APPROVAL',
  warn: 'WARN',
  info: 'INFO',
};

function parseFile<S extends typeof Order | typeof Customer>(
  io: CliIo,
  file: string,
  what: string,
  schema: S,
): ReturnType<S['parse']> {
  const parsed = schema.safeParse(readDataFile(io, file));
  if (!parsed.success) {
    throw new CliError(
      EXIT.USAGE,
      `${file} is not ${what}`,
      issueLines(toInputIssues(parsed.error)),
    );
  }
  return parsed.data as ReturnType<S['parse']>;
}

/**
 * `ordergate assess <order-file>`: runs every assessment rule of the policy on an order (YAML or
 * JSON) without storing anything, prints the findings, and answers `EXIT.OK` when the order would
 * be received for review (no blocking finding) and `EXIT.FAILED` when it would be returned to
 * sales or held on credit. The submitter is `--as` (default: the order's salesperson, with the
 * salesperson role's groups); `--customer <file>` gives the customer's credit facts (without
 * them the policy's `credit.withoutFacts` applies).
 *
 * @example
 * const code = await runAssess(io, 'order.yaml', { customer: 'customer.yaml', lang: 'zh' });
 */
export function runAssess(io: CliIo, file: string, options: AssessOptions): ExitCode {
  const policy: Policy = policyFrom(io, options.policy);
  const order: Order = parseFile(io, file, 'an order', Order);
  const customer = options.customer
    ? parseFile(io, options.customer, 'a customer', Customer)
    : undefined;
  if (customer && customer.id !== order.customer.id) {
    throw new CliError(
      EXIT.USAGE,
      `${options.customer ?? ''} is customer ${customer.id}, the order's customer is ${order.customer.id}`,
    );
  }
  const at = options.at ?? new Date().toISOString();
  if (Number.isNaN(Date.parse(at))) throw new CliError(EXIT.USAGE, `--at ${at} is not an instant`);
  const submitter = {
    id: options.as ?? order.salesperson,
    groups:
      options.groups !== undefined
        ? splitList(options.groups)
        : [...(policy.roles.salesperson?.groups ?? [])],
  };
  const findings = assessOrder(order, {
    policy,
    submittedAt: at,
    submitter,
    ...(customer ? { customer } : {}),
  });
  const blocking = findings.filter((f) => f.severity === 'block');
  const lang = options.lang === 'zh' || options.lang === 'zh-CN' ? 'zh' : 'en';
  if (options.json) {
    io.out(JSON.stringify({ pass: blocking.length === 0, findings }, null, 2));
  } else {
    for (const f of findings)
      io.out(`${MARK[f.severity].padEnd(8)} ${f.ruleId.padEnd(5)} ${formatFinding(f, lang)}`);
    const steps = findings.filter((f) => f.severity === 'approval').length;
    io.out(
      blocking.length === 0
        ? `pass: ${order.id} would be received for review (${String(steps)} approval finding(s))`
        : `fail: ${order.id} has ${String(blocking.length)} blocking finding(s)`,
    );
  }
  return blocking.length === 0 ? EXIT.OK : EXIT.FAILED;
}

/** The `assess` entry of the subcommand table. */
export const assessCommand: CliCommand = {
  name: 'assess',
  register: (program, io, run) =>
    program
      .command('assess')
      .argument('<order-file>', 'the order, YAML or JSON (the core’s Order shape)')
      .description(
        'assess an order against the policy without storing it; exit 1 when it would not pass',
      )
      .option('--policy <file>', 'the policy, YAML or JSON (default: the regulations’ defaults)')
      .option('--customer <file>', 'the customer with its credit facts, YAML or JSON')
      .option('--as <user>', 'who submits (default: the order’s salesperson)')
      .option('--groups <a,b>', 'the submitter’s ERP groups (default: the salesperson role’s)')
      .option('--at <instant>', 'when it is submitted (default: now)')
      .option('--lang <en|zh>', 'language of the findings', 'en')
      .option('--json', 'print { pass, findings } as JSON')
      .action((file: string, opts: AssessOptions) =>
        run(() => Promise.resolve(runAssess(io, file, opts))),
      ),
};
