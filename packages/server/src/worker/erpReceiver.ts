import type { Effect, EffectReceiver } from '@ordergate/core';

/**
 * What the outbox needs of an ERP connector: apply one effect, idempotently by `effect.key`, and
 * resolve once the ERP has it. `ErpConnector` of `@ordergate/connectors` fits; so does any object
 * with this method.
 */
export interface EffectApplier {
  apply(effect: Effect): Promise<void>;
}

/** Tells people by another channel too (`MailNotifier`). */
export interface SecondChannel {
  deliver(effect: Effect): Promise<unknown>;
}

/** Options of `erpReceiver`. */
export interface ErpReceiverOptions {
  /** For an ERP without a channel to tell people: `notify` and `scheduleApproval` go out by mail too. */
  mailer?: SecondChannel;
}

/**
 * The outbox's receiver for an ERP: each effect goes to `connector.apply` once per delivery
 * attempt, then to the mailer when there is one. It does not retry: a rejection leaves the effect
 * in the outbox, which retries with backoff and makes it a dead letter after the last attempt —
 * one retry layer (decision 020).
 *
 * @example
 * const og = new Ordergate({ policy, store, clock, ids, receiver: erpReceiver(odoo, { mailer }) });
 */
export function erpReceiver(
  connector: EffectApplier,
  options: ErpReceiverOptions = {},
): EffectReceiver {
  const mailer = options.mailer;
  return {
    deliver: async (effect) => {
      await connector.apply(effect);
      if (mailer) await mailer.deliver(effect);
    },
  };
}
