// Precompiles the components' Owl templates at build time (an esbuild plugin for tsup).
//
// In the sources a template stays next to its component, readable: `static template = xml`…``.
// Owl would compile that string in the browser with `new Function`, which a page can only allow
// with CSP 'unsafe-eval'. This plugin compiles each `xml` template with Owl's own template
// compiler (`compileTemplates`, the tool behind `compile_owl_templates`) and ships the function
// instead: `static template = precompiled('ordergate.ApprovalPanel', …)`, registered for every
// Owl App on the page (`App.registerTemplate`). Inside Odoo the host's Owl 2.8.1 runs these
// functions: the compiler must be Owl 2.8's (its code generator is the same from 2.8.1 to 2.8.3).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** One `xml` tagged template of a source file. */
export interface SourceTemplate {
  /** The name it is registered under, e.g. `ordergate.ApprovalPanel`. */
  name: string;
  /** Offsets of the whole `xml`…`` expression in the source. */
  start: number;
  end: number;
  /** The template's XML. */
  xml: string;
}

const XML_TAG = /\bxml`([^`]*)`/g;

/**
 * The `xml` tagged templates of a component's source, named `ordergate.<File>` (then `.1`, `.2`
 * for further templates in the same file).
 *
 * @example
 * templatesOf('ApprovalPanel.ts', source)[0].name; // 'ordergate.ApprovalPanel'
 */
export function templatesOf(file: string, source: string): SourceTemplate[] {
  const stem = basename(file).replace(/\.[cm]?tsx?$/, '');
  return [...source.matchAll(XML_TAG)].map((m, n) => {
    const xml = m[1] ?? '';
    if (xml.includes('${') || xml.includes('\\'))
      throw new Error(
        `${file}: an xml template holds \${…} or a backslash; templates are static text (precompiled at build time)`,
      );
    return {
      name: `ordergate.${stem}${n ? `.${String(n)}` : ''}`,
      start: m.index,
      end: m.index + m[0].length,
      xml,
    };
  });
}

/** How templates are compiled. */
export interface CompileOptions {
  /**
   * Make the generated functions smaller (`compactTemplate`); default true. `false` ships them
   * as Owl's compiler emits them (the bench's figure from before decision 035).
   */
  compact?: boolean;
}

type Compile = (
  template: string,
  options: { name: string; dev: boolean; hasGlobalValues: boolean },
) => { toString(): string };

interface OwlCompiler {
  compile: Compile;
  window: Record<string, unknown> & { document: unknown };
}
let compiler: OwlCompiler | undefined;

const DOM_GLOBALS = ['window', 'document', 'DOMParser', 'Element', 'Node'] as const;

/**
 * Owl's template compiler (`@odoo/owl/dist/compiler.js`) with the DOM it parses templates in
 * (jsdom, Owl's own dependency), after checking it is Owl 2.8's.
 */
function owlCompiler(): OwlCompiler {
  if (compiler) return compiler;
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@odoo/owl/package.json');
  const { version } = require(pkg) as { version: string };
  if (!/^2\.8\./.test(version))
    throw new Error(
      `@odoo/owl ${version}: templates must be compiled by Owl 2.8 (Odoo 18/19 run Owl 2.8.1's runtime)`,
    );
  const owlRequire = createRequire(pkg);
  const { JSDOM } = owlRequire('jsdom') as {
    JSDOM: new (html: string) => { window: OwlCompiler['window'] };
  };
  const { window } = new JSDOM('');
  return withDom(window, () => {
    const { compile } = owlRequire('./dist/compiler.js') as { compile: Compile };
    return (compiler = { compile, window });
  });
}

/** Runs `fn` with the DOM globals Owl's compiler reads set to `window`'s, then restores them. */
function withDom<T>(window: OwlCompiler['window'], fn: () => T): T {
  const g = globalThis as Record<string, unknown>;
  const saved = DOM_GLOBALS.map((k) => [k, Object.getOwnPropertyDescriptor(g, k)] as const);
  for (const k of DOM_GLOBALS)
    Object.defineProperty(g, k, {
      value: k === 'window' ? window : window[k],
      configurable: true,
      writable: true,
    });
  try {
    return fn();
  } finally {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(g, k, d);
      else delete g[k];
    }
  }
}

