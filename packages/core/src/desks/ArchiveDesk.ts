import { z } from 'zod';
import type { AuditEvent } from '../audit/AuditEvent.js';
import { sealEvent, verifySealed, type ChainHead } from '../audit/auditChain.js';
import { orderStream } from '../state/OrderRecord.js';
import { parseOrThrow } from '../errors.js';
import { localMonth } from '../lib/localDate.js';
import { mayAct } from '../approvals/mayAct.js';
import { formatPeriodNumber, periodSequenceScope } from '../lib/periodNumber.js';
import { Actor, type ActorInput } from '../model/Actor.js';
import type { Policy } from '../policy/Policy.js';
import type { IdSource } from '../ports/IdSource.js';
import type { Versioned } from '../ports/Store.js';
import { Records } from '../runner/records.js';
import { toRefusal, type RawRefusal } from '../runner/Result.js';
import type { Runner, Write } from '../runner/Runner.js';
import {
  decideAccess,
  grantDays,
  isGrantLive,
  type AccessRequest,
} from '../rules/archive/accessGrant.js';
import {
  contractLedger,
  contractSignedAt,
  type ContractLedgerEntry,
} from '../rules/archive/contractLedger.js';
import {
  planFiling,
  type FilingContract,
  type FiledContract,
} from '../rules/archive/monthlyFiling.js';
import { isDueForDisposal, retainUntil } from '../rules/archive/retention.js';
import type { TypedAuditDraft } from '../state/auditEventTypes.js';
import type { Effect, EffectDraft } from '../state/Effect.js';
import type { RecordedEvent } from '../state/TransitionResult.js';
import { transition } from '../workflow/transition.js';
import { exportArchive, type ArchiveBundle } from '../workflow/archive/archiveBundle.js';
import {
  archiveStream,
  indexEntry,
  type ArchiveContent,
  type ArchiveIndexEntry,
  type ArchiveRecord,
  type LegalHold,
} from '../state/ArchiveRecord.js';
import type { ArchiveResult } from './ArchiveResult.js';
import { sealArchive } from '../workflow/archive/sealArchive.js';
import {
  verifyArchiveRecord,
  type ArchiveProblem,
  type ArchiveVerification,
} from '../workflow/archive/verifyArchive.js';

/**
 * Store record kind of monthly filing entries (AR-3), keyed by order id.
 *
 * @example
 * const filed = (await store.list(FILING_KIND)).map((r) => r.key); // order ids
 */
export const FILING_KIND = 'archive-filing';

/**
 * Audit stream of a month's filing runs (AR-3).
 *
 * @example
 * filingStream('2026-03'); // 'filing:2026-03'
 */
export function filingStream(month: string): string {
  return `filing:${month}`;
}

/** Ports and policy an `ArchiveDesk` runs on: the same as the order desk's. */
export interface ArchiveDeskOptions {
  policy: Policy;
  runner: Runner;
  ids: IdSource;
}

/** What a monthly filing run did (AR-3). */
export interface FilingReport {
  month: string;
  dueDate: string;
  onTime: boolean;
  filed: FiledContract[];
  late: FiledContract[];
  carriedOver: FilingContract[];
}

/** AR-6 search criteria; every one given must match. `period` bounds the archiving month (`YYYY-MM`, inclusive). */
export interface ArchiveQuery {
  /** Archive number, order number or contract number. */
  number?: string;
  customerId?: string;
  productId?: string;
  period?: { from?: string; to?: string };
}

/**
 * AR-3: a filing month, `YYYY-MM` (`fileMonth`).
 *
 * @example
 * Month.parse('2026-03');
 */
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM');
/**
 * AR-5: why someone asks to read an archive, and for how many days (`requestArchiveAccess`).
 *
 * @example
 * AccessInput.parse({ reason: 'Dispute with the customer', days: 7 });
 */
export const AccessInput = z.object({
  reason: z.string(),
  days: z.number().int().positive().optional(),
});
/**
 * AR-6: placing or lifting a legal hold, with the reason (`setLegalHold`).
 *
 * @example
 * HoldInput.parse({ hold: true, reason: 'Litigation pending' });
 */
