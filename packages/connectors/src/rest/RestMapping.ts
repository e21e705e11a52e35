import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RestMappingError, type MappingProblem } from './RestErrors.js';
import { WebhookVerificationSchema } from '../WebhookVerification.js';

/**
 * The REST mapping document (issue 13): one declarative file per ERP that says where ordergate
 * reads orders (with lines), customers (with credit facts) and open invoices, how it
 * authenticates and pages, how values convert into the core's shapes, how it syncs by a
 * modified-since filter, and which calls write each core effect back, idempotently.
 * Secrets never appear in the document: it names the environment variables that hold them.
 */

/** A value read from the environment at connect time (secrets and addresses). */
export const EnvRef = z.strictObject({
  /** Name of the environment variable, e.g. `DOLIBARR_KEY`. */
  env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'),
});
export type EnvRef = z.infer<typeof EnvRef>;

const PlainOrEnv = z.union([z.string().min(1), EnvRef]);

/** How requests authenticate; secrets only by environment variable name. */
export const RestAuth = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('bearer'), token: EnvRef }),
  z.strictObject({ type: z.literal('basic'), username: PlainOrEnv, password: EnvRef }),
  z.strictObject({
    type: z.literal('apiKey'),
    /** Header carrying the key, e.g. `DOLAPIKEY` or `X-Api-Key`. */
    header: z.string().regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name'),
    key: EnvRef,
  }),
  z.strictObject({
    type: z.literal('oauth2'),
    /** Token endpoint: an absolute URL, or a path below the base URL. */
    tokenUrl: z.string().min(1),
    clientId: PlainOrEnv,
    clientSecret: EnvRef,
    scope: z.string().optional(),
    /** Client credentials in an HTTP Basic header (RFC 6749 §2.3.1, default) or in the form body. */
    clientAuth: z.enum(['basic', 'body']).default('basic'),
    /** Refresh this long before the token's `expires_in` runs out. */
    refreshSkewSeconds: z.number().int().min(0).max(3600).default(30),
  }),
]);
export type RestAuth = z.infer<typeof RestAuth>;

const StopOn = z
  .enum(['short', 'empty'])
  .default('short')
  .describe(
    'short: a page with fewer items than asked ends the list; empty: ask until an empty page',
  );

const TotalPath = z
  .string()
  .min(1)
  .optional()
  .describe(
    'where the answer says how many records match in all (`meta.total`): the list ends once that many are read, without asking for a last, short or empty page',
  );

/** How a list endpoint pages. */
export const RestPagination = z.discriminatedUnion('style', [
  z.strictObject({ style: z.literal('none') }),
  z.strictObject({
    style: z.literal('page'),
    pageParam: z.string().default('page'),
    sizeParam: z.string().default('limit'),
    size: z.number().int().min(1).max(10_000).default(100),
    firstPage: z.number().int().min(0).max(1).default(1),
    stopOn: StopOn,
    totalPath: TotalPath,
  }),
  z.strictObject({
    style: z.literal('offset'),
    offsetParam: z.string().default('offset'),
    limitParam: z.string().default('limit'),
    limit: z.number().int().min(1).max(10_000).default(100),
    stopOn: StopOn,
    totalPath: TotalPath,
  }),
  z.strictObject({
    style: z.literal('cursor'),
    cursorParam: z.string().default('cursor'),
    sizeParam: z.string().optional(),
    size: z.number().int().min(1).max(10_000).default(100),
    /** Where the next cursor is in the response; absent, null or "" ends the list. */
    nextPath: z.string().min(1),
  }),
  z.strictObject({
    style: z.literal('link'),
    sizeParam: z.string().optional(),
    size: z.number().int().min(1).max(10_000).default(100),
  }),
]);
export type RestPagination = z.infer<typeof RestPagination>;

const QueryValue = z.union([z.string(), z.number(), z.boolean()]);

