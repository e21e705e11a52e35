import { capacities } from '../../approvals/capacities.js';
import type { Actor } from '../../model/Actor.js';
import { isIsoDateTime } from '../../model/Temporal.js';
import type { ChangeRequestRecord } from '../../state/ChangeRequest.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { applyApprovedChange } from './applyChange.js';

/**
 * RECORD_AMENDMENT_SIGNED (change pending): the amendment (or termination) of an approved change
 * of a contract order was signed; a holder of a `change.contract.recordRoles` role (legal by
 * default, own or delegated) records its reference and signing instant, entering it in the
 * contract ledger, and the change takes effect (`applyApprovedChange`: the new revision, or the
 * cancellation). Refusals, each naming CH-7:
 * - `INVALID_TRANSITION` when no approved request waits for a signature
 *   (`change.amendment.notAwaiting`);
 * - `NOT_ELIGIBLE` for anyone without such a role;
 * - `REFERENCE_REQUIRED` without the document's reference;
 * - `INVALID_DATE` for a signing instant that is not one, lies after now, or precedes the request.
 *
 * @example
 * recordAmendment(state, { actor: wu, reference: 'HT-2026-017-A1', signedAt: '2026-03-06T15:00:00+08:00' }, ctx);
 * // { ok: true, order: { revision: 2 }, events: [… { type: 'contract.changed', data: { amendment: … } }] }
 */
export function recordAmendment(
  state: OrderWorkflow,
  event: { actor: Actor; reference: string; signedAt?: string },
  ctx: TransitionContext,
): TransitionResult {
  const { policy, now } = ctx;
  const record = state.change?.pending;
  const approval = record?.awaitingSignature;
  if (!record || !approval) {
    return refuse('INVALID_TRANSITION', 'no approved change waits for a signed amendment', {
      ruleId: 'CH-7',
      messageKey: 'change.amendment.notAwaiting',
      params: {},
    });
  }
  const roles = policy.change.contract.recordRoles;
  if (!capacities(policy, event.actor, now).some((c) => roles.includes(c.role))) {
    return refuse('NOT_ELIGIBLE', `${event.actor.id} holds none of ${roles.join(', ')}`, {
      ruleId: 'CH-7',
      messageKey: 'change.amendment.notEligible',
      params: { actor: event.actor.id },
    });
  }
  const reference = event.reference.trim();
  if (reference === '') {
    return refuse('REFERENCE_REQUIRED', 'a signed amendment is recorded with its reference', {
      ruleId: 'CH-7',
      messageKey: 'change.amendment.referenceRequired',
      params: {},
    });
  }
  const signedAt = event.signedAt ?? now;
  const dateRefusal = signingRefusal(signedAt, record, now);
  if (dateRefusal) return dateRefusal;
  const signed: ChangeRequestRecord = {
    ...record,
    amendment: { reference, signedAt, recordedBy: event.actor.id, recordedAt: now },
  };
  const contract = ctx.order.contract.number || ctx.order.number;
  return applyApprovedChange(state, signed, ctx, {
    at: approval.approvedAt,
    by: approval.approvedBy,
    effects: [
      {
        type: 'postMessage',
        messageKey: 'change.amendment.recorded',
        params: { request: record.id, contract, reference, signedAt },
        ruleId: 'CH-7',
      },
    ],
    events: [],
  });
}

/** Why a signing instant cannot be the amendment's: malformed, ahead of now, before the request. */
function signingRefusal(
  signedAt: string,
  record: ChangeRequestRecord,
  now: string,
): TransitionResult | undefined {
  if (!isIsoDateTime(signedAt)) {
    return refuse('INVALID_DATE', `"${signedAt}" is not an ISO 8601 date-time with a zone`, {
      ruleId: 'CH-7',
      messageKey: 'change.amendment.signedAtMalformed',
      params: { signedAt },
    });
  }
  if (Date.parse(signedAt) > Date.parse(now)) {
    return refuse('INVALID_DATE', `the amendment cannot be signed at ${signedAt}, after now`, {
      ruleId: 'CH-7',
      messageKey: 'change.amendment.signedAtFuture',
      params: { signedAt },
    });
  }
  if (Date.parse(signedAt) < Date.parse(record.requestedAt)) {
    return refuse(
      'INVALID_DATE',
      `the amendment cannot be signed at ${signedAt}, before ${record.id} was requested`,
      {
        ruleId: 'CH-7',
        messageKey: 'change.amendment.signedAtBeforeRequest',
        params: { signedAt, request: record.id, requestedAt: record.requestedAt },
      },
    );
  }
  return undefined;
}
