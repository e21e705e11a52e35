import type { Actor } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import { capacities } from './capacities.js';
import type { Route } from './Route.js';
import { holdsStep } from './stepContribution.js';
import { unbarredCapacities } from './unbarredCapacities.js';

/** Whether someone may decide on a route now, and who bars them when segregation of duties does. */
export interface ReviewerStanding {
  /** True when the actor holds an active step's role (own, delegated or escalated) unbarred. */
  reviewer: boolean;
  /**
   * When segregation of duties is why not: the barred person — the actor, or the one whose
   * delegated role was the actor's only way to an active step.
   */
  party?: string;
}

/**
 * Whether the actor may decide on a route now — reject, return, decline — as its reviewers may:
 * holding the role of an active step (in their own right, by delegation or by escalation) in a
 * capacity that segregation of duties leaves them (`unbarredCapacities`). A barred actor, or one
 * who would hold such a role only for a barred person, is not a reviewer and `party` names the
 * barred person, for a `SELF_APPROVAL` refusal.
 *
 * @example
 * reviewerStanding(route, zhou, { policy, now, barred: ['u-wang'] });
 * // { reviewer: false, party: 'u-wang' }: Zhou holds the sales head's role only for Wang
 */
export function reviewerStanding(
  route: Route | undefined,
  actor: Pick<Actor, 'id' | 'groups'>,
  ctx: { policy: Policy; now: string; barred: readonly string[] },
): ReviewerStanding {
  const active = (route?.steps ?? []).filter((s) => s.status === 'active');
  const all = capacities(ctx.policy, actor, ctx.now);
  const { usable, barredBy } = unbarredCapacities(all, { actor: actor.id, barred: ctx.barred });
  if (active.some((s) => holdsStep(s, usable))) return { reviewer: true };
  // A barred actor is refused as such, whatever roles they hold: SoD is the first answer.
  if (barredBy.includes(actor.id)) return { reviewer: false, party: actor.id };
  if (!active.some((s) => holdsStep(s, all))) return { reviewer: false };
  const through = all.find(
    (c) =>
      c.onBehalfOf !== undefined &&
      barredBy.includes(c.onBehalfOf) &&
      active.some((s) => holdsStep(s, [c])),
  );
  return through?.onBehalfOf === undefined
    ? { reviewer: false }
    : { reviewer: false, party: through.onBehalfOf };
}