/** A GET endpoint; `{id}`, `{customerId}` in the path and query are filled in. */
export const RestEndpoint = z.strictObject({
  path: z.string().startsWith('/', 'must start with "/" (a path below the base URL)'),
  query: z.record(z.string(), QueryValue).default({}),
  /** Where the items are in a list answer (`data.items`); empty: the answer is the array. */
  itemsPath: z.string().default(''),
  /** Answer 404 means "no items" (Dolibarr lists) or "unknown id" (single records). */
  notFoundMeansEmpty: z.boolean().default(false),
  pagination: RestPagination.default({ style: 'none' }),
});
export type RestEndpoint = z.infer<typeof RestEndpoint>;

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** A value conversion; a pipeline is a list of them. */
export const RestTransform = z.union([
  z
    .enum(['string', 'number', 'integer', 'boolean', 'percentToBp', 'trim'])
    .describe(
      'string/number/integer/boolean accept the ERP’s string forms ("12", "1"); percentToBp: "12.5" → 1250',
    ),
  z.strictObject({
    /** Decimal string or float → integer minor units with the currency’s decimals. */
    minorUnits: z.strictObject({
      /** Fixed currency; default the record’s own (`currency`, `credit.limit.currency`). */
      currency: z
        .string()
        .regex(/^[A-Z]{3}$/)
        .optional(),
    }),
  }),
  z.strictObject({
    /** Unix seconds/ms, ISO with zone, or naive local time → zoned ISO date-time or date. */
    timestamp: z.strictObject({
      from: z.enum(['unix', 'unixMs', 'iso', 'naive']),
      /** Zone of naive times, and of dates cut from instants. */
      zone: z.string().default('UTC'),
      as: z.enum(['dateTime', 'date']).default('dateTime'),
    }),
  }),
  z.strictObject({
    /** ERP code → value; an unknown code fails unless `default` is given. */
    enum: z.strictObject({ map: z.record(z.string(), Scalar), default: Scalar.optional() }),
  }),
  z.strictObject({
    /** A list of tags (strings or objects with a label) → the first one the map knows (grade from a tag). */
    tags: z.strictObject({
      labelPath: z.string().optional(),
      map: z.record(z.string(), Scalar),
      default: Scalar.optional(),
    }),
  }),
]);
export type RestTransform = z.infer<typeof RestTransform>;

/** Where one target field comes from: a path into the record, or the long form. */
export const RestField = z.union([
  z.string().min(1).describe('path into the record, e.g. "socid" or "lines.0.qty"'),
  z.strictObject({
    path: z.string().min(1).optional(),
    /** A fixed value instead of a path. */
    const: Scalar.optional(),
    transform: z.union([RestTransform, z.array(RestTransform)]).optional(),
    /** Used when the path is absent, null or "" (after that, transforms apply to it too). */
    default: Scalar.optional(),
    /** Absent, null or "" leaves the target unset instead of failing. */
    optional: z.boolean().default(false),
  }),
]);
export type RestField = z.infer<typeof RestField>;

const Fields = z.record(z.string(), RestField);

