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
 * template functions (`function anonymous(app, bdom, helpers) {…}`). Throws, naming the
 * template, when one does not compile.
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
): string[] {
  const { compile, window } = owlCompiler();
  return withDom(window, () =>
    templates.map((t) => {
      try {
        return compile(t.xml, { name: t.name, dev: false, hasGlobalValues: false }).toString();
      } catch (e) {
        throw new Error(`Owl cannot compile the template ${t.name}: ${(e as Error).message}`);
      }
    }),
  );
}

/**
 * A component source with its `xml` templates replaced by precompiled ones:
 * `precompiled(name, fn)` (from `src/templates.ts`) in place of each `xml`…``, keeping
 * the line count (source maps stay right), and the template functions appended at the end.
 *
 * @example
 * precompileSource('src/ApprovalPanel.ts', source).includes('xml`'); // false
 */
export function precompileSource(file: string, source: string, helper = './templates.js'): string {
  const found = templatesOf(file, source);
  if (!found.length) return source;
  const compiled = compileTemplates(found);
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
export function owlTemplates(): Plugin {
  return {
    name: 'owl-templates',
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/].+\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('xml`')) return undefined;
        return {
          contents: precompileSource(args.path, source, helperFrom(args.path)),
          loader: 'ts',
        };
      });
    },
  };
}
