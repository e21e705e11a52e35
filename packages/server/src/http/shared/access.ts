import {
  capacities,
  NotFoundError,
  orderParties,
  type ActorInput,
  type Locale,
  type OrderPicture,
  type Ordergate,
} from '@ordergate/core';
import { problem } from './problem.js';

/** Why a read was refused: `READ_NOT_ALLOWED` (403); `SYSTEM_ONLY` for system-only commands. */
export type ReadRefusalCode = 'READ_NOT_ALLOWED' | 'SYSTEM_ONLY';

/**
 * A read the caller may not make (403), or a command only systems may send. Carries the
 * problem to answer; nothing about the resource is told.
 *
 * @example
 * try { await readers.order(id, caller, 'en'); } catch (e) { if (e instanceof ReadRefused) … }
 */
export class ReadRefused extends Error {
  override readonly name = 'ReadRefused';
  constructor(
    readonly code: ReadRefusalCode,
    readonly detail: string,
  ) {
    super(detail);
  }
  /** The problem+json answer. */
  toProblem() {
    return problem(403, this.code, this.detail);
  }
}

/**
 * Who is asking: the actor the identity middleware set and whether it is a system (API token).
 *
 * @example
 * const caller: Caller = { actor: { id: 'u-li', groups: ['sales'] }, system: false };
 */
export interface Caller {
  actor: ActorInput;
  system: boolean;
}

const TEXT = {
  order: {
    en: '{actor} may not read order {key}: only its owners and submitters, the people its routes name or who may act on it now, managers and systems may.',
    zh: '{actor}无权查看订单 {key}:仅订单负责人与提交人、其审批路线所列或当前可对其操作的人员、管理者及系统可查看。',
  },
  customers: {
    en: '{actor} may not read customers’ credit: it is for the roles the credit policy names, managers and systems.',
    zh: '{actor}无权查看客户信用:仅信用政策所列角色、管理者及系统可查看。',
  },
  archive: {
    en: '{actor} may not search the archive index: it is for the roles the archive policy names, managers and systems.',
    zh: '{actor}无权检索档案索引:仅档案政策所列角色、管理者及系统可检索。',
  },
  metrics: {
    en: '{actor} may not read order metrics: they are for managers and systems.',
    zh: '{actor}无权查看订单指标:仅管理者及系统可查看。',
  },
  system: {
    en: 'Only a system (an API token) may send this: {what}.',
    zh: '仅系统(API 令牌)可执行此操作:{what}。',
  },
} as const;

const say = (key: keyof typeof TEXT, locale: Locale, params: Record<string, string>) =>
  TEXT[key][locale].replace(/\{(\w+)\}/g, (w, n: string) => params[n] ?? w);

/** Every string under a key ending in `roles`/`Roles` anywhere in a policy section. */
function namedRoles(section: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(section)) {
    for (const v of section) namedRoles(v, out);
  } else if (section !== null && typeof section === 'object') {
    for (const [k, v] of Object.entries(section)) {
      if (/roles$/i.test(k) && Array.isArray(v)) {
        for (const r of v) if (typeof r === 'string') out.add(r);
      } else namedRoles(v, out);
    }
  }
  return out;
}

/** Every approval route step in an order's workflow (review, changes, shipping exceptions). */
function routeSteps(
  node: unknown,
  out: {
    roles: readonly string[];
    approvals: readonly { actor: string; onBehalfOf?: string }[];
  }[] = [],
) {
  if (Array.isArray(node)) {
    for (const v of node) routeSteps(v, out);
  } else if (node !== null && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.key === 'string' && Array.isArray(o.roles) && Array.isArray(o.approvals)) {
      out.push(o as never);
      if (Array.isArray(o.escalatedTo))
        out.push({ roles: o.escalatedTo as string[], approvals: [] });
    } else for (const v of Object.values(o)) routeSteps(v, out);
  }
  return out;
}

/**
 * Read authorisation of the HTTP API (decision 017). The core decides every act (role, SoD,
 * state); what the service decides is who may *see* what, from the policy and the order's own
 * record, never by restating a rule:
 *
 * - an order (picture, history, revisions, diff, timeline, allowed actions): systems; its
 *   owners and submitters, ever (`orderParties`) and its salesperson; whoever holds — in person
 *   or as a delegate now (`capacities`) — a role named on a step of its review, change or
 *   shipping-exception routes (or escalated to), or approved one; managers; and anyone the core
 *   lets act on it now (`allowedActions`);
 * - customers, their credit, ageing, credit requests and trail: systems, managers and holders of
 *   a role the credit policy names (`credit.*Roles`);
 * - the archive index (AR-6 search): systems, managers and holders of a role the archive policy
 *   names; archive content only through the core's `readArchive`/`exportArchive` (AR-5 grant);
 *   the contract ledger through the core's `contractLedger` (AR-4);
 * - metrics (TR-5): systems and managers;
 * - managers: holders of a role that is another role's `nextLevel` in the policy.
 *
 * @example
 * const readers = new Readers(og, () => Date.now());
 * const picture = await readers.order('erp-42', { actor: li, system: false }, 'en');
 */
