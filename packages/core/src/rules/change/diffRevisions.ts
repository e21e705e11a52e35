import { HEADER_FIELDS, LINE_FIELDS, NESTED_FIELDS } from '../../lib/orderFields.js';
import { canonicalJson } from '../../lib/canonicalJson.js';
import type { Order, OrderLine } from '../../model/Order.js';
import type { FieldChange, LineDiff, RevisionDiff } from '../../state/RevisionDiff.js';

export type { FieldChange, LineDiff, RevisionDiff };

const SKIP = new Set(['revision']);

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Only reached for values that are not plain scalars, which the model hardly has (unknown
  // nested shapes); compare them as data.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

function diffHeader(a: Order, b: Order, out: FieldChange[]): void {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const field of HEADER_FIELDS) {
    if (SKIP.has(field)) continue;
    const before = ra[field];
    const after = rb[field];
    if (before === after) continue;
    const nested = NESTED_FIELDS[field];
    if (
      nested &&
      (before === undefined || typeof before === 'object') &&
      (after === undefined || typeof after === 'object')
    ) {
      const ia = (before ?? {}) as Record<string, unknown>;
      const ib = (after ?? {}) as Record<string, unknown>;
      for (const sub of nested) {
        if (!same(ia[sub], ib[sub]))
          out.push({ field: `${field}.${sub}`, before: ia[sub], after: ib[sub] });
      }
    } else if (!same(before, after)) {
      out.push({ field, before, after });
    }
  }
}

// Fast path: a line compared with static property reads is ~20x quicker than the generic
// keyed loop (monomorphic loads). It is used only while it names exactly the schema's line
// fields, so a field added to OrderLine can never be skipped silently — the generic loop takes
// over until this list is updated.
const STATIC_LINE_FIELDS = [
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
];
const FAST_PATH =
  STATIC_LINE_FIELDS.length === LINE_FIELDS.length &&
  STATIC_LINE_FIELDS.every((f) => LINE_FIELDS.includes(f));

function sameLine(a: OrderLine, b: OrderLine): boolean {
  return (
    a.quantity === b.quantity &&
    a.unitPrice === b.unitPrice &&
    a.listPrice === b.listPrice &&
    a.discountBp === b.discountBp &&
    a.taxBp === b.taxBp &&
    a.productId === b.productId &&
    a.productName === b.productName &&
    a.model === b.model &&
    a.specification === b.specification &&
    a.uom === b.uom &&
    a.customMade === b.customMade &&
    a.special === b.special &&
    a.technicalDocsComplete === b.technicalDocsComplete &&
    a.shippedBefore === b.shippedBefore &&
    a.availableQuantity === b.availableQuantity
  );
}

function diffLine(a: OrderLine, b: OrderLine): FieldChange[] | undefined {
  if (FAST_PATH && sameLine(a, b)) return undefined;
  let changes: FieldChange[] | undefined;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const field of LINE_FIELDS) {
    const before = ra[field];
    const after = rb[field];
    if (before !== after && !same(before, after)) (changes ??= []).push({ field, before, after });
  }
  return changes;
}

/**
 * Compares two revisions of an order (CH-5): every header field that differs (sub-fields of
 * contact, address, invoice, contract… one by one) and every line added, removed or changed,
 * matched by line id, with its changed fields. Lines that are the same object or equal field by
 * field cost no allocation, so diffing a 500-line order stays cheap.
 *
 * @example
 * const d = diffRevisions(rev1, rev2);
 * d.lines; // [{ kind: 'changed', lineId: 'l1', changes: [{ field: 'unitPrice', before: 150000, after: 140000 }] }]
 */
export function diffRevisions(a: Order, b: Order): RevisionDiff {
  const header: FieldChange[] = [];
  diffHeader(a, b, header);
  const lines: LineDiff[] = [];
  const before = new Map<string, OrderLine>();
  for (const line of a.lines) before.set(line.id, line);
  for (const line of b.lines) {
    const old = before.get(line.id);
    if (old === undefined) {
      lines.push({ kind: 'added', lineId: line.id, line });
      continue;
    }
    // What stays in `before` afterwards was removed.
    before.delete(line.id);
    if (old !== line) {
      const changes = diffLine(old, line);
      if (changes) lines.push({ kind: 'changed', lineId: line.id, changes });
    }
  }
  if (before.size > 0) {
    for (const line of a.lines)
      if (before.get(line.id) === line) lines.push({ kind: 'removed', lineId: line.id, line });
  }
  return { orderId: b.id, from: a.revision, to: b.revision, header, lines };
}

/**
 * The field keys a diff touches, in the change policy's vocabulary: header paths as they are,
 * line fields as `lines.<field>`, `lines.added`, `lines.removed`. Each key once.
 *
 * @example
 * changedFieldKeys(diffRevisions(rev1, rev2)); // ['requestedDeliveryDate', 'lines.unitPrice']
 */
export function changedFieldKeys(diff: RevisionDiff): string[] {
  const keys = new Set<string>();
  for (const c of diff.header) keys.add(c.field);
  for (const l of diff.lines) {
    if (l.kind === 'changed') for (const c of l.changes) keys.add(`lines.${c.field}`);
    else keys.add(`lines.${l.kind}`);
  }
  return [...keys];
}

/**
 * Whether two revisions differ in anything but their revision number.
 *
 * @example
 * isEmptyDiff(diffRevisions(order, { ...order, revision: 2 })); // true
 */
export function isEmptyDiff(diff: RevisionDiff): boolean {
  return diff.header.length === 0 && diff.lines.length === 0;
}
