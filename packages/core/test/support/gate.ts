import {
  Ordergate,
  type Effect,
  type Versioned,
  type ActorInput,
  type EffectReceiver,
  type Hasher,
  type OrderView,
  type Policy,
  type Result,
  type Store,
  type WorkflowEvent,
  type Clock,
  type IdSource,
} from '../../src/index.js';

/** Ports of a test façade. */
export interface GateOptions {
  policy: Policy;
  store: Store;
  clock: Clock;
  ids: IdSource;
  hasher?: Hasher;
  receiver?: EffectReceiver;
  /** Old name of the receiver: effects delivered in batches to a recording notifier. */
  notifier?: { deliver(effects: readonly Effect[]): Promise<void> };
}

/** An `Ordergate` whose retries do not wait (tests run many racing writers). */
export function gate(options: GateOptions): Ordergate {
  const receiver =
    options.receiver ??
    (options.notifier
      ? {
          deliver: (effect: Effect) => options.notifier!.deliver([effect]),
        }
      : undefined);
  return new Ordergate({
    policy: options.policy,
    store: options.store,
    clock: options.clock,
    ids: options.ids,
    ...(options.hasher ? { hasher: options.hasher } : {}),
    ...(receiver ? { receiver } : {}),
    pause: () => new Promise((resolve) => setImmediate(resolve)),
  });
}

/**
 * Sends a workflow event through the façade's named method for it: tests written as event
 * tables still take the public path.
 */
export function actOn(
  og: Ordergate,
  orderId: string,
  event: WorkflowEvent,
): Promise<Result<OrderView>> {
  switch (event.type) {
    case 'APPROVE':
      return og.approve(orderId, event.actor, pick(event, 'step', 'comment'));
    case 'REJECT':
      return og.reject(orderId, event.actor, event.reason);
    case 'RETURN':
      return og.returnToSales(orderId, event.actor, event.reason);
    case 'RECORD_WRITTEN_CONFIRMATION':
      return og.recordWrittenConfirmation(orderId, event.actor, event.reference);
    case 'CONFIRM':
      return og.confirm(orderId, event.actor);
    case 'RECORD_CONTRACT_REVIEW':
      return og.recordContractReview(
        orderId,
        event.actor,
        pick(event, 'outcome', 'reference', 'comment'),
      );
    case 'RECORD_CONTRACT_SIGNED':
      return og.recordContractSigned(orderId, event.actor, pick(event, 'signedAt', 'reference'));
    case 'RELEASE_CREDIT':
      return og.releaseCredit(orderId, event.actor, pick(event, 'reason', 'expiresAt', 'comment'));
    case 'DECLINE_CREDIT':
      return og.declineCredit(orderId, event.actor, event.reason);
    case 'RECORD_PREPAYMENT':
      return og.recordPrepayment(orderId, event.actor, pick(event, 'amount', 'reference'));
    case 'RECORD_GUARANTEE':
      return og.recordGuarantee(orderId, event.actor, { reference: event.reference });
    case 'REQUEST_CHANGE':
      return event.request.kind === 'cancel'
        ? og.requestCancellation(orderId, event.actor, event.request)
        : og.requestChange(orderId, event.actor, event.request);
    case 'APPROVE_CHANGE':
      return og.approveChange(orderId, event.actor, pick(event, 'step', 'comment'));
    case 'REJECT_CHANGE':
      return og.rejectChange(orderId, event.actor, event.reason);
    case 'RECORD_PROGRESS': {
      const { type: _t, actor, ...progress } = event;
      return og.recordProgress(orderId, actor, progress);
    }
    case 'FORECAST_DELIVERY':
      return og.forecastDelivery(orderId, event.actor, pick(event, 'date', 'reason'));
    case 'DELIVER':
      return og.deliver(orderId, event.actor, pick(event, 'date', 'reference'));
    case 'REPORT_ACCEPTANCE_ISSUE': {
      const { type: _t, actor, ...issue } = event;
      return og.reportIssue(orderId, actor, issue);
    }
    case 'CLOSE_ISSUE':
      return og.closeIssue(orderId, event.actor, pick(event, 'issueId', 'resolution'));
    case 'SETTLE': {
      const { type: _t, actor, ...settlement } = event;
      return og.settle(orderId, actor, settlement);
    }
    case 'COMPLETE':
      return og.complete(orderId, event.actor);
    case 'CHECK_DEADLINES':
    case 'CHECK_CHANGE_DEADLINES':
    case 'CHECK_CREDIT_RELEASE':
    case 'CHECK_DELIVERY':
      return og.runScheduledChecks().then(async (checks) => {
        const picture = await og.order(orderId);
        if (!picture) throw new Error(`no order ${orderId}`);
        const mine = checks.find((c) => c.orderId === orderId);
        return {
          ok: true as const,
          value: picture,
          findings: mine?.findings ?? [],
          effects: mine?.effects ?? [],
        };
      });
    default:
      throw new Error(`${event.type} has no named method (archive through og.archive)`);
  }
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as Pick<T, K>;
}

