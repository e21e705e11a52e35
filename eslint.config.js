// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/coverage/**',
      'eslint.config.js',
      '**/*.config.ts',
      // the ui-widgets bundle built for Odoo (build:odoo), not a source
      'examples/odoo-addon/*/static/src/lib/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'List named exports; no `export *` (docs/architecture.md, house style).',
        },
      ],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'core is pure: no network (docs/architecture.md, house style).' },
        { name: 'setTimeout', message: 'core is pure: no timers; pass a Clock.' },
        { name: 'setInterval', message: 'core is pure: no timers; pass a Clock.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'core is pure: pass a Clock.' },
        { object: 'Math', property: 'random', message: 'core is pure: pass an IdSource.' },
      ],
    },
  },
  {
    files: ['**/test/**/*.ts', '**/bench/**/*.ts', 'examples/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // the Odoo addon's web client code: plain ES modules run by Odoo's module loader
    files: ['examples/odoo-addon/**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: {
        odoo: 'readonly',
        fetch: 'readonly',
        Headers: 'readonly',
        EventTarget: 'readonly',
      },
    },
  },
);