export const HoldInput = z.object({ hold: z.boolean(), reason: z.string() });

const refusal = (
  code: RawRefusal['code'],
  message: string,
  extra: Omit<RawRefusal, 'ok' | 'code' | 'message'> = {},
) => toRefusal({ ok: false, code, message, ...extra }, code === 'NO_GRANT' ? 'AR-5' : 'AR-1');

/** The audit events of a guarded read (AR-5): the read under a grant, and the refused one. */
interface GuardedRead {
  granted: 'archive.read' | 'archive.exported';
  refused: 'archive.readRefused' | 'archive.exportedRefused';
}
const READ: GuardedRead = { granted: 'archive.read', refused: 'archive.readRefused' };
const EXPORT: GuardedRead = { granted: 'archive.exported', refused: 'archive.exportedRefused' };

interface ArchiveAppend {
  found: Versioned<ArchiveRecord>;
  events: RecordedEvent[];
  actor: string | null;
  now: string;
  legalHold?: LegalHold | null;
  writes?: Write[];
  effects?: EffectDraft[];
}

/**
 * The archive desk (AR-1…AR-6): archives eligible orders into sealed records in the same commit
 * as the order's status change, verifies them, exports self-contained bundles, runs the monthly
 * filing, keeps the contract ledger, and guards reads behind approved, time-limited access
 * requests — every request, decision and read (granted or refused) recorded on the archive's own
 * audit stream.
 *
 * @example
 * const archives = new ArchiveDesk({ policy, store, clock, ids, hasher: nodeSha256 });
 * const r = await archives.archive(orderId, assistant);           // AR-1, AR-2
 * await archives.read(r.value.archiveId, auditor);                // { ok: false, code: 'NO_GRANT' } (AR-5)
 */
export class ArchiveDesk {
  readonly policy: Policy;
  readonly #runner: Runner;
  readonly #records: Records;
  readonly #ids: IdSource;

  constructor(options: ArchiveDeskOptions) {
    this.policy = options.policy;
    this.#runner = options.runner;
    this.#records = new Records(options.runner.store);
    this.#ids = options.ids;
  }

