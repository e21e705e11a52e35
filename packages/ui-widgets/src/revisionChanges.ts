import type { Approval, OrderPicture, RevisionDiff } from './client.js';
import type { I18n } from './i18n.js';

/**
 * A value of a diff or a patch as one line of text: strings as they are, everything else as JSON.
 * Never markup: the panels render it with `t-esc`.
 *
 * @example
 * shown({ a: 1 }); // '{"a":1}'
 */
export function shown(v: unknown): string {
  return v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

/** One row of a revision diff as the panels show it. */
export interface DiffRow {
  kind: 'changed' | 'added' | 'removed';
  field: string;
  before: string;
  after: string;
}

/**
 * A revision diff (CH-5) as rows: the header fields, then each line's changed fields, added and
 * removed lines, in the reader's language: fields by their labels (`I18n.field`), a line and its
 * fate by the texts `line` and `line.added`/`line.removed`.
 *
 * @example
 * diffRows(diff, i18n); // [{ kind: 'changed', field: 'Line l1 · Quantity', before: '80', after: '100' }]
 */
export function diffRows(d: RevisionDiff, i18n: Pick<I18n, 't' | 'field'>): DiffRow[] {
  const rows: DiffRow[] = d.header.map((c) => ({
    kind: 'changed',
    field: i18n.field(c.field),
    before: shown(c.before),
    after: shown(c.after),
  }));
  for (const l of d.lines) {
    const line = i18n.t('line', { id: l.lineId });
    if (l.kind === 'changed')
      for (const c of l.changes)
        rows.push({
          kind: 'changed',
          field: `${line} · ${i18n.field(c.field)}`,
          before: shown(c.before),
          after: shown(c.after),
        });
    else
      rows.push({
        kind: l.kind,
        field: `${line} (${i18n.t(`line.${l.kind}` as const)})`,
        before: l.kind === 'removed' ? shown(l.line) : '—',
        after: l.kind === 'added' ? shown(l.line) : '—',
      });
  }
  return rows;
}

type HistoryEvent = OrderPicture['history'][number];

/** The revision an event says is in force (`data.revision`), if it says one. */
function revisionOf(e: HistoryEvent): number | undefined {
  const data = e.data as { revision?: unknown } | undefined;
  return typeof data?.revision === 'number' ? data.revision : undefined;
}

/**
 * The revision of the order an approval was given on (CH-5): the revision in force when its
 * `approval.granted` event was recorded, from the order's audit trail (submissions, edits and
 * approved changes each record the revision they leave in force). Matched by step, approver and
 * instant; an approval the trail does not show is placed by its time. Revision 1 before any event
 * says otherwise.
 *
 * @example
 * approvedRevision(picture.history, 'salesHead', step.approvals[0]); // 1, while the order is now at 2
 */
export function approvedRevision(
  history: readonly HistoryEvent[],
  step: string,
  approval: Pick<Approval, 'actor' | 'at'>,
): number {
  const granted = history.findIndex((e) => {
    if (e.type !== 'approval.granted') return false;
    const d = (e.data ?? {}) as Record<string, unknown>;
    return (
      d.step === step &&
      d.actor === approval.actor &&
      d.at === approval.at &&
      d.changeRequest === undefined &&
      d.requestId === undefined &&
      d.shippingException === undefined
    );
  });
  const at = Date.parse(approval.at);
  let revision = 1;
  for (const [i, e] of history.entries()) {
    if (granted >= 0 ? i >= granted : e.at !== undefined && Date.parse(e.at) > at) break;
    revision = revisionOf(e) ?? revision;
  }
  return revision;
}
