// The texts and formats the panels render (their Intl formatters are made once per language).
import { describe, expect, it } from 'vitest';
import { I18n } from '../src/i18n.js';

describe('I18n formats', () => {
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