/**
 * Compiles templates with Owl's compiler as an Owl App in production mode would in the browser
 * (the same `compile(xml, { name, dev: false, hasGlobalValues: false })`), into the source of
 * template functions (`function anonymous(app, bdom, helpers) {…}`), made smaller by
 * `compactTemplate` unless `compact: false`. Throws, naming the template, when one does not
 * compile.
 *
 * Only the production variant ships: Owl's dev variant (props validation of child components,
 * duplicate `t-key` checks) would take the bundle past its 30 kB budget. An App in dev mode still
 * validates its root component's props.
 *
 * @example
 * const [fn] = compileTemplates([{ name: 'ordergate.X', xml: '<p t-esc="a"/>' }]);
 */
export function compileTemplates(
  templates: readonly Pick<SourceTemplate, 'name' | 'xml'>[],
  options: CompileOptions = {},
): string[] {
  const { compile, window } = owlCompiler();
  return withDom(window, () =>
    templates.map((t) => {
      try {
        const fn = compile(t.xml, {
          name: t.name,
          dev: false,
          hasGlobalValues: false,
        }).toString();
        return options.compact === false ? fn : compactTemplate(fn);
      } catch (e) {
        throw new Error(`Owl cannot compile the template ${t.name}: ${(e as Error).message}`);
      }
    }),
  );
}

const DECLARATION = /^(\s*)(?:let|const) ([A-Za-z_$][\w$]*) = (.*);$/;
const WORD = (name: string) =>
  new RegExp(`(?<![\\w$.])${name.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
// what a line may hold before the place an inlined value goes: names, `=`, `[`, `(`, `,`, `if`
// and blanks. No call result, no member read, no string, no arrow function: nothing is
// evaluated before the value that was not already evaluated before it, and the value is not
// moved into a closure.
const INERT_PREFIX = /^[\s\w$=[(,]*$/;

/**
 * Makes a template function that Owl's compiler generated smaller without changing what it
 * does, on its regular, one-statement-a-line output:
 *
 * - a block string declared twice (`createBlock` of the same markup) is declared once: Owl's
 *   `createBlock` answers the same block class for the same string anyway;
 * - names destructured from `bdom`/`helpers` or `prepareList` and never read are dropped;
 * - a value computed into a variable that is read once, on the very next line, before anything
 *   else is evaluated there, is written in its place (`let txt2 = e; b2 = block2([txt2]);` →
 *   `b2 = block2([e]);`): the same expressions, in the same order, on the same context.
 *
 * The markup each block renders, the order in which expressions run and the handlers' closures
 * stay as Owl made them (`test/owl-templates.test.ts` renders both and compares).
 *
 * @example
 * compactTemplate(compile('<p t-esc="a"/>', { name: 'x', dev: false }).toString());
 */
export function compactTemplate(fn: string): string {
  let lines = fn.split('\n');
  const uses = (name: string) => lines.join('\n').match(WORD(name))?.length ?? 0;

  // 1. one declaration per block string
  const blockOf = new Map<string, string>();
  const renamed = new Map<string, string>();
  lines = lines.filter((l) => {
    const m = /^\s*let (block\d+) = createBlock\((`[^`]*`)\);$/.exec(l);
    if (!m) return true;
    const first = blockOf.get(m[2]!);
    if (!first) {
      blockOf.set(m[2]!, m[1]!);
      return true;
    }
    renamed.set(m[1]!, first);
    return false;
  });
  if (renamed.size)
    lines = lines.map((l) =>
      l.replace(/(?<![\w$.])block\d+(?![\w$])/g, (name) => renamed.get(name) ?? name),
    );

  // 2. destructured names nobody reads
  lines = lines.flatMap((l) => {
    const m = /^(\s*)let \{ ([^}]*) \} = (bdom|helpers);$/.exec(l);
    if (!m) return [l];
    const kept = m[2]!.split(', ').filter((n) => uses(n) > 1);
    return kept.length ? [`${m[1]!}let { ${kept.join(', ')} } = ${m[3]!};`] : [];
  });
  lines = lines.map((l) =>
    l.replace(
      /^(\s*const \[)(\w+), (\w+), (\w+), (\w+)(\] = prepareList\()/,
      (whole, head: string, k: string, v: string, n: string, c: string, tail: string) =>
        uses(v) > 1 ? whole : `${head}${k}, , ${n}, ${c}${tail}`,
    ),
  );

  // 3. a value read once, on the next line, in the same order
  for (let i = lines.length - 2; i >= 0; i--) {
    const d = DECLARATION.exec(lines[i]!);
    const next = lines[i + 1]!;
    if (!d || uses(d[2]!) !== 2) continue;
    const indent = d[1]!;
    if (!next.startsWith(indent) || /^\s/.test(next.slice(indent.length))) continue;
    const at = next.search(WORD(d[2]!));
    if (at < 0 || !INERT_PREFIX.test(next.slice(0, at))) continue;
    const after = next.slice(at + d[2]!.length);
    if (/^\s*=(?!=)/.test(after)) continue; // assigned there, not read
    lines[i + 1] = `${next.slice(0, at)}(${d[3]!})${after}`;
    lines.splice(i, 1);
  }
  return lines.join('\n');
}

