import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');
/** The core's layers, bottom to top (decision 011): a folder imports only folders listed before it. */
const LAYERS = [
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
] as const;
/** Layers whose areas are folders of their own (decision 011). */
const LAYERS_WITH_AREAS = new Set(['rules', 'workflow']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** `rules/credit`, `runner`, or `.` for a file at the root of `src`. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split('/');
  if (parts.length === 1) return '.';
  if (LAYERS_WITH_AREAS.has(parts[0]!) && parts.length > 2) return `${parts[0]!}/${parts[1]!}`;
  return parts[0]!;
}

/** Folder → folders it imports, with one importing file per edge for the message. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const [, spec] of text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
      const from = folderOf(file);
      const to = folderOf(normalize(join(dirname(file), spec!)));
      if (from === to || from === '.') continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, edges.get(to) ?? relative(SRC, file));
      graph.set(from, edges);
    }
  }
  return graph;
}

describe('core layout (decision 011)', () => {
  it('no folder of the core imports a folder that imports it, directly or around a circle', () => {
    const graph = folderGraph();
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (folder: string) => {
      state.set(folder, 'open');
      path.push(folder);
      for (const next of graph.get(folder)?.keys() ?? []) {
        if (state.get(next) === 'open') {
          const circle = [...path.slice(path.indexOf(next)), next];
          const witness = circle
            .slice(0, -1)
            .map((f, i) => `${graph.get(f)!.get(circle[i + 1]!)!} → ${circle[i + 1]!}`);
          circles.push(witness.join('; '));
        } else if (!state.has(next)) visit(next);
      }
      path.pop();
      state.set(folder, 'done');
    };
    for (const folder of graph.keys()) if (!state.has(folder)) visit(folder);
    expect(circles).toEqual([]);
    // The graph is real: the layers do import one another, bottom to top.
    expect(graph.get('desks')?.has('runner')).toBe(true);
    expect(graph.get('runner')?.has('state')).toBe(true);
  });

  it('every import runs down the layers: a folder imports only the layers below it', () => {
    const rank = new Map<string, number>(LAYERS.map((layer, i) => [layer, i]));
    const upward: string[] = [];
    for (const [from, edges] of folderGraph()) {
      const own = rank.get(from.split('/')[0]!);
      for (const [to, file] of edges) {
        const theirs = rank.get(to.split('/')[0]!);
        if (own !== undefined && theirs !== undefined && theirs > own)
          upward.push(`${file} → ${to}`);
      }
    }
    expect(upward).toEqual([]);
    // Every folder of src is a known layer, so a new one must be placed deliberately.
    const folders = readdirSync(SRC, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.map((e) => e.name).filter((name) => !rank.has(name))).toEqual([]);
  });
});
