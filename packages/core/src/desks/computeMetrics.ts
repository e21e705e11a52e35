import type { AuditEvent } from '../audit/AuditEvent.js';
import type { AuditEventType } from '../state/auditEventTypes.js';
import { localDate } from '../lib/localDate.js';
import type { Order } from '../model/Order.js';
import type { OrderWorkflow } from '../state/OrderWorkflow.js';
import { AcceptanceIssueKind } from '../state/TrackingState.js';

/** How TR-5 metrics are broken down. */
export type MetricsGroupBy = 'customer' | 'product' | 'salesperson';

/** Options of `computeMetrics`. */
export interface MetricsOptions {
  /** Calendar dates (`YYYY-MM-DD`, inclusive, in `timeZone`) the counted events fall in; all when absent. */
  period?: { from?: string; to?: string };
  /** One row per customer, product or salesperson; one row `all` when absent. */
  groupBy?: MetricsGroupBy;
  /** The policy's time zone, for the period's dates. */
  timeZone: string;
}

/** A rate: `count` of `of`, and their ratio (null when `of` is 0). */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

/** TR-5 metrics of one group. */
export interface OrderMetrics {
  /** Group key (customer id, product id, salesperson id) or `all`. */
  key: string;
  /** Customer or product name when known, else the key. */
  label: string;
  /** Orders reviewed in the period and not returned for correction, of all reviewed. */
  accuracy: Rate;
  /** Deliveries in the period on or before the agreed date, of all deliveries. */
  onTimeDelivery: Rate;
  /** Hours from receipt of the approved submission to approval, for approvals in the period. */
  reviewCycle: { count: number; averageHours: number | null; maxHours: number | null };
  /** Review steps flagged overdue in the period (RV-2). */
  overdueReviews: number;
  /** Credit holds in the period (CR-4). */
  creditHolds: number;
  /**
   * Complaints in the period — acceptance issues of every kind reported (TR-3: damage, quantity
   * mismatch, quality, late delivery) — of the deliveries in it.
   */
  complaints: Rate;
  /**
   * The complaints of the period by kind (TR-3), every kind present (0 when none); they add up to
   * `complaints.count` on trails the core wrote (an event naming no known kind counts only there).
   */
  complaintsByKind: Record<AcceptanceIssueKind, number>;
}

const noComplaints = (): Record<AcceptanceIssueKind, number> =>
  Object.fromEntries(AcceptanceIssueKind.options.map((k) => [k, 0])) as Record<
    AcceptanceIssueKind,
    number
  >;

const rate = (count: number, of: number): Rate => ({
  count,
  of,
  rate: of === 0 ? null : count / of,
});

function groupKeys(
  order: Order,
  groupBy: MetricsGroupBy | undefined,
): { key: string; label: string }[] {
  switch (groupBy) {
    case 'customer':
      return [{ key: order.customer.id, label: order.customer.name || order.customer.id }];
    case 'salesperson':
      return [{ key: order.salesperson, label: order.salesperson }];
    case 'product': {
      const seen = new Map<string, string>();
      for (const l of order.lines)
        if (l.productId !== '' && !seen.has(l.productId))
          seen.set(l.productId, l.productName || l.productId);
      return [...seen].map(([key, label]) => ({ key, label }));
    }
    case undefined:
      return [{ key: 'all', label: 'all' }];
  }
}

/** The kind an `acceptance.issueReported` payload names, if it names one of the catalogue's. */
function complaintKind(data: unknown): AcceptanceIssueKind | undefined {
  const kind = AcceptanceIssueKind.safeParse((data as { kind?: unknown } | null | undefined)?.kind);
  return kind.success ? kind.data : undefined;
}

interface Tally {
  label: string;
  reviewed: number;
  accurate: number;
  delivered: number;
  onTime: number;
  cycles: number[];
  overdue: number;
  holds: number;
  issues: number;
  issueKinds: Record<AcceptanceIssueKind, number>;
}

