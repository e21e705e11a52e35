// Generates docs/rules.md from the core's own rule catalogue: rule IDs and regulation passages
// (RULE_IDS, RULE_SOURCES), titles, summaries, outcomes and policy settings (RULE_CATALOGUE),
// the policy's defaults (loadPolicy({})) and the messages in English and Chinese (MESSAGES).
//
// A rule's messages are the keys its code writes next to its ID — found here in the source: every
// object literal with `ruleId: '<ID>'` and a `messageKey` — plus the keys its catalogue entry
// lists. Every other message is listed at the end, by area.
//
//   pnpm docs:rules            writes docs/rules.md
//   pnpm docs:rules --check    exits 1 when docs/rules.md is not what this script writes
//
// test/docs/rulesDoc.test.ts runs the same check in `pnpm test`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import ts from 'typescript';
import {
  loadPolicy,
  MESSAGES,
  policyJsonSchema,
  RULE_IDS,
  RULE_SOURCES,
  type MessageTemplate,
  type RuleId,
} from '../packages/core/src/index.js';
import {
  REGULATIONS,
  RULE_AREAS,
  RULE_CATALOGUE,
  type RuleOutcome,
} from '../packages/core/src/model/ruleCatalogue.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RULES_DOC = join(ROOT, 'docs/rules.md');
const CORE_SRC = join(ROOT, 'packages/core/src');

const isRuleId = (value: string): value is RuleId =>
  (RULE_IDS as readonly string[]).includes(value);

// ---------------------------------------------------------------------------------------------
// message keys the code writes next to a rule ID

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : [join(dir, e.name)]))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort();
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
}

function stripWrappers(node: ts.Expression): ts.Expression {
  let e = node;
  while (
    ts.isParenthesizedExpression(e) ||
    ts.isAsExpression(e) ||
    ts.isSatisfiesExpression(e) ||
    ts.isNonNullExpression(e)
  ) {
    e = e.expression;
  }
  return e;
}

/** `const NAME = …` initialisers of one file, for keys kept in a local table or constant. */
function localConstants(file: ts.SourceFile): Map<string, ts.Expression> {
  const out = new Map<string, ts.Expression>();
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      out.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return out;
}

/** Every message key an expression can evaluate to, as far as a reading of the source tells. */
function possibleKeys(
  node: ts.Expression,
  constants: Map<string, ts.Expression>,
  depth = 0,
): string[] {
  if (depth > 5) return [];
  const e = stripWrappers(node);
  const again = (x: ts.Expression) => possibleKeys(x, constants, depth + 1);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) {
    // `review.jointReview.${…}`: every key under the literal head
    const head = e.head.text;
    return head.includes('.') ? Object.keys(MESSAGES).filter((k) => k.startsWith(head)) : [];
  }
  if (ts.isConditionalExpression(e)) return [...again(e.whenTrue), ...again(e.whenFalse)];
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === ts.SyntaxKind.QuestionQuestionToken || op === ts.SyntaxKind.BarBarToken) {
      return [...again(e.left), ...again(e.right)];
    }
    return [];
  }
  if (ts.isIdentifier(e)) {
    const init = constants.get(e.text);
    return init ? again(init) : [];
  }
  if (ts.isElementAccessExpression(e) || ts.isPropertyAccessExpression(e)) {
    // KEYS[code] or KEYS.name: every string value of a local table
    const table = ts.isIdentifier(e.expression) ? constants.get(e.expression.text) : undefined;
    const object = table && stripWrappers(table);
    if (object && ts.isObjectLiteralExpression(object)) {
      return object.properties.flatMap((p) =>
        ts.isPropertyAssignment(p) ? again(p.initializer) : [],
      );
    }
  }
  return [];
}

/**
 * The message keys that core's source writes in the same object literal as a rule ID, by rule:
 * `{ ruleId: 'RV-3', …, messageKey: 'review.salesHead.required' }`.
 */
