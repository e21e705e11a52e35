// The TypeScript in the READMEs must compile, so a quick start cannot rot while the API moves.
// Every fenced block whose info string is `ts check` (or `typescript check`) is type-checked
// against the packages' source with the repository's compiler settings, each block as its own
// module. A block that uses names the reader supplies (an order from their ERP…) declares them
// in an HTML comment right above the fence (blank lines between are fine), which renders as
// nothing:
//
//   <!-- check-prelude: declare const order: import('@ordergate/core').OrderInput; -->
//
//   ```ts check
//
// Blocks are compiled in memory: no file is written.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Markdown files whose `ts check` blocks are compiled. */
function markdownFiles(): string[] {
  const within = (dir: string, depth: number): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
      const path = dir ? `${dir}/${e.name}` : e.name;
      if (e.isDirectory()) {
        return depth > 0 && e.name !== 'node_modules' && !e.name.startsWith('.')
          ? within(path, depth - 1)
          : [];
      }
      return e.name.endsWith('.md') ? [path] : [];
    });
  return [
    ...within('', 0),
    ...within('packages', 1),
    ...within('examples', 1),
    ...within('docs', 2),
  ].sort();
}

interface Snippet {
  /** Markdown file, relative to the repository root. */
  file: string;
  /** 1-based line of the first code line in the markdown file. */
  line: number;
  prelude: string;
  code: string;
}

const FENCE = /^```(ts|typescript)(?:\s+(.*))?$/;
const PRELUDE = /^<!--\s*check-prelude:([\s\S]*?)-->\s*$/;

/** The `ts check` blocks of a markdown text, with their preludes. */
function checkedSnippets(file: string, markdown: string): Snippet[] {
  const lines = markdown.split('\n');
  const out: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    if (end < 0) throw new Error(`${file}:${String(i + 1)}: unclosed code fence`);
    const words = (open[2] ?? '').split(/\s+/);
    if (words.includes('check')) {
      // the nearest non-blank line above the fence (Prettier puts a blank line in between)
      let k = i - 1;
      while (k > 0 && (lines[k] ?? '').trim() === '') k--;
      const above = lines[k] ?? '';
      out.push({
        file,
        line: i + 2,
        prelude: PRELUDE.exec(above)?.[1]?.trim() ?? '',
        code: lines.slice(i + 1, end).join('\n'),
      });
    }
    i = end;
  }
  return out;
}

/** Type-checks snippets in one program; returns `file:line: message` for every problem. */
function typeCheck(snippets: readonly Snippet[]): string[] {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = { ...parsed.options, noEmit: true };
  // Virtual files inside the repository, so modules and types resolve as they do for its code.
  const virtual = new Map<string, { text: string; snippet: Snippet; preludeLines: number }>();
  snippets.forEach((snippet, n) => {
    const prelude = snippet.prelude ? `${snippet.prelude}\n` : '';
    const text = `${prelude}${snippet.code}\nexport {};\n`;
    virtual.set(join(ROOT, 'test/docs/__snippets__', `snippet${String(n)}.ts`), {
      text,
      snippet,
      preludeLines: prelude ? prelude.split('\n').length - 1 : 0,
    });
  });
  const base = ts.createCompilerHost(options, true);
  const host: ts.CompilerHost = {
    ...base,
    fileExists: (f) => virtual.has(f) || base.fileExists(f),
    readFile: (f) => virtual.get(f)?.text ?? base.readFile(f),
    getSourceFile: (f, language, onError, create) => {
      const v = virtual.get(f);
      return v
        ? ts.createSourceFile(f, v.text, language, true)
        : base.getSourceFile(f, language, onError, create);
    },
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems: string[] = [];
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const v = diagnostic.file ? virtual.get(diagnostic.file.fileName) : undefined;
    if (!diagnostic.file) {
      problems.push(`TS${String(diagnostic.code)}: ${message}`);
    } else if (v) {
      const at = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line;
      const where =
        at < v.preludeLines
          ? `${v.snippet.file}:${String(v.snippet.line - 2)} (check-prelude)`
          : `${v.snippet.file}:${String(v.snippet.line + at - v.preludeLines)}`;
      problems.push(`${where}: TS${String(diagnostic.code)} ${message}`);
    }
    // problems inside the packages themselves are `pnpm typecheck`'s to report
  }
  return problems;
}

const snippets = markdownFiles().flatMap((file) =>
  checkedSnippets(file, readFileSync(join(ROOT, file), 'utf8')),
);

// A block that must fail, compiled in the same program (one program costs seconds: it checks the
// packages' source too).
const BAD = checkedSnippets(
  'bad.md',
  [
    '# bad',
    '',
    '<!-- check-prelude: declare const n: number; -->',
    '```ts check',
    "import { loadPolicy } from '@ordergate/core';",
    'const s: string = n;',
    'loadPolicy({}, 2);',
    '```',
  ].join('\n'),
);

describe('TypeScript in the READMEs', () => {
  let problems: string[] = [];
  beforeAll(() => {
    problems = typeCheck([...snippets, ...BAD]);
  }, 120_000);

  it('has a checked quick start in the README and in each package README', () => {
    const files = new Set(snippets.map((s) => s.file));
    for (const readme of [
      'README.md',
      'packages/core/README.md',
      'packages/connectors/README.md',
      'packages/server/README.md',
    ]) {
      expect(files.has(readme), `${readme} has no \`\`\`ts check block`).toBe(true);
    }
  });

  it('compiles every `ts check` block against the current API', () => {
    expect(problems.filter((p) => !p.startsWith('bad.md:'))).toEqual([]);
  });

  it('reports a block that does not compile, at its markdown line', () => {
    const bad = problems.filter((p) => p.startsWith('bad.md:'));
    expect(bad).toHaveLength(2);
    expect(bad[0]).toMatch(/^bad\.md:6: TS2322 /);
    expect(bad[1]).toMatch(/^bad\.md:7: TS2554 /);
  });

  it('reads the markdown files of the repository, named relative to it', () => {
    const files = markdownFiles();
    expect(files).toContain('README.md');
    expect(files).toContain('packages/core/README.md');
    expect(files.every((f) => relative(ROOT, join(ROOT, f)) === f)).toBe(true);
  });
});
