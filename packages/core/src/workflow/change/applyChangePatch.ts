import { ValidationError } from '../../errors.js';
import {
  LINE_FIELDS,
  NESTED_FIELDS,
  HEADER_FIELDS,
  PROTECTED_FIELDS,
} from '../../lib/orderFields.js';
import type { Finding, MessageParam } from '../../model/Finding.js';
import { Order } from '../../model/Order.js';
import type { RuleId } from '../../model/RuleId.js';
import type { Policy } from '../../policy/Policy.js';
import { finding } from '../../rules/shared/finding.js';
import type { ChangeOp } from '../../state/ChangeRequest.js';

const HEADER = new Set(HEADER_FIELDS);
const LINE = new Set(LINE_FIELDS);

/**
 * Outcome of `applyChangePatch`: the proposed order, or every operation that does not fit the
 * revision it was applied to, one `block` finding each.
 */
export type PatchResult = { ok: true; order: Order } | { ok: false; findings: Finding[] };

/** What is wrong with one operation: its message key and parameters, and the rule. */
interface Misfit {
  path: string;
  messageKey: string;
  params: Record<string, MessageParam>;
  ruleId?: RuleId;
}

function headerMisfit(field: string, path: string): Misfit | undefined {
  if (PROTECTED_FIELDS.has(field))
    return { path, messageKey: 'change.patch.protectedField', params: { field } };
  const [top = '', sub, ...rest] = field.split('.');
  const unknown = { path, messageKey: 'change.patch.unknownField', params: { field } };
  if (!HEADER.has(top) || rest.length > 0) return unknown;
  if (sub === undefined) return undefined;
  if (!NESTED_FIELDS[top]?.includes(sub)) return unknown;
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
 * Applies a change patch (CH-2) to an order and returns the proposed order, parsed as a whole
 * with the `Order` schema and keeping the order's revision number (approval gives the new one).
 * Lines are addressed by id. An edit of a draft or returned order (`editOrder`) applies the same
 * operations, its misfits citing `options.ruleId` (RV-9) instead.
 *
 * Two kinds of problem, each listed all at once:
 * - operations that do not fit this revision are an outcome, `{ ok: false, findings }`, one CH-2
 *   `block` finding per operation with its path (`patch.1.field`): an unknown or protected field
 *   (id, number, revision, owner, customer id…: `change.patch.protectedField`,
 *   `change.patch.unknownField`, `change.patch.unknownLineField`, `change.patch.lineIdFixed`),
 *   a line id the revision does not have (`change.patch.unknownLine`), a new line without an id
 *   or with one already used (`change.patch.newLineId`, `change.patch.duplicateLine`), and a
 *   patch removing every line, which is a cancellation (CH-3, `change.patch.removesEveryLine`);
 * - when every operation fits, a result that is not an order at all (a quantity given as text, a
 *   fractional price…) is malformed input: a `ValidationError` with line paths named by line id
 *   (`lines.l2.quantity`). Content a salesperson can fix (a zero quantity…) parses: IN-2 judges it
 *   (see `requestChange`).
 *
 * @example
 * const r = applyChangePatch(order, [{ op: 'updateLine', lineId: 'l1', set: { quantity: 5 } }], policy);
 * if (r.ok) diffRevisions(order, r.order);
 * @throws {ValidationError} when the patched order is malformed; the order is left untouched.
 */
export function applyChangePatch(
  order: Order,
  patch: readonly ChangeOp[],
  policy: Pick<Policy, 'citations'>,
  options: { ruleId?: RuleId } = {},
): PatchResult {
  const misfits: Misfit[] = [];
  const draft: Record<string, unknown> = { ...order };
  const lines: Record<string, unknown>[] = order.lines.map((l) => l as Record<string, unknown>);
  const indexOf = (id: string) => lines.findIndex((l) => l.id === id);
  const revision = order.revision;

  patch.forEach((op, i) => {
    const at = `patch.${String(i)}`;
    switch (op.op) {
      case 'set': {
        const misfit = headerMisfit(op.field, `${at}.field`);
        if (misfit) misfits.push(misfit);
        else setHeader(draft, op.field, op.value);
        break;
      }
      case 'updateLine': {
        const index = indexOf(op.lineId);
        if (index < 0) {
          misfits.push({
            path: `${at}.lineId`,
            messageKey: 'change.patch.unknownLine',
            params: { lineId: op.lineId, revision },
          });
          break;
        }
        const unknown = Object.keys(op.set).filter((k) => !LINE.has(k));
        for (const k of unknown) {
          misfits.push(
            k === 'id'
              ? {
                  path: `${at}.set.id`,
                  messageKey: 'change.patch.lineIdFixed',
                  params: { lineId: op.lineId },
                }
              : {
                  path: `${at}.set.${k}`,
                  messageKey: 'change.patch.unknownLineField',
                  params: { lineId: op.lineId, field: k },
                },
          );
        }
        if (unknown.length === 0) lines[index] = { ...lines[index], ...op.set };
        break;
      }
      case 'addLine': {
        const id = op.line.id;
        if (typeof id !== 'string' || id === '') {
          misfits.push({ path: `${at}.line.id`, messageKey: 'change.patch.newLineId', params: {} });
        } else if (indexOf(id) >= 0) {
          misfits.push({
            path: `${at}.line.id`,
            messageKey: 'change.patch.duplicateLine',
            params: { lineId: id },
          });
        } else {
          lines.push({ ...op.line });
        }
        break;
      }
      case 'removeLine': {
        const index = indexOf(op.lineId);
        if (index < 0)
          misfits.push({
            path: `${at}.lineId`,
            messageKey: 'change.patch.unknownLine',
            params: { lineId: op.lineId, revision },
          });
        else lines.splice(index, 1);
        break;
      }
    }
  });
  if (misfits.length === 0 && lines.length === 0) {
    misfits.push({
      path: 'lines',
      messageKey: 'change.patch.removesEveryLine',
      params: {},
      ruleId: 'CH-3',
    });
  }
  if (misfits.length > 0) {
    return {
      ok: false,
      findings: misfits.map((m) =>
        finding(policy, {
          ruleId: options.ruleId ?? m.ruleId ?? 'CH-2',
          severity: 'block',
          messageKey: m.messageKey,
          params: m.params,
          evidence: [{ field: m.path }],
        }),
      ),
    };
  }

  const result = Order.safeParse({ ...draft, lines, revision });
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
  return { ok: true, order: result.data };
}