/**
 * TR-5: order accuracy rate, on-time delivery rate, review cycle time and overdue reviews, credit
 * holds and complaint rate, computed from the orders' audit trails (`order.assessed`,
 * `order.returned`, `order.submitted`/`order.resubmitted` → `order.approved`, `review.overdue`,
 * `credit.held`, `order.delivered`, `acceptance.issueReported`) — per period and per customer,
 * product or salesperson. An order with several products counts once for each. The complaint
 * rate counts every issue the customer reported (damage, quantity, quality, late delivery) per
 * delivery, with the count by kind beside it.
 *
 * @example
 * computeMetrics({ records, events }, { groupBy: 'customer', period: { from: '2026-03-01', to: '2026-03-31' }, timeZone: policy.timeZone });
 */
export function computeMetrics(
  input: {
    records: readonly { order: Order; workflow: OrderWorkflow }[];
    events: readonly AuditEvent[];
  },
  options: MetricsOptions,
): OrderMetrics[] {
  const { period, timeZone } = options;
  const inPeriod = (at: string) => {
    if (!period) return true;
    const d = localDate(at, timeZone);
    return (
      (period.from === undefined || d >= period.from) && (period.to === undefined || d <= period.to)
    );
  };
  const byOrder = new Map<string, AuditEvent[]>();
  for (const e of input.events) {
    if (!e.stream.startsWith('order:')) continue;
    const id = e.stream.slice('order:'.length);
    const list = byOrder.get(id) ?? [];
    list.push(e);
    byOrder.set(id, list);
  }
  const tallies = new Map<string, Tally>();
  for (const { order } of input.records) {
    const events = [...(byOrder.get(order.id) ?? [])].sort((a, b) => a.seq - b.seq);
    const counted = events.filter((e) => inPeriod(e.at));
    const has = (type: AuditEventType) => counted.some((e) => e.type === type);
    const count = (type: AuditEventType) => counted.filter((e) => e.type === type).length;
    const reviewed = has('order.assessed') ? 1 : 0;
    const deliveries = counted.filter((e) => e.type === 'order.delivered');
    const complaints = counted
      .filter((e) => e.type === 'acceptance.issueReported')
      .map((e) => complaintKind(e.data));
    const cycles: number[] = [];
    let receivedAt: string | undefined;
    for (const e of events) {
      if (e.type === 'order.submitted' || e.type === 'order.resubmitted') receivedAt = e.at;
      if (e.type === 'order.approved' && receivedAt !== undefined && inPeriod(e.at))
        cycles.push((Date.parse(e.at) - Date.parse(receivedAt)) / 3_600_000);
    }
    for (const { key, label } of groupKeys(order, options.groupBy)) {
      const t = tallies.get(key) ?? {
        label,
        reviewed: 0,
        accurate: 0,
        delivered: 0,
        onTime: 0,
        cycles: [],
        overdue: 0,
        holds: 0,
        issues: 0,
        issueKinds: noComplaints(),
      };
      t.reviewed += reviewed;
      t.accurate += reviewed && !has('order.returned') ? 1 : 0;
      t.delivered += deliveries.length;
      t.onTime += deliveries.filter(
        (e) => (e.data as { onTime?: unknown } | null | undefined)?.onTime === true,
      ).length;
      t.cycles.push(...cycles);
      t.overdue += count('review.overdue');
      t.holds += count('credit.held');
      t.issues += complaints.length;
      for (const kind of complaints) if (kind !== undefined) t.issueKinds[kind] += 1;
      tallies.set(key, t);
    }
  }
  return [...tallies]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, t]) => ({
      key,
      label: t.label,
      accuracy: rate(t.accurate, t.reviewed),
      onTimeDelivery: rate(t.onTime, t.delivered),
      reviewCycle: {
        count: t.cycles.length,
        averageHours:
          t.cycles.length === 0 ? null : t.cycles.reduce((s, h) => s + h, 0) / t.cycles.length,
        maxHours: t.cycles.length === 0 ? null : Math.max(...t.cycles),
      },
      overdueReviews: t.overdue,
      creditHolds: t.holds,
      complaints: rate(t.issues, t.delivered),
      complaintsByKind: t.issueKinds,
    }));
}
