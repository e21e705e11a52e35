import {
  type Effect,
  formatMessage,
  isOrderEffect,
  type Locale,
  type Policy,
} from '@ordergate/core';
import { localDate, many2one } from './odooValues.js';
import type { OdooClient } from './OdooClient.js';
import { OdooValidationError } from './OdooError.js';
import { escapeHtml } from '../internal/html.js';

/** What applying one effect did. Applying it again reports `already-applied` and writes nothing. */
export interface OdooWriteOutcome {
  key: string;
  type: Effect['type'];
  orderId: string;
  status: 'applied' | 'already-applied' | 'skipped';
  detail: string;
  /** Ids of the records written (message, activities). */
  records: number[];
}

/** How effects become Odoo writes. */
export interface OdooWriteBackOptions {
  /** Policy whose `roles[...].users` name Odoo user ids (`"7"`) or logins. */
  policy?: Policy;
  /** Role → Odoo user ids or logins; wins over the policy. */
  roleUsers?: Readonly<Record<string, readonly (number | string)[]>>;
  /** Language of rendered messages. Default `en`. */
  locale?: Locale;
  /** Renders a message effect; default: rule ID + core's catalogue text. */
  render?: (
    effect: Extract<Effect, { type: 'postMessage' | 'notify' | 'customerNotice' }>,
  ) => string;
  /** Order model (default `sale.order`). */
  model?: string;
  /** Time zone of activity deadlines (dates). Default: the context `tz`, else UTC. */
  timeZone?: string;
  /** Clock for default deadlines. */
  now?: () => Date;
}

/** Marker kept in Odoo so that the same effect is recognised when applied again. */
function messageIdOf(key: string): string {
  return `<ordergate.${encodeURIComponent(key)}@ordergate>`;
}

/**
 * Writes core effects back to Odoo — chatter messages, approval activities per approver (RV-3),
 * lock, unlock, cancel — each idempotent: the effect's `key` is stored with what it wrote (as
 * the message's `message_id`, in the activity note) and looked up first, so applying the same
 * effect twice leaves one message and one activity per approver. A transient failure during an
 * apply re-runs the whole look-up-then-write, which is safe for the same reason.
 *
 * @example
 * const writer = new OdooWriteBack(odoo, { policy, roleUsers: { salesHead: ['sales.head@example.com'] } });
 * for (const effect of result.effects) console.log(await writer.apply(effect));
 */
export class OdooWriteBack {
  private readonly model: string;
  private modelId: number | undefined;
  private readonly loginIds = new Map<string, number>();
  private readonly userPartners = new Map<number, number>();

  constructor(
    private readonly client: OdooClient,
    private readonly options: OdooWriteBackOptions = {},
  ) {
    this.model = options.model ?? 'sale.order';
  }

  /**
   * Applies one effect.
   *
   * @example
   * await writer.apply({ type: 'lockOrder', key: 'o42:3:lock', orderId: '42' });
   */
  async apply(effect: Effect): Promise<OdooWriteOutcome> {
    // The client's one retry layer re-runs the whole look-up-then-write; the calls inside it are
    // not retried on their own, so attempts stay at `retries + 1` (issue 13).
    return this.client.retrying(() => this.applyOnce(effect));
  }

  /**
   * Applies effects in order, stopping at the first failure.
   *
   * @example
   * const outcomes = await writer.applyAll(assessment.effects);
   */
  async applyAll(effects: readonly Effect[]): Promise<OdooWriteOutcome[]> {
    const out: OdooWriteOutcome[] = [];
    for (const effect of effects) out.push(await this.apply(effect));
    return out;
  }