export function keysWrittenWithRuleIds(srcDir = CORE_SRC): Map<RuleId, Set<string>> {
  const found = new Map<RuleId, Set<string>>();
  for (const path of sourceFiles(srcDir)) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
    const constants = localConstants(file);
    const visit = (node: ts.Node) => {
      if (ts.isObjectLiteralExpression(node)) {
        let ruleId: RuleId | undefined;
        let messageKey: ts.Expression | undefined;
        for (const p of node.properties) {
          if (!ts.isPropertyAssignment(p)) continue;
          const name = propertyName(p.name);
          const value = stripWrappers(p.initializer);
          if (name === 'ruleId' && ts.isStringLiteral(value) && isRuleId(value.text)) {
            ruleId = value.text;
          }
          if (name === 'messageKey') messageKey = p.initializer;
        }
        if (ruleId && messageKey) {
          const keys = found.get(ruleId) ?? new Set<string>();
          for (const key of possibleKeys(messageKey, constants)) {
            if (Object.hasOwn(MESSAGES, key)) keys.add(key);
          }
          found.set(ruleId, keys);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** The keys a catalogue pattern names: an exact key, or `prefix.*` for every key under prefix. */
export function keysOfPattern(pattern: string): string[] {
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    return Object.keys(MESSAGES).filter((k) => k.startsWith(prefix));
  }
  return Object.hasOwn(MESSAGES, pattern) ? [pattern] : [];
}

/** Every rule's message keys: written next to its ID in the source, plus its catalogue entry's. */
export function ruleMessageKeys(): Record<RuleId, string[]> {
  const written = keysWrittenWithRuleIds();
  const byRule = {} as Record<RuleId, string[]>;
  for (const id of RULE_IDS) {
    const keys = new Set(written.get(id));
    for (const pattern of RULE_CATALOGUE[id].messageKeys) {
      keysOfPattern(pattern).forEach((k) => keys.add(k));
    }
    byRule[id] = [...keys].sort();
  }
  return byRule;
}

// ---------------------------------------------------------------------------------------------
// policy settings

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
};

/** The schemas of a key under `schema`: a declared property, or else a record's entry. */
function childSchemas(
  schema: JsonSchema,
  key: string,
): { schemas: JsonSchema[]; declared: boolean } {
  const alternatives = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const nested = alternatives.map((alternative) => childSchemas(alternative, key));
  const direct = schema.properties?.[key];
  const record =
    !direct && typeof schema.additionalProperties === 'object' ? [schema.additionalProperties] : [];
  return {
    schemas: [...(direct ? [direct] : record), ...nested.flatMap((n) => n.schemas)],
    declared: direct !== undefined || nested.some((n) => n.declared),
  };
}

/**
 * Whether a dotted path names a field of the policy document (its JSON Schema, input form): each
 * segment a declared property, or a key of a record (`approvals.steps.salesHead`) whose entry
 * exists in the policy's defaults.
 */
export function isPolicyPath(path: string): boolean {
  let level: JsonSchema[] = [policyJsonSchema()];
  let throughRecord = false;
  for (const segment of path.split('.')) {
    const children = level.map((s) => childSchemas(s, segment));
    level = children.flatMap((c) => c.schemas);
    if (level.length === 0) return false;
    if (!children.some((c) => c.declared)) throughRecord = true;
  }
  return !throughRecord || defaultAt(path) !== undefined;
}

function defaultAt(path: string): unknown {
  let value: unknown = loadPolicy({});
  for (const segment of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// rendering

const OUTCOME_TEXT: Record<RuleOutcome, string> = {
  block: 'block',
  approval: 'approval',
  warn: 'warn',
  record: 'record',
  report: 'report',
};

/** Text for a markdown line: escapes what markdown would read as markup. */
function text(value: string): string {
  return value.replace(/([\\`*_<>[\]|])/g, '\\$1');
}

function code(value: string): string {
  const ticks = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${value}${pad}${ticks}`;
}

function defaultText(path: string): string {
  const value = defaultAt(path);
  if (value === undefined) return 'no default';
  const json = JSON.stringify(value);
  return json.length <= 200 ? `default ${code(json)}` : 'default: see the policy schema';
}

function messageLines(keys: readonly string[]): string[] {
  if (keys.length === 0) return ['- Messages: none'];
  return [
    '- Messages:',
    ...keys.flatMap((key) => {
      const m = MESSAGES[key] as MessageTemplate;
      return [`  - ${code(key)}`, `    - en: ${text(m.en)}`, `    - zh: ${text(m.zh)}`];
    }),
  ];
}

function regulationLegend(): string[] {
  return [
    '| number | regulation | original title |',
    '| --- | --- | --- |',
    ...Object.entries(REGULATIONS).map(([n, r]) => `| ${n} | ${r.en} | ${r.zh} |`),
  ];
}

function ruleSection(id: RuleId, keys: readonly string[]): string[] {
  const rule = RULE_CATALOGUE[id];
  const settings = rule.settings.length
    ? rule.settings.map((p) => `  - ${code(p)} (${defaultText(p)})`)
    : [];
  return [
    `### ${id} ${text(rule.title.en)} · ${rule.title.zh}`,
    '',
    text(rule.summary.en),
    '',
    text(rule.summary.zh),
    '',
    `- Outcome: ${rule.outcomes.map((o) => OUTCOME_TEXT[o]).join(', ')}`,
    `- Regulation: ${text(RULE_SOURCES[id])}`,
    ...(settings.length ? ['- Policy settings:', ...settings] : ['- Policy settings: none']),
    ...messageLines(keys),
    '',
  ];
}

/** The message keys no rule claims, grouped by their first segment. */
function otherMessages(claimed: ReadonlySet<string>): string[] {
  const rest = Object.keys(MESSAGES)
    .filter((k) => !claimed.has(k))
    .sort();
  const groups = new Map<string, string[]>();
  for (const key of rest) {
    const area = key.split('.')[0] ?? key;
    groups.set(area, [...(groups.get(area) ?? []), key]);
  }
  return [...groups].flatMap(([area, keys]) => [
    `### ${area}`,
    '',
    ...keys.flatMap((key) => {
      const m = MESSAGES[key] as MessageTemplate;
      return [`- ${code(key)}`, `  - en: ${text(m.en)}`, `  - zh: ${text(m.zh)}`];
    }),
    '',
  ]);
}

/** docs/rules.md as this script writes it (formatted with the repository's Prettier settings). */
export async function renderRulesDoc(): Promise<string> {
  const keys = ruleMessageKeys();
  const claimed = new Set(Object.values(keys).flat());
  const areas = Object.entries(RULE_AREAS) as [
    keyof typeof RULE_AREAS,
    { en: string; zh: string },
  ][];
  const lines = [
    '<!-- Generated by scripts/rules-doc.ts from packages/core/src/model/ruleCatalogue.ts, RULE_SOURCES,',
    '     the policy schema and MESSAGES. Do not edit: change those and run `pnpm docs:rules`. -->',
    '',
    '# Rules',
    '',
    'Every rule the core enforces, by its stable ID. Code, tests, audit events and every finding name',
    'the rule by this ID; a finding also carries the regulation passage below (or the company’s own',
    'clause from `policy.citations`) and a message key rendered in English or Chinese by',
    '`formatMessage` / `formatFinding`.',
    '',
    '- **Outcome** — `block`: the action is refused with a finding; `approval`: the order waits for',
    '  approval steps; `warn`: the action goes on with the finding shown; `record`: an audit event is',
    '  written; `report`: it feeds a report or a view.',
    '- **Regulation** — the passage the rule comes from: the regulation’s number, then its clause.',
    '- **Policy settings** — dotted paths into the policy document (`loadPolicy`), with their',
    '  defaults. Numbers the regulations give are defaults, never constants in code. The policy’s',
    '  JSON Schema ships as `@ordergate/core/policy.schema.json`.',
    '- **Messages** — the message keys the rule produces, with their English and Chinese text;',
    '  `{name}` placeholders take the finding’s parameters.',
    '',
    'The regulations:',
    '',
    ...regulationLegend(),
    '',
    ...areas.flatMap(([prefix, area]) => [
      `## ${area.en} (${prefix}) · ${area.zh}`,
      '',
      ...RULE_IDS.filter((id) => id.startsWith(`${prefix}-`)).flatMap((id) =>
        ruleSection(id, keys[id]),
      ),
    ]),
    '## Other messages',
    '',
    'Messages of the workflow that no single rule owns: order statuses, approval outcomes,',
    'refusals shared by several rules.',
    '',
    ...otherMessages(claimed),
  ];
  const config = (await resolveConfig(RULES_DOC)) ?? {};
  return format(lines.join('\n'), { ...config, filepath: RULES_DOC });
}

async function main(argv: readonly string[]): Promise<void> {
  const doc = await renderRulesDoc();
  const where = relative(ROOT, RULES_DOC);
  if (argv.includes('--check')) {
    const current = readFileSync(RULES_DOC, 'utf8');
    if (current !== doc) {
      console.error(`${where} is out of date: run pnpm docs:rules`);
      process.exitCode = 1;
    } else {
      console.log(`${where} is up to date`);
    }
    return;
  }
  writeFileSync(RULES_DOC, doc);
  console.log(`wrote ${where}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
