import {
  approvalsDue,
  orderParties,
  orderTotals,
  type ActorInput,
  type Ordergate,
  type OrderView,
  type Route,
  type WorkItem,
} from '@ordergate/core';

/** A step waiting for the caller on a queued order, and whose authority they would use. */
export interface QueueStep {
  key: string;
  label: { en: string; zh: string };
  /** The rules whose findings require the step. */
  ruleIds: string[];
  /** The person the caller stands in for on this step, under a policy delegation. */
  onBehalfOf?: string;
  /** The last instant of that delegation, when it has one. */
  delegatedUntil?: string;
}

/**
 * One line of the work queue as the service answers it: the core's item (what the caller may do,
 * urgency, due time) with what a queue filters and lists by — customer, amount, the rules that put
 * the order there, overdue — and the steps waiting for the caller, each saying when the caller
 * would act as someone's substitute.
 */
export interface QueueLine extends WorkItem {
  customer: { id: string; name: string };
  /** The order's total including tax, in minor units of `currency`. */
  amount: { total: number; currency: string };
  ruleIds: string[];
  overdue: boolean;
  steps: QueueStep[];
}

/**
 * The caller's work queue (the core's `workQueue`, order and decisions unchanged), each item
 * completed from the order's stored view. Steps come from the core's `approvalsDue` (roles,
 * delegation, escalation, segregation of duties) on every route open on the order — review,
 * credit release, pending change, shipping exceptions — and the delegation window from the policy.
 *
 * @example
 * const lines = await queueLines(og, zhao, new Date().toISOString());
 * lines[0]?.steps[0]?.onBehalfOf; // 'u-wang' when Zhao signs as Wang's substitute
 */
export async function queueLines(
  og: Ordergate,
  actor: ActorInput,
  at: string,
): Promise<QueueLine[]> {
  const items = await og.workQueue(actor);
  const lines: QueueLine[] = [];
  for (const item of items) {
    const view = await og.order(item.orderId);
    if (view) lines.push(completeLine(og, item, view, { actor, at }));
  }
  return lines;
}

function openRoutes(view: OrderView): { route: Route; owners: string[] }[] {
  const wf = view.workflow;
  const parties = orderParties(wf);
  const out: { route: Route; owners: string[] }[] = [];
  if (wf.status === 'in_review' && wf.route) out.push({ route: wf.route, owners: parties });
  if (wf.status === 'credit_hold' && wf.credit?.releaseRoute)
    out.push({ route: wf.credit.releaseRoute, owners: parties });
  const change = wf.change?.pending;
  if (change?.route) {
    const requester = (change as { requestedBy?: string }).requestedBy;
    out.push({ route: change.route, owners: requester ? [...parties, requester] : parties });
  }
  for (const e of wf.credit?.shippingExceptions ?? [])
    if (e.status === 'pending') out.push({ route: e.route, owners: [...parties, e.requestedBy] });
  return out;
}

function completeLine(
  og: Ordergate,
  item: WorkItem,
  view: OrderView,
  input: { actor: ActorInput; at: string },
): QueueLine {
  const actor = { id: input.actor.id, groups: input.actor.groups ?? [] };
  const steps: QueueStep[] = [];
  const ruleIds = new Set<string>();
  let overdue = item.dueAt !== undefined && Date.parse(item.dueAt) < Date.parse(input.at);
  for (const { route, owners } of openRoutes(view)) {
    const due = approvalsDue(route, { actor, at: input.at }, { policy: og.policy, owners });
    for (const d of due) {
      if (!d.open) continue;
      const step = route.steps.find((s) => s.key === d.step);
      if (!step) continue;
      overdue ||= step.overdue;
      step.ruleIds.forEach((r) => ruleIds.add(r));
      const until = d.onBehalfOf
        ? og.policy.delegations.find(
            (g) =>
              g.to === actor.id &&
              g.from === d.onBehalfOf &&
              (g.roles?.includes(d.role) ?? true) &&
              (g.validFrom === undefined || Date.parse(g.validFrom) <= Date.parse(input.at)) &&
              (g.validUntil === undefined || Date.parse(g.validUntil) >= Date.parse(input.at)),
          )?.validUntil
        : undefined;
      steps.push({
        key: step.key,
        label: { en: step.label.en, zh: step.label.zh },
        ruleIds: [...step.ruleIds],
        ...(d.onBehalfOf ? { onBehalfOf: d.onBehalfOf } : {}),
        ...(until ? { delegatedUntil: until } : {}),
      });
    }
  }
  // a credit hold waits for its release: the hold's rules (CR-4, CR-6) put the order here
  if (item.actions.includes('releaseCredit'))
    view.workflow.credit?.holds.forEach((h) => ruleIds.add(h.ruleId));
  return {
    ...item,
    customer: { id: view.order.customer.id, name: view.order.customer.name },
    amount: { total: orderTotals(view.order).total, currency: view.order.currency },
    ruleIds: [...ruleIds].sort(),
    overdue,
    steps,
  };
}
