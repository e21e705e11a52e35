// docs/rules.md is generated from the core's rule catalogue (scripts/rules-doc.ts); these tests
// keep it equal to what the script writes, and keep the catalogue honest: every policy path it
// names is a field of the policy document, every message key or pattern names real messages.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MESSAGES, RULE_IDS } from '@ordergate/core';
import { RULE_CATALOGUE } from '../../packages/core/src/model/ruleCatalogue.js';
import {
  isPolicyPath,
  keysOfPattern,
  keysWrittenWithRuleIds,
  renderRulesDoc,
  RULES_DOC,
  ruleMessageKeys,
} from '../../scripts/rules-doc.js';

describe('docs/rules.md', () => {
  it('is what `pnpm docs:rules` writes (run it after changing rules, policy or messages)', async () => {
    const generated = await renderRulesDoc();
    const current = readFileSync(RULES_DOC, 'utf8');
    // a plain equality first, so the failure message says what to do before the long diff
    expect(current === generated, 'docs/rules.md is out of date: run `pnpm docs:rules`').toBe(true);
    expect(current).toBe(generated);
  }, 30_000);

  it('has a catalogue entry with a summary in both languages for every rule ID, and no other', () => {
    expect(Object.keys(RULE_CATALOGUE).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) {
      const { title, summary, outcomes } = RULE_CATALOGUE[id];
      expect(title.en && title.zh && summary.en && summary.zh, id).toBeTruthy();
      expect(outcomes.length, id).toBeGreaterThan(0);
    }
  });

  it('names only policy paths that exist in the policy schema', () => {
    const unknown = RULE_IDS.flatMap((id) =>
      RULE_CATALOGUE[id].settings.filter((path) => !isPolicyPath(path)).map((p) => `${id}: ${p}`),
    );
    expect(unknown).toEqual([]);
  });

  it('recognises a wrong policy path', () => {
    expect(isPolicyPath('review.deadlines.defaultHours')).toBe(true);
    expect(isPolicyPath('approvals.steps.salesHead')).toBe(true);
    expect(isPolicyPath('review.deadlines.defaultHour')).toBe(false);
    expect(isPolicyPath('approvals.steps.noSuchStep')).toBe(false);
  });

  it('names only message keys (or key families) that exist in MESSAGES', () => {
    const unknown = RULE_IDS.flatMap((id) =>
      RULE_CATALOGUE[id].messageKeys
        .filter((pattern) => keysOfPattern(pattern).length === 0)
        .map((p) => `${id}: ${p}`),
    );
    expect(unknown).toEqual([]);
    for (const key of Object.values(ruleMessageKeys()).flat()) {
      expect(Object.hasOwn(MESSAGES, key), key).toBe(true);
    }
  });

  it('finds the message keys rule code writes next to its rule ID', () => {
    const written = keysWrittenWithRuleIds();
    expect(written.get('RV-3')).toContain('review.salesHead.required');
    // a template literal key names every combination under its prefix
    expect(written.get('RV-4')).toContain('review.jointReview.special.largeAmount.complex');
  });
});