  private async applyOnce(effect: Effect): Promise<OdooWriteOutcome> {
    if (!isOrderEffect(effect)) {
      // Customer-scoped effects (credit requests: CR-3) have no sales order to write to; the
      // order desk service delivers them to people (mail, its work queue).
      return {
        key: effect.key,
        type: effect.type,
        orderId: '',
        status: 'skipped',
        detail: 'customer-scoped effects are not written to an Odoo order',
        records: [],
      };
    }
    const id = Number(effect.orderId);
    if (!Number.isInteger(id) || id <= 0) {
      throw new OdooValidationError(`order id "${effect.orderId}" is not an Odoo record id`, {
        model: this.model,
      });
    }
    const base = { key: effect.key, type: effect.type, orderId: effect.orderId };
    switch (effect.type) {
      case 'postMessage':
        return { ...base, ...(await this.post(id, effect.key, this.renderText(effect), [])) };
      case 'notify': {
        const users = await this.resolveUsers(effect.to.roles ?? [], effect.to.users ?? []);
        const partners = await this.partnersOf(users);
        return { ...base, ...(await this.post(id, effect.key, this.renderText(effect), partners)) };
      }
      case 'scheduleApproval':
        return { ...base, ...(await this.schedule(id, effect)) };
      case 'closeApproval':
        return { ...base, ...(await this.close(id, effect.step)) };
      case 'lockOrder':
      case 'unlockOrder':
        return { ...base, ...(await this.setLock(id, effect.type === 'lockOrder')) };
      case 'cancelOrder':
        return { ...base, ...(await this.cancel(id, effect.key, effect.reason)) };
      case 'customerNotice': {
        // CH-6: a message to the customer (Odoo mails it to the partner when mail is set up).
        const partner = Number(effect.customerId);
        const to = Number.isInteger(partner) && partner > 0 ? [partner] : [];
        const body = this.renderText(effect);
        return { ...base, ...(await this.post(id, effect.key, body, to, 'mail.mt_comment')) };
      }
      case 'procurementNeed':
        return {
          ...base,
          status: 'skipped',
          detail: 'procurement needs are not written to Odoo',
          records: [],
        };
      default:
        // An effect type newer than this connector: reported, not failed.
        return {
          ...base,
          status: 'skipped',
          detail: 'effect type not supported by the Odoo connector',
          records: [],
        };
    }
  }

  private renderText(
    effect: Extract<Effect, { type: 'postMessage' | 'notify' | 'customerNotice' }>,
  ): string {
    if (this.options.render) return this.options.render(effect);
    const textOf = formatMessage(effect.messageKey, effect.params, this.options.locale ?? 'en');
    return effect.ruleId ? `${effect.ruleId} ${textOf}` : textOf;
  }

  private async post(
    id: number,
    key: string,
    body: string,
    partnerIds: number[],
    subtype = 'mail.mt_note',
  ): Promise<Pick<OdooWriteOutcome, 'status' | 'detail' | 'records'>> {
    const messageId = messageIdOf(key);
    const found = await this.client.searchRead('mail.message', {
      domain: [['message_id', '=', messageId]],
      fields: ['id'],
    });
    if (found.length > 0) {
      return {
        status: 'already-applied',
        detail: 'message already posted',
        records: found.map((m) => m.id),
      };
    }
    const result = await this.client.call(this.model, 'message_post', {
      ids: [id],
      body,
      message_type: 'comment',
      subtype_xmlid: subtype,
      message_id: messageId,
      ...(partnerIds.length > 0 ? { partner_ids: partnerIds } : {}),
    });
    // Odoo 18 answers the new message's id, Odoo 19 a list of ids.
    const records = (Array.isArray(result) ? result : [result]).filter(
      (x): x is number => typeof x === 'number',
    );
    return { status: 'applied', detail: 'message posted', records };
  }

  private async schedule(
    id: number,
    effect: Extract<Effect, { type: 'scheduleApproval' }>,
  ): Promise<Pick<OdooWriteOutcome, 'status' | 'detail' | 'records'>> {
    const users = await this.resolveUsers(effect.roles, effect.users);
    if (users.length === 0) {
      return {
        status: 'skipped',
        detail: `no Odoo user holds ${effect.roles.join(', ')}`,
        records: [],
      };
    }
    const marker = `og:${effect.key}`;
    const existing = await this.client.searchRead('mail.activity', {
      domain: [
        ['res_model', '=', this.model],
        ['res_id', '=', id],
        ['note', 'ilike', marker],
      ],
      fields: ['user_id'],
      context: { active_test: false },
    });
    const have = new Set(existing.map((a) => many2one(a.user_id)?.id));
    const missing = users.filter((u) => !have.has(u));
    if (missing.length === 0) {
      return {
        status: 'already-applied',
        detail: 'activities already scheduled',
        records: existing.map((a) => a.id),
      };
    }
    const modelId = await this.orderModelId();
    const zone = this.options.timeZone ?? this.client.config.context.tz ?? 'UTC';
    const deadlineIso = effect.deadline ?? (this.options.now?.() ?? new Date()).toISOString();
    const deadline =
      localDate(deadlineIso.slice(0, 19).replace('T', ' '), zone) ?? deadlineIso.slice(0, 10);
    const rules = effect.ruleIds.length > 0 ? `${effect.ruleIds.join(', ')} ` : '';
    const ids = await this.client.create(
      'mail.activity',
      missing.map((user) => ({
        res_model_id: modelId,
        res_id: id,
        user_id: user,
        summary: `${rules}Approval: ${effect.step}`.slice(0, 120),
        date_deadline: deadline,
        note: `<p>${escapeHtml(`${rules}Approval step "${effect.step}" (${effect.roles.join(', ')})`)}</p><p>ordergate og-step:${escapeHtml(effect.step)} ${escapeHtml(marker)}:${user}</p>`,
      })),
    );
    return {
      status: 'applied',
      detail: `${ids.length} approval activit${ids.length === 1 ? 'y' : 'ies'} scheduled`,
      records: [...existing.map((a) => a.id), ...ids],
    };
  }

