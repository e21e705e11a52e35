import { loadPolicy, MemoryStore, Ordergate } from '@ordergate/core';
import { createApp, migrate, PeopleDirectory, PgliteDriver, SharedSecret } from '@ordergate/server';
import { describe, expect, it } from 'vitest';
import { DEMO_POLICY } from '../../server/src/cli/demo/company.js';
import { CLIENT_ROUTES } from '../src/client.js';
import { sortQueue } from '../src/WorkQueue.js';

describe('the API client against the service’s OpenAPI document', () => {
  it('issue 12 typed client: every path and method the client calls (approval, tracking, credit, change, metrics) exists in /openapi.json of createApp, with the fields the panels read', async () => {
    const og = new Ordergate({
      policy: loadPolicy(DEMO_POLICY),
      store: new MemoryStore(),
      clock: { now: () => new Date().toISOString() },
      ids: { next: (p) => `${p}-1` },
    });
    const driver = await PgliteDriver.open();
    await migrate(driver, 'ordergate');
    const people = new PeopleDirectory(driver);
    const app = createApp({
      og,
      identity: { secret: new SharedSecret('x'.repeat(32)), audience: 'ordergate' },
      people, // the names the panels show instead of ids (GET /v1/people)
    });
    const doc = (await (await app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const missing = CLIENT_ROUTES.filter((r) => !doc.paths[r.path]?.[r.method]);
    expect(missing).toEqual([]);
    const props = (name: string) => Object.keys(doc.components.schemas[name]?.properties ?? {});
    expect(props('WorkItem')).toEqual(
      expect.arrayContaining([
        'orderId',
        'number',
        'urgent',
        'dueAt',
        'actions',
        'customer',
        'amount',
        'ruleIds',
        'overdue',
        'steps',
      ]),
    );
    expect(props('AllowedAction')).toEqual(
      expect.arrayContaining(['action', 'allowed', 'messageKey', 'params']),
    );
    expect(props('Problem')).toEqual(expect.arrayContaining(['code', 'ruleId', 'detail']));
    expect(props('Timeline')).toEqual(expect.arrayContaining(['status', 'events']));
    expect(props('CreditPicture')).toEqual(
      expect.arrayContaining(['customer', 'effectiveLimit', 'ageing', 'creditRequests']),
    );
    expect(props('OrderResult')).toEqual(expect.arrayContaining(['value', 'findings', 'effects']));
    expect(props('OrderView')).toEqual(
      expect.arrayContaining(['order', 'workflow', 'revisions', 'version']),
    );
    expect(props('OrderMetrics')).toEqual(expect.arrayContaining(['key', 'label']));
    expect(props('CreditRelease')).toEqual(expect.arrayContaining(['reason', 'expiresAt']));
    expect(props('Person')).toEqual(['id', 'name']);
    await driver.close();
  });
});

describe('sortQueue', () => {
  it('IN-4 RV-2: urgent first, then by due time, then by number', () => {
    const item = (orderId: string, urgent: boolean, dueAt?: string) => ({
      orderId,
      number: orderId,
      status: 'in_review',
      urgent,
      actions: ['approve'],
      customer: { id: 'c', name: 'C' },
      amount: { total: 100, currency: 'CNY' },
      ruleIds: [],
      overdue: false,
      steps: [],
      ...(dueAt ? { dueAt } : {}),
    });
    const sorted = sortQueue([
      item('d', false),
      item('c', false, '2026-01-03T00:00:00Z'),
      item('b', false, '2026-01-02T00:00:00Z'),
      item('a', true, '2026-01-09T00:00:00Z'),
    ]);
    expect(sorted.map((i) => i.orderId)).toEqual(['a', 'b', 'c', 'd']);
  });
});
