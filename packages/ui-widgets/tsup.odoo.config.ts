import { copyFileSync, mkdirSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';
import base from './tsup.config.js';

// The bundle for Odoo's asset pipeline (decision 033): one ES module that imports Owl as
// `@odoo/owl` — Odoo's module loader answers that name with the web client's own Owl 2.8.1, so
// the page keeps exactly one Owl. Not minified: Odoo's transpiler rewrites `import`/`export`
// lines with regular expressions, and Odoo minifies its bundles itself. It is copied into the
// example addon's `static/src/lib/`, where Odoo 17+ treats every file as a module.
const ADDON_LIB = '../../examples/odoo-addon/ordergate_panels/static/src/lib';

// What the main build does to the sources (esbuild plugins, loaders, defines — e.g. templates
// compiled ahead of time) applies here too, so the two builds cannot drift apart.
const main: Options | undefined = Array.isArray(base)
  ? (base[0] as Options | undefined)
  : typeof base === 'function'
    ? undefined
    : base;

export default defineConfig({
  ...(main?.esbuildPlugins ? { esbuildPlugins: main.esbuildPlugins } : {}),
  ...(main?.loader ? { loader: main.loader } : {}),
  ...(main?.define ? { define: main.define } : {}),
  entry: { 'ui-widgets': 'src/index.ts' },
  outDir: 'dist/odoo',
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  external: ['@odoo/owl'],
  dts: false,
  minify: false,
  sourcemap: false,
  splitting: false,
  clean: true,
  banner: { js: '/** @odoo-module */' },
  onSuccess: async () => {
    copyFileSync('src/theme.css', 'dist/odoo/ui-widgets.css');
    mkdirSync(ADDON_LIB, { recursive: true });
    copyFileSync('dist/odoo/ui-widgets.js', `${ADDON_LIB}/ui_widgets.js`);
    copyFileSync('dist/odoo/ui-widgets.css', `${ADDON_LIB}/ui_widgets.css`);
  },
});