  private async close(
    id: number,
    step: string,
  ): Promise<Pick<OdooWriteOutcome, 'status' | 'detail' | 'records'>> {
    const open = await this.client.searchRead('mail.activity', {
      domain: [
        ['res_model', '=', this.model],
        ['res_id', '=', id],
        ['note', 'ilike', `og-step:${step} `],
      ],
      fields: ['id'],
    });
    if (open.length === 0)
      return { status: 'already-applied', detail: 'no open approval activity', records: [] };
    const ids = open.map((a) => a.id);
    await this.client.call('mail.activity', 'action_feedback', {
      ids,
      feedback: 'Closed by ordergate',
    });
    return { status: 'applied', detail: `${ids.length} approval activities closed`, records: ids };
  }

  private async state(id: number): Promise<{ locked: boolean; state: string }> {
    const [row] = await this.client.read(this.model, [id], ['locked', 'state']);
    if (!row) {
      throw new OdooValidationError(`${this.model} ${id} does not exist`, {
        model: this.model,
        method: 'read',
      });
    }
    return { locked: row.locked === true, state: String(row.state) };
  }

  private async setLock(
    id: number,
    lock: boolean,
  ): Promise<Pick<OdooWriteOutcome, 'status' | 'detail' | 'records'>> {
    const now = await this.state(id);
    if (now.locked === lock) {
      return {
        status: 'already-applied',
        detail: lock ? 'already locked' : 'already unlocked',
        records: [id],
      };
    }
    await this.client.call(this.model, lock ? 'action_lock' : 'action_unlock', { ids: [id] });
    return { status: 'applied', detail: lock ? 'order locked' : 'order unlocked', records: [id] };
  }

  private async cancel(
    id: number,
    key: string,
    reason: string,
  ): Promise<Pick<OdooWriteOutcome, 'status' | 'detail' | 'records'>> {
    const now = await this.state(id);
    let status: OdooWriteOutcome['status'] = 'already-applied';
    if (now.state !== 'cancel') {
      if (now.locked) await this.client.call(this.model, 'action_unlock', { ids: [id] });
      await this.client.call(this.model, 'action_cancel', {
        ids: [id],
        context: { disable_cancel_warning: true },
      });
      status = 'applied';
    }
    const note = await this.post(id, `${key}:reason`, `Cancelled: ${reason}`, []);
    if (note.status === 'applied') status = 'applied';
    return {
      status,
      detail: status === 'applied' ? 'order cancelled' : 'already cancelled',
      records: [id],
    };
  }

  private async orderModelId(): Promise<number> {
    if (this.modelId !== undefined) return this.modelId;
    const [row] = await this.client.searchRead('ir.model', {
      domain: [['model', '=', this.model]],
      fields: ['id'],
    });
    if (!row)
      throw new OdooValidationError(`model ${this.model} is not installed`, { model: 'ir.model' });
    this.modelId = row.id;
    return row.id;
  }

  /** Policy roles and explicit users → Odoo user ids (numeric ids as such, others as logins). */
  private async resolveUsers(
    roles: readonly string[],
    users: readonly string[],
  ): Promise<number[]> {
    const refs: (number | string)[] = [...users];
    for (const role of roles) {
      const explicit = this.options.roleUsers?.[role];
      refs.push(...(explicit ?? this.options.policy?.roles[role]?.users ?? []));
    }
    const ids = new Set<number>();
    const logins: string[] = [];
    for (const ref of refs) {
      const n = typeof ref === 'number' ? ref : /^\d+$/.test(ref) ? Number(ref) : NaN;
      if (Number.isInteger(n) && n > 0) ids.add(n);
      else if (typeof ref === 'string' && ref !== '') logins.push(ref);
    }
    const unknown = logins.filter((l) => !this.loginIds.has(l));
    if (unknown.length > 0) {
      const rows = await this.client.searchRead('res.users', {
        domain: [['login', 'in', unknown]],
        fields: ['login'],
      });
      for (const r of rows) this.loginIds.set(String(r.login), r.id);
    }
    for (const l of logins) {
      const id = this.loginIds.get(l);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  }

  private async partnersOf(users: readonly number[]): Promise<number[]> {
    const missing = users.filter((u) => !this.userPartners.has(u));
    if (missing.length > 0) {
      const rows = await this.client.read('res.users', missing, ['partner_id']);
      for (const r of rows) {
        const p = many2one(r.partner_id)?.id;
        if (p !== undefined) this.userPartners.set(r.id, p);
      }
    }
    return users.map((u) => this.userPartners.get(u)).filter((p): p is number => p !== undefined);
  }
}
