import { addDays } from '../../internal/localDate.js';
import { mayAct } from '../../internal/mayAct.js';
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
 * AR-5: decides a pending request. Approval needs one of the policy's
 * `archive.access.approverRoles` (default the sales head), never the requester (segregation of
 * duties); the grant runs from `now` for the request's days. A rejection needs a reason.
 *
 * @example
 * const r = decideAccess(request, { actor: head, approve: true }, { policy, now });
 * if (r.ok) save(r.request); // status 'approved', validUntil = now + 7 days
 */
export function decideAccess(
  request: AccessRequest,
  decision: { actor: Pick<Actor, 'id' | 'groups'>; approve: boolean; reason?: string },
  ctx: { policy: Policy; now: string },
): { ok: true; request: AccessRequest } | { ok: false; code: AccessRefusalCode; message: string } {
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
    };
  if (
    !mayAct(ctx.policy, actor, { roles: ctx.policy.archive.access.approverRoles, now: ctx.now })
  ) {
    return {
      ok: false,
      code: 'NOT_ELIGIBLE',
      message: `${actor.id} holds no role that approves archive access`,
    };
  }
  const reason = decision.reason?.trim() ?? '';
  if (!approve && reason === '')
    return { ok: false, code: 'REASON_REQUIRED', message: 'a rejection needs a reason' };
  const decided = {
    ...request,
    decidedBy: actor.id,
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
