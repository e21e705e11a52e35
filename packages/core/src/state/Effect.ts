import type { RuleId } from '../model/RuleId.js';
import type { MessageParam } from '../model/Finding.js';

/** Who an effect addresses: policy roles and/or user ids. Connectors resolve roles to ERP users. */
export interface Recipients {
  roles?: readonly string[];
  users?: readonly string[];
}

/** Tell people something (ERP message, mail). */
interface NotifyBody {
  type: 'notify';
  to: Recipients;
  messageKey: string;
  params: Readonly<Record<string, MessageParam>>;
  ruleId?: RuleId;
}

/**
 * Ask the holders of `roles` to approve `step` before `deadline` (an ERP activity). `users` are
 * the role holders the policy names, without `barred`: the people segregation of duties keeps
 * from acting on this step (the order's owners and submitters, a change's or exception's
 * requester — decision 009), whom a connector resolving `roles` must leave out too.
 */
interface ScheduleApprovalBody {
  type: 'scheduleApproval';
  step: string;
  roles: readonly string[];
  users: readonly string[];
  /** People who hold a role of the step but may not act on it (SoD); never asked. */
  barred?: readonly string[];
  deadline?: string;
  ruleIds: readonly RuleId[];
}

/** Close the approval activities of a step that no longer waits. */
interface CloseApprovalBody {
  type: 'closeApproval';
  step: string;
}

/** The effects both an order and a customer can have. */
type SharedBody = NotifyBody | ScheduleApprovalBody | CloseApprovalBody;

/** The effects only a customer has. */
type CustomerOnlyBody =
  /**
   * CR-3: write the approved grade and/or limit back to the ERP (ordergate governs them from now
   * on; see `CUSTOMER_FIELD_OWNERSHIP`). `requestId` is the approved credit request.
   */
  {
    type: 'updateCreditTerms';
    requestId: string;
    grade?: string;
    limit?: { amount: number; currency: string };
    ruleId: 'CR-3';
  };

/** The effects only an order has. */
type OrderOnlyBody =
  /** Post a note on the order's chatter / history. */
  | {
      type: 'postMessage';
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    }
  | { type: 'lockOrder' }
  | { type: 'unlockOrder' }
  | { type: 'cancelOrder'; reason: string }
  /** Raise a procurement need for stock shortages (RV-11). */
  | { type: 'procurementNeed'; lines: readonly { lineId: string; shortQuantity: number }[] }
  /** Tell the customer something in advance, e.g. a moved delivery date (CH-6). */
  | {
      type: 'customerNotice';
      customerId: string;
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    };

/**
 * Stable key of an effect (subject, version, position): applying the same effect twice must leave
 * one result, so connectors use it as their idempotency key.
 */
interface Keyed {
  key: string;
}

/**
 * An effect about an order, as plain data (`OrderEffect` is its name in the `Effect` union).
 * Core never performs effects.
 */
export type OrderEffect = Keyed & { orderId: string } & (SharedBody | OrderOnlyBody);

/**
 * An effect about a customer rather than one order: a credit request waiting for approval, an
 * approved limit change told to sales and written back to the ERP (CR-3). `customerId` is the customer it is about.
 */
export type CustomerEffect = Keyed & { customerId: string } & (SharedBody | CustomerOnlyBody);

/**
 * What the core asks the edge to carry out, as plain data: written to the outbox in the commit
 * that decided it and delivered at least once under its `key`. Core never performs effects.
 */
export type Effect = OrderEffect | CustomerEffect;

/** The `type` of an effect. */
export type EffectType = Effect['type'];

/** An order effect before the runner gives it its key. */
export type EffectDraft = SharedBody | OrderOnlyBody;

/** A customer effect before the runner gives it its key. */
export type CustomerEffectDraft = SharedBody | CustomerOnlyBody;

/**
 * Whether an effect is about an order (and so carries `orderId`).
 *
 * @example
 * if (isOrderEffect(effect)) await erp.post(effect.orderId, effect);
 */
export function isOrderEffect(effect: Effect): effect is OrderEffect {
  return 'orderId' in effect && typeof effect.orderId === 'string';
}
