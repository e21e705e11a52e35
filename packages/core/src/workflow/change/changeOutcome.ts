import { fieldParams } from '../../rules/shared/changeLabels.js';
import type { MessageParam } from '../../model/Finding.js';
import type { Order } from '../../model/Order.js';
import type { EffectDraft } from '../../state/Effect.js';
import type { RecordedEvent } from '../../state/TransitionResult.js';
import type { ChangeRequestRecord } from '../../state/ChangeRequest.js';
import type { RevisionDiff } from '../../rules/change/diffRevisions.js';

/**
 * Audit event type of a contract-ledger entry (CH-7, read by the AR-4 contract ledger).
 *
 * @example
 * (await desk.history(orderId)).filter((e) => e.type === CONTRACT_CHANGED_EVENT);
 */
export const CONTRACT_CHANGED_EVENT = 'contract.changed';

/**
 * A contract-ledger entry of a change or termination (CH-7), as the data of a
 * `contract.changed` audit event on the order's stream (which also carries `revision`: the
 * revision in force after it, as `order.revised` and `order.cancelled` do).
 */
export interface ContractChangeEntry {
  contractNumber: string;
  orderId: string;
  orderNumber: string;
  customerId: string;
  kind: 'change' | 'termination';
  changeRequest: string;
  reason: string;
  /** The revision the change was made on, and the one it made (absent for a termination). */
  fromRevision: number;
  toRevision?: number;
  /** Changed fields: header paths, and line changes as `lines.<id>.<field>` / `lines.<id>` (added, removed). */
  changes: { field: string; before?: unknown; after?: unknown }[];
  approvedAt: string;
  approvedBy: string;
  /** The signed amendment (or termination) that let it take effect (CH-7). */
  amendment?: { reference: string; signedAt: string; recordedBy: string; recordedAt: string };
}

/** The ledger's view of the record's signed amendment, when it has one. */
function amendmentOf(record: ChangeRequestRecord): Pick<ContractChangeEntry, 'amendment'> {
  const a = record.amendment;
  if (!a) return {};
  return {
    amendment: {
      reference: a.reference,
      signedAt: a.signedAt,
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt,
    },
  };
}

/** A field value as a message parameter (dates and codes are strings already). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function ledgerChanges(diff: RevisionDiff): ContractChangeEntry['changes'] {
  const out: ContractChangeEntry['changes'] = diff.header.map((c) => ({
    field: c.field,
    before: c.before,
    after: c.after,
  }));
  for (const l of diff.lines) {
    if (l.kind === 'changed')
      for (const c of l.changes)
        out.push({ field: `lines.${l.lineId}.${c.field}`, before: c.before, after: c.after });
    else if (l.kind === 'added') out.push({ field: `lines.${l.lineId}`, after: l.line });
    else out.push({ field: `lines.${l.lineId}`, before: l.line });
  }
  return out;
}

/** What an approved change or cancellation asks the edge to do and writes to the audit trail. */
export interface ChangeOutcome {
  effects: EffectDraft[];
  events: RecordedEvent[];
}

/**
 * Effects and records of an approved change (CH-5, CH-6, CH-7): the new revision recorded with
 * its diff (`order.revised`); a `notify` to each department role whose work the changed fields
 * touch (`change.notify`); a `customerNotice` for each customer-notice field that moved (the
 * delivery date by default); the requester and owner told; and, for a contract change, a
 * `contract.changed` ledger entry.
 *
 * @example
 * const { effects, events } = changeApprovedOutcome(record, { before, after, diff, at: now, by: 'u-wang' });
 */
