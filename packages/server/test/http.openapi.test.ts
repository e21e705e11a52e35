// The HTTP API describes itself: /openapi.json is a generated OpenAPI 3.1 document listing every
// route, /reference renders it without fetching anything from elsewhere; /healthz and /readyz.
import { describe, expect, it } from 'vitest';
import { MemoryStore, type Store } from '@ordergate/core';
import { desk } from './support/http.js';
import { people } from './support/scenario.js';

const { app, call } = desk(new MemoryStore());

const ROUTES: [string, string][] = [
  ['get', '/v1/work-queue'],
  ['get', '/v1/orders/{id}'],
  ['get', '/v1/orders/{id}/actions'],
  ['post', '/v1/orders'],
  ['post', '/v1/orders/{id}/approve'],
  ['post', '/v1/orders/{id}/reject'],
  ['post', '/v1/orders/{id}/return'],
  ['post', '/v1/orders/{id}/confirm'],
  ['post', '/v1/orders/{id}/release-credit'],
  ['post', '/v1/orders/{id}/request-change'],
  ['post', '/v1/orders/{id}/approve-change'],
];

interface Operation {
  security?: unknown;
  parameters?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
}
interface SchemaObject {
  $ref?: string;
  properties?: Record<string, unknown>;
}
interface OpenApiDocument {
  openapi: string;
  info: unknown;
  paths: Record<string, Record<string, Operation | undefined> | undefined>;
  components: { schemas: Record<string, SchemaObject>; securitySchemes: Record<string, unknown> };
}

/** Every `$ref` in the document, to check that each resolves. */
function refs(node: unknown, found: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') found.push(v);
      else refs(v, found);
    }
  }
  return found;
}

describe('HTTP API description and service routes', () => {
  it('/openapi.json is an OpenAPI 3.1 document with every route, its security and problem answers', async () => {
    const res = await app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = JSON.parse(await res.text()) as OpenApiDocument;
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path]?.[method];
      if (!op) throw new Error(`${method} ${path} is missing`);
      expect(op.security).toEqual([{ userAssertion: [] }]);
      expect(op.responses['401']?.content?.['application/problem+json']).toBeDefined();
      expect(Object.keys(op.responses).some((s) => s.startsWith('2'))).toBe(true);
      if (path.includes('{id}')) {
        expect(op.parameters).toContainEqual(
          expect.objectContaining({ name: 'id', in: 'path', required: true }),
        );
      }
    }
    expect(doc.components.securitySchemes.userAssertion).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    for (const ref of refs(doc)) {
      const name = ref.replace('#/components/schemas/', '');
      expect(doc.components.schemas[name], ref).toBeDefined();
    }
    // the core's Order schema describes the submit body
    const submit = doc.paths['/v1/orders']?.post?.requestBody?.content['application/json']?.schema;
    const order = submit?.$ref
      ? doc.components.schemas[submit.$ref.split('/').pop() ?? '']
      : submit;
    expect(Object.keys(order?.properties ?? {})).toEqual(
      expect.arrayContaining(['id', 'customer', 'lines', 'currency']),
    );
  });

  it('/reference is a self-contained HTML page that reads /openapi.json', async () => {
    const res = await app.request('/reference');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/openapi.json');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });

  it('/healthz answers up; /readyz answers ready, or 503 NOT_READY when the store does not answer', async () => {
    expect(await (await app.request('/healthz')).json()).toEqual({ status: 'up' });
    expect(await (await app.request('/readyz')).json()).toEqual({ status: 'ready' });
    const down = desk({
      get: () => Promise.reject(new Error('connection refused')),
    } as unknown as Store);
    const res = await down.app.request('/readyz');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code: 'NOT_READY' });
  });

  it('CR-1 release-credit: a body without its reason is a 400 naming the field', async () => {
    const r = await call('POST', '/v1/orders/x-1/release-credit', people.zhao, { comment: 'ok' });
    expect(r.status).toBe(400);
    expect(r.body.errors).toMatchObject([{ path: 'reason' }]);
  });
});
