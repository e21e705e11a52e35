import { z } from 'zod';
import type { AuditEvent } from '../audit/AuditEvent.js';
import type { AuditEventType } from '../state/auditEventTypes.js';
import type { Result } from '../runner/Result.js';
import type { OrderDesk } from './OrderDesk.js';
import { orderStream, type OrderView } from '../state/OrderRecord.js';
import { parseOrThrow } from '../errors.js';
import { Actor, type ActorInput } from '../model/Actor.js';
import { IsoDate } from '../model/Temporal.js';
import { FulfilmentStep } from '../policy/trackingPolicy.js';
import { IssueReport, type IssueReportInput } from '../state/TrackingState.js';
import type { Store } from '../ports/Store.js';
import { computeMetrics, type MetricsOptions, type OrderMetrics } from './computeMetrics.js';

/**
 * TR-1: a fulfilment step started or done (`recordProgress`).
 *
 * @example
 * Progress.parse({ step: 'production', status: 'started' });
 */
export const Progress = z.object({
  step: FulfilmentStep,
  status: z.enum(['started', 'done']),
  date: IsoDate.optional(),
  reference: z.string().optional(),
  note: z.string().optional(),
  advanceReceived: z.number().int().min(0).optional(),
});
/**
 * TR-2: the expected delivery date and why (`forecastDelivery`).
 *
 * @example
 * Forecast.parse({ date: '2026-04-20', reason: 'Casting late' });
 */
export const Forecast = z.object({ date: IsoDate, reason: z.string().optional() });
/**
 * TR-1: when the goods were delivered and the delivery note (`deliver`).
 *
 * @example
 * Delivery.parse({ date: '2026-04-15', reference: 'DN-88' });
 */
export const Delivery = z.object({ date: IsoDate.optional(), reference: z.string().optional() });
/**
 * AR-1: payment and invoicing facts (`settle`).
 *
 * @example
 * Settlement.parse({ paid: true, invoiced: true, invoiceRef: 'INV-9' });
 */
export const Settlement = z.object({
  paid: z.boolean().optional(),
  invoiced: z.boolean().optional(),
  paymentRef: z.string().optional(),
  invoiceRef: z.string().optional(),
});

/** Fulfilment-tracking audit event types (TR-1…TR-4): the order's visible timeline. */
const TIMELINE_TYPES: ReadonlySet<string> = new Set<AuditEventType>([
  'order.confirmed',
  'fulfilment.started',
  'fulfilment.progress',
  'delivery.forecast',
  'delivery.forecastLate',
  'delivery.atRisk',
  'delivery.overdue',
  'order.delivered',
  'acceptance.issueReported',
  'acceptance.issueClosed',
  'order.settlement',
  'order.settled',
  'order.completed',
  'order.archived',
]);

/**
 * The tracking desk (TR-1…TR-5): typed, validated entry points for the fulfilment events on the
 * order desk, the TR-2 delivery check over every open order, the order's tracking timeline and
 * the TR-5 metrics from the store's trails.
 *
 * @example
 * const tracking = new TrackingDesk({ desk, store });
 * await tracking.recordProgress(orderId, liu, { step: 'production', status: 'started', advanceReceived: 3_390_000 });
 * await tracking.checkDeliveryForecasts(); // orders newly flagged at risk or overdue (TR-2)
 */
export class TrackingDesk {
  readonly #desk: OrderDesk;
  readonly #store: Store;

  constructor(options: { desk: OrderDesk; store: Store }) {
    this.#desk = options.desk;
    this.#store = options.store;
  }

