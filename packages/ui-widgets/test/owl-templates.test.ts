// The build step that precompiles the components' Owl templates (scripts/owl-templates.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compactTemplate,
  compileTemplates,
  helperFrom,
  precompileSource,
  templatesOf,
} from '../scripts/owl-templates.js';

const src = (f: string) => fileURLToPath(new URL(`../src/${f}`, import.meta.url));
const COMPONENTS = [
  'ApprovalPanel.ts',
  'TrackingPanel.ts',
  'CreditPanel.ts',
  'ChangePanel.ts',
  'MetricsPanel.ts',
  'WorkQueue.ts',
  'Desk.ts',
];

/**
 * Runs a compiled template function on a made-up component: every value it reads is either an
 * object that answers any read or call (by its path, e.g. `ctx.state.picture`) or '' (falsy),
 * chosen by the path and `seed`, so that different seeds take different branches and loops.
 * Answers the log of every read, call and block built, in order, and the block tree (or the
 * error it stopped on). Two functions that do the same thing answer the same.
 */
function run(fn: string, seed: number): { log: string[]; tree: unknown } {
  const log: string[] = [];
  const paths = new WeakMap<object, string>();
  const hash = (s: string) => {
    let x = (seed + 1) * 2_654_435_761;
    for (const c of s) x = Math.imul(x ^ c.charCodeAt(0), 16_777_619) >>> 0;
    return x;
  };
  const ser = (v: unknown): unknown => {
    if (typeof v === 'function') return paths.get(v) ?? `fn ${v.toString()}`;
    if (v instanceof Boolean) return `Boolean(${String(v.valueOf())})`;
    if (Array.isArray(v)) return v.map(ser);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, ser(x)]));
    return v;
  };
  const value = (path: string): unknown => {
    if (hash(path) % 8 === 0) return '';
    const target = function () {};
    const proxy: object = new Proxy(target, {
      get(t, prop, receiver) {
        if (prop === Symbol.toPrimitive) return () => path;
        if (prop === '__proto__') return Reflect.get(t, prop, receiver) as unknown;
        if (typeof prop === 'symbol' || prop === 'then') return undefined;
        log.push(`get ${path}.${prop}`);
        return value(`${path}.${prop}`);
      },
      apply(_t, _this, args: unknown[]) {
        const call = `${path}(${JSON.stringify(ser(args))})`;
        log.push(`call ${call}`);
        return value(call);
      },
    });
    paths.set(proxy, path);
    return proxy;
  };
  const block =
    (str: string) =>
    (data: unknown[] = [], children: unknown[] = []) => {
      const b = { block: str, data: ser(data), children };
      log.push(`block ${JSON.stringify(b.data)} ${str.slice(0, 60)}`);
      return b;
    };
  const bdom = {
    createBlock: block,
    text: (x: unknown) => ({ text: ser(x) }),
    list: (l: unknown[]) => ({ list: l }),
    multi: (m: unknown[]) => ({ multi: m }),
    html: (x: unknown) => ({ html: ser(x) }),
    toggler: (k: unknown, b: unknown) => ({ toggler: ser(k), b }),
    comment: (x: unknown) => ({ comment: ser(x) }),
  };
  const helpers = {
    prepareList(c: unknown) {
      if (!c) throw new Error('Invalid loop expression');
      const path = paths.get(c);
      const items = path ? [value(`${path}[0]`), value(`${path}[1]`)] : (c as unknown[]);
      return [items, items, items.length, new Array(items.length)];
    },
    withKey: (b: object, key: unknown) => ({ ...b, key: ser(key) }),
    isBoundary: Symbol('isBoundary'),
    withDefault: (v: unknown, d: unknown) => (v === undefined || v === null || v === false ? d : v),
    setContextValue: (ctx: Record<string, unknown>, key: string, v: unknown) => {
      log.push(`set ${key}`);
      ctx[key] = v;
    },
    toNumber: (v: unknown) => v,
  };
  const app = {
    createComponent:
      (name: string) =>
      (props: unknown, key: unknown): unknown => ({ component: name, props: ser(props), key }),
  };
  // a template function is the source of a function expression (made at build time in Node)
  const make = (0, eval)(`(${fn})`) as (a: unknown, b: unknown, h: unknown) => unknown;
  const template = make(app, bdom, helpers) as (
    ctx: unknown,
    node: unknown,
    key: string,
  ) => unknown;
  try {
    return { log, tree: template(value('ctx'), {}, '') };
  } catch (e) {
    return { log, tree: `stopped: ${(e as Error).message}` };
  }
}