/** Target fields per kind of record, and which of them the mapping must give. */
export const TARGETS = {
  order: {
    required: ['id', 'ref', 'changedAt', 'customer.id', 'currency', 'salesperson', 'enteredAt'],
    optional: [
      'state',
      'number',
      'externalRef',
      'revision',
      'orderType',
      'customer.name',
      'contact.name',
      'contact.phone',
      'contact.email',
      'deliveryAddress.street',
      'deliveryAddress.city',
      'deliveryAddress.postalCode',
      'deliveryAddress.country',
      'requestedDeliveryDate',
      'paymentTerms',
      'invoice.title',
      'invoice.taxId',
      'channel',
      'urgent',
      'customerRequestedChange',
      'technicalComplexity',
      'shipBeforePayment',
      'contract.required',
      'contract.number',
      'contract.legalReviewed',
      'contract.customerSignedAt',
      'notes',
    ],
  },
  line: {
    required: ['id'],
    optional: [
      'productId',
      'productName',
      'model',
      'specification',
      'quantity',
      'uom',
      'unitPrice',
      'listPrice',
      'discountBp',
      'taxBp',
      'customMade',
      'special',
      'technicalDocsComplete',
      'shippedBefore',
      'availableQuantity',
    ],
  },
  customer: {
    required: ['id'],
    optional: [
      'name',
      'credit.grade',
      'credit.limit.amount',
      'credit.limit.currency',
      'credit.evaluatedAt',
      'credit.guaranteeOnFile',
      'credit.prepaymentTerms',
      'credit.creditTerms',
      'credit.incident',
    ],
  },
  receivable: { required: ['id', 'amount', 'currency', 'dueDate'], optional: ['reference'] },
  openOrder: { required: ['id', 'amount', 'currency'], optional: ['reference'] },
} as const;

/** The effect types the core emits (`packages/core/src/state/Effect.ts`). */
export const EFFECT_TYPES = [
  'notify',
  'scheduleApproval',
  'closeApproval',
  'postMessage',
  'lockOrder',
  'unlockOrder',
  'cancelOrder',
  'procurementNeed',
  'customerNotice',
  'updateCreditTerms',
] as const;
export const EffectTypeName = z.enum(EFFECT_TYPES);

/**
 * One write-back call. `idempotency` says why sending it twice leaves one result:
 * `natural` — a PUT/PATCH/DELETE that sets a value (sending it again sets the same value);
 * `marker` — a GET of `check.path` first, and nothing is written when `check.field` already
 * holds the effect's marker (the body must write `{marker}`);
 * `keyHeader` — the ERP deduplicates by an idempotency header carrying `{key}`.
 */
