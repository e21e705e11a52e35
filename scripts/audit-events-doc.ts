// Writes the audit event table of packages/core/README.md ("Audit events") from the catalogue
// itself: each type of AUDIT_EVENT_TYPES with the one-line TSDoc above its entry (what happened),
// its streams and the rule IDs it records. The table sits between two markers; the rest of the
// README is left alone.
//
//   pnpm docs:audit            rewrites the table
//   pnpm docs:audit --check    exits 1 when the table is not what this script writes
//
// test/docs/auditEventsDoc.test.ts runs the same check in `pnpm test`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import {
  AUDIT_EVENT_TYPES,
  type AuditEventSpec,
  type AuditEventType,
  type AuditRuleIdSource,
} from '../packages/core/src/index.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CORE_README = join(ROOT, 'packages/core/README.md');
const CATALOGUE_SOURCE = join(ROOT, 'packages/core/src/state/auditEventTypes.ts');
export const BEGIN = '<!-- audit-events:begin (written by `pnpm docs:audit`; do not edit) -->';
export const END = '<!-- audit-events:end -->';

const RULE_SOURCES: Record<AuditRuleIdSource, string> = {
  findings: "the findings' rules",
  step: "the approved step's rules",
  holds: 'the credit holds (CR-1, CR-4, CR-6)',
};

function unwrap(node: ts.Expression): ts.Expression {
  let e = node;
  while (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e))
    e = e.expression;
  return e;
}

/** The TSDoc above each entry of `AUDIT_EVENT_TYPES`, as one line, by type. */
export function catalogueDocs(): Map<string, string> {
  const file = ts.createSourceFile(
    CATALOGUE_SOURCE,
    readFileSync(CATALOGUE_SOURCE, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const docs = new Map<string, string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      node.name.text === 'AUDIT_EVENT_TYPES' &&
      node.initializer
    ) {
      const literal = unwrap(node.initializer);
      if (!ts.isObjectLiteralExpression(literal)) return;
      for (const p of literal.properties) {
        if (!ts.isPropertyAssignment(p) || !ts.isStringLiteral(p.name)) continue;
        const text = ts
          .getJSDocCommentsAndTags(p)
          .filter(ts.isJSDoc)
          .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
          .join(' ');
        docs.set(p.name.text, text.replace(/\s+/g, ' ').trim());
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return docs;
}

/** The rule IDs column of an entry: the IDs it always records, then where more come from. */
export function ruleColumn(spec: AuditEventSpec): string {
  const fixed = spec.ruleIds.join(', ');
  const more = spec.ruleIdsOf ? RULE_SOURCES[spec.ruleIdsOf] : '';
  return [fixed, more].filter((s) => s !== '').join(' + ') || '—';
}

/** The table, formatted as the README keeps it. */
export async function renderAuditEventsTable(): Promise<string> {
  const docs = catalogueDocs();
  const rows = (Object.keys(AUDIT_EVENT_TYPES) as AuditEventType[]).map((type) => {
    const spec: AuditEventSpec = AUDIT_EVENT_TYPES[type];
    const what = docs.get(type) ?? '';
    if (what === '') throw new Error(`${type} has no TSDoc in ${relative(ROOT, CATALOGUE_SOURCE)}`);
    return `| \`${type}\` | ${what.replace(/\|/g, '\\|')} | ${spec.streams.join(', ')} | ${ruleColumn(spec)} |`;
  });
  const table = [
    '| type | what happened | stream | rule IDs |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  const config = (await resolveConfig(CORE_README)) ?? {};
  return (await format(table, { ...config, filepath: CORE_README })).trimEnd();
}

/** The README with its table replaced by what the catalogue says. */
export async function renderCoreReadme(
  current = readFileSync(CORE_README, 'utf8'),
): Promise<string> {
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  if (begin < 0 || end < begin)
    throw new Error(`${relative(ROOT, CORE_README)} has no ${BEGIN} … ${END} markers`);
  const table = await renderAuditEventsTable();
  return `${current.slice(0, begin + BEGIN.length)}\n\n${table}\n\n${current.slice(end)}`;
}

async function main(argv: readonly string[]): Promise<void> {
  const current = readFileSync(CORE_README, 'utf8');
  const readme = await renderCoreReadme(current);
  const where = relative(ROOT, CORE_README);
  if (argv.includes('--check')) {
    if (current !== readme) {
      console.error(`the audit event table of ${where} is out of date: run pnpm docs:audit`);
      process.exitCode = 1;
    } else {
      console.log(`the audit event table of ${where} is up to date`);
    }
    return;
  }
  writeFileSync(CORE_README, readme);
  console.log(`wrote the audit event table of ${where}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
