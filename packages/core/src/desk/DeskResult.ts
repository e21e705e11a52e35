import type { Finding, MessageParam } from '../model/Finding.js';
import type { RuleId } from '../model/RuleId.js';
import type { Effect } from '../workflow/Effect.js';
import type { TransitionRefusalCode } from '../workflow/TransitionResult.js';

/** Refusal codes of the desk: the transition's, plus the desk's own. */
export type DeskRefusalCode = TransitionRefusalCode | 'ALREADY_SUBMITTED';

/**
 * Outcome of a desk action: the new value with the findings and effects it produced, or a refusal
 * with a literal code. Failures (bad input, store down) are thrown, never returned.
 */
export type DeskResult<T> =
  | { ok: true; value: T; findings: readonly Finding[]; effects: readonly Effect[] }
  | {
      ok: false;
      code: DeskRefusalCode;
      /** English explanation for logs; show users `messageKey` rendered in their language. */
      message: string;
      /** The rule (`RULES.md` ID) the refusal enforces, when one does. */
      ruleId?: RuleId;
      messageKey?: string;
      params?: Readonly<Record<string, MessageParam>>;
      findings?: readonly Finding[];
      step?: string;
    };
