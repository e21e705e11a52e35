// Fuzzed requests across the HTTP API (issue 11): fast-check builds requests from the routes
// /openapi.json lists — real and hostile path parameters, query strings, bodies (valid ones
// mutated, any JSON, malformed text, none), callers (every person, a stranger, no or a bad
// token), languages. Every answer must be a success or a typed 4xx problem, never a 500, and
// after every refused request the database must be byte-identical (a fingerprint of every row
// of every table and sequence). The one exception the rules require: AR-5/AR-2 record a refused
// archive read, export or backup, and AR-4 a refused ledger read (counted, and checked to be
// such a refusal).
import fc from 'fast-check';
import { expect } from 'vitest';
import type { ActorInput } from '@ordergate/core';
import { assertion } from './http.js';
import type { desk } from './http.js';
import { fingerprinter, type Query } from './dump.js';
import { ORDER_COMMANDS, OTHER } from './matrix.js';
import { confirmedOrder, orderInput, people } from './scenario.js';

type Desk = ReturnType<typeof desk>;

/** Figures of one fuzz run. */
export interface FuzzFigures {
  requests: number;
  byStatus: Record<string, number>;
  /** Problems by code. */
  byCode: Record<string, number>;
  recordedRefusals: number;
  ms: number;
}

const RECORDED_REFUSAL = /^\/v1\/(archive\/[^/]+(\/export|\/backup)?|contract-ledger)$/;