  /**
   * TR-1: a fulfilment step started or is done (RV-8 gate before production, CR-8 before shipping).
   * @throws {ValidationError} when the actor or progress is malformed.
   */
  recordProgress(
    orderId: string,
    actor: ActorInput,
    progress: z.input<typeof Progress>,
  ): Promise<Result<OrderView>> {
    const p = parseOrThrow(Progress, progress, 'progress');
    return this.#desk.act(orderId, {
      type: 'RECORD_PROGRESS',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...p,
    });
  }

  /** TR-2: the expected delivery date; a date after the agreed one is flagged at once. */
  forecastDelivery(
    orderId: string,
    actor: ActorInput,
    forecast: z.input<typeof Forecast>,
  ): Promise<Result<OrderView>> {
    const f = parseOrThrow(Forecast, forecast, 'forecast');
    return this.#desk.act(orderId, {
      type: 'FORECAST_DELIVERY',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...f,
    });
  }

  /** TR-1: the goods were delivered (today in the policy's time zone unless `date` is given). */
  deliver(
    orderId: string,
    actor: ActorInput,
    delivery: z.input<typeof Delivery> = {},
  ): Promise<Result<OrderView>> {
    const d = parseOrThrow(Delivery, delivery, 'delivery');
    return this.#desk.act(orderId, {
      type: 'DELIVER',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...d,
    });
  }

  /**
   * TR-3: the customer reports damage, a quantity mismatch or a quality problem (with its remedy),
   * or a late delivery (remedy optional); an issue opens and counts in the complaint rate (TR-5).
   * @throws {ValidationError} when the actor or issue is malformed (a goods issue without remedy).
   */
  reportIssue(
    orderId: string,
    actor: ActorInput,
    issue: IssueReportInput,
  ): Promise<Result<OrderView>> {
    const i = parseOrThrow(IssueReport, issue, 'acceptance issue');
    return this.#desk.act(orderId, {
      type: 'REPORT_ACCEPTANCE_ISSUE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...i,
    });
  }

  /** TR-3: an acceptance issue is resolved. */
  closeIssue(
    orderId: string,
    actor: ActorInput,
    issue: { issueId: string; resolution: string },
  ): Promise<Result<OrderView>> {
    return this.#desk.act(orderId, {
      type: 'CLOSE_ISSUE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      issueId: issue.issueId,
      resolution: issue.resolution,
    });
  }

  /** Finance records payment and/or invoicing; paid and invoiced after delivery settles the order. */
  settle(
    orderId: string,
    actor: ActorInput,
    settlement: z.input<typeof Settlement>,
  ): Promise<Result<OrderView>> {
    const s = parseOrThrow(Settlement, settlement, 'settlement');
    return this.#desk.act(orderId, {
      type: 'SETTLE',
      actor: parseOrThrow(Actor, actor, 'actor'),
      ...s,
    });
  }

  /** TR-4: delivery and after-sales are done. */
  complete(orderId: string, actor: ActorInput): Promise<Result<OrderView>> {
    return this.#desk.act(orderId, {
      type: 'COMPLETE',
      actor: parseOrThrow(Actor, actor, 'actor'),
    });
  }

  /**
   * TR-2: checks every confirmed or in-fulfilment order against its agreed delivery date and
   * returns those newly flagged (late forecast, at risk, overdue).
   */
  async checkDeliveryForecasts(): Promise<string[]> {
    const flagged: string[] = [];
    for (const view of await this.#desk.list(['confirmed', 'in_fulfilment'])) {
      const r = await this.#desk.act(view.order.id, { type: 'CHECK_DELIVERY' });
      if (r.ok && r.findings.length > 0) flagged.push(view.order.id);
    }
    return flagged;
  }

  /** TR-1: the order's status and its fulfilment timeline, oldest first, for sales and the customer. */
  async timeline(
    orderId: string,
  ): Promise<{ status: OrderView['workflow']['status']; events: AuditEvent[] } | undefined> {
    const view = await this.#desk.get(orderId);
    if (!view) return undefined;
    const events = (await this.#store.readStream(orderStream(orderId))).filter((e) =>
      TIMELINE_TYPES.has(e.type),
    );
    return { status: view.workflow.status, events };
  }

  /** TR-5: metrics over every order in the store (see `computeMetrics`). */
  async metrics(options: Omit<MetricsOptions, 'timeZone'> = {}): Promise<OrderMetrics[]> {
    const records = await this.#desk.list();
    const events: AuditEvent[] = [];
    for (const r of records)
      events.push(...(await this.#store.readStream(orderStream(r.order.id))));
    return computeMetrics(
      { records, events },
      { ...options, timeZone: this.#desk.policy.timeZone },
    );
  }
}
