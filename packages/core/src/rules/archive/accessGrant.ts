import { addDays } from '../../lib/localDate.js';
import { capacities } from '../../approvals/capacities.js';
import { unbarredCapacities } from '../../approvals/unbarredCapacities.js';
import type { Actor } from '../../model/Actor.js';
import type { Policy } from '../../policy/Policy.js';

/**
 * Store record kind of archive access requests and grants (AR-5).
 *
 * @example
 * const requests = await store.list<AccessRequest>(ACCESS_KIND);
 */
export const ACCESS_KIND = 'archive-access';

/**
 * A request to read an archived order (AR-5), and the grant it becomes once approved: valid from
 * approval for `days` days, for the requester only.
 */
export interface AccessRequest {
  id: string;
  archiveId: string;
  requester: string;
  reason: string;
  /** Days of access asked for (policy default when not given, at most the policy maximum). */
  days: number;
  requestedAt: string;
  status: 'pending' | 'approved' | 'rejected';
  decidedBy?: string;
  /** Whose approver role `decidedBy` used, when they decided as someone's delegate. */
  decidedOnBehalfOf?: string;
  decidedAt?: string;
  decisionReason?: string;
  validFrom?: string;
  validUntil?: string;
}

/** Why an access decision was refused. */
export type AccessRefusalCode =
  'SELF_APPROVAL' | 'NOT_ELIGIBLE' | 'ALREADY_DECIDED' | 'REASON_REQUIRED';

/**
 * AR-5: whether a request is a live grant for `actorId` to read `archiveId` at `now` — approved,
 * theirs, for that archive, and `validFrom ≤ now < validUntil`.
 *
 * @example
 * isGrantLive(request, { archiveId, actorId: 'u-chen', now }); // false once expired
 */
export function isGrantLive(
  request: AccessRequest,
  at: { archiveId: string; actorId: string; now: string },
): boolean {
  if (
    request.status !== 'approved' ||
    request.archiveId !== at.archiveId ||
    request.requester !== at.actorId
  )
    return false;
  if (request.validFrom === undefined || request.validUntil === undefined) return false;
  const now = Date.parse(at.now);
  return Date.parse(request.validFrom) <= now && now < Date.parse(request.validUntil);
}

/**
 * AR-5: days a request may ask for — the policy's `archive.access.grantDays` when none is given,
 * never more than `archive.access.maxGrantDays`.
 *
 * @example
 * grantDays(policy, 60); // 30 with the defaults
 */
export function grantDays(policy: Policy, requested: number | undefined): number {
  const { grantDays: fallback, maxGrantDays } = policy.archive.access;
  return Math.min(requested ?? fallback, maxGrantDays);
}

/**
 * AR-5, segregation of duties: who may not decide an access request — its requester. Neither they
 * nor a delegate on their behalf decides it.
 *
 * @example
 * accessRequestParties(request); // ['u-chen']
 */
export function accessRequestParties(request: Pick<AccessRequest, 'requester'>): string[] {
  return [request.requester];
}

/**
 * AR-5: decides a pending request. Deciding needs one of the policy's
 * `archive.access.approverRoles` (default the sales head), in person or as a delegate, and
 * segregation of duties holds: the requester never decides their own request — not even as
 * someone else's delegate — and nobody decides it as the requester's delegate
 * (`SELF_APPROVAL`, `party` naming the requester). The grant runs from `now` for the request's
 * days; a decision made as a delegate records whom for (`decidedOnBehalfOf`). A rejection needs a
 * reason.
 *
 * @example
 * const r = decideAccess(request, { actor: head, approve: true }, { policy, now });
 * if (r.ok) save(r.request); // status 'approved', validUntil = now + 7 days
 */
export function decideAccess(
  request: AccessRequest,
  decision: { actor: Pick<Actor, 'id' | 'groups'>; approve: boolean; reason?: string },
  ctx: { policy: Policy; now: string },
):
  | { ok: true; request: AccessRequest }
  | { ok: false; code: AccessRefusalCode; message: string; party?: string } {
  const { actor, approve } = decision;
  if (request.status !== 'pending')
    return {
      ok: false,
      code: 'ALREADY_DECIDED',
      message: `request ${request.id} is already ${request.status}`,
    };
  if (actor.id === request.requester)
    return {
      ok: false,
      code: 'SELF_APPROVAL',
      message: `${actor.id} may not decide their own access request`,
      party: actor.id,
    };
  const roles = ctx.policy.archive.access.approverRoles;
  const held = capacities(ctx.policy, actor, ctx.now).filter((c) => roles.includes(c.role));
  if (held.length === 0) {
    return {
      ok: false,
      code: 'NOT_ELIGIBLE',
      message: `${actor.id} holds no role that approves archive access`,
    };
  }
  const { usable, barredBy } = unbarredCapacities(held, {
    actor: actor.id,
    barred: accessRequestParties(request),
  });
  const cap = usable.find((c) => c.onBehalfOf === undefined) ?? usable[0];
  if (!cap) {
    const party = barredBy[0] ?? request.requester;
    return {
      ok: false,
      code: 'SELF_APPROVAL',
      message: `${actor.id} may not decide ${party}'s access request as their delegate`,
      party,
    };
  }
  const reason = decision.reason?.trim() ?? '';
  if (!approve && reason === '')
    return { ok: false, code: 'REASON_REQUIRED', message: 'a rejection needs a reason' };
  const decided = {
    ...request,
    decidedBy: actor.id,
    ...(cap.onBehalfOf === undefined ? {} : { decidedOnBehalfOf: cap.onBehalfOf }),
    decidedAt: ctx.now,
    ...(reason ? { decisionReason: reason } : {}),
  };
  return approve
    ? {
        ok: true,
        request: {
          ...decided,
          status: 'approved',
          validFrom: ctx.now,
          validUntil: addDays(ctx.now, request.days),
        },
      }
    : { ok: true, request: { ...decided, status: 'rejected' } };
}