export const RestWriteCall = z.strictObject({
  method: z.enum(['POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().startsWith('/', 'must start with "/" (a path below the base URL)'),
  query: z.record(z.string(), QueryValue).default({}),
  /** JSON body; strings may hold `{placeholders}`. */
  body: z.unknown().optional(),
  idempotency: z.enum(['natural', 'marker', 'keyHeader']),
  check: z
    .strictObject({
      path: z.string().startsWith('/', 'must start with "/"'),
      /** Field of the answer searched for the marker (a list or object is searched as JSON). */
      field: z.string().default(''),
    })
    .optional(),
  keyHeader: z.string().default('Idempotency-Key'),
});
export type RestWriteCall = z.infer<typeof RestWriteCall>;

const WriteCalls = z.union([RestWriteCall, z.array(RestWriteCall).min(1)]);

const BatchSize = z
  .number()
  .int()
  .min(1)
  .max(1000)
  .default(100)
  .describe('how many customer ids go in one bulk request');
const Separator = z.string().min(1).max(3).default(',').describe('joins the ids in {customerIds}');

/**
 * Customers read in bulk: a list endpoint whose path or query holds `{customerIds}` (e.g.
 * `?ids={customerIds}` or Dolibarr's `sqlfilters: (t.rowid:in:{customerIds})`), read page by
 * page with its pagination. An id not answered is an unknown customer (as a 404 of `get`); a
 * record for an id not asked for, or twice, is a `RestResponseError` (the filter is not honoured).
 */
export const CustomersBulk = z.strictObject({
  list: RestEndpoint,
  batchSize: BatchSize,
  separator: Separator,
});
export type CustomersBulk = z.infer<typeof CustomersBulk>;

/**
 * Open invoices or open orders of many customers in one list (`{customerIds}`, e.g.
 * `?customer_ids={customerIds}`), each record joined to its customer by `customerIdPath`.
 * A record naming a customer not asked for is a `RestResponseError`.
 */
export const PartBulk = z.strictObject({
  list: RestEndpoint,
  /** Where each record names its customer, e.g. `customer_id` or Dolibarr's `socid`. */
  customerIdPath: z.string().min(1),
  batchSize: BatchSize,
  separator: Separator,
});
export type PartBulk = z.infer<typeof PartBulk>;

/** The whole mapping document. */
export const RestMappingDocument = z.strictObject({
  $schema: z.string().optional(),
  /** Short stable name of the ERP (keys checkpoints and locks), e.g. `dolibarr`. */
  erp: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes'),
  connection: z.strictObject({
    baseUrl: PlainOrEnv,
    /** Appended to the base URL, e.g. `/api/index.php`. */
    basePath: z.string().default(''),
    timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
    maxPerSecond: z.number().min(0).max(1000).default(0),
    maxConcurrent: z.number().int().min(1).max(64).default(4),
  }),
  auth: RestAuth,
  /** Decimals of currencies Intl does not know or the ERP counts differently, e.g. `{ XAU: 3 }`. */
  currencyDecimals: z
    .record(z.string().regex(/^[A-Z]{3}$/), z.number().int().min(0).max(6))
    .default({}),
  orders: z.strictObject({
    list: RestEndpoint,
    /** One order by id (`{id}`); ordersById uses it, 404 means unknown. */
    get: RestEndpoint,
    /** The lines: embedded in the order (`itemsPath`) or from their own endpoint (`{id}`). */
    lines: z.union([
      z.strictObject({ itemsPath: z.string().min(1) }),
      z.strictObject({ endpoint: RestEndpoint }),
    ]),
    fields: Fields,
    lineFields: Fields,
    /** Which mapped states are synced (others are read for the checkpoint but not handed on). */
    syncStates: z.array(z.string()).optional(),
    incremental: z
      .strictObject({
        /** Query parameters added to the list; `{since}` is the modified-since bound. */
        query: z.record(z.string(), z.string()),
        /** How `{since}` is written. */
        since: z.strictObject({
          format: z.enum(['iso', 'unix', 'unixMs', 'naive']),
          zone: z.string().default('UTC'),
        }),
        /** Re-read this many seconds before the last change seen (late commits, clock skew); what the overlap re-reads is dropped. */
        overlapSeconds: z.number().int().min(0).max(86_400).default(300),
        /** Lower bound of the first sync. */
        start: z.string().default('1970-01-01T00:00:00Z'),
      })
      .optional(),
  }),
  customers: z.strictObject({
    /** One customer by id (`{id}`). */
    get: RestEndpoint,
    /**
     * Many customers in one request (optional): a list endpoint filtered by `{customerIds}`
     * (the batch's ids, joined by `separator`); each record is matched by its mapped `id`.
     * Without it, customers are read one by one with `get`.
     */
    bulk: CustomersBulk.optional(),
    fields: Fields,
    /** Open invoices of a customer (`{customerId}`); `bulk` reads many customers' at once. */
    receivables: z
      .strictObject({
        list: RestEndpoint,
        bulk: PartBulk.optional(),
        fields: Fields,
        skipZero: z.boolean().default(true),
      })
      .optional(),
    /** Confirmed, not yet invoiced orders of a customer (`{customerId}`); `bulk` as above. */
    openOrders: z
      .strictObject({
        list: RestEndpoint,
        bulk: PartBulk.optional(),
        fields: Fields,
        skipZero: z.boolean().default(true),
      })
      .optional(),
  }),
  webhook: z
    .strictObject({
      /** Where a webhook body names the changed orders (a list of ids, or one id). */
      orderIdsPath: z.string().min(1),
      /**
       * How the service verifies this ERP's deliveries: HMAC by default; `{ mode: token, in:
       * query }` for an ERP that cannot sign (decision 029).
       */
      verification: WebhookVerificationSchema.optional(),
    })
    .optional(),
  writeBack: z
    .strictObject({
      /** What marks a write as done for an effect; must contain `{key}`. */
      marker: z
        .string()
        .includes('{key}', { message: 'must contain {key}' })
        .default('[ordergate {key}]'),
      locale: z.enum(['en', 'zh']).default('en'),
      effects: z.partialRecord(EffectTypeName, WriteCalls).default({}),
      /** Effects this ERP has no place for: applying them does nothing. */
      skip: z.array(EffectTypeName).default([]),
    })
    .default({ marker: '[ordergate {key}]', locale: 'en', effects: {}, skip: [] }),
});
export type RestMapping = z.infer<typeof RestMappingDocument>;
export type RestMappingInput = z.input<typeof RestMappingDocument>;

/** Placeholders a write-back call may use (besides `{current.<path>}` after a check). */
export const WRITE_PLACEHOLDERS = [
  'key',
  'marker',
  'orderId',
  'customerId',
  'type',
  'text',
  'reason',
  'step',
  'deadline',
  'roles',
  'now',
  'grade',
  'limit',
] as const;

/**
 * Validates a mapping (an object, or YAML/JSON text): structure by zod (strict: an unknown key
 * is an error, with a did-you-mean), then the cross-checks zod cannot see (target fields per
 * record kind, required targets, placeholders, idempotency of each write-back call). Every
 * problem names the resource and the field path.
 *
 * @example
 * const mapping = parseRestMapping(await readFile('mapping.yaml', 'utf8'));
 */
export function parseRestMapping(input: unknown, source = 'mapping'): RestMapping {
  let value = input;
  if (typeof input === 'string') {
    try {
      value = parseYaml(input);
    } catch (error) {
      throw new RestMappingError(source, [
        { path: '(document)', message: `is not YAML or JSON: ${(error as Error).message}` },
      ]);
    }
  }
  const parsed = RestMappingDocument.safeParse(value);
  if (!parsed.success) {
    throw new RestMappingError(source, parsed.error.issues.map(toProblem));
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new RestMappingError(source, problems);
  return parsed.data;
}

/**
 * Reads and validates a mapping file (`.yaml`, `.yml` or `.json`).
 *
 * @example
 * const mapping = await loadRestMapping('examples/rest-dolibarr/mapping.yaml');
 */
export async function loadRestMapping(file: string): Promise<RestMapping> {
  return parseRestMapping(await readFile(file, 'utf8'), file);
}

/**
 * The JSON Schema of the mapping document (draft 2020-12), for editor completion
 * (`# yaml-language-server: $schema=…`). `scripts/rest-mapping-schema.ts` writes it to
 * `packages/connectors/rest-mapping.schema.json`; a test fails when the file drifts.
 *
 * @example
 * await writeFile('rest-mapping.schema.json', JSON.stringify(restMappingJsonSchema(), null, 2));
 */
export function restMappingJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(RestMappingDocument, {
    io: 'input',
    unrepresentable: 'any',
    reused: 'ref',
  });
  return {
    ...schema,
    $id: 'https://ordergate.dev/schemas/rest-mapping.schema.json',
    title: 'ordergate REST connector mapping',
  };
}

// ---------------------------------------------------------------------------------------------

const KNOWN_KEYS = new Set<string>();
function collectKeys(schema: z.ZodType): void {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> } })._zod.def;
  const type = def.type as string;
  if (type === 'object') {
    for (const [k, v] of Object.entries(def.shape as Record<string, z.ZodType>)) {
      if (KNOWN_KEYS.has(k)) continue;
      KNOWN_KEYS.add(k);
      collectKeys(v);
    }
    for (const [, v] of Object.entries(def.shape as Record<string, z.ZodType>)) collectKeys(v);
  } else if (type === 'union') {
    for (const o of def.options as z.ZodType[]) collectKeys(o);
  } else if (
    ['optional', 'default', 'nullable', 'prefault', 'readonly', 'nonoptional'].includes(type)
  ) {
    collectKeys(def.innerType as z.ZodType);
  } else if (type === 'array') {
    collectKeys(def.element as z.ZodType);
  } else if (type === 'record') {
    collectKeys(def.valueType as z.ZodType);
  } else if (type === 'pipe') {
    collectKeys(def.in as z.ZodType);
  }
}
let collected = false;
function knownKeys(): Set<string> {
  if (!collected) {
    collected = true;
    collectKeys(RestMappingDocument);
    for (const t of EFFECT_TYPES) KNOWN_KEYS.add(t);
  }
  return KNOWN_KEYS;
}

