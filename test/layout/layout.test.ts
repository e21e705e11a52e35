// Decision 011: by layer, then by area. No folder of a package imports a folder that imports it,
// and every import runs down the package's stated layers. A failure names the importing file.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { circles, folderGraph, unplaced, upwardImports } from './folders.js';

const src = (pkg: string) => fileURLToPath(new URL(`../../packages/${pkg}/src`, import.meta.url));

/** Each package's layers, bottom to top: a room imports only rooms listed before it. */
const PACKAGES = {
  core: {
    layers: [
      'errors',
      'model',
      'lib',
      'policy',
      'i18n',
      'audit',
      'approvals',
      'state',
      'ports',
      'rules',
      'workflow',
      'runner',
      'store',
      'testing',
      'desks',
      'Ordergate',
      'node',
    ],
    areas: new Set(['rules', 'workflow']),
  },
  connectors: {
    layers: ['internal', 'ErpConnector', 'WebhookVerification', 'odoo', 'rest'],
    areas: new Set<string>(),
  },
  server: {
    layers: [
      'drivers',
      'logging',
      'migrations',
      'worker',
      'PostgresStore',
      'sync',
      'identity',
      'http',
      'cli',
    ],
    // http/shared ← http/routes ← http (app.ts), cli/support ← cli/commands ← cli (program.ts)
    areas: new Set(['http', 'cli']),
  },
} as const;

describe.each(Object.entries(PACKAGES))('%s layout (decision 011)', (pkg, { layers, areas }) => {
  it('no folder imports a folder that imports it, directly or around a circle', () => {
    const graph = folderGraph(src(pkg), areas);
    expect(circles(graph)).toEqual([]);
    // The graph is real: the top layer imports the ones below it.
    expect(graph.get(layers.at(-1)!)?.size).toBeGreaterThan(0);
  });

  it('every import runs down the layers, and every folder is placed in one', () => {
    expect(upwardImports(folderGraph(src(pkg), areas), layers)).toEqual([]);
    expect(unplaced(src(pkg), layers)).toEqual([]);
  });
});

describe('ui-widgets layout', () => {
  it('no panel module imports one that imports it', () => {
    expect(circles(folderGraph(src('ui-widgets')))).toEqual([]);
    expect(readdirSync(src('ui-widgets')).length).toBeGreaterThan(3);
  });
});