describe('precompiled Owl templates', () => {
  it('issue 12 every component template compiles, and the source keeps its line count', () => {
    for (const f of [
      'ApprovalPanel.ts',
      'TrackingPanel.ts',
      'CreditPanel.ts',
      'ChangePanel.ts',
      'MetricsPanel.ts',
      'WorkQueue.ts',
      'Desk.ts',
    ]) {
      const source = readFileSync(src(f), 'utf8');
      const [t] = templatesOf(f, source);
      expect(t?.name).toBe(`ordergate.${f.replace('.ts', '')}`);
      const out = precompileSource(f, source);
      expect(out).not.toContain('xml`');
      expect(out).toContain(`__ogPrecompiled("${t!.name}", __ogTemplate0)`);
      // what follows the template keeps its line: source maps stay right
      const tail = source.slice(t!.end, t!.end + 200);
      expect(out.split('\n').findIndex((l) => l.includes(tail.split('\n')[1]!))).toBe(
        source.split('\n').findIndex((l) => l.includes(tail.split('\n')[1]!)),
      );
    }
  });

  it('issue 12 a component anywhere under src/ imports the registration helper', () => {
    expect(helperFrom('/p/ui/src/ApprovalPanel.ts')).toBe('./templates.js');
    expect(helperFrom('/p/ui/src/panels/deep/X.ts')).toBe('../../templates.js');
  });

  it('issue 12 the built bundle ships template functions, no template source', () => {
    const bundle = readFileSync(
      fileURLToPath(new URL('../dist/index.js', import.meta.url)),
      'utf8',
    );
    expect(bundle).toContain('registerTemplate');
    expect(bundle).not.toContain('t-foreach');
    expect(bundle).not.toContain('t-esc');
  });

  it('issue 12 compacted templates read, call and build the same, in the same order, as Owl emits them, and are smaller', () => {
    let deep = 0;
    const size = { owl: 0, small: 0 };
    for (const f of COMPONENTS) {
      const found = templatesOf(f, readFileSync(src(f), 'utf8'));
      const owl = compileTemplates(found, { compact: false });
      const small = compileTemplates(found);
      owl.forEach((fn, n) => {
        expect(small[n]!.length, f).toBeLessThan(fn.length);
        size.owl += fn.length;
        size.small += small[n]!.length;
        expect(compactTemplate(small[n]!), 'compacting twice changes nothing').toBe(small[n]);
        for (let seed = 0; seed < 300; seed++) {
          const want = run(fn, seed);
          expect(run(small[n]!, seed), `${f} seed ${String(seed)}`).toEqual(want);
          if (want.log.length > 100) deep++;
        }
      });
    }
    expect(deep).toBeGreaterThan(100); // the seeds went deep into the templates, not only their first lines
    expect(size.small).toBeLessThan(size.owl * 0.95);
  });

  it('issue 12 compaction keeps a value where reading it later would differ', () => {
    const fn = [
      'function anonymous(app, bdom, helpers',
      ') {',
      '  let { createBlock } = bdom;',
      '  let block1 = createBlock(`<p><block-text-0/></p>`);',
      '  let block2 = createBlock(`<p><block-text-0/></p>`);',
      '  return function template(ctx, node, key = "") {',
      "    let txt1 = ctx['a'];",
      "    let txt2 = ctx['b'];",
      "    ctx['c'](); const b = block1([txt1]);", // a call before the read: txt1 stays
      "    let hdlr1 = [()=>ctx['d'](), ctx];",
      '    return block2([txt2, hdlr1]);', // a read of txt2 on another line: txt2 stays
      '  }',
      '}',
    ].join('\n');
    const out = compactTemplate(fn);
    expect(out).toContain("let txt1 = ctx['a'];");
    expect(out).toContain("let txt2 = ctx['b'];");
    expect(out).toContain("return block1([txt2, ([()=>ctx['d'](), ctx])]);"); // one block string
    expect(out).not.toContain('block2');
  });

  it('issue 12 a template that does not compile fails the build, naming it', () => {
    expect(() =>
      compileTemplates([{ name: 'ordergate.Broken', xml: '<p t-esc="a"><b></p>' }]),
    ).toThrow(/ordergate\.Broken/);
    expect(() => templatesOf('X.ts', 'const t = xml`<p>${x}</p>`;')).toThrow(/X\.ts.*static/);
  });
});