/** The order-desk surface tests were written against, over the façade's named methods. */
export function orderDesk(og: Ordergate) {
  return {
    policy: og.policy,
    submit: (order: unknown, actor: ActorInput) =>
      og.submit(order as Parameters<Ordergate['submit']>[0], actor),
    approve: og.approve.bind(og),
    reject: og.reject.bind(og),
    returnToSales: og.returnToSales.bind(og),
    recordWrittenConfirmation: og.recordWrittenConfirmation.bind(og),
    confirm: og.confirm.bind(og),
    requestChange: og.requestChange.bind(og),
    requestCancellation: og.requestCancellation.bind(og),
    approveChange: og.approveChange.bind(og),
    rejectChange: og.rejectChange.bind(og),
    revision: og.revision.bind(og),
    diff: og.diff.bind(og),
    putCustomer: (c: unknown) => og.putCustomer(c as never),
    checkDeadlines: async () => (await og.runScheduledChecks()).map((c) => c.orderId),
    act: (orderId: string, event: WorkflowEvent) => actOn(og, orderId, event),
    get: async (orderId: string): Promise<OrderView | undefined> => og.order(orderId),
    assessment: async (orderId: string) => (await og.order(orderId))?.workflow.findings,
    approvalState: async (orderId: string) => (await og.order(orderId))?.workflow.route,
    history: og.history.bind(og),
    /** Every chain and anchor in the store; with an order id, also that order's trail length. */
    verify: async (orderId?: string) => {
      const report = await og.verify();
      if (!report.ok || orderId === undefined) return report;
      return { ...report, events: (await og.history(orderId)).length };
    },
    /** The orders waiting in review, urgent first (IN-4), then by review deadline (RV-2). */
    queue: async () => {
      const { people } = await import('./people.js');
      const items = await og.workQueue(people.liu);
      const views = await Promise.all(items.map((i) => og.order(i.orderId)));
      return views.filter((v): v is NonNullable<typeof v> => v?.workflow.status === 'in_review');
    },
    og,
  };
}

/** The credit-request surface tests were written against (CR-3). */
export function creditDesk(og: Ordergate) {
  return {
    policy: og.policy,
    proposeChange: og.proposeCreditChange.bind(og),
    proposeTemporaryIncrease: og.proposeTemporaryIncrease.bind(og),
    approve: og.approveCreditRequest.bind(og),
    reject: og.rejectCreditRequest.bind(og),
    request: og.creditRequest.bind(og),
    requests: og.creditRequests.bind(og),
    customer: og.customer.bind(og),
    effectiveLimit: og.effectiveLimit.bind(og),
    ageing: og.ageing.bind(og),
    history: og.customerHistory.bind(og),
  };
}

/** The tracking surface (TR-1…TR-5). */
export function trackingDesk(og: Ordergate) {
  return {
    recordProgress: og.recordProgress.bind(og),
    forecastDelivery: og.forecastDelivery.bind(og),
    deliver: og.deliver.bind(og),
    reportIssue: og.reportIssue.bind(og),
    closeIssue: og.closeIssue.bind(og),
    settle: og.settle.bind(og),
    complete: og.complete.bind(og),
    checkDeliveryForecasts: async () =>
      (await og.runScheduledChecks()).filter((c) => c.findings.length > 0).map((c) => c.orderId),
    timeline: og.timeline.bind(og),
    metrics: og.metrics.bind(og),
  };
}

/** The archive surface (AR-1…AR-6). */
export function archiveDesk(og: Ordergate) {
  return {
    policy: og.policy,
    archive: og.archive.bind(og),
    verify: og.verifyArchive.bind(og),
    requestAccess: og.requestArchiveAccess.bind(og),
    approveAccess: og.approveArchiveAccess.bind(og),
    rejectAccess: og.rejectArchiveAccess.bind(og),
    read: og.readArchive.bind(og),
    exportBundle: og.exportArchive.bind(og),
    setLegalHold: og.setLegalHold.bind(og),
    search: og.searchArchive.bind(og),
    dueForDisposal: og.dueForDisposal.bind(og),
    fileMonth: og.fileMonth.bind(og),
    contractLedger: og.contractLedger.bind(og),
  };
}

/** Store record kinds and streams, as the core writes them (for tamper tests). */
export const ORDER_KIND = 'order';
export const ARCHIVE_KIND = 'archive';
export const ACCESS_KIND = 'archive-access';
export const FILING_KIND = 'archive-filing';
export const CREDIT_REQUEST_KIND = 'credit-request';
export const CUSTOMER_KIND = 'customer';
export const orderStream = (id: string) => `order:${id}`;
export const archiveStream = (id: string) => `archive:${id}`;
export const customerStream = (id: string) => `customer:${id}`;
export const filingStream = (month: string) => `filing:${month}`;

/** A stored record read as `T` (tests know what they stored). */
export async function read<T>(
  store: Store,
  kind: string,
  key: string,
): Promise<Versioned<T> | undefined> {
  return (await store.get(kind, key)) as Versioned<T> | undefined;
}

/** Every stored record of a kind, read as `T`. */
export async function list<T>(store: Store, kind: string): Promise<Versioned<T>[]> {
  return (await store.find(kind)) as Versioned<T>[];
}
