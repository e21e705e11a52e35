import type { AuditEvent } from '../audit/AuditEvent.js';
import type { TypedAuditDraft } from '../state/auditEventTypes.js';
import { Records } from '../runner/records.js';
import { toRefusal, type Result } from '../runner/Result.js';
import type { Runner } from '../runner/Runner.js';
import type { CustomerEffect, CustomerEffectDraft } from '../state/Effect.js';
import { approveStep } from '../approvals/approveStep.js';
import { buildRoute, isRouteComplete } from '../approvals/buildRoute.js';
import { capacities } from '../approvals/capacities.js';
import { reviewerStanding } from '../approvals/reviewerStanding.js';
import { addHours } from '../approvals/deadlines.js';
import { parseOrThrow } from '../errors.js';
import { formatMoney } from '../i18n/formatMoney.js';
import { approverParams } from '../rules/shared/approverParams.js';
import { Actor, type ActorInput } from '../model/Actor.js';
import { Customer } from '../model/Customer.js';
import type { MessageParam } from '../model/Finding.js';
import { approvalEvents } from '../workflow/shared/approvalActs.js';
import type { Policy } from '../policy/Policy.js';
import type { IdSource } from '../ports/IdSource.js';
import { finding } from '../rules/shared/finding.js';
import { customerAgeing, type AgeingReport } from '../rules/credit/ageingReport.js';
import {
  CreditChangeProposal,
  creditRequestParties,
  customerStream,
  TemporaryIncreaseProposal,
  type CreditChangeProposalInput,
  type CreditRequest,
  type CreditTerms,
  type TemporaryIncreaseProposalInput,
} from '../state/CreditRequest.js';
import { effectiveLimit, type EffectiveLimit } from '../rules/credit/effectiveLimit.js';

/** Ports and policy a `CreditDesk` runs on (the same as the order desk's). */
export interface CreditDeskOptions {
  policy: Policy;
  runner: Runner;
  ids: IdSource;
}

/** Why the credit desk refused an action: literal codes, never thrown. */
export type CreditDeskRefusalCode =
  | 'UNKNOWN_CUSTOMER'
  | 'UNKNOWN_REQUEST'
  /** The request was already approved or rejected. */
  | 'NOT_PENDING'
  /** The actor holds no role for this action. */
  | 'NOT_ELIGIBLE'
  /** Segregation of duties: the proposer never approves or rejects their own request. */
  | 'SELF_APPROVAL'
  | 'ALREADY_APPROVED'
  | 'STEP_NOT_ACTIVE'
  | 'UNKNOWN_STEP'
  | 'REASON_REQUIRED'
  /** A temporary increase must be in the currency of a limit on file, and still be so at approval. */
  | 'CURRENCY_MISMATCH'
  /** A temporary increase whose expiry is not after now. */
  | 'INVALID_EXPIRY';

/** Outcome of a credit desk action. Failures (bad input, store down) are thrown. */
export type CreditDeskResult<T> = Result<T>;

function describeTerms(terms: CreditTerms, policy: Policy): string {
  const parts: string[] = [];
  if (terms.grade) parts.push(`grade ${terms.grade}`);
  if (terms.limit)
    parts.push(`limit ${formatMoney(terms.limit.amount, terms.limit.currency, policy)}`);
  return parts.join(', ');
}

/**
 * The credit desk (CR-3): changes of a customer's grade and limit, and temporary limit
 * increases, are requests — proposed by sales (`credit.limitChange.proposeRoles`), approved
 * along a route of policy steps (finance review, then management approval by default) with
 * segregation of duties, recorded in the customer's audit hash chain (`customer:<id>`). A change
 * applies to the stored customer only when approved, so assessments made earlier keep the terms
 * they were made with and later ones see the new terms. Customers are stored under
 * `CUSTOMER_KIND`, as the order desk reads them.
 *
 * @example
 * const credit = new CreditDesk({ policy, store, clock, ids });
 * const r = await credit.proposeChange({ customerId: 'c-1', limit: { amount: 80_000_000, currency: 'CNY' }, reason: 'Prompt payer' }, li);
 * if (r.ok) { await credit.approve(r.value.id, zhao); await credit.approve(r.value.id, he); }
 */
export class CreditDesk {
  readonly policy: Policy;
  readonly #runner: Runner;
  readonly #records: Records;
  readonly #ids: IdSource;

