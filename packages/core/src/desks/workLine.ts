import type { Actor } from '../model/Actor.js';
import type { LocalizedText } from '../policy/LocalizedText.js';
import { orderTotals } from '../model/orderTotals.js';
import type { Policy } from '../policy/Policy.js';
import type { OrderView } from '../state/OrderRecord.js';
import { orderParties } from '../workflow/shared/orderParties.js';
import { approvalsDue } from '../approvals/approvalsDue.js';
import type { Route } from '../approvals/Route.js';

/** A step of a queued order waiting for the actor, and whose authority they would use. */
export interface WorkStep {
  key: string;
  label: LocalizedText;
  /** The rules whose findings require the step. */
  ruleIds: string[];
  /** The person the actor stands in for on this step, under a policy delegation valid now. */
  onBehalfOf?: string;
  /** The last instant of that delegation, when it has one. */
  delegatedUntil?: string;
}

/** What a work-queue line says about its order beyond the actions: what queues filter and list by. */
export interface WorkLine {
  customer: { id: string; name: string };
  /** The order's total including tax, in minor units of `currency`. */
  amount: { total: number; currency: string };
  /** The rules that put the order in the queue: its waiting steps', and its credit holds' when released here. */
  ruleIds: string[];
  /** A step waiting for the actor is flagged overdue, or the due time has passed (RV-2). */
  overdue: boolean;
  /** The open steps waiting for the actor, on every route open on the order. */
  steps: WorkStep[];
}

function openRoutes(view: OrderView): { route: Route; owners: string[] }[] {
  const wf = view.workflow;
  const parties = orderParties(wf);
  const out: { route: Route; owners: string[] }[] = [];
  if (wf.status === 'in_review' && wf.route) out.push({ route: wf.route, owners: parties });
  if (wf.status === 'credit_hold' && wf.credit?.releaseRoute)
    out.push({ route: wf.credit.releaseRoute, owners: parties });
  const change = wf.change?.pending;
  if (change) out.push({ route: change.route, owners: [...parties, change.requestedBy] });
  for (const e of wf.credit?.shippingExceptions ?? [])
    if (e.status === 'pending') out.push({ route: e.route, owners: [...parties, e.requestedBy] });
  return out;
}

/**
 * A work-queue line's description of its order for an actor at an instant: customer, total with
 * tax, the rules that put it there, overdue, and the open steps waiting for the actor from
 * `approvalsDue` (roles, delegation, escalation, segregation of duties), each naming whom the
 * actor would stand in for and until when. It decides nothing: who may act is the queue's dry run.
 *
 * @example
 * workLine(view, { actor: zhao, at: now, policy, dueAt, releases: false }).steps;
 * // [{ key: 'salesHead', …, onBehalfOf: 'u-wang', delegatedUntil: '2026-03-13T23:59:59+08:00' }]
 */
export function workLine(
  view: OrderView,
  input: { actor: Pick<Actor, 'id' | 'groups'>; at: string; dueAt?: string; releases: boolean },
  policy: Policy,
): WorkLine {
  const { actor, at } = input;
  const atMs = Date.parse(at);
  const steps: WorkStep[] = [];
  const ruleIds = new Set<string>();
  let overdue = input.dueAt !== undefined && Date.parse(input.dueAt) < atMs;
  for (const { route, owners } of openRoutes(view)) {
    for (const due of approvalsDue(route, { actor, at }, { policy, owners })) {
      const step = due.open ? route.steps.find((s) => s.key === due.step) : undefined;
      if (!step) continue;
      overdue ||= step.overdue;
      step.ruleIds.forEach((r) => ruleIds.add(r));
      const until = due.onBehalfOf
        ? policy.delegations.find(
            (d) =>
              d.to === actor.id &&
              d.from === due.onBehalfOf &&
              (d.roles?.includes(due.role) ?? true) &&
              (d.validFrom === undefined || Date.parse(d.validFrom) <= atMs) &&
              (d.validUntil === undefined || Date.parse(d.validUntil) >= atMs),
          )?.validUntil
        : undefined;
      steps.push({
        key: step.key,
        label: step.label,
        ruleIds: [...step.ruleIds],
        ...(due.onBehalfOf ? { onBehalfOf: due.onBehalfOf } : {}),
        ...(until ? { delegatedUntil: until } : {}),
      });
    }
  }
  // a credit hold waits for its release: the hold's rules (CR-4, CR-6) put the order here
  if (input.releases) view.workflow.credit?.holds.forEach((h) => ruleIds.add(h.ruleId));
  return {
    customer: { id: view.order.customer.id, name: view.order.customer.name },
    amount: { total: orderTotals(view.order).total, currency: view.order.currency },
    ruleIds: [...ruleIds].sort(),
    overdue,
    steps,
  };
}
