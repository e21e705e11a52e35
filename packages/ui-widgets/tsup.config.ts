import { copyFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { langPacks } from './scripts/lang-packs.js';
import { owlTemplates } from './scripts/owl-templates.js';

// One ESM bundle for browsers, and each language's texts as a pack beside it (`en.js`,
// `zh-CN.js`, imported by the bundle for the language chosen; decision 035). Owl is external: the page (or
// Odoo's web client) brings its one copy, imported as `@odoo/owl` (an import map on the order desk
// page, Odoo's module loader there). The templates ship precompiled (scripts/owl-templates.ts):
// no `new Function` in the browser.
export default defineConfig({
  entry: { index: 'src/index.ts', en: 'src/i18n.en.ts', 'zh-CN': 'src/i18n.zh-CN.ts' },
  format: ['esm'],
  platform: 'browser',
  target: 'es2022',
  external: ['@odoo/owl'],
  dts: { entry: { index: 'src/index.ts' } },
  // terser after esbuild's bundling: about 2 kB gzip less than esbuild's own minifier on this
  // bundle (decision 035). Property names are never mangled: the public API stays as it is.
  minify: 'terser',
  esbuildOptions: (o) => {
    o.minify = true;
  },
  terserOptions: { ecma: 2020, compress: { passes: 2 }, format: { comments: false } },
  sourcemap: true,
  clean: true,
  esbuildPlugins: [owlTemplates(), langPacks()],
  onSuccess: async () => {
    copyFileSync('src/theme.css', 'dist/theme.css');
  },
});
