// The texts and formats the panels render (their Intl formatters are made once per language).
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { I18n, loadTexts } from '../src/i18n.js';
import EN from '../src/i18n.en.js';
import ZH from '../src/i18n.zh-CN.js';

const dist = (f: string) => fileURLToPath(new URL(`../dist/${f}`, import.meta.url));

describe('the texts, a language pack per language', () => {
  it('issue 12 Chinese texts once loadTexts ran (English until then, a readable key before any), on the same I18n the desk switches', async () => {
    const i18n = new I18n('zh-CN');
    expect(i18n.t('nothingBlocks')).toBe('Nothing blocks'); // no texts yet: never a raw key
    await loadTexts('en');
    expect(i18n.t('nothingBlocks')).toBe('Nothing blocks this order.'); // English until Chinese
    await loadTexts('zh-CN');
    expect(i18n.t('approve')).toBe('批准');
    expect(i18n.t('queueCount', { n: 3 })).toBe('待处理 3 项');
    expect(i18n.role('salesHead')).toBe('销售主管');
    await loadTexts('en');
    i18n.lang = 'en';
    expect(i18n.t('approve')).toBe('Approve');
  });

  it('issue 12 the built packs (dist/en.js, dist/zh-CN.js) are the values alone, in the order of the English keys, and the bundle holds the keys and no text', async () => {
    const keys = Object.keys(EN) as (keyof typeof EN)[];
    for (const [file, texts] of [
      ['en.js', EN],
      ['zh-CN.js', ZH],
    ] as const) {
      const pack = (await import(pathToFileURL(dist(file)).href)) as { default: unknown };
      expect(pack.default).toEqual(keys.map((k) => texts[k]));
    }
    const bundle = readFileSync(dist('index.js'), 'utf8');
    expect(bundle).toContain('import("./en.js")');
    expect(bundle).toContain('import("./zh-CN.js")');
    expect(bundle).toContain(JSON.stringify(keys.slice(0, 3)).slice(1, -1)); // the keys, in order
    for (const text of [EN.nothingBlocks, EN.shortcuts, ZH.approvalPanel, ZH.shortcuts])
      expect(bundle).not.toContain(text);
  });
});

describe('I18n formats', () => {
  beforeAll(() => loadTexts('en'));

  it('issue 12 dates in the reader’s language, the same as toLocaleString, an unreadable date as such', () => {
    const iso = '2026-03-01T08:00:00Z';
    for (const lang of ['en', 'zh-CN'] as const) {
      const i18n = new I18n(lang);
      const want = new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
      expect(i18n.dateTime(iso)).toBe(want);
      expect(i18n.dateTime(iso)).toBe(want); // the kept formatter answers the same
    }
    const i18n = new I18n('en');
    i18n.lang = 'zh-CN'; // the desk switches language on the same I18n
    expect(i18n.dateTime(iso)).toMatch(/2026年/);
    expect(i18n.dateTime('not a date')).toBe('Invalid Date');
    expect(i18n.dateTime(undefined)).toBe('');
  });

  it('issue 12 money in minor units, and texts with and without placeholders', () => {
    const i18n = new I18n('en');
    expect(i18n.money(113_000_000, 'CNY')).toBe('1,130,000.00 CNY');
    expect(i18n.t('queueCount', { n: 3 })).toBe('3 to act on');
    expect(i18n.t('approve')).toBe('Approve');
    expect(i18n.t('escalated')).toBe('Escalated to {who}'); // a missing parameter stays visible
  });
});
