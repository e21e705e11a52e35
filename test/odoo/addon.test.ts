// The Odoo addon (examples/odoo-addon/ordergate_panels) without an Odoo: the bundle built for
// Odoo's asset pipeline takes Owl only from the host (`@odoo/owl`, decision 033) and carries no
// copy of it; the manifest, the XML views and the asset list are well formed and name files that
// exist; the proxy forwards exactly the calls the panels' client makes; the assertion the addon
// signs in Python is one the service accepts (and a wrong secret is refused).
//
// Builds the Odoo variant of @ordergate/ui-widgets first (`build:odoo`, a few seconds).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  IdentityError,
  MemoryReplayGuard,
  SharedSecret,
  verifyAssertion,
} from '../../packages/server/src/index.js';
import { CLIENT_ROUTES } from '../../packages/ui-widgets/src/client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADDON = join(ROOT, 'examples/odoo-addon/ordergate_panels');
const LIB = join(ADDON, 'static/src/lib');
const PYTHON = ['/usr/bin/python3', 'python3'].find((p) => {
  try {
    execFileSync(p, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Runs a Python snippet (the addon's pure helpers are loaded by file, without Odoo). */
function python(code: string, args: string[] = []): string {
  if (!PYTHON) throw new Error('python3 is needed for this test');
  return execFileSync(PYTHON, ['-c', code, ...args], {
    cwd: ADDON,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const LOAD = (name: string) => `
import importlib.util
spec = importlib.util.spec_from_file_location("${name}", "lib/${name}.py")
mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
`;

/** The manifest, a Python dict literal, read by Python's own parser. */
function manifest(): {
  depends: string[];
  data: string[];
  assets: Record<string, string[]>;
  version: string;
} {
  const code = 'import ast,json,sys; print(json.dumps(ast.literal_eval(open(sys.argv[1]).read())))';
  return JSON.parse(python(code, ['__manifest__.py'])) as ReturnType<typeof manifest>;
}

beforeAll(() => {
  execFileSync('pnpm', ['--filter', '@ordergate/ui-widgets', 'run', 'build:odoo'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
}, 120_000);

describe('the ui-widgets bundle built for Odoo', () => {
  const bundle = () => readFileSync(join(LIB, 'ui_widgets.js'), 'utf8');

  it('is an Odoo ES module that takes Owl from the host as @odoo/owl, nothing else', () => {
    const js = bundle();
    expect(js.startsWith('/** @odoo-module */')).toBe(true);
    const sources = [...js.matchAll(/^\s*import\b[^;]*?from\s*["']([^"']+)["']/gm)].map(
      (m) => m[1],
    );
    expect(sources.length).toBeGreaterThan(0);
    expect(new Set(sources)).toEqual(new Set(['@odoo/owl']));
    // no dynamic import or require of anything
    expect(js).not.toMatch(/\bimport\s*\(/);
    expect(js).not.toMatch(/\brequire\s*\(/);
  });

  it('carries the Chinese texts inlined: the language pack is no file of its own in Odoo (decision 035)', () => {
    const js = bundle();
    // '批准' (approve) and '待办' (work queue), as esbuild writes them in an ASCII file
    expect(js).toContain('\\u6279\\u51C6');
    expect(js).toContain('\\u5F85\\u529E');
    expect(readdirSync(LIB).filter((f) => f.endsWith('.js'))).toEqual(['ui_widgets.js']);
  });

  it('carries no copy of Owl (its compiler, renderer, scheduler or version stamp)', () => {
    const js = bundle();
    for (const owlInternal of [
      'class TemplateSet',
      'class Scheduler',
      'function compileTemplate',
      'class ComponentNode',
      '__info__',
      'owl.js',
    ]) {
      expect(js, owlInternal).not.toContain(owlInternal);
    }
    // the panels' own code only: Owl's runtime names none of these as its own
    expect(js).toContain('ApprovalPanel');
  });

  it('exports the panels and the client the addon imports', () => {
    const js = bundle();
    const exported = /export\s*\{([^}]*)\}/.exec(js)?.[1] ?? '';
    const names = exported.split(',').map((s) =>
      s
        .trim()
        .split(/\s+as\s+/)
        .pop(),
    );
    const widget = readFileSync(join(ADDON, 'static/src/order_panel.js'), 'utf8');
    const imported =
      /import\s*\{([^}]*)\}\s*from\s*["']@ordergate_panels\/lib\/ui_widgets["']/.exec(widget)?.[1];
    expect(imported).toBeDefined();
    for (const name of imported!
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)) {
      expect(names, name).toContain(name);
    }
  });
});

describe('the addon', () => {
  it('has a manifest whose data and assets name files that exist', () => {
    const m = manifest();
    expect(m.depends).toContain('sale');
    for (const file of m.data) expect(existsSync(join(ADDON, file)), file).toBe(true);
    const backend = m.assets['web.assets_backend'] ?? [];
    expect(backend).toContain('ordergate_panels/static/src/lib/ui_widgets.js');
    for (const asset of backend) {
      expect(asset.startsWith('ordergate_panels/'), asset).toBe(true);
      expect(existsSync(join(ADDON, asset.slice('ordergate_panels/'.length))), asset).toBe(true);
    }
    // every file of static/src is listed (nothing shipped that Odoo would not load)
    const listed = new Set(backend.map((a) => a.slice('ordergate_panels/'.length)));
    const files = readdirSync(join(ADDON, 'static/src'), { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => join(d.parentPath, d.name).slice(ADDON.length + 1));
    expect(files.filter((f) => !listed.has(f))).toEqual([]);
  });

  it('has XML views and templates that parse, and a form view placing every panel', () => {
    const files = [...manifestXml(), 'static/src/order_panel.xml'];
    const code = `
import sys, json
from xml.etree import ElementTree as ET
out = {}
for f in sys.argv[1:]:
    root = ET.parse(f).getroot()
    out[f] = {"root": root.tag, "widgets": [w.get("panel") for w in root.iter("widget") if w.get("name") == "ordergate_panel"],
              "templates": [t.get("t-name") for t in root.iter("t") if t.get("t-name")]}
print(json.dumps(out))`;
    const parsed = JSON.parse(python(code, files)) as Record<
      string,
      { root: string; widgets: string[]; templates: string[] }
    >;
    expect(parsed['views/sale_order_views.xml']?.widgets).toEqual([
      'approval',
      'tracking',
      'credit',
      'change',
    ]);
    expect(parsed['static/src/order_panel.xml']?.templates).toEqual([
      'ordergate_panels.OrdergatePanel',
    ]);
    const widget = readFileSync(join(ADDON, 'static/src/order_panel.js'), 'utf8');
    expect(widget).toMatch(/template = ["']ordergate_panels\.OrdergatePanel["']/);
    for (const panel of ['approval', 'tracking', 'credit', 'change'])
      expect(widget).toMatch(new RegExp(`\\b${panel}: \\w+Panel`));
  });

  it('translates the page titles and the widget’s own text into Simplified Chinese', () => {
    const po = readFileSync(join(ADDON, 'i18n/zh_CN.po'), 'utf8');
    const translated = new Map(
      [...po.matchAll(/^msgid "(.+)"\nmsgstr "(.*)"$/gm)].map((m) => [m[1], m[2]] as const),
    );
    const view = readFileSync(join(ADDON, 'views/sale_order_views.xml'), 'utf8');
    const pages = [...view.matchAll(/<page string="([^"]+)"/g)].map((m) => m[1]!);
    expect(pages).toEqual(['Approval', 'Tracking', 'Credit', 'Changes']);
    const widget = readFileSync(join(ADDON, 'static/src/order_panel.js'), 'utf8');
    const own = [...widget.matchAll(/_t\(\s*["']([^"']+)["']/g)].map((m) => m[1]!);
    for (const text of [...pages, ...own])
      expect(translated.get(text), text).toMatch(/\p{Script=Han}/u);
  });

  it('refuses to install without the built bundle, saying how to build it', () => {
    expect((manifest() as { pre_init_hook?: string }).pre_init_hook).toBe('pre_init_hook');
    const check = (dir: string) =>
      python(`${LOAD('bundle')}\nimport sys\nprint(mod.missing_bundle(sys.argv[1]))`, [dir]).trim();
    expect(check(ADDON)).toBe('None'); // built in beforeAll
    const message = check(join(ADDON, 'static')); // a folder without the bundle
    expect(message).toContain('static/src/lib/ui_widgets.js');
    expect(message).toContain('pnpm --filter @ordergate/ui-widgets build:odoo');
  });

  it('compiles (every Python file of the addon)', () => {
    const code = `
import sys, pathlib
for p in sorted(pathlib.Path(".").rglob("*.py")):
    compile(p.read_text(), str(p), "exec")
print("ok")`;
    expect(python(code).trim()).toBe('ok');
  });

  function manifestXml(): string[] {
    return manifest().data.filter((f) => f.endsWith('.xml'));
  }
});

describe('the proxy forwards exactly what the panels call', () => {
  const check = (pairs: [string, string][]) =>
    JSON.parse(
      python(
        `${LOAD('routes')}
import json, sys
print(json.dumps([mod.is_allowed(m, p) for m, p in json.loads(sys.argv[1])]))`,
        [JSON.stringify(pairs)],
      ),
    ) as boolean[];

  it('forwards every route of the client, the message catalogues too', () => {
    const calls: [string, string][] = CLIENT_ROUTES.map((r) => [
      r.method.toUpperCase(),
      r.path.replace('{id}', '42'),
    ]);
    calls.push(['GET', '/desk/messages/en.json'], ['GET', '/desk/messages/zh-CN.json']);
    expect(check(calls)).toEqual(calls.map(() => true));
  });

  it('forwards nothing else: tokens, sync, outbox, customers writes, other methods, ..', () => {
    const refused: [string, string][] = [
      ['PUT', '/v1/people'], // the directory is the ERP integration's to write, not a panel's
      ['POST', '/v1/tokens'],
      ['GET', '/v1/tokens'],
      ['POST', '/v1/sync'],
      ['GET', '/v1/outbox/dead'],
      ['PUT', '/v1/customers/7'],
      ['POST', '/v1/orders'],
      ['DELETE', '/v1/orders/42'],
      ['GET', '/v1/archive/search'],
      ['POST', '/desk/session'],
      ['GET', '/v1/orders/42/../../tokens'],
      ['GET', '/v1/orders/42/approve'],
      ['POST', '/v1/orders/42/approve/extra'],
      ['GET', '/desk/messages/fr.json'],
    ];
    expect(check(refused)).toEqual(refused.map(() => false));
  });
});

describe('the user assertion Odoo signs', () => {
  const secretText = 'odoo-shared-secret-0123456789abcdef0123456789';
  const sign = (secret: string, lifetime = 60, name = '') =>
    python(
      `${LOAD('assertion')}
import sys
print(mod.sign_assertion(sys.argv[1], "ordergate", "7", ["sales_team.group_sale_manager", "base.group_user"], lifetime=${String(lifetime)}, name=sys.argv[2]))`,
      [secret, name],
    ).trim();

  it('is accepted by the service as that Odoo user with their groups, once', async () => {
    const options = { secret: new SharedSecret(secretText), audience: 'ordergate' };
    const guard = new MemoryReplayGuard();
    const jwt = sign(secretText);
    const actor = await verifyAssertion(`Bearer ${jwt}`, options, guard, Date.now());
    expect(actor).toEqual({
      id: '7',
      groups: ['sales_team.group_sale_manager', 'base.group_user'],
    });
    await expect(
      verifyAssertion(`Bearer ${jwt}`, options, guard, Date.now()),
    ).rejects.toMatchObject({ code: 'TOKEN_REPLAYED' });
  });

  it('issue 12: carries the Odoo user’s display name (name claim), which the service takes as the actor’s name', async () => {
    const options = { secret: new SharedSecret(secretText), audience: 'ordergate' };
    const named = sign(secretText, 60, '  王强\nWang   Qiang ');
    const actor = await verifyAssertion(
      `Bearer ${named}`,
      options,
      new MemoryReplayGuard(),
      Date.now(),
    );
    expect(actor).toEqual({
      id: '7',
      groups: ['sales_team.group_sale_manager', 'base.group_user'],
      name: '王强 Wang Qiang',
    });
    const long = sign(secretText, 60, 'x'.repeat(300));
    const clipped = await verifyAssertion(
      `Bearer ${long}`,
      options,
      new MemoryReplayGuard(),
      Date.now(),
    );
    expect(clipped.name).toHaveLength(200);
  });

  it('signed with another secret is refused; a short secret is not signed at all', async () => {
    const options = { secret: new SharedSecret(secretText), audience: 'ordergate' };
    const other = sign('another-secret-of-enough-length-0123456789abcdef');
    const refusal = verifyAssertion(
      `Bearer ${other}`,
      options,
      new MemoryReplayGuard(),
      Date.now(),
    );
    await expect(refusal).rejects.toBeInstanceOf(IdentityError);
    await expect(refusal).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
    let message = '';
    try {
      sign('too-short');
    } catch (e) {
      message = String((e as { stderr?: string }).stderr);
    }
    expect(message).toContain('at least 32 bytes');
    expect(message).not.toContain('too-short');
  });

  it('never lives longer than the service allows (TOKEN_TOO_LONG)', () => {
    expect(() => sign(secretText, 301)).toThrow();
  });
});