/** Builds the data the fuzz starts from: orders in review and confirmed, a credit request, an archive; answers their ids. */
export async function fuzzBaseline(d: Desk): Promise<string[]> {
  const { og } = d;
  const must = <T>(r: { ok: boolean; value?: T; code?: string }, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${String(r.code)}`);
    return r.value as T;
  };
  must(await og.submit(orderInput('fz-review'), people.li), 'submit');
  await confirmedOrder(og, 'fz-confirmed');
  await confirmedOrder(og, 'fz-settled');
  must(
    await og.recordProgress('fz-settled', people.liu, { step: 'production', status: 'started' }),
    'p1',
  );
  must(
    await og.recordProgress('fz-settled', people.liu, { step: 'production', status: 'done' }),
    'p2',
  );
  must(await og.settle('fz-settled', people.zhao, { paid: true }), 'paid');
  must(
    await og.recordProgress('fz-settled', people.liu, { step: 'shipping', status: 'done' }),
    'ship',
  );
  must(await og.deliver('fz-settled', people.liu, {}), 'deliver');
  must(await og.settle('fz-settled', people.zhao, { invoiced: true }), 'invoiced');
  const archive = must<{ archiveId: string }>(await og.archive('fz-settled', people.li), 'archive');
  await og.putCustomer({ id: 'c-1', name: 'Shanghai Precision Machinery Co., Ltd.' });
  const cr = must<{ id: string }>(
    await og.proposeCreditChange(
      { customerId: 'c-1', limit: { amount: 5_000_000, currency: 'CNY' }, reason: 'growth' },
      people.li,
    ),
    'credit request',
  );
  const access = must<{ id: string }>(
    await og.requestArchiveAccess(archive.archiveId, people.li, { reason: 'audit' }),
    'access',
  );
  return [
    'fz-review',
    'fz-confirmed',
    'fz-settled',
    archive.archiveId,
    'c-1',
    cr.id,
    access.id,
    'h-1',
  ];
}

/**
 * Sends `runs` fuzzed requests to `d.app` and checks every answer and the database after it.
 * `ids` are identifiers that exist (orders, customers, requests, archives).
 */
export async function fuzzApi(
  d: Desk,
  q: Query,
  schema: string,
  ids: string[],
  runs: number,
  seed?: number,
): Promise<FuzzFigures> {
  const doc = (await (await d.app.request('/openapi.json')).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((method) => ({ path, method: method.toUpperCase() })),
  );
  const fp = await fingerprinter(q, schema);
  let before = await fp();

  const persons: ActorInput[] = [...Object.values(people), OTHER];
  const actor = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...persons) },
    {
      weight: 1,
      arbitrary: fc.record({
        id: fc.string({ minLength: 1, maxLength: 40 }),
        groups: fc.array(fc.constantFrom('sales', 'finance', 'legal', 'x', ''), { maxLength: 3 }),
      }),
    },
  );
  const token = fc.oneof(
    { weight: 12, arbitrary: fc.constant('valid' as const) },
    { weight: 1, arbitrary: fc.constantFrom('none', 'garbage', 'Basic abc', 'Bearer ') },
  );
  const param = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ids) },
    {
      weight: 2,
      arbitrary: fc.constantFrom('none', '0', '-1', 'x'.repeat(300), '%2F..%2F', '你好', '1e9'),
    },
    { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  );
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const validBodies = [
    orderInput('fz-new'),
    ...ORDER_COMMANDS.flatMap((c) => (c.body === undefined ? [] : [c.body])),
    { customerId: 'c-1', limit: { amount: 9_000_000, currency: 'CNY' }, reason: 'more' },
    {
      customerId: 'c-1',
      amount: 100,
      currency: 'CNY',
      until: '2026-04-01T00:00:00+08:00',
      reason: 'x',
    },
    { reason: 'audit', days: 2 },
    { hold: true, reason: 'dispute' },
    { month: '2026-03' },
    { id: 'c-1', name: 'x' },
    { step: 'sales' },
  ];
  const mutated = fc
    .tuple(
      fc.constantFrom(...validBodies),
      fc.dictionary(fc.string({ maxLength: 12 }), anyJson, { maxKeys: 3 }),
      fc.boolean(),
    )
    .map(([b, extra, keep]) =>
      keep && typeof b === 'object' && b !== null ? { ...b, ...extra } : extra,
    );
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...validBodies).map((b) => JSON.stringify(b)) },
    { weight: 3, arbitrary: mutated.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: anyJson.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.constantFrom('{', 'null', '[]', '"x"', '{"reason":', '\u0000', '') },
    { weight: 2, arbitrary: fc.constant(undefined) },
  );
  const queryString = fc
    .dictionary(
      fc.constantFrom('from', 'to', 'period', 'by', 'number', 'customerId', 'productId', 'x'),
      fc.oneof(
        fc.constantFrom(
          '1',
          '2',
          '2026',
          '2026-03',
          '2026-03-01..2026-03-31',
          'customer',
          'c-1',
          'P-200',
        ),
        fc.string({ maxLength: 12 }),
      ),
      { maxKeys: 3 },
    )
    .map((o) => new URLSearchParams(o).toString());
  const request = fc.record({
    route: fc.constantFrom(...routes),
    // one request in ten with another method than the route's
    otherMethod: fc.oneof(
      { weight: 9, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') },
    ),
    params: fc.array(param, { minLength: 3, maxLength: 3 }),
    query: queryString,
    body,
    contentType: fc.constantFrom('application/json', 'application/json', 'text/plain', undefined),
    actor,
    token,
    lang: fc.constantFrom('en', 'zh-CN', 'zh;q=0.9,en;q=0.8', 'fr', undefined),
  });

  const figures: FuzzFigures = {
    requests: 0,
    byStatus: {},
    byCode: {},
    recordedRefusals: 0,
    ms: 0,
  };
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      let i = 0;
      const path = r.route.path.replace(/\{\w+\}/g, () => encodeURIComponent(r.params[i++] ?? 'x'));
      const url = r.query ? `${path}?${r.query}` : path;
      const method = r.otherMethod ?? r.route.method;
      const headers: Record<string, string> = {};
      if (r.token === 'valid') headers.authorization = `Bearer ${await assertion(r.actor)}`;
      else if (r.token !== 'none') headers.authorization = r.token;
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.lang) headers['accept-language'] = r.lang;
      const hasBody = r.body !== undefined && method !== 'GET';
      const res = await d.app.request(url, {
        method,
        headers,
        ...(hasBody ? { body: r.body } : {}),
      });
      const text = await res.text();
      figures.requests++;
      figures.byStatus[res.status] = (figures.byStatus[res.status] ?? 0) + 1;
      const where = `${method} ${url} ${String(r.body).slice(0, 200)} → ${String(res.status)} ${text.slice(0, 300)}`;
      expect(res.status, where).toBeLessThan(500);
      const after = await fp();
      if (res.status >= 400) {
        expect(res.headers.get('content-type'), where).toContain('application/problem+json');
        const p = JSON.parse(text) as { status: number; code: unknown };
        expect(p.status, where).toBe(res.status);
        expect(typeof p.code, where).toBe('string');
        figures.byCode[String(p.code)] = (figures.byCode[String(p.code)] ?? 0) + 1;
        if (after !== before) {
          // AR-5/AR-2/AR-4: the rules record a refused archive read, export, backup or ledger read
          expect(RECORDED_REFUSAL.test(path) && res.status === 403, where).toBe(true);
          expect(['NO_GRANT', 'NOT_ELIGIBLE'], where).toContain(p.code);
          figures.recordedRefusals++;
        }
      } else if (path.startsWith('/v1')) {
        expect(JSON.parse(text), where).toHaveProperty('value');
      }
      before = after;
    }),
    { numRuns: runs, ...(seed === undefined ? {} : { seed }), endOnFailure: true },
  );
  figures.ms = Math.round(performance.now() - started);
  return figures;
}
