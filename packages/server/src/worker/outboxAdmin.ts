import type { OutboxEntry } from '@ordergate/core';

/** Which part of the outbox to list: waiting for delivery, or dead letters. */
export type OutboxState = 'pending' | 'dead';

/** The outbox as an admin sees it (what `listOutbox` reads). */
export interface OutboxReader {
  pendingEffects(): Promise<OutboxEntry[]>;
  deadEffects(): Promise<OutboxEntry[]>;
  retryEffect(key: string): Promise<OutboxEntry | undefined>;
}

/** One effect in the outbox, flattened for the API and the CLI. */
export interface OutboxItem {
  key: string;
  state: OutboxState;
  type: string;
  /** `order:<id>` or `customer:<id>`. */
  subject: string;
  position: number;
  attempts: number;
  availableAt: string;
  lastError?: string;
  deadAt?: string;
}

/**
 * An outbox entry as an `OutboxItem`: key, state, effect type, subject and delivery attempts.
 *
 * @example
 * outboxItem(entry); // { key: 'o-1:2:0', state: 'dead', type: 'lockOrder', subject: 'order:o-1', attempts: 12, … }
 */
export function outboxItem(entry: OutboxEntry): OutboxItem {
  const e = entry.effect;
  return {
    key: e.key,
    state: entry.deadAt !== undefined ? 'dead' : 'pending',
    type: e.type,
    subject: 'orderId' in e ? `order:${e.orderId}` : `customer:${e.customerId}`,
    position: entry.position,
    attempts: entry.attempts,
    availableAt: entry.availableAt,
    ...(entry.lastError !== undefined ? { lastError: entry.lastError } : {}),
    ...(entry.deadAt !== undefined ? { deadAt: entry.deadAt } : {}),
  };
}

/**
 * The outbox's effects in one state, oldest first: what `GET /v1/outbox?state=` answers and
 * `ordergate outbox list` prints.
 *
 * @example
 * for (const item of await listOutbox(og, 'dead')) console.log(item.key, item.lastError);
 */
export async function listOutbox(og: OutboxReader, state: OutboxState): Promise<OutboxItem[]> {
  const entries = state === 'dead' ? await og.deadEffects() : await og.pendingEffects();
  return entries.map(outboxItem);
}

/** What `retryOutboxEffect` did. */
export type RetryOutcome =
  | { ok: true; item: OutboxItem }
  | { ok: false; code: 'EFFECT_NOT_DEAD' | 'EFFECT_NOT_FOUND'; message: string };

/**
 * Puts a dead letter back in line (`POST /v1/outbox/{key}/retry`, `ordergate outbox retry`):
 * `EFFECT_NOT_DEAD` when the effect is still waiting for delivery, `EFFECT_NOT_FOUND` when the
 * outbox has no undelivered effect with that key (never written, or delivered).
 *
 * @example
 * const r = await retryOutboxEffect(og, 'o-1:2:0');
 * if (r.ok) worker.poke();
 */
export async function retryOutboxEffect(og: OutboxReader, key: string): Promise<RetryOutcome> {
  const back = await og.retryEffect(key);
  if (back) return { ok: true, item: outboxItem(back) };
  const waiting = (await og.pendingEffects()).some((e) => e.effect.key === key);
  return waiting
    ? {
        ok: false,
        code: 'EFFECT_NOT_DEAD',
        message: `effect ${key} is waiting for delivery, not dead`,
      }
    : {
        ok: false,
        code: 'EFFECT_NOT_FOUND',
        message: `no undelivered effect ${key} in the outbox`,
      };
}