export class Readers {
  readonly #og: Ordergate;
  readonly #now: () => number;
  readonly #managerRoles: ReadonlySet<string>;
  readonly #creditRoles: ReadonlySet<string>;
  readonly #archiveRoles: ReadonlySet<string>;

  constructor(og: Ordergate, now: () => number) {
    this.#og = og;
    this.#now = now;
    const p = og.policy;
    this.#managerRoles = new Set(
      Object.values(p.roles)
        .map((r) => r.nextLevel)
        .filter((r): r is string => typeof r === 'string'),
    );
    this.#creditRoles = namedRoles(p.credit);
    this.#archiveRoles = namedRoles(p.archive);
  }

  /** The roles the caller may act in now: their own and those delegated to them. */
  roles(actor: ActorInput): Set<string> {
    const at = new Date(this.#now()).toISOString();
    return new Set(
      capacities(this.#og.policy, { id: actor.id, groups: actor.groups ?? [] }, at).map(
        (c) => c.role,
      ),
    );
  }

  /** Whether the caller holds a manager role (some role's `nextLevel`). */
  isManager(actor: ActorInput): boolean {
    return [...this.roles(actor)].some((r) => this.#managerRoles.has(r));
  }

  /**
   * The order's picture if the caller may read it.
   * @throws {ReadRefused} READ_NOT_ALLOWED; {NotFoundError} when there is no such order.
   */
  async order(orderId: string, caller: Caller, locale: Locale): Promise<OrderPicture> {
    const picture = await this.#og.order(orderId);
    if (!picture) throw new NotFoundError('order', orderId);
    if (await this.mayReadOrder(picture, caller)) return picture;
    throw new ReadRefused(
      'READ_NOT_ALLOWED',
      say('order', locale, { actor: caller.actor.id, key: orderId }),
    );
  }

  /** Whether the caller may read this order (see the class). */
  async mayReadOrder(picture: OrderPicture, caller: Caller): Promise<boolean> {
    if (caller.system) return true;
    const { actor } = caller;
    const wf = picture.workflow;
    if (picture.order.salesperson === actor.id || orderParties(wf).includes(actor.id)) return true;
    const roles = this.roles(actor);
    if ([...roles].some((r) => this.#managerRoles.has(r))) return true;
    for (const step of routeSteps(wf)) {
      if (step.roles.some((r) => roles.has(r))) return true;
      if (step.approvals.some((a) => a.actor === actor.id || a.onBehalfOf === actor.id))
        return true;
    }
    const actions = await this.#og.allowedActions(picture.order.id, actor);
    return actions.some((a) => a.allowed);
  }

  /** @throws {ReadRefused} unless the caller may read customers' credit. */
  customers(caller: Caller, locale: Locale): void {
    if (caller.system || this.#holdsAny(caller.actor, this.#creditRoles)) return;
    throw new ReadRefused('READ_NOT_ALLOWED', say('customers', locale, { actor: caller.actor.id }));
  }

  /** @throws {ReadRefused} unless the caller may search the archive index. */
  archiveIndex(caller: Caller, locale: Locale): void {
    if (caller.system || this.#holdsAny(caller.actor, this.#archiveRoles)) return;
    throw new ReadRefused('READ_NOT_ALLOWED', say('archive', locale, { actor: caller.actor.id }));
  }

  /** @throws {ReadRefused} unless the caller may read metrics. */
  metrics(caller: Caller, locale: Locale): void {
    if (caller.system || this.isManager(caller.actor)) return;
    throw new ReadRefused('READ_NOT_ALLOWED', say('metrics', locale, { actor: caller.actor.id }));
  }

  /** @throws {ReadRefused} SYSTEM_ONLY unless the caller is a system. */
  system(caller: Caller, what: string, locale: Locale): void {
    if (caller.system) return;
    throw new ReadRefused('SYSTEM_ONLY', say('system', locale, { what }));
  }

  #holdsAny(actor: ActorInput, named: ReadonlySet<string>): boolean {
    const roles = this.roles(actor);
    return [...roles].some((r) => named.has(r) || this.#managerRoles.has(r));
  }
}
