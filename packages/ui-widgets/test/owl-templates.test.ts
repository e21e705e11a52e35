// The build step that precompiles the components' Owl templates (scripts/owl-templates.ts).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  compileTemplates,
  helperFrom,
  precompileSource,
  templatesOf,
} from '../scripts/owl-templates.js';

const src = (f: string) => fileURLToPath(new URL(`../src/${f}`, import.meta.url));

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

  it('issue 12 a template that does not compile fails the build, naming it', () => {
    expect(() =>
      compileTemplates([{ name: 'ordergate.Broken', xml: '<p t-esc="a"><b></p>' }]),
    ).toThrow(/ordergate\.Broken/);
    expect(() => templatesOf('X.ts', 'const t = xml`<p>${x}</p>`;')).toThrow(/X\.ts.*static/);
  });
});