/** The closest of `candidates` to `word` (edit distance ≤ 2, or a case-only difference). */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    if (c.toLowerCase() === word.toLowerCase() && c !== word) return c;
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

function dotted(path: readonly PropertyKey[]): string {
  return path.map(String).join('.') || '(document)';
}

function toProblem(issue: z.core.$ZodIssue): MappingProblem {
  const at = dotted(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const hints = issue.keys.map((k) => {
      const s = didYouMean(k, knownKeys());
      return s ? `"${k}" (did you mean "${s}"?)` : `"${k}"`;
    });
    return { path: at, message: `unknown key ${hints.join(', ')}` };
  }
  if (issue.code === 'invalid_key') {
    return { path: at, message: `unknown effect type; known: ${EFFECT_TYPES.join(', ')}` };
  }
  return { path: at, message: issue.message };
}

function crossCheck(m: RestMapping): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const checkFields = (
    at: string,
    fields: Record<string, RestField>,
    kind: keyof typeof TARGETS,
  ): void => {
    const targets = TARGETS[kind];
    const allowed: readonly string[] = [...targets.required, ...targets.optional];
    for (const key of Object.keys(fields)) {
      if (!allowed.includes(key)) {
        const s = didYouMean(key, allowed);
        problems.push({
          path: `${at}.${key}`,
          message: `is not a ${kind} field${s ? ` (did you mean "${s}"?)` : ''}; known: ${allowed.join(', ')}`,
        });
      }
    }
    for (const key of targets.required) {
      if (!(key in fields))
        problems.push({ path: `${at}.${key}`, message: `is required for every ${kind}` });
    }
    for (const [key, spec] of Object.entries(fields)) {
      if (
        typeof spec === 'object' &&
        spec.path === undefined &&
        spec.const === undefined &&
        spec.default === undefined
      ) {
        problems.push({ path: `${at}.${key}`, message: 'needs a path, a const or a default' });
      }
    }
  };
  checkFields('orders.fields', m.orders.fields, 'order');
  checkFields('orders.lineFields', m.orders.lineFields, 'line');
  checkFields('customers.fields', m.customers.fields, 'customer');
  if (m.customers.receivables)
    checkFields('customers.receivables.fields', m.customers.receivables.fields, 'receivable');
  if (m.customers.openOrders)
    checkFields('customers.openOrders.fields', m.customers.openOrders.fields, 'openOrder');

  const idIn = (at: string, text: string, names: readonly string[]) => {
    for (const name of placeholders(text)) {
      if (!names.includes(name)) {
        problems.push({
          path: at,
          message: `unknown placeholder {${name}}; use ${names.map((n) => `{${n}}`).join(', ')}`,
        });
      }
    }
  };
  idIn('orders.get.path', m.orders.get.path, ['id']);
  if ('endpoint' in m.orders.lines)
    idIn('orders.lines.endpoint.path', m.orders.lines.endpoint.path, ['id']);
  idIn('customers.get.path', m.customers.get.path, ['id']);
  for (const part of ['receivables', 'openOrders'] as const) {
    const list = m.customers[part]?.list;
    if (!list) continue;
    idIn(`customers.${part}.list.path`, list.path, ['customerId']);
    for (const [k, v] of Object.entries(list.query))
      idIn(`customers.${part}.list.query.${k}`, String(v), ['customerId']);
  }
  const bulks: [string, RestEndpoint | undefined][] = [
    ['customers.bulk.list', m.customers.bulk?.list],
    ['customers.receivables.bulk.list', m.customers.receivables?.bulk?.list],
    ['customers.openOrders.bulk.list', m.customers.openOrders?.bulk?.list],
  ];
  for (const [at, list] of bulks) {
    if (!list) continue;
    const texts: [string, string][] = [
      [`${at}.path`, list.path],
      ...Object.entries(list.query).map(([k, v]): [string, string] => [
        `${at}.query.${k}`,
        String(v),
      ]),
    ];
    for (const [where, text] of texts) idIn(where, text, ['customerIds']);
    if (!texts.some(([, t]) => t.includes('{customerIds}'))) {
      problems.push({
        path: at,
        message:
          'must use {customerIds} in the path or a query parameter (the batch of ids it filters by)',
      });
    }
  }
  if (m.orders.incremental) {
    const q = Object.entries(m.orders.incremental.query);
    for (const [k, v] of q) idIn(`orders.incremental.query.${k}`, v, ['since']);
    if (!q.some(([, v]) => v.includes('{since}'))) {
      problems.push({
        path: 'orders.incremental.query',
        message: 'must use {since} in one parameter',
      });
    }
    if (Number.isNaN(Date.parse(m.orders.incremental.start))) {
      problems.push({ path: 'orders.incremental.start', message: 'must be an ISO date-time' });
    }
  }
  for (const [k, v] of Object.entries(m.orders.list.query))
    idIn(`orders.list.query.${k}`, String(v), []);

  for (const type of m.writeBack.skip) {
    if (m.writeBack.effects[type]) {
      problems.push({
        path: `writeBack.skip`,
        message: `"${type}" is both written (writeBack.effects.${type}) and skipped; keep one`,
      });
    }
  }
  for (const [type, raw] of Object.entries(m.writeBack.effects)) {
    const calls = Array.isArray(raw) ? raw : [raw];
    calls.forEach((call, i) => {
      const at = `writeBack.effects.${type}${Array.isArray(raw) ? `.${i}` : ''}`;
      const names = [...WRITE_PLACEHOLDERS, ...(call.check ? ['current'] : [])];
      const check = (where: string, text: string) => {
        for (const name of placeholders(text)) {
          const root = name.split('.')[0]!;
          if (!names.includes(root)) {
            problems.push({
              path: `${at}.${where}`,
              message: `unknown placeholder {${name}}; use ${WRITE_PLACEHOLDERS.map((n) => `{${n}}`).join(', ')}${call.check ? ' or {current.<field>}' : ''}`,
            });
          }
        }
      };
      check('path', call.path);
      if (call.check) check('check.path', call.check.path);
      for (const [k, v] of Object.entries(call.query)) check(`query.${k}`, String(v));
      for (const [where, text] of stringsIn(call.body, 'body')) check(where, text);
      if (call.idempotency === 'natural' && call.method === 'POST') {
        problems.push({
          path: `${at}.idempotency`,
          message: 'a POST is not naturally idempotent; use "marker" (with a check) or "keyHeader"',
        });
      }
      if (call.idempotency === 'marker') {
        if (!call.check) {
          problems.push({
            path: `${at}.check`,
            message:
              'idempotency "marker" needs a check (GET path and field searched for {marker})',
          });
        }
        const writesMarker = stringsIn(call.body, 'body').some(([, t]) => t.includes('{marker}'));
        if (!writesMarker) {
          problems.push({
            path: `${at}.body`,
            message:
              'idempotency "marker" needs {marker} written in the body, or the check never finds it',
          });
        }
      }
    });
  }
  return problems;
}

/** Names of the `{placeholders}` in a template. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{([A-Za-z_][\w.]*)\}/g)].map((m) => m[1]!);
}

function stringsIn(value: unknown, at: string): [string, string][] {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${at}.${i}`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${at}.${k}`));
  }
  return [];
}
