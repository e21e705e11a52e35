import type { RuleId } from '../model/RuleId.js';
import type { MessageParam } from '../model/Finding.js';

/** Who an effect addresses: policy roles and/or user ids. Connectors resolve roles to ERP users. */
export interface Recipients {
  roles?: readonly string[];
  users?: readonly string[];
}

interface EffectBase {
  /**
   * Stable key of the effect (order, version, position): applying the same effect twice must
   * leave one result, so connectors use this as their idempotency key.
   */
  key: string;
  orderId: string;
}

/**
 * An effect about an order, as plain data (`OrderEffect` is its name in the `Effect` union).
 * Core never performs effects.
 */
export type OrderEffect =
  | (EffectBase & {
      /** Tell people something (ERP message, mail). */
      type: 'notify';
      to: Recipients;
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    })
  | (EffectBase & {
      /** Post a note on the order's chatter / history. */
      type: 'postMessage';
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    })
  | (EffectBase & {
      /** Ask the holders of `roles` to approve `step` before `deadline` (an ERP activity). */
      type: 'scheduleApproval';
      step: string;
      roles: readonly string[];
      users: readonly string[];
      deadline?: string;
      ruleIds: readonly RuleId[];
    })
  | (EffectBase & {
      /** Close the approval activities of a step that no longer waits. */
      type: 'closeApproval';
      step: string;
    })
  | (EffectBase & { type: 'lockOrder' })
  | (EffectBase & { type: 'unlockOrder' })
  | (EffectBase & { type: 'cancelOrder'; reason: string })
  | (EffectBase & {
      /** Raise a procurement need for stock shortages (RV-11). */
      type: 'procurementNeed';
      lines: readonly { lineId: string; shortQuantity: number }[];
    })
  // change control (CH-6)
  | (EffectBase & {
      /** Tell the customer something in advance, e.g. a moved delivery date (CH-6). */
      type: 'customerNotice';
      customerId: string;
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    });

interface CustomerScope {
  /** Stable key of the effect: connectors use it as their idempotency key. */
  key: string;
  /** The customer the effect is about (credit requests, limit changes: CR-3). */
  customerId: string;
}

/**
 * An effect about a customer rather than one order: a credit request waiting for approval, an
 * approved limit change told to sales (CR-3).
 */
export type CustomerEffect =
  | (CustomerScope & {
      type: 'notify';
      to: Recipients;
      messageKey: string;
      params: Readonly<Record<string, MessageParam>>;
      ruleId?: RuleId;
    })
  | (CustomerScope & {
      /** Ask the holders of `roles` to approve `step` of a customer request before `deadline`. */
      type: 'scheduleApproval';
      step: string;
      roles: readonly string[];
      users: readonly string[];
      deadline?: string;
      ruleIds: readonly RuleId[];
    })
  | (CustomerScope & { type: 'closeApproval'; step: string });

/**
 * What the core asks the edge to carry out, as plain data: written to the outbox in the commit
 * that decided it and delivered at least once under its `key`. Core never performs effects.
 */
export type Effect = OrderEffect | CustomerEffect;

/** The `type` of an effect. */
export type EffectType = Effect['type'];

/** An order effect before the runner gives it its key. */
export type EffectDraft = OrderEffect extends infer E
  ? E extends OrderEffect
    ? Omit<E, 'key' | 'orderId'>
    : never
  : never;

/** A customer effect before the runner gives it its key. */
export type CustomerEffectDraft = CustomerEffect extends infer E
  ? E extends CustomerEffect
    ? Omit<E, 'key' | 'customerId'>
    : never
  : never;

/**
 * Whether an effect is about an order (and so carries `orderId`).
 *
 * @example
 * if (isOrderEffect(effect)) await erp.post(effect.orderId, effect);
 */
export function isOrderEffect(effect: Effect): effect is OrderEffect {
  return 'orderId' in effect && typeof effect.orderId === 'string';
}
