// Reads a package's folder graph from its relative imports, for the layout tests (decision 011):
// which folders import which, the circles between them and the imports that run up the layers.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative } from 'node:path';

/** Folder → folders it imports, with one importing file per edge (for the message). */
export type FolderGraph = Map<string, Map<string, string>>;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * The room a file belongs to: its top folder under `src` (`runner`), the area folder inside a
 * folder named in `areas` (`rules/credit`), a file at the root of `src` by its own name
 * (`PostgresStore`), and `.` for `index.ts`, the package's entry, which may import anything.
 */
export function roomOf(src: string, file: string, areas: ReadonlySet<string> = new Set()): string {
  const parts = relative(src, file).split('/');
  if (parts.length === 1)
    return parts[0] === 'index.ts' ? '.' : basename(basename(parts[0]!, '.ts'), '.js');
  if (areas.has(parts[0]!) && parts.length > 2) return `${parts[0]!}/${parts[1]!}`;
  return parts[0]!;
}

/** The graph of rooms of the package whose sources are in `src`. */
export function folderGraph(src: string, areas: ReadonlySet<string> = new Set()): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const file of sourceFiles(src)) {
    const text = readFileSync(file, 'utf8');
    const from = roomOf(src, file, areas);
    for (const [, spec] of text.matchAll(/\bfrom\s+'(\.{1,2}\/[^']+)'/g)) {
      const to = roomOf(src, normalize(join(dirname(file), spec!)), areas);
      if (from === to || from === '.') continue;
      const edges = graph.get(from) ?? new Map<string, string>();
      edges.set(to, edges.get(to) ?? relative(src, file));
      graph.set(from, edges);
    }
  }
  return graph;
}

/** Every circle between rooms, each as the imports that close it (`file → room; …`). */
export function circles(graph: FolderGraph): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (room: string) => {
    state.set(room, 'open');
    path.push(room);
    for (const next of graph.get(room)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const circle = [...path.slice(path.indexOf(next)), next];
        const witness = circle
          .slice(0, -1)
          .map((f, i) => `${graph.get(f)!.get(circle[i + 1]!)!} → ${circle[i + 1]!}`);
        found.push(witness.join('; '));
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(room, 'done');
  };
  for (const room of graph.keys()) if (!state.has(room)) visit(room);
  return found;
}

/** Imports that run up `layers` (bottom to top): `file → room` for each. */
export function upwardImports(graph: FolderGraph, layers: readonly string[]): string[] {
  const rank = new Map<string, number>(layers.map((layer, i) => [layer, i]));
  const upward: string[] = [];
  for (const [from, edges] of graph) {
    const own = rank.get(from.split('/')[0]!);
    for (const [to, file] of edges) {
      const theirs = rank.get(to.split('/')[0]!);
      if (own !== undefined && theirs !== undefined && theirs > own) upward.push(`${file} → ${to}`);
    }
  }
  return upward;
}

/** Rooms of the graph's package that `layers` does not place. */
export function unplaced(src: string, layers: readonly string[]): string[] {
  const rooms = new Set(sourceFiles(src).map((file) => roomOf(src, file).split('/')[0]!));
  rooms.delete('.');
  return [...rooms].filter((room) => !layers.includes(room)).sort();
}
