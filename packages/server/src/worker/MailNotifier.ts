import { inspect } from 'node:util';
import nodemailer, { type Transporter } from 'nodemailer';
import { formatMessage, type Effect, type Locale, type Policy } from '@ordergate/core';

/** The SMTP relay a `MailNotifier` sends through. */
export interface SmtpOptions {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the relay offers it. */
  secure?: boolean;
  /** Refuse to send unless the relay upgrades to TLS (default false; set it for a relay off this host). */
  requireTLS?: boolean;
  user?: string;
  /** Never logged, never in an error or `util.inspect`. */
  password?: string;
  /** Give up a connection after this many ms (default 10 000). */
  timeoutMs?: number;
}

/** Options of a `MailNotifier`. */
export interface MailNotifierOptions {
  smtp: SmtpOptions;
  /** The sender, e.g. `ordergate <ordergate@example.com>`. */
  from: string;
  /**
   * Who has which address: actor id (the ERP user id the policy names) → e-mail, or → `{ email,
   * groups }` where the policy gives roles to ERP groups (the groups say which roles the person
   * holds, as the ERP's user assertions do).
   */
  directory: Readonly<Record<string, string | DirectoryEntry>>;
  /** Resolves an effect's roles to the users holding them (`policy.roles[r].users`). */
  policy: Pick<Policy, 'roles' | 'approvals'>;
  /** Language of the mails (default `en`). */
  locale?: Locale;
}

/** A person in the mail directory: their address and the ERP groups they are in. */
export interface DirectoryEntry {
  email: string;
  groups?: readonly string[];
}

/** Who was written to for one effect: the ids with an address, and those without. */
export interface MailOutcome {
  sent: string[];
  noAddress: string[];
}

const APPROVAL: Record<Locale, (step: string, subject: string, deadline: string) => string> = {
  en: (step, subject, deadline) =>
    `Your approval is asked: ${step} for ${subject}${deadline ? `, due ${deadline}` : ''}.`,
  zh: (step, subject, deadline) =>
    `请审批：${subject} 的 ${step}${deadline ? `，截止 ${deadline}` : ''}。`,
};

/**
 * Tells people by e-mail through an SMTP relay, for an ERP without a channel of its own (decision
 * 020): a `notify` effect goes to its users and the holders of its roles, a `scheduleApproval` to
 * the users the core named as able to act on the step now. Addresses come from the integrator's
 * `directory` (actor id → e-mail); a person without one is skipped. Each mail carries the effect's
 * key as its Message-ID, so a mail repeated after a crash between sending and settling is one
 * message to the mail client. Other effects send nothing. Neither addresses nor the password
 * appear in what it throws or in `util.inspect`.
 *
 * @example
 * const mailer = new MailNotifier({ smtp: { host: 'relay.example.com', port: 587, user: 'og', password }, from: 'ordergate <og@example.com>', directory: { 'u-wang': 'wang@example.com' }, policy });
 * const receiver = erpReceiver(connector, { mailer });
 */
export class MailNotifier {
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #directory: ReadonlyMap<string, Required<DirectoryEntry>>;
  readonly #policy: MailNotifierOptions['policy'];
  readonly #locale: Locale;

  constructor(options: MailNotifierOptions) {
    const { smtp } = options;
    this.#transport = nodemailer.createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure ?? false,
      requireTLS: smtp.requireTLS ?? false,
      ...(smtp.user !== undefined ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
      connectionTimeout: smtp.timeoutMs ?? 10_000,
      greetingTimeout: smtp.timeoutMs ?? 10_000,
      socketTimeout: smtp.timeoutMs ?? 10_000,
      logger: false,
      debug: false,
    });
    this.#from = options.from;
    this.#directory = new Map(
      Object.entries(options.directory).map(([id, e]) => [
        id,
        typeof e === 'string'
          ? { email: e, groups: [] }
          : { email: e.email, groups: e.groups ?? [] },
      ]),
    );
    this.#policy = options.policy;
    this.#locale = options.locale ?? 'en';
  }

  /** The people an effect tells, by actor id (empty for effects that tell nobody). */
  recipients(effect: Effect): string[] {
    if (effect.type === 'notify') {
      return [...new Set([...(effect.to.users ?? []), ...this.#holders(effect.to.roles ?? [])])];
    }
    if (effect.type === 'scheduleApproval') {
      const barred = new Set(effect.barred ?? []);
      return [...new Set([...effect.users, ...this.#holders(effect.roles)])].filter(
        (id) => !barred.has(id),
      );
    }
    return [];
  }

  /** The people holding any of `roles`: named in the policy, or in a group the policy names. */
  #holders(roles: readonly string[]): string[] {
    const out: string[] = [];
    for (const r of roles) {
      const def = this.#policy.roles[r];
      if (!def) continue;
      out.push(...def.users);
      for (const [id, entry] of this.#directory)
        if (entry.groups.some((g) => def.groups.includes(g))) out.push(id);
    }
    return out;
  }

  /**
   * Sends the effect's mail, one per person, and answers who got one. Rejects when the relay
   * refuses (the outbox retries the effect; the ERP connector applies it idempotently again).
   */
  async deliver(effect: Effect): Promise<MailOutcome> {
    const people = this.recipients(effect);
    const sent: string[] = [];
    const noAddress: string[] = [];
    const text = this.#text(effect);
    if (text === undefined) return { sent, noAddress };
    for (const id of people) {
      const to = this.#directory.get(id)?.email;
      if (to === undefined) {
        noAddress.push(id);
        continue;
      }
      try {
        await this.#transport.sendMail({
          from: this.#from,
          to,
          subject: `[ordergate] ${text.subject}`,
          text: text.body,
          messageId: `<${effect.key}.${id}@ordergate>`,
          headers: { 'X-Ordergate-Effect': effect.key },
        });
      } catch (error) {
        // The relay's code only: nodemailer's message can quote the address or the AUTH exchange.
        const { code, responseCode } = (error ?? {}) as { code?: unknown; responseCode?: unknown };
        const name = typeof code === 'string' && /^[A-Z_]{1,40}$/.test(code) ? code : 'error';
        const status = typeof responseCode === 'number' ? ` ${String(responseCode)}` : '';
        throw new Error(`SMTP relay refused the mail for effect ${effect.key} (${name}${status})`);
      }
      sent.push(id);
    }
    return { sent, noAddress };
  }

  /** Closes the relay connections. */
  close(): void {
    this.#transport.close();
  }

  [inspect.custom](): string {
    return `MailNotifier(${String(this.#directory.size)} addresses)`;
  }

  toJSON(): string {
    return this[inspect.custom]();
  }

  #text(effect: Effect): { subject: string; body: string } | undefined {
    const about = 'orderId' in effect ? `order ${effect.orderId}` : `customer ${effect.customerId}`;
    if (effect.type === 'notify') {
      const line = formatMessage(effect.messageKey, effect.params, this.#locale);
      return {
        subject: line.length > 120 ? `${line.slice(0, 117)}…` : line,
        body: `${line}\n\n${about}\n`,
      };
    }
    if (effect.type === 'scheduleApproval') {
      const label = this.#policy.approvals.steps[effect.step]?.label;
      const step = (this.#locale === 'zh' ? label?.zh : label?.en) ?? effect.step;
      const line = APPROVAL[this.#locale](step, about, effect.deadline ?? '');
      return { subject: line, body: `${line}\n` };
    }
    return undefined;
  }
}