/**
 * A component source with its `xml` templates replaced by precompiled ones:
 * `precompiled(name, fn)` (from `src/templates.ts`) in place of each `xml`…``, keeping
 * the line count (source maps stay right), and the template functions appended at the end.
 *
 * @example
 * precompileSource('src/ApprovalPanel.ts', source).includes('xml`'); // false
 */
export function precompileSource(
  file: string,
  source: string,
  helper = './templates.js',
  options: CompileOptions = {},
): string {
  const found = templatesOf(file, source);
  if (!found.length) return source;
  const compiled = compileTemplates(found, options);
  let out = '';
  let at = 0;
  const fns: string[] = [];
  found.forEach((t, n) => {
    const c = compiled[n];
    if (!c) throw new Error(`no compiled template for ${t.name}`);
    const lines = source.slice(t.start, t.end).split('\n').length - 1;
    out += `${source.slice(at, t.start)}__ogPrecompiled(${JSON.stringify(t.name)}, __ogTemplate${String(n)})${'\n'.repeat(lines)}`;
    at = t.end;
    fns.push(rename(c, `__ogTemplate${String(n)}`));
  });
  out += source.slice(at);
  return `import { precompiled as __ogPrecompiled } from ${JSON.stringify(helper)}; ${out}\n${fns.join('\n')}\n`;
}

/**
 * How a component file imports `src/templates.ts` (`precompiled`), from wherever under `src/`
 * it is.
 *
 * @example
 * helperFrom('/p/src/panels/X.ts'); // '../templates.js'
 */
export function helperFrom(file: string): string {
  const src = file.slice(0, file.lastIndexOf(`${sep}src${sep}`) + `${sep}src${sep}`.length);
  const helper = relative(dirname(file), join(src, 'templates.js')).split(sep).join('/');
  return helper.startsWith('.') ? helper : `./${helper}`;
}

function rename(fn: string, name: string): string {
  if (!fn.startsWith('function anonymous('))
    throw new Error(`unexpected compiled template: ${fn.slice(0, 40)}`);
  return `function ${name}(${fn.slice('function anonymous('.length)}`;
}

/**
 * The esbuild plugin (tsup `esbuildPlugins`) that ships the components' templates precompiled.
 *
 * @example
 * defineConfig({ esbuildPlugins: [owlTemplates()] });
 */
export function owlTemplates(options: CompileOptions = {}): Plugin {
  return {
    name: 'owl-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].+\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('xml`')) return undefined;
        return {
          contents: precompileSource(args.path, source, helperFrom(args.path), options),
          loader: 'ts',
        };
      });
    },
  };
}
