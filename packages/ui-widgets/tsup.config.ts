import { copyFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { owlTemplates } from './scripts/owl-templates.js';

// One ESM bundle for browsers. Owl is external: the page (or Odoo's web client) brings its one
// copy, imported as `@odoo/owl` (an import map on the order desk page, Odoo's module loader there).
// The templates ship precompiled (scripts/owl-templates.ts): no `new Function` in the browser.
export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  external: ['@odoo/owl'],
  dts: true,
  minify: true,
  sourcemap: true,
  clean: true,
  esbuildPlugins: [owlTemplates()],
  onSuccess: async () => {
    copyFileSync('src/theme.css', 'dist/theme.css');
  },
});