  constructor(options: CreditDeskOptions) {
    this.policy = options.policy;
    this.#runner = options.runner;
    this.#records = new Records(options.runner.store);
    this.#ids = options.ids;
  }

  get #clock() {
    return this.#runner.clock;
  }

  /**
   * Proposes a new grade and/or limit for a customer (CR-3).
   * @throws {ValidationError} when the proposal or actor is malformed (every field named).
   */
  async proposeChange(
    input: CreditChangeProposalInput,
    actorInput: ActorInput,
  ): Promise<CreditDeskResult<CreditRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const proposal = parseOrThrow(CreditChangeProposal, input, 'credit change');
    if (proposal.reason === '')
      return refusal('REASON_REQUIRED', 'a credit request needs a reason');
    return this.#propose(actor, proposal.customerId, proposal.reason, (customer) => ({
      kind: 'change',
      change: {
        ...(proposal.grade ? { grade: proposal.grade } : {}),
        ...(proposal.limit ? { limit: proposal.limit } : {}),
      },
      steps: this.policy.credit.limitChange.steps,
      describe: describeTerms(
        {
          ...(proposal.grade ? { grade: proposal.grade } : {}),
          ...(proposal.limit ? { limit: proposal.limit } : {}),
        },
        this.policy,
      ),
      check: () => (customer ? undefined : 'UNKNOWN_CUSTOMER'),
    }));
  }

  /**
   * Proposes a temporary increase of a customer's limit until `expiresAt` (CR-3), in the
   * currency of its limit.
   * @throws {ValidationError} when the proposal or actor is malformed (every field named).
   */
  async proposeTemporaryIncrease(
    input: TemporaryIncreaseProposalInput,
    actorInput: ActorInput,
  ): Promise<CreditDeskResult<CreditRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const p = parseOrThrow(TemporaryIncreaseProposal, input, 'temporary limit increase');
    if (p.reason === '') return refusal('REASON_REQUIRED', 'a credit request needs a reason');
    return this.#propose(actor, p.customerId, p.reason, (customer, now) => ({
      kind: 'temporaryIncrease',
      increase: { amount: p.amount, currency: p.currency, expiresAt: p.expiresAt },
      steps: this.policy.credit.limitChange.temporaryIncreaseSteps,
      describe: `+${formatMoney(p.amount, p.currency, this.policy)} until ${p.expiresAt}`,
      check: () => {
        if (!customer) return 'UNKNOWN_CUSTOMER';
        if (customer.credit.limit?.currency !== p.currency) return 'CURRENCY_MISMATCH';
        if (Date.parse(p.expiresAt) <= Date.parse(now)) return 'INVALID_EXPIRY';
        return undefined;
      },
    }));
  }

  /**
   * Approves the active step of a request (or `step`), enforcing roles, delegation and
   * segregation of duties. The last approval applies the change to the customer, in the same
   * atomic commit as the request and its audit events.
   */
  approve(
    requestId: string,
    actorInput: ActorInput,
    options: { step?: string; comment?: string } = {},
  ): Promise<CreditDeskResult<CreditRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const found = await this.#records.get('credit-request', requestId);
      if (!found) return refusal('UNKNOWN_REQUEST', `credit request ${requestId} not found`);
      const request = found.value;
      if (request.status !== 'pending')
        return refusal('NOT_PENDING', `credit request ${requestId} is ${request.status}`);
      const now = this.#clock.now();
      const result = approveStep(
        request.route,
        {
          actor,
          at: now,
          ...(options.step ? { step: options.step } : {}),
          ...(options.comment ? { comment: options.comment } : {}),
        },
        { policy: this.policy, owners: creditRequestParties(request) },
      );
      if (!result.ok && result.code === 'SELF_APPROVAL')
        return selfApproval(actor.id, result.party ?? actor.id);
      if (!result.ok)
        return refusal(
          result.code,
          `${actor.id} may not approve ${result.step ?? 'this request'} (${result.code})`,
        );
      const stream = customerStream(request.customerId);
      // One record per step the act approved ("one approver, one act").
      const events: TypedAuditDraft[] = approvalEvents(result, { requestId }).map((e) => ({
        ...e,
        stream,
        at: now,
        actor: actor.id,
        ruleIds: ['CR-3'],
      }));
      if (!isRouteComplete(result.route)) {
        const next: CreditRequest = { ...request, route: result.route };
        const effects = this.#effects(next, found.version + 1, [
          { type: 'closeApproval', step: result.step.key },
          ...this.#schedule(next),
        ]);
        await this.#runner.commit({
          at: now,
          writes: [
            { kind: 'credit-request', key: requestId, expectedVersion: found.version, value: next },
          ],
          events,
          effects,
        });
        await this.#runner.dispatch().catch(() => undefined);
        return { ok: true, value: next, findings: [], effects };
      }
      const customerRecord = await this.#records.get('customer', request.customerId);
      if (!customerRecord)
        return refusal('UNKNOWN_CUSTOMER', `customer ${request.customerId} not found`);
      const customer = customerRecord.value;
      const applied = this.#apply(request, customer, now);
      if (!applied.ok) return toRefusal(applied, 'CR-3');
      const next: CreditRequest = {
        ...request,
        route: result.route,
        status: 'approved',
        approvedAt: now,
      };
      events.push({
        stream,
        type:
          request.kind === 'change'
            ? 'credit.change.approved'
            : 'credit.temporaryIncrease.approved',
        at: now,
        actor: actor.id,
        ruleIds: ['CR-3'],
        data: {
          requestId,
          before: { grade: customer.credit.grade ?? null, limit: customer.credit.limit ?? null },
          after: {
            grade: applied.value.credit.grade ?? null,
            limit: applied.value.credit.limit ?? null,
          },
          ...(request.increase ? { increase: request.increase } : {}),
        },
      });
      // CR-3: sales hears of the approved terms; the last approval activity closes.
      const effects = this.#effects(next, found.version + 1, [
        { type: 'closeApproval', step: result.step.key },
        // Field ownership: the approved grade/limit is ordergate's now; the ERP is told.
        ...(request.kind === 'change'
          ? [
              {
                type: 'updateCreditTerms' as const,
                requestId,
                ...(request.change?.grade ? { grade: request.change.grade } : {}),
                ...(request.change?.limit ? { limit: request.change.limit } : {}),
                ruleId: 'CR-3' as const,
              },
            ]
          : []),
        {
          type: 'notify',
          to: {
            users: [request.requestedBy],
            roles: this.policy.credit.limitChange.proposeRoles,
          },
          messageKey: 'credit.change.approved',
          params: {
            customer: customer.name || customer.id,
            change: describeTerms(
              {
                ...(applied.value.credit.grade ? { grade: applied.value.credit.grade } : {}),
                ...(applied.value.credit.limit ? { limit: applied.value.credit.limit } : {}),
              },
              this.policy,
            ),
          },
          ruleId: 'CR-3',
        },
      ]);
      await this.#runner.commit({
        at: now,
        writes: [
          { kind: 'credit-request', key: requestId, expectedVersion: found.version, value: next },
          {
            kind: 'customer',
            key: customer.id,
            expectedVersion: customerRecord.version,
            value: applied.value,
          },
        ],
        events,
        effects,
      });
      await this.#runner.dispatch().catch(() => undefined);
      return { ok: true, value: next, findings: [], effects };
    });
  }

  /** Rejects a pending request with a reason; only an approver of an active step may, never the proposer. */
  reject(
    requestId: string,
    actorInput: ActorInput,
    reason: string,
  ): Promise<CreditDeskResult<CreditRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const text = reason.trim();
      if (text === '') return refusal('REASON_REQUIRED', 'a rejection needs a reason');
      const found = await this.#records.get('credit-request', requestId);
      if (!found) return refusal('UNKNOWN_REQUEST', `credit request ${requestId} not found`);
      const request = found.value;
      if (request.status !== 'pending')
        return refusal('NOT_PENDING', `credit request ${requestId} is ${request.status}`);
      if (actor.id === request.requestedBy) return selfApproval(actor.id, actor.id);
      const now = this.#clock.now();
      const standing = reviewerStanding(request.route, actor, {
        policy: this.policy,
        now,
        barred: creditRequestParties(request),
      });
      if (standing.party !== undefined) return selfApproval(actor.id, standing.party);
      if (!standing.reviewer)
        return refusal('NOT_ELIGIBLE', `${actor.id} is not an approver of an active step`);
      const customer = (await this.#records.get('customer', request.customerId))?.value;
      const rejection = { at: now, by: actor.id, reason: text };
      const next: CreditRequest = { ...request, status: 'rejected', rejection };
      const effects = this.#effects(next, found.version + 1, [
        ...request.route.steps
          .filter((s) => s.status === 'active')
          .map((s) => ({ type: 'closeApproval' as const, step: s.key })),
        {
          type: 'notify',
          to: { users: [request.requestedBy] },
          messageKey: 'credit.change.rejected',
          params: { customer: customer?.name || request.customerId, reason: text },
          ruleId: 'CR-3',
        },
      ]);
      await this.#runner.commit({
        at: now,
        effects,
        writes: [
          { kind: 'credit-request', key: requestId, expectedVersion: found.version, value: next },
        ],
        events: [
          {
            stream: customerStream(request.customerId),
            type: 'credit.change.rejected',
            at: now,
            actor: actor.id,
            ruleIds: ['CR-3'],
            data: { requestId, ...rejection },
          },
        ],
      });
      await this.#runner.dispatch().catch(() => undefined);
      return { ok: true, value: next, findings: [], effects };
    });
  }

  /** A request, or undefined. */
  async request(requestId: string): Promise<CreditRequest | undefined> {
    return (await this.#records.get('credit-request', requestId))?.value;
  }

  /** Requests, oldest first, optionally of one customer. */
  async requests(customerId?: string): Promise<CreditRequest[]> {
    const all = (
      await this.#records.find(
        'credit-request',
        customerId === undefined ? undefined : { customer: customerId },
      )
    ).map((r) => r.value);
    return all.sort(
      (a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.id.localeCompare(b.id),
    );
  }

  /** The stored customer with its credit facts, or undefined. */
  async customer(customerId: string): Promise<Customer | undefined> {
    return (await this.#records.get('customer', customerId))?.value;
  }

  /** The limit in force now, with approved temporary increases (CR-3). */
  async effectiveLimit(customerId: string): Promise<EffectiveLimit | undefined> {
    const customer = await this.customer(customerId);
    return customer ? effectiveLimit(customer.credit, this.#clock.now(), this.policy) : undefined;
  }

  /** The customer's receivables ageing now (CR-7), in the policy's buckets. */
  async ageing(customerId: string): Promise<AgeingReport | undefined> {
    const customer = await this.customer(customerId);
    return customer
      ? customerAgeing(customer, { policy: this.policy, at: this.#clock.now() })
      : undefined;
  }

  /** The customer's credit audit trail (CR-3), oldest first. */
  history(customerId: string): Promise<AuditEvent[]> {
    return this.#runner.store.readStream(customerStream(customerId));
  }

  async #propose(
    actor: Actor,
    customerId: string,
    reason: string,
    build: (
      customer: Customer | undefined,
      now: string,
    ) => Pick<CreditRequest, 'kind' | 'change' | 'increase'> & {
      steps: readonly string[];
      describe: string;
      check: () => CreditDeskRefusalCode | undefined;
    },
  ): Promise<CreditDeskResult<CreditRequest>> {
    const now = this.#clock.now();
    const proposers = this.policy.credit.limitChange.proposeRoles;
    if (!capacities(this.policy, actor, now).some((c) => proposers.includes(c.role))) {
      return refusal('NOT_ELIGIBLE', `${actor.id} holds none of ${proposers.join(', ')}`);
    }
    const customer = (await this.#records.get('customer', customerId))?.value;
    const spec = build(customer, now);
    const problem = spec.check();
    if (problem !== undefined || !customer)
      return refusal(
        problem ?? 'UNKNOWN_CUSTOMER',
        `cannot propose for ${customerId}: ${problem ?? ''}`,
      );
    const approval = finding(this.policy, {
      ruleId: 'CR-3',
      severity: 'approval',
      messageKey: 'credit.change.requested',
      params: {
        customer: customer.name || customer.id,
        change: spec.describe,
        ...approverParams(this.policy, spec.steps),
      },
      steps: [...spec.steps],
    });
    const deadline = addHours(now, this.policy.review.deadlines.defaultHours, {
      calendar: this.policy.review.deadlines.calendar,
      timeZone: this.policy.timeZone,
    });
    const route = buildRoute([approval], { policy: this.policy, now, reviewDeadline: deadline });
    const request: CreditRequest = {
      id: this.#ids.next('CRQ'),
      customerId,
      kind: spec.kind,
      ...(spec.change ? { change: spec.change } : {}),
      ...(spec.increase ? { increase: spec.increase } : {}),
      reason,
      requestedBy: actor.id,
      requestedAt: now,
      before: {
        ...(customer.credit.grade ? { grade: customer.credit.grade } : {}),
        ...(customer.credit.limit ? { limit: customer.credit.limit } : {}),
      },
      status: 'pending',
      route,
    };
    const effects = this.#effects(request, 1, this.#schedule(request));
    await this.#runner.commit({
      at: now,
      effects,
      writes: [{ kind: 'credit-request', key: request.id, expectedVersion: 0, value: request }],
      events: [
        {
          stream: customerStream(customerId),
          type: 'credit.change.requested',
          at: now,
          actor: actor.id,
          ruleIds: ['CR-3'],
          data: {
            requestId: request.id,
            kind: request.kind,
            change: spec.describe,
            reason,
            steps: route.steps.map((s) => s.key),
          },
        },
      ],
    });
    await this.#runner.dispatch().catch(() => undefined);
    return { ok: true, value: request, findings: [], effects };
  }

  /** Approval activities for the request's active steps (CR-3). */
  #schedule(request: CreditRequest): CustomerEffectDraft[] {
    return request.route.steps
      .filter((s) => s.status === 'active')
      .map((s) => ({
        type: 'scheduleApproval' as const,
        step: s.key,
        roles: [...s.roles],
        users: [],
        ...(s.deadline ? { deadline: s.deadline } : {}),
        ruleIds: ['CR-3' as const],
      }));
  }

  /** Keys customer effects by request and version: stable, so delivery is idempotent. */
  #effects(
    request: CreditRequest,
    version: number,
    drafts: readonly CustomerEffectDraft[],
  ): CustomerEffect[] {
    return drafts.map((d, i) => ({
      ...d,
      key: `${request.id}:${String(version)}:${String(i)}`,
      customerId: request.customerId,
    }));
  }

  /** The customer with the approved request applied: a new grade/limit, or one more temporary increase. */
  #apply(request: CreditRequest, customer: Customer, now: string): CreditDeskResult<Customer> {
    if (request.kind === 'temporaryIncrease' && request.increase) {
      const inc = request.increase;
      if (customer.credit.limit?.currency !== inc.currency) {
        return refusal('CURRENCY_MISMATCH', `the customer's limit is no longer in ${inc.currency}`);
      }
      if (Date.parse(inc.expiresAt) <= Date.parse(now))
        return refusal('INVALID_EXPIRY', `the increase expired at ${inc.expiresAt}`);
      const credit = {
        ...customer.credit,
        temporaryIncreases: [
          ...customer.credit.temporaryIncreases,
          {
            requestId: request.id,
            amount: inc.amount,
            currency: inc.currency,
            approvedAt: now,
            expiresAt: inc.expiresAt,
          },
        ],
      };
      return {
        ok: true,
        value: Customer.parse({ ...customer, credit }),
        findings: [],
        effects: [],
      };
    }
    const change = request.change ?? {};
    // Field ownership: the fields this request set are governed here from now on.
    const by = { requestId: request.id, at: now };
    const credit = {
      ...customer.credit,
      ...(change.grade ? { grade: change.grade } : {}),
      ...(change.limit ? { limit: change.limit } : {}),
      governed: {
        ...customer.credit.governed,
        ...(change.grade ? { grade: by } : {}),
        ...(change.limit ? { limit: by } : {}),
      },
      ...(this.policy.credit.limitChange.countsAsEvaluation ? { evaluatedAt: now } : {}),
    };
    return { ok: true, value: Customer.parse({ ...customer, credit }), findings: [], effects: [] };
  }
}

function refusal(
  code: CreditDeskRefusalCode,
  message: string,
  localized?: { messageKey: string; params: Readonly<Record<string, MessageParam>> },
): Result<never> {
  return toRefusal(
    {
      ok: false,
      code: code === 'UNKNOWN_CUSTOMER' || code === 'UNKNOWN_REQUEST' ? 'NOT_FOUND' : code,
      message,
      messageKey:
        localized?.messageKey ??
        (code === 'UNKNOWN_CUSTOMER' || code === 'UNKNOWN_REQUEST'
          ? `credit.refusal.${code}`
          : `refusal.${code}`),
      ...(localized ? { params: localized.params } : {}),
    },
    'CR-3',
  );
}

/** CR-3 segregation of duties: the proposer, in person or through a delegate, never decides. */
function selfApproval(actor: string, party: string) {
  return refusal('SELF_APPROVAL', `${actor} may not decide a request ${party} proposed`, {
    messageKey:
      party === actor ? 'credit.request.selfApproval' : 'credit.request.selfApprovalOnBehalf',
    params: { actor, party },
  });
}
