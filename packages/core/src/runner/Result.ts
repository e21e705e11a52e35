import type { Finding, MessageParam } from '../model/Finding.js';
import type { RuleId } from '../model/RuleId.js';
import type { Effect } from '../state/Effect.js';
import type { TransitionRefusalCode } from '../state/TransitionResult.js';

/**
 * Every literal code a refusal can carry, across areas: the state machine's, plus
 * `ALREADY_SUBMITTED` (an order already in review), `RETURNED` (the order was received and
 * returned to sales for correction: IN-2, RV-1…), `NOT_FOUND` (no such order, customer, request
 * or archive), `NOT_PENDING`/`ALREADY_DECIDED` (a request decided before), `NO_GRANT` (AR-5),
 * `CURRENCY_MISMATCH` (CR-3).
 */
export type RefusalCode =
  | TransitionRefusalCode
  | 'ALREADY_SUBMITTED'
  | 'RETURNED'
  | 'NOT_FOUND'
  | 'NOT_PENDING'
  | 'ALREADY_DECIDED'
  | 'NO_GRANT'
  | 'CURRENCY_MISMATCH';

/** A command that did what it was asked: the new value, the findings and the effects it produced. */
export interface Success<T> {
  ok: true;
  value: T;
  findings: readonly Finding[];
  /** Effects written to the outbox in the same commit (delivered at least once by `dispatch`). */
  effects: readonly Effect[];
}

/**
 * A command the rules or the state refused: a literal code, the rule that refused where one did,
 * a message key with its parameters (rendered in English or Chinese by `formatMessage`) and an
 * English `message` for logs. Nothing was written — except for `RETURNED`, where the order was
 * received, numbered and returned to sales, and `recorded` holds it as stored.
 */
export interface Refusal<T = never> {
  ok: false;
  code: RefusalCode;
  ruleId?: RuleId;
  /** English explanation for logs; show users `messageKey` rendered in their language. */
  message: string;
  messageKey: string;
  params: Readonly<Record<string, MessageParam>>;
  /** The findings behind the refusal (a blocked or returned order). */
  findings: readonly Finding[];
  /** The approval step concerned, where one is. */
  step?: string;
  /** What was recorded although the command did not succeed (`RETURNED`). */
  recorded?: T;
  /** Effects committed with a recorded refusal (`RETURNED` tells sales). */
  effects?: readonly Effect[];
}

/**
 * The one outcome shape of every command of the façade. Failures (malformed input, a store that
 * is down) are thrown as typed errors, never returned.
 *
 * @example
 * const r = await og.approve(orderId, head);
 * if (!r.ok) console.log(r.code, r.ruleId, formatMessage(r.messageKey, r.params, 'zh'));
 */
export type Result<T> = Success<T> | Refusal<T>;

/** A refusal as the areas produce it, before it is given its message key and rule. */
export interface RawRefusal {
  ok: false;
  code: RefusalCode;
  message: string;
  messageKey?: string;
  params?: Readonly<Record<string, MessageParam>>;
  findings?: readonly Finding[];
  step?: string;
  ruleId?: RuleId;
}

const BLOCKING = new Set(['block', 'approval']);

/**
 * Completes a refusal: a message key (`refusal.<CODE>` when the area gave none), parameters, the
 * findings, and the rule — the one given, else the first blocking finding's, else `fallback`.
 */
export function toRefusal<T = never>(r: RawRefusal, fallback?: RuleId): Refusal<T> {
  const findings = r.findings ?? [];
  const ruleId =
    r.ruleId ??
    findings.find((f) => BLOCKING.has(f.severity))?.ruleId ??
    findings[0]?.ruleId ??
    fallback;
  return {
    ok: false,
    code: r.code,
    ...(ruleId ? { ruleId } : {}),
    message: r.message,
    messageKey: r.messageKey ?? `refusal.${r.code}`,
    params: r.params ?? {},
    findings,
    ...(r.step !== undefined ? { step: r.step } : {}),
  };
}
