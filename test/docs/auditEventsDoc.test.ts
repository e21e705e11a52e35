// The audit event table of packages/core/README.md is written from the catalogue itself
// (scripts/audit-events-doc.ts): this keeps it equal to what the script writes, and every entry
// of the catalogue described.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENT_TYPES } from '@ordergate/core';
import { catalogueDocs, CORE_README, renderCoreReadme } from '../../scripts/audit-events-doc.js';

describe('packages/core/README.md audit events', () => {
  it('AR-2 the table is what `pnpm docs:audit` writes (run it after changing AUDIT_EVENT_TYPES)', async () => {
    const current = readFileSync(CORE_README, 'utf8');
    const generated = await renderCoreReadme(current);
    expect(
      current === generated,
      'the audit event table is out of date: run `pnpm docs:audit`',
    ).toBe(true);
  }, 30_000);

  it('AR-2 every catalogue entry says in one line what happened', () => {
    const docs = catalogueDocs();
    expect([...docs.keys()]).toEqual(Object.keys(AUDIT_EVENT_TYPES));
    for (const [type, text] of docs) expect(text, type).toMatch(/^[A-Z].{10,110}\.$/);
  });
});
