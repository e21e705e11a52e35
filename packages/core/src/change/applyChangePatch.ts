import { ValidationError, type InputIssue } from '../errors.js';
import {
  LINE_FIELDS,
  NESTED_FIELDS,
  HEADER_FIELDS,
  PROTECTED_FIELDS,
} from '../internal/orderFields.js';
import { Order } from '../model/Order.js';
import type { ChangeOp } from './ChangeRequest.js';

const HEADER = new Set(HEADER_FIELDS);
const LINE = new Set(LINE_FIELDS);

function headerIssue(field: string): string | undefined {
  if (PROTECTED_FIELDS.has(field)) return `"${field}" cannot be changed by a change request`;
  const [top = '', sub, ...rest] = field.split('.');
  if (!HEADER.has(top) || rest.length > 0) return `"${field}" is not a field of the order`;
  if (sub === undefined) return undefined;
  const nested = NESTED_FIELDS[top];
  if (!nested?.includes(sub)) return `"${field}" is not a field of the order`;
  return undefined;
}

function setHeader(draft: Record<string, unknown>, field: string, value: unknown): void {
  const [top = '', sub] = field.split('.');
  if (sub === undefined) {
    if (value === undefined) delete draft[top];
    else draft[top] = value;
    return;
  }
  const inner = { ...((draft[top] as Record<string, unknown> | undefined) ?? {}) };
  if (value === undefined) delete inner[sub];
  else inner[sub] = value;
  draft[top] = inner;
}

/**
 * Applies a change patch (CH-2) to an order and returns the proposed order, validated as a whole
 * with the `Order` schema and keeping the order's revision number (approval gives the new one).
 * Lines are addressed by id. Problems are listed all at once, in two passes: first every
 * operation that cannot apply (an unknown or protected field — id, number, revision, owner,
 * customer id —, an unknown line id, a duplicate new line id, a patch removing every line, which
 * is a cancellation: CH-3); when every operation applies, every schema problem of the result,
 * with line paths named by line id (`lines.l2.quantity`).
 *
 * @example
 * const proposed = applyChangePatch(order, [{ op: 'updateLine', lineId: 'l1', set: { quantity: 5 } }]);
 * @throws {ValidationError} listing every problem; the order is left untouched.
 */
export function applyChangePatch(order: Order, patch: readonly ChangeOp[]): Order {
  const issues: InputIssue[] = [];
  const draft: Record<string, unknown> = { ...order };
  const lines: Record<string, unknown>[] = order.lines.map((l) => l as Record<string, unknown>);
  const indexOf = (id: string) => lines.findIndex((l) => l.id === id);

  patch.forEach((op, i) => {
    const at = `patch.${String(i)}`;
    switch (op.op) {
      case 'set': {
        const problem = headerIssue(op.field);
        if (problem) issues.push({ path: `${at}.field`, message: problem });
        else setHeader(draft, op.field, op.value);
        break;
      }
      case 'updateLine': {
        const index = indexOf(op.lineId);
        if (index < 0) {
          issues.push({
            path: `${at}.lineId`,
            message: `no line "${op.lineId}" in revision ${String(order.revision)}`,
          });
          break;
        }
        const unknown = Object.keys(op.set).filter((k) => !LINE.has(k));
        for (const k of unknown) {
          issues.push({
            path: `${at}.set.${k}`,
            message: k === 'id' ? 'a line id cannot change' : `"${k}" is not a field of a line`,
          });
        }
        if (unknown.length === 0) lines[index] = { ...lines[index], ...op.set };
        break;
      }
      case 'addLine': {
        const id = op.line.id;
        if (typeof id !== 'string' || id === '') {
          issues.push({ path: `${at}.line.id`, message: 'a new line needs an id' });
        } else if (indexOf(id) >= 0) {
          issues.push({ path: `${at}.line.id`, message: `line "${id}" already exists` });
        } else {
          lines.push({ ...op.line });
        }
        break;
      }
      case 'removeLine': {
        const index = indexOf(op.lineId);
        if (index < 0)
          issues.push({
            path: `${at}.lineId`,
            message: `no line "${op.lineId}" in revision ${String(order.revision)}`,
          });
        else lines.splice(index, 1);
        break;
      }
    }
  });
  if (issues.length === 0 && lines.length === 0) {
    issues.push({
      path: 'lines',
      message: 'a change may not remove every line: request a cancellation instead',
    });
  }
  if (issues.length > 0) throw new ValidationError('change request', issues);

  const result = Order.safeParse({ ...draft, lines, revision: order.revision });
  if (!result.success) {
    throw new ValidationError(
      'change request',
      result.error.issues.map((issue) => {
        const path = issue.path.map(String);
        // Name a line by its id, not its position: positions shift as lines come and go.
        if (path[0] === 'lines' && path[1] !== undefined) {
          const id = lines[Number(path[1])]?.id;
          if (typeof id === 'string') path[1] = id;
        }
        return { path: path.join('.'), message: issue.message };
      }),
    );
  }
  return result.data;
}
