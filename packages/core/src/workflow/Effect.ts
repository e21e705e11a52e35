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
 * What a transition asks the edge to carry out, as plain data. Core never performs effects.
 */
export type Effect =
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

/** The `type` of an effect. */
export type EffectType = Effect['type'];

/** An effect before the desk gives it its key. */
export type EffectDraft = Effect extends infer E
  ? E extends Effect
    ? Omit<E, 'key' | 'orderId'>
    : never
  : never;