export function changeApprovedOutcome(
  record: ChangeRequestRecord,
  change: { before: Order; after: Order; diff: RevisionDiff; at: string; by: string },
): ChangeOutcome {
  const { before, after, diff } = change;
  const c = record.classification;
  const fields = fieldParams(c.fields);
  const base: Record<string, MessageParam> = {
    number: after.number,
    revision: after.revision,
    ...fields,
  };
  const effects: EffectDraft[] = [
    {
      type: 'postMessage',
      messageKey: 'change.applied',
      params: { ...base, request: record.id },
      ruleId: 'CH-5',
    },
    {
      type: 'notify',
      to: { users: [...new Set([record.requestedBy, after.salesperson])] },
      messageKey: 'change.applied',
      params: { ...base, request: record.id },
      ruleId: 'CH-5',
    },
    ...c.notify.map((role) => ({
      type: 'notify' as const,
      to: { roles: [role] },
      messageKey: 'change.notify.changed',
      params: base,
      ruleId: 'CH-6' as const,
    })),
    ...c.customerNotice.map((n) => ({
      type: 'customerNotice' as const,
      customerId: after.customer.id,
      messageKey:
        n.field === 'requestedDeliveryDate'
          ? 'change.customerNotice.deliveryDate'
          : 'change.notify.changed',
      params: { ...base, field: n.field, before: shown(n.before), after: shown(n.after) },
      ruleId: 'CH-6' as const,
    })),
  ];
  const events: RecordedEvent[] = [
    {
      type: 'order.revised',
      ruleIds: ['CH-5'],
      data: {
        changeRequest: record.id,
        revision: after.revision,
        fromRevision: before.revision,
        toRevision: after.revision,
        header: diff.header,
        lines: diff.lines,
      },
    },
    {
      type: 'change.notified',
      ruleIds: ['CH-6'],
      data: { changeRequest: record.id, departments: c.notify, customerNotice: c.customerNotice },
    },
  ];
  if (c.contract) {
    const entry: ContractChangeEntry = {
      contractNumber: before.contract.number || after.contract.number,
      orderId: after.id,
      orderNumber: after.number,
      customerId: after.customer.id,
      kind: 'change',
      changeRequest: record.id,
      reason: record.reason,
      fromRevision: before.revision,
      toRevision: after.revision,
      changes: ledgerChanges(diff),
      approvedAt: change.at,
      approvedBy: change.by,
      ...amendmentOf(record),
    };
    events.push({
      type: CONTRACT_CHANGED_EVENT,
      ruleIds: ['CH-7'],
      data: { ...entry, revision: entry.toRevision ?? entry.fromRevision },
    });
  }
  return { effects, events };
}

/**
 * Effects and records of an approved cancellation (CH-3, CH-6, CH-7): `order.cancelled`, the
 * ERP asked to cancel the order, every department of `change.cancellation.notify` told, the
 * requester and owner told, and a `contract.changed` termination entry when the order has a
 * contract.
 *
 * @example
 * const { effects, events } = cancellationApprovedOutcome(record, { order, at: now, by: 'u-wang' });
 */
export function cancellationApprovedOutcome(
  record: ChangeRequestRecord,
  change: { order: Order; at: string; by: string },
): ChangeOutcome {
  const { order } = change;
  const c = record.classification;
  const params = { number: order.number, reason: record.reason, request: record.id };
  const effects: EffectDraft[] = [
    { type: 'cancelOrder', reason: record.reason },
    {
      type: 'notify',
      to: { users: [...new Set([record.requestedBy, order.salesperson])] },
      messageKey: 'change.cancelled',
      params,
      ruleId: 'CH-3',
    },
    ...c.notify.map((role) => ({
      type: 'notify' as const,
      to: { roles: [role] },
      messageKey: 'change.notify.cancelled',
      params,
      ruleId: 'CH-6' as const,
    })),
  ];
  const events: RecordedEvent[] = [
    {
      type: 'order.cancelled',
      ruleIds: ['CH-3'],
      data: { changeRequest: record.id, reason: record.reason, revision: order.revision },
    },
    {
      type: 'change.notified',
      ruleIds: ['CH-6'],
      data: { changeRequest: record.id, departments: c.notify, customerNotice: [] },
    },
  ];
  if (c.contract) {
    const entry: ContractChangeEntry = {
      contractNumber: order.contract.number,
      orderId: order.id,
      orderNumber: order.number,
      customerId: order.customer.id,
      kind: 'termination',
      changeRequest: record.id,
      reason: record.reason,
      fromRevision: order.revision,
      changes: [],
      approvedAt: change.at,
      approvedBy: change.by,
      ...amendmentOf(record),
    };
    events.push({
      type: CONTRACT_CHANGED_EVENT,
      ruleIds: ['CH-7'],
      data: { ...entry, revision: entry.toRevision ?? entry.fromRevision },
    });
  }
  return { effects, events };
}