  get #store() {
    return this.#runner.store;
  }

  get #clock() {
    return this.#runner.clock;
  }

  get #hasher() {
    return this.#runner.hasher;
  }

  /**
   * AR-1, AR-2: archives a settled order — refused `BLOCKED`, with every reason as an AR-1 finding
   * (not delivered, not paid, not invoiced, issues open), unless delivered, paid and invoiced with
   * its after-sales issues closed; an order still in review or fulfilment is refused the same way. Writes, in ONE commit, the order's status change
   * with `order.archived` on its trail and the sealed archive record with `archive.sealed` opening
   * the archive's stream; both carry the record hash. The archive is numbered per
   * `archive.numbering.pattern`, classified by customer, product and month (AR-3) and kept until
   * its retention date (AR-6).
   * @throws {ValidationError} when the actor is malformed.
   */
  archive(orderId: string, actorInput: ActorInput): Promise<ArchiveResult<ArchiveIndexEntry>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const found = await this.#records.get('order', orderId);
      if (!found) return refusal('NOT_FOUND', `order ${orderId} not found`);
      const now = this.#clock.now();
      const { order, workflow, revisions } = found.value;
      const ctx = { policy: this.policy, order, now };
      // Judge eligibility before drawing an archive number, so a refusal leaves no gap.
      const pre = transition(
        workflow,
        { type: 'ARCHIVE', actor, seal: { archiveId: '', number: '', recordHash: '' } },
        ctx,
      );
      if (!pre.ok) return toRefusal(pre, 'AR-1');
      const archiveId = this.#ids.next('archive');
      const month = localMonth(now, this.policy.timeZone);
      const pattern = this.policy.archive.numbering.pattern;
      const sequence = await this.#store.nextSequence(
        periodSequenceScope('archive-number', pattern, month),
      );
      const number = formatPeriodNumber(pattern, { month, sequence });
      const content: ArchiveContent = {
        archiveId,
        number,
        orderId,
        orderNumber: order.number,
        archivedAt: now,
        archivedBy: actor.id,
        classification: {
          customerId: order.customer.id,
          customerName: order.customer.name,
          productIds: [
            ...new Set(order.lines.map((l) => l.productId).filter((p) => p !== '')),
          ].sort(),
          month,
        },
        retainUntil: retainUntil(now, this.policy),
        order,
        revisions,
        workflow,
        events: await this.#store.readStream(orderStream(orderId)),
      };
      const seal = sealArchive(content, this.#hasher);
      const r = transition(
        workflow,
        { type: 'ARCHIVE', actor, seal: { archiveId, number, recordHash: seal.hash } },
        ctx,
      );
      if (!r.ok) return toRefusal(r, 'AR-1');
      const sealed: TypedAuditDraft<'archive.sealed'> = {
        stream: archiveStream(archiveId),
        type: 'archive.sealed',
        at: now,
        actor: actor.id,
        ruleIds: ['AR-2'],
        data: { archiveId, number, orderId, recordHash: seal.hash, orderHead: seal.orderHead },
      };
      const head = sealEvent(undefined, sealed, this.#hasher);
      const record: ArchiveRecord = {
        content,
        seal,
        state: { legalHold: null, streamHead: { seq: head.seq, hash: head.hash } },
      };
      const version = found.version + 1;
      const effects: Effect[] = r.effects.map((d, i) => ({
        ...d,
        key: `${orderId}:${String(version)}:${String(i)}`,
        orderId,
      }));
      await this.#runner.commit({
        at: now,
        effects,
        writes: [
          {
            kind: 'order',
            key: orderId,
            expectedVersion: found.version,
            value: { ...found.value, workflow: r.state },
          },
          { kind: 'archive', key: archiveId, expectedVersion: 0, value: record },
        ],
        events: [
          ...r.events.map((e): TypedAuditDraft => ({
            ...e,
            stream: orderStream(orderId),
            at: now,
            actor: actor.id,
          })),
          sealed,
        ],
      });
      await this.#runner.dispatch().catch(() => undefined);
      return { ok: true, value: indexEntry(record), findings: r.findings, effects };
    });
  }

  /**
   * AR-2: verifies one archive, or every archive in the store: each record against its seal and
   * its archive stream (`verifyArchiveRecord`), and the order's live trail against the archived
   * one and its `order.archived` entry. Every problem names the record and where it is.
   */
  async verify(archiveId?: string): Promise<ArchiveVerification> {
    const ids =
      archiveId !== undefined
        ? [archiveId]
        : [
            ...new Set([
              ...(await this.#store.find('archive')).map((r) => r.key),
              ...(await this.#store.streams())
                .filter((s) => s.startsWith('archive:'))
                .map((s) => s.slice('archive:'.length)),
            ]),
          ].sort();
    const problems: ArchiveProblem[] = [];
    let events = 0;
    for (const id of ids) {
      const record = (await this.#store.get('archive', id))?.value;
      const archiveEvents = await this.#store.readStream(archiveStream(id));
      if (record === undefined) {
        const data = archiveEvents[0]?.data as { number?: unknown } | undefined;
        problems.push({
          code: 'RECORD_MISSING',
          archiveId: id,
          number: typeof data?.number === 'string' ? data.number : '',
        });
        continue;
      }
      const result = verifyArchiveRecord({ archiveId: id, record, archiveEvents }, this.#hasher);
      if (result.ok) events += result.events;
      else problems.push(...result.problems);
      // The stream as stored: every hash over the exact stored text, so a change that the
      // structured view would not show is caught too.
      const stored = verifySealed(await this.#store.readSealed(archiveStream(id)), this.#hasher);
      if (!stored.ok) {
        const content = (record as { content?: { number?: unknown } }).content;
        problems.push({
          code: 'ARCHIVE_LOG_ALTERED',
          archiveId: id,
          number: typeof content?.number === 'string' ? content.number : '',
          stream: archiveStream(id),
          seq: stored.problem.seq,
          detail: stored.problem.code,
        });
      }
      problems.push(...(await this.#verifyTrail(id, record)));
    }
    return problems.length > 0
      ? { ok: false, problems }
      : { ok: true, archives: ids.length, events };
  }

  /**
   * AR-5: asks to read an archived order, with a reason, for `days` (the policy's default grant
   * when absent, at most its maximum). The approvers (`archive.access.approverRoles`) are asked.
   * @throws {ValidationError} when the actor or request is malformed.
   */
  requestAccess(
    archiveId: string,
    actorInput: ActorInput,
    request: { reason: string; days?: number },
  ): Promise<ArchiveResult<AccessRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const input = parseOrThrow(AccessInput, request, 'access request');
    return this.#runner.attempt(async () => {
      const reason = input.reason.trim();
      if (reason === '')
        return refusal('REASON_REQUIRED', 'an access request needs a reason (AR-5)', {
          messageKey: 'archive.access.reasonRequired',
          params: {},
        });
      const found = await this.#records.get('archive', archiveId);
      if (!found) return refusal('NOT_FOUND', `archive ${archiveId} not found`);
      const now = this.#clock.now();
      const value: AccessRequest = {
        id: this.#ids.next('access'),
        archiveId,
        requester: actor.id,
        reason,
        days: grantDays(this.policy, input.days),
        requestedAt: now,
        status: 'pending',
      };
      const params = {
        number: found.value.content.number,
        requester: actor.id,
        reason,
        days: value.days,
      };
      const effects = await this.#append({
        found,
        actor: actor.id,
        now,
        events: [{ type: 'archive.accessRequested', ruleIds: ['AR-5'], data: { ...value } }],
        writes: [{ kind: 'archive-access', key: value.id, expectedVersion: 0, value }],
        effects: [
          {
            type: 'notify',
            to: { roles: this.policy.archive.access.approverRoles },
            messageKey: 'archive.access.requested',
            params,
            ruleId: 'AR-5',
          },
        ],
      });
      return { ok: true, value, findings: [], effects };
    });
  }

  /**
   * AR-5: approves an access request — by a holder of `archive.access.approverRoles`, never the
   * requester — making it a grant valid from now for its days.
   */
  approveAccess(requestId: string, actorInput: ActorInput): Promise<ArchiveResult<AccessRequest>> {
    return this.#decide(requestId, actorInput, { approve: true });
  }

  /** AR-5: rejects an access request, with a reason. */
  rejectAccess(
    requestId: string,
    actorInput: ActorInput,
    reason: string,
  ): Promise<ArchiveResult<AccessRequest>> {
    return this.#decide(requestId, actorInput, { approve: false, reason });
  }

  /**
   * AR-5: reads an archived order. Refused with `NO_GRANT` unless the reader holds a live grant for
   * this archive; the read — granted or refused — is an audit event on the archive's stream.
   */
  read(archiveId: string, actorInput: ActorInput): Promise<ArchiveResult<ArchiveContent>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#guarded(archiveId, actor, READ, (found) => found.value.content);
  }

  /**
   * AR-2, AR-5: exports an archive as a self-contained bundle for someone who will use it — a read
   * like any other: it needs a live grant and is recorded (`archive.exported`). The keeper's
   * off-site backup goes through `exportBackup` instead.
   */
  exportBundle(archiveId: string, actorInput: ActorInput): Promise<ArchiveResult<ArchiveBundle>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#guarded(archiveId, actor, EXPORT, async (found) =>
      exportArchive(
        (await this.#records.get('archive', archiveId))?.value ?? found.value,
        await this.#store.readStream(archiveStream(archiveId)),
      ),
    );
  }

  /**
   * AR-2: the archive keeper exports an archive as a self-contained bundle for the off-site
   * backup. A backup copies the sealed record without reading it, so it needs no AR-5 grant: the
   * keeper (a holder of `archive.backup.keeperRoles`, in person or as delegate) is the one who may.
   * The export is recorded on the archive's stream (`archive.backupExported`: who, when, and the
   * seal hash the copy must verify against) in the bundle it returns; anyone else is refused
   * `NOT_ELIGIBLE` (ruleId `AR-2`) and the attempt is recorded (`archive.backupExportRefused`) —
   * they export through `exportBundle`, under a grant.
   * @throws {ValidationError} when the actor is malformed.
   */
  exportBackup(archiveId: string, actorInput: ActorInput): Promise<ArchiveResult<ArchiveBundle>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const found = await this.#records.get('archive', archiveId);
      if (!found) return refusal('NOT_FOUND', `archive ${archiveId} not found`);
      const now = this.#clock.now();
      const roles = this.policy.archive.backup.keeperRoles;
      if (!mayAct(this.policy, actor, { roles, now })) {
        await this.#append({
          found,
          actor: actor.id,
          now,
          events: [
            {
              type: 'archive.backupExportRefused',
              ruleIds: ['AR-2'],
              data: { by: actor.id, code: 'NOT_ELIGIBLE' },
            },
          ],
        });
        return refusal(
          'NOT_ELIGIBLE',
          `${actor.id} may not export archive ${archiveId} for the backup (AR-2)`,
          {
            messageKey: 'archive.backup.notAllowed',
            params: {
              actor: actor.id,
              number: found.value.content.number,
              roles: roles.join(', '),
            },
            ruleId: 'AR-2',
          },
        );
      }
      await this.#append({
        found,
        actor: actor.id,
        now,
        events: [
          {
            type: 'archive.backupExported',
            ruleIds: ['AR-2'],
            data: { by: actor.id, recordHash: found.value.seal.hash },
          },
        ],
      });
      const value = exportArchive(
        (await this.#records.get('archive', archiveId))?.value ?? found.value,
        await this.#store.readStream(archiveStream(archiveId)),
      );
      return { ok: true, value, findings: [], effects: [] };
    });
  }

  /**
   * AR-6: places (`hold: true`) or lifts a legal hold, with a reason; a held archive is never due
   * for disposal. Only the policy's `archive.legalHold.roles` may.
   */
  setLegalHold(
    archiveId: string,
    actorInput: ActorInput,
    change: { hold: boolean; reason: string },
  ): Promise<ArchiveResult<ArchiveIndexEntry>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    const input = parseOrThrow(HoldInput, change, 'legal hold');
    return this.#runner.attempt(async () => {
      const now = this.#clock.now();
      if (!mayAct(this.policy, actor, { roles: this.policy.archive.legalHold.roles, now })) {
        return refusal('NOT_ELIGIBLE', `${actor.id} may not change legal holds`, {
          messageKey: 'archive.legalHold.notAllowed',
          params: { actor: actor.id },
        });
      }
      const reason = input.reason.trim();
      if (reason === '')
        return refusal('REASON_REQUIRED', 'a legal hold needs a reason (AR-6)', {
          messageKey: 'archive.legalHold.reasonRequired',
          params: {},
        });
      const found = await this.#records.get('archive', archiveId);
      if (!found) return refusal('NOT_FOUND', `archive ${archiveId} not found`);
      if (!input.hold && found.value.state.legalHold === null) {
        return refusal('INVALID_TRANSITION', `archive ${archiveId} is not on legal hold`, {
          messageKey: 'archive.legalHold.none',
          params: {},
        });
      }
      const hold: LegalHold = { at: now, by: actor.id, reason };
      const effects = await this.#append({
        found,
        actor: actor.id,
        now,
        events: [
          {
            type: input.hold ? 'archive.legalHold' : 'archive.legalHoldReleased',
            ruleIds: ['AR-6'],
            data: { ...hold },
          },
        ],
        legalHold: input.hold ? hold : null,
      });
      const after = await this.#records.get('archive', archiveId);
      return { ok: true, value: indexEntry(after?.value ?? found.value), findings: [], effects };
    });
  }

  /**
   * AR-6: finds archives by number (archive, order or contract number), customer, product and
   * period (archiving month). Returns index entries only: the content needs a grant (AR-5).
   */
  async search(query: ArchiveQuery = {}): Promise<ArchiveIndexEntry[]> {
    const out: ArchiveIndexEntry[] = [];
    const where = {
      ...(query.customerId !== undefined ? { customer: query.customerId } : {}),
      ...(query.productId !== undefined ? { products: query.productId } : {}),
    };
    for (const { value } of await this.#records.find('archive', where)) {
      const e = indexEntry(value);
      const numbers = [e.number, e.orderNumber, value.content.order.contract.number];
      if (query.number !== undefined && !numbers.includes(query.number)) continue;
      if (query.customerId !== undefined && e.customerId !== query.customerId) continue;
      if (query.productId !== undefined && !e.productIds.includes(query.productId)) continue;
      if (query.period?.from !== undefined && e.month < query.period.from) continue;
      if (query.period?.to !== undefined && e.month > query.period.to) continue;
      out.push(e);
    }
    return out.sort((a, b) => a.number.localeCompare(b.number));
  }

  /**
   * AR-6: archives due for disposal as of the clock's now — their retention date (the policy's
   * anniversary of archiving, in its time zone) has come, the anniversary itself included — and
   * not on legal hold (`isDueForDisposal`).
   */
  async dueForDisposal(): Promise<ArchiveIndexEntry[]> {
    const now = this.#clock.now();
    return (await this.search()).filter((e) => isDueForDisposal(e, now, this.policy));
  }

  /**
   * AR-3: runs the monthly filing for `month` (`YYYY-MM`): files the month's contracts not yet
   * filed (and earlier months' left over, as late), numbered per `archive.filing.numberPattern`
   * in customer/product order, and reports what was filed, what was late and what carries over
   * to next month (signed after the filing day). Recorded on the `filing:<month>` stream.
   * @throws {ValidationError} when the month or actor is malformed.
   */
  fileMonth(month: string, actorInput: ActorInput): Promise<ArchiveResult<FilingReport>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    parseOrThrow(Month, month, 'month');
    return this.#runner.attempt(async () => {
      const now = this.#clock.now();
      if (!mayAct(this.policy, actor, { roles: this.policy.archive.filing.roles, now })) {
        return refusal('NOT_ELIGIBLE', `${actor.id} may not run the monthly filing`, {
          messageKey: 'archive.filing.notAllowed',
          params: { actor: actor.id },
        });
      }
      const contracts: FilingContract[] = [];
      for (const { value } of await this.#records.find('order')) {
        const signedAt = contractSignedAt(value);
        if (signedAt === undefined) continue;
        const { order } = value;
        contracts.push({
          orderId: order.id,
          orderNumber: order.number,
          contractNumber: order.contract.number || order.number,
          customerId: order.customer.id,
          customerName: order.customer.name,
          productIds: [...new Set(order.lines.map((l) => l.productId).filter((p) => p !== ''))],
          signedAt,
        });
      }
      const filed = new Set((await this.#records.find('archive-filing')).map((r) => r.key));
      const plan = planFiling({ month, now, contracts, filed }, this.policy);
      const pattern = this.policy.archive.filing.numberPattern;
      const entries: FiledContract[] = [];
      for (const entry of plan.toFile) {
        const sequence = await this.#store.nextSequence(
          periodSequenceScope('filing-number', pattern, month),
        );
        entries.push({
          ...entry,
          filingNumber: formatPeriodNumber(pattern, { month, sequence }),
          filedAt: now,
          filedBy: actor.id,
        });
      }
      const report: FilingReport = {
        month,
        dueDate: plan.dueDate,
        onTime: plan.onTime,
        filed: entries,
        late: entries.filter((e) => e.late),
        carriedOver: plan.carriedOver,
      };
      await this.#runner.commit({
        at: now,
        writes: entries.map((e) => ({
          kind: 'archive-filing' as const,
          key: e.orderId,
          expectedVersion: 0,
          value: e,
        })),
        events: [
          {
            stream: filingStream(month),
            type: 'archive.filed',
            at: now,
            actor: actor.id,
            ruleIds: ['AR-3'],
            data: {
              month,
              dueDate: plan.dueDate,
              onTime: plan.onTime,
              filed: entries.map((e) => ({
                orderId: e.orderId,
                filingNumber: e.filingNumber,
                customerId: e.customerId,
                productIds: e.productIds,
                late: e.late,
              })),
              carriedOver: plan.carriedOver.map((c) => c.orderId),
            },
          },
        ],
      });
      return { ok: true, value: report, findings: [], effects: [] };
    });
  }

  /**
   * AR-4, AR-5: the contract ledger for a reader entitled to it (a role of
   * `archive.access.approverRoles` or `archive.filing.roles`); every read is recorded on the
   * ledger's trail, refused ones too.
   */
  readContractLedger(actorInput: ActorInput): Promise<ArchiveResult<ContractLedgerEntry[]>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const now = this.#clock.now();
      const roles = [
        ...this.policy.archive.access.approverRoles,
        ...this.policy.archive.filing.roles,
      ];
      const allowed = mayAct(this.policy, actor, { roles, now });
      const ledger = allowed ? await this.contractLedger() : [];
      await this.#runner.commit({
        at: now,
        writes: [],
        events: [
          {
            stream: 'ledger:contracts',
            type: allowed ? 'archive.ledgerRead' : 'archive.ledgerReadRefused',
            at: now,
            actor: actor.id,
            ruleIds: ['AR-4', 'AR-5'],
            data: { reader: actor.id, entries: ledger.length },
          },
        ],
      });
      if (!allowed)
        return refusal('NOT_ELIGIBLE', `${actor.id} may not read the contract ledger`, {
          messageKey: 'archive.ledger.notAllowed',
          params: { actor: actor.id },
          ruleId: 'AR-5',
        });
      return { ok: true, value: ledger, findings: [], effects: [] };
    });
  }

  /** AR-4: the contract ledger of every signed order in the store, with the changes their trails record. */
  async contractLedger(): Promise<ContractLedgerEntry[]> {
    const records = (await this.#records.find('order')).map((r) => r.value);
    const events: AuditEvent[] = [];
    for (const r of records)
      events.push(...(await this.#store.readStream(orderStream(r.order.id))));
    return contractLedger(records, events);
  }

  async #verifyTrail(archiveId: string, record: unknown): Promise<ArchiveProblem[]> {
    const r = record as Partial<ArchiveRecord> | null;
    const content = r?.content;
    if (!content || typeof content.orderId !== 'string' || !Array.isArray(content.events))
      return [];
    const number = typeof content.number === 'string' ? content.number : '';
    const stream = orderStream(content.orderId);
    const live = await this.#store.readStream(stream);
    const problems: ArchiveProblem[] = [];
    const problem = (seq: number, detail: string) =>
      problems.push({ code: 'ORDER_TRAIL_ALTERED', archiveId, number, stream, seq, detail });
    const chain = verifySealed(await this.#store.readSealed(stream), this.#hasher);
    if (!chain.ok) problem(chain.problem.seq, chain.problem.code);
    const diverges = content.events.findIndex((e, i) => live[i]?.hash !== e.hash);
    if (diverges >= 0) problem(diverges + 1, 'DIVERGES');
    const archived = live.find(
      (e) =>
        // A tampered event may have lost its data: verification must report it, never throw.
        e.type === 'order.archived' &&
        (e.data as { archiveId?: unknown } | null | undefined)?.archiveId === archiveId,
    );
    if (
      !archived ||
      (archived.data as { recordHash?: unknown } | null | undefined)?.recordHash !== r.seal?.hash
    )
      problem(archived?.seq ?? 0, 'ARCHIVED_EVENT');
    return problems;
  }

  #decide(
    requestId: string,
    actorInput: ActorInput,
    decision: { approve: boolean; reason?: string },
  ): Promise<ArchiveResult<AccessRequest>> {
    const actor = parseOrThrow(Actor, actorInput, 'actor');
    return this.#runner.attempt(async () => {
      const request = await this.#records.get('archive-access', requestId);
      if (!request) return refusal('NOT_FOUND', `access request ${requestId} not found`);
      const found = await this.#records.get('archive', request.value.archiveId);
      if (!found) return refusal('NOT_FOUND', `archive ${request.value.archiveId} not found`);
      const now = this.#clock.now();
      const decided = decideAccess(
        request.value,
        { actor, ...decision },
        { policy: this.policy, now },
      );
      if (!decided.ok) {
        return refusal(decided.code, decided.message, {
          messageKey: `archive.access.${decided.code}`,
          params: { actor: actor.id, request: requestId },
        });
      }
      const value = decided.request;
      const approved = value.status === 'approved';
      const params = {
        number: found.value.content.number,
        by: actor.id,
        until: value.validUntil ?? '',
        reason: value.decisionReason ?? '',
      };
      const effects = await this.#append({
        found,
        actor: actor.id,
        now,
        events: [
          {
            type: approved ? 'archive.accessGranted' : 'archive.accessRejected',
            ruleIds: ['AR-5'],
            data: { ...value },
          },
        ],
        writes: [
          { kind: 'archive-access', key: value.id, expectedVersion: request.version, value },
        ],
        effects: [
          {
            type: 'notify',
            to: { users: [value.requester] },
            messageKey: approved ? 'archive.access.granted' : 'archive.access.rejected',
            params,
            ruleId: 'AR-5',
          },
        ],
      });
      return { ok: true, value, findings: [], effects };
    });
  }

  /** A read of the archive's content (AR-5): recorded whether it is granted or refused. */
  #guarded<T>(
    archiveId: string,
    actor: Actor,
    recorded: GuardedRead,
    produce: (found: Versioned<ArchiveRecord>) => T | Promise<T>,
  ): Promise<ArchiveResult<T>> {
    return this.#runner.attempt(async () => {
      const found = await this.#records.get('archive', archiveId);
      if (!found) return refusal('NOT_FOUND', `archive ${archiveId} not found`);
      const now = this.#clock.now();
      const grant = (
        await this.#records.find('archive-access', {
          archive: archiveId,
          requester: actor.id,
          status: 'approved',
        })
      )
        .map((r) => r.value)
        .find((r) => isGrantLive(r, { archiveId, actorId: actor.id, now }));
      if (!grant) {
        await this.#append({
          found,
          actor: actor.id,
          now,
          events: [
            {
              type: recorded.refused,
              ruleIds: ['AR-5'],
              data: { reader: actor.id, code: 'NO_GRANT' },
            },
          ],
        });
        return refusal(
          'NO_GRANT',
          `${actor.id} holds no live access grant for archive ${archiveId} (AR-5)`,
          {
            messageKey: 'archive.access.noGrant',
            params: { actor: actor.id, number: found.value.content.number },
          },
        );
      }
      const effects = await this.#append({
        found,
        actor: actor.id,
        now,
        events: [
          {
            type: recorded.granted,
            ruleIds: ['AR-5'],
            data: { reader: actor.id, grant: grant.id, validUntil: grant.validUntil ?? '' },
          },
        ],
      });
      return { ok: true, value: await produce(found), findings: [], effects };
    });
  }

  /**
   * Appends events to an archive's stream and rewrites the record's state (stream head, legal
   * hold) in the same commit, so a cut-off tail or an altered hold is caught by verification.
   */
  async #append(a: ArchiveAppend): Promise<Effect[]> {
    const { found } = a;
    const stream = archiveStream(found.key);
    const drafts: TypedAuditDraft[] = a.events.map((e) => ({
      ...e,
      stream,
      at: a.now,
      actor: a.actor,
    }));
    let head: ChainHead | undefined = found.value.state.streamHead;
    for (const d of drafts) {
      const sealed = sealEvent(head, d, this.#hasher);
      head = { seq: sealed.seq, hash: sealed.hash };
    }
    const state = {
      legalHold: a.legalHold === undefined ? found.value.state.legalHold : a.legalHold,
      streamHead: head ?? found.value.state.streamHead,
    };
    const orderId = found.value.content.orderId;
    const effects: Effect[] = (a.effects ?? []).map((d, i) => ({
      ...d,
      key: `${found.key}:${String(state.streamHead.seq)}:${String(i)}`,
      orderId,
    }));
    await this.#runner.commit({
      at: a.now,
      writes: [
        {
          kind: 'archive',
          key: found.key,
          expectedVersion: found.version,
          value: { ...found.value, state },
        },
        ...(a.writes ?? []),
      ],
      events: drafts,
      effects,
    });
    if (effects.length > 0) await this.#runner.dispatch().catch(() => undefined);
    return effects;
  }
}
