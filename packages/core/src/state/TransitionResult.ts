import type { Finding, MessageParam } from '../model/Finding.js';
import type { Order } from '../model/Order.js';
import type { RuleId } from '../model/RuleId.js';
import type { AuditEventData, AuditEventType } from './auditEventTypes.js';
import type { EffectDraft } from './Effect.js';
import type { OrderWorkflow } from './OrderWorkflow.js';

/**
 * An audit record a transition asks to write (the desk adds stream, time and actor): a type of
 * the audit event catalogue with its payload, so a misspelt type or a payload that does not fit
 * its type does not compile.
 *
 * @example
 * const e: RecordedEvent = { type: 'order.confirmed', ruleIds: ['CH-1'], data: { by: 'u-li' } };
 */
export type RecordedEvent<T extends AuditEventType = AuditEventType> = {
  [K in T]: { type: K; ruleIds?: readonly RuleId[]; data: AuditEventData<K> };
}[T];

/** Why a transition was refused: literal codes, never thrown. */
export type TransitionRefusalCode =
  /** The event does not apply in the order's status. */
  | 'INVALID_TRANSITION'
  /** Rules block it; `findings` says which. */
  | 'BLOCKED'
  /** A reason is required (rejection, return: RV-9). */
  | 'REASON_REQUIRED'
  | 'SELF_APPROVAL'
  | 'NOT_ELIGIBLE'
  | 'ALREADY_APPROVED'
  | 'STEP_NOT_ACTIVE'
  | 'UNKNOWN_STEP'
  /** Tracking (TR-3): no acceptance issue with that id on the order. */
  | 'UNKNOWN_ISSUE'
  /**
   * Change control (CH-5): a request on an outdated revision, or while another request is
   * pending. Credit (CR-8): a prepayment whose reference the order already arrived with, or a
   * shipping exception asked for while another is pending.
   */
  | 'CONFLICT'
  /** Change control (CH-2, CH-3): a patch that does not fit the current revision, or changes nothing. */
  | 'INVALID_PATCH'
  /** Credit (CR-4): a release expiry that is not an instant, or not after now. */
  | 'INVALID_EXPIRY'
  /** Credit (CR-4): a prepayment that is not a positive amount. */
  | 'INVALID_AMOUNT'
  /**
   * A document reference is required: a guarantee (CR-4), a written confirmation (IN-3), a
   * contract's legal review or signature (RV-10), a signed amendment (CH-7).
   */
  | 'REFERENCE_REQUIRED'
  /** A fact recorded once is recorded already (RV-10: the contract's legal review, its signature). */
  | 'ALREADY_RECORDED'
  /**
   * An instant that cannot be right: in the future where a past one is meant (RV-10 a signature),
   * or before the request it answers (CH-7 a signed amendment).
   */
  | 'INVALID_DATE';

/**
 * Outcome of `transition`: the next state with the effects to carry out and the audit records to
 * write, or a refusal with a literal code.
 */
export type TransitionResult =
  | {
      ok: true;
      state: OrderWorkflow;
      effects: EffectDraft[];
      events: RecordedEvent[];
      /** Findings produced by this transition (assessment, stock check…). */
      findings: readonly Finding[];
      /**
       * The order as it now stands: with a higher `revision` it is a new revision (an approved
       * change, CH-5) and the desk keeps the old one readable; with the same revision it records
       * facts about the order (e.g. its written confirmation, IN-3).
       */
      order?: Order;
    }
  | {
      ok: false;
      code: TransitionRefusalCode;
      /** English explanation for logs; show users `messageKey` rendered in their language. */
      message: string;
      /** The rule (rule ID, docs/rules.md) the refusal enforces, when one does. */
      ruleId?: RuleId;
      messageKey?: string;
      params?: Readonly<Record<string, MessageParam>>;
      findings?: readonly Finding[];
      step?: string;
    };
