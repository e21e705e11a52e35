import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE, schemaText } from '../scripts/rest-mapping-schema.js';
import {
  RestMappingError,
  loadRestMapping,
  parseRestMapping,
  type MappingProblem,
} from '../src/index.js';
import { erpMapping } from './support/restErp.js';

const DOLIBARR = fileURLToPath(
  new URL('../../../examples/rest-dolibarr/mapping.yaml', import.meta.url),
);

function problems(input: unknown): MappingProblem[] {
  try {
    parseRestMapping(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RestMappingError);
    return [...(error as RestMappingError).problems];
  }
  throw new Error('the mapping was accepted');
}

const base = () => erpMapping('http://127.0.0.1:1') as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('issue 13 mapping document', () => {
  it('issue 13 (mapping): the shipped Dolibarr mapping (YAML) is valid', async () => {
    const m = await loadRestMapping(DOLIBARR);
    expect(m.erp).toBe('dolibarr');
    expect(m.auth).toEqual({ type: 'apiKey', header: 'DOLAPIKEY', key: { env: 'DOLIBARR_KEY' } });
  });

  it('issue 13 (mapping JSON Schema): rest-mapping.schema.json is what the script writes (run pnpm --filter @ordergate/connectors schema:rest)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(await schemaText());
    const schema = JSON.parse(await schemaText()) as {
      properties: Record<string, unknown>;
      additionalProperties: unknown;
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['erp', 'auth', 'orders', 'customers', 'writeBack']),
    );
    expect(schema.additionalProperties).toBe(false); // editors flag unknown keys too
  });

  it('issue 13 (mapping errors): a misspelt key names its path and suggests the right one', () => {
    const m = base();
    m.orders.list.pagnation = m.orders.list.pagination;
    delete m.orders.list.pagination;
    expect(problems(m)).toEqual([
      { path: 'orders.list', message: 'unknown key "pagnation" (did you mean "pagination"?)' },
    ]);
  });

  it('issue 13 (mapping errors): a target field the core does not have names the resource and suggests one', () => {
    const m = base();
    m.orders.lineFields.quantiy = m.orders.lineFields.quantity;
    delete m.orders.lineFields.quantity;
    const [p] = problems(m);
    expect(p!.path).toBe('orders.lineFields.quantiy');
    expect(p!.message).toMatch(/^is not a line field \(did you mean "quantity"\?\)/);
  });

  it('issue 13 (mapping errors): a required target missing, an unknown placeholder, a bad pagination style: each named by path, all at once', () => {
    const m = base();
    delete m.orders.fields.currency;
    m.customers.get.path = '/customers/{customer}';
    const found = problems(m);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: 'orders.fields.currency', message: 'is required for every order' },
        { path: 'customers.get.path', message: 'unknown placeholder {customer}; use {id}' },
      ]),
    );
    const n = base();
    n.orders.list.pagination = { style: 'pages' };
    expect(problems(n)[0]!.path).toBe('orders.list.pagination.style');
  });

  it('issue 13 (mapping: idempotent write-back): a POST cannot be "natural"; "marker" needs a check and must write the marker', () => {
    const m = base();
    m.writeBack.effects.postMessage = {
      method: 'POST',
      path: '/orders/{orderId}/notes',
      idempotency: 'natural',
      body: { text: '{text}' },
    };
    m.writeBack.effects.lockOrder = {
      method: 'PUT',
      path: '/orders/{orderId}',
      idempotency: 'marker',
      body: { locked: true },
    };
    expect(problems(m)).toEqual([
      {
        path: 'writeBack.effects.postMessage.idempotency',
        message: 'a POST is not naturally idempotent; use "marker" (with a check) or "keyHeader"',
      },
      {
        path: 'writeBack.effects.lockOrder.check',
        message: expect.stringMatching(/needs a check/) as string,
      },
      {
        path: 'writeBack.effects.lockOrder.body',
        message: expect.stringMatching(/needs \{marker\} written in the body/) as string,
      },
    ]);
  });

  it('issue 13 (mapping: effects the core emits): an unknown effect type is refused; one both written and skipped too', () => {
    const m = base();
    m.writeBack.effects.lockOrdr = m.writeBack.effects.lockOrder;
    (m.writeBack.skip as string[]).push('lockOrder');
    const found = problems(m);
    expect(found).toEqual([
      { path: 'writeBack.effects', message: 'unknown key "lockOrdr" (did you mean "lockOrder"?)' },
    ]);
    const n = base();
    (n.writeBack.skip as string[]).push('lockOrder');
    expect(problems(n)).toEqual([
      {
        path: 'writeBack.skip',
        message: expect.stringMatching(/"lockOrder" is both written/) as string,
      },
    ]);
  });

  it('issue 13 (mapping: secrets): a key written into the mapping is refused; only an environment variable name is accepted', () => {
    const m = base();
    m.auth = { type: 'apiKey', header: 'X-Api-Key', key: 'key-0123456789abcdef' };
    const [p] = problems(m);
    expect(p!.path).toBe('auth.key');
    expect(JSON.stringify(problems(m))).not.toContain('key-0123456789abcdef');
  });

  it('issue 13 (mapping: YAML): text that is not YAML is a mapping error, not a parser exception', () => {
    expect(() => parseRestMapping('erp: [unclosed', 'broken.yaml')).toThrow(
      /broken\.yaml is not a valid REST mapping: \(document\): is not YAML or JSON/,
    );
  });
});
