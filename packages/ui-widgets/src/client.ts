import type { Lang } from './i18n.js';

/** A localized text of the policy: `{ en, zh }`. */
export interface LocalText {
  en: string;
  zh: string;
}

/** One approval given on a step (who, as which role and department, when, with what comment). */
export interface Approval {
  actor: string;
  /** The person whose authority the actor used, when signing as their substitute (delegation). */
  onBehalfOf?: string;
  role?: string;
  department?: string;
  at: string;
  comment?: string;
}

/** A step of a review route, as the service reports it (RV-2…RV-8). */
export interface RouteStep {
  key: string;
  mode: string;
  label: LocalText;
  roles: string[];
  stage: number;
  status: string;
  overdue: boolean;
  ruleIds: string[];
  deadline?: string;
  activatedAt?: string;
  approvals: Approval[];
  escalatedTo: string[];
  /** Per department in a joint review (RV-4): its own due time, when the service gives one. */
  departments?: { department: string; deadline?: string; overdue?: boolean }[];
}

/** One value that made a rule fire: the field, its value and the limit it crossed. */
export interface Evidence {
  field: string;
  value?: unknown;
  limit?: unknown;
}

/** A finding of the rules (`messageKey` + `params` render in either language). */
export interface Finding {
  ruleId: string;
  severity: string;
  messageKey: string;
  params: Record<string, unknown>;
  source?: string;
  steps?: string[];
  evidence?: Evidence[];
}

/** A credit hold (CR-4, CR-6) and the ways out of it. */
export interface CreditHold {
  ruleId: string;
  messageKey: string;
  paths: string[];
  prepaymentRequired?: number;
}

/** An order's picture: the order, its workflow, audit trail and the customer's credit. */
export interface OrderPicture {
  order: {
    id: string;
    number: string;
    currency: string;
    customer: { id: string; name: string };
    salesperson: string;
    urgent?: boolean;
    [field: string]: unknown;
  };
  workflow: {
    status: string;
    owner?: string;
    route?: { steps: RouteStep[]; reviewDeadline?: string };
    findings?: Finding[];
    credit?: {
      holds: CreditHold[];
      heldAt?: string;
      releaseRoute?: { steps: RouteStep[] };
      release?: { by: string; at?: string; reason?: string; expiresAt?: string };
      [field: string]: unknown;
    };
    /** Fulfilment tracking (TR-1…TR-4), once the order is confirmed. */
    tracking?: Tracking;
    /** Change control (CH-1…CH-7): the pending change or cancellation and the decided ones. */
    change?: { pending?: PendingChange; history?: PendingChange[] };
    [field: string]: unknown;
  };
  version: number;
  history: { type: string; at?: string; actor?: string; [field: string]: unknown }[];
  /** The customer's credit now: exposure with this order against the limit (CR-4), ageing (CR-7). */
  credit?: { exposure?: Exposure; ageing?: Ageing; [field: string]: unknown };
}

/** An order's fulfilment tracking (TR-1…TR-4) as the workflow keeps it. */
export interface Tracking {
  steps: Partial<
    Record<
      string,
      { status: 'started' | 'done'; at: string; by: string; reference?: string; date?: string }
    >
  >;
  forecast?: { date: string; late: boolean; reason?: string };
  alerts: { lateForecast?: string; atRisk?: string; overdue?: string };
  delivery?: { date: string; onTime: boolean; agreedDate?: string; reference?: string };
  issues: {
    id: string;
    kind: string;
    remedy?: string;
    description: string;
    status: 'open' | 'closed';
    reportedAt: string;
    reportedBy: string;
    closedAt?: string;
    resolution?: string;
  }[];
  settlement: { paid: boolean; invoiced: boolean; paidAt?: string; invoicedAt?: string };
  completedAt?: string;
}

/** A change or cancellation request with its review route (CH-1…CH-5). */
export interface PendingChange {
  id: string;
  kind: 'change' | 'cancel';
  reason: string;
  impact?: string;
  patch?: ChangeOp[];
  route?: { steps: RouteStep[] };
  status?: string;
  requestedBy?: string;
  requestedAt?: string;
  baseRevision?: number;
  findings?: Finding[];
  /** Once decided: approved (with the revision it made), rejected or withdrawn. */
  decision?: {
    outcome: 'approved' | 'rejected' | 'withdrawn';
    at: string;
    by: string;
    reason?: string;
    revision?: number;
  };
  [field: string]: unknown;
}

/** Whether the caller may take an action now, and if not the code, rule and message. */
export interface AllowedAction {
  action: string;
  allowed: boolean;
  code?: string;
  ruleId?: string;
  messageKey?: string;
  params?: Record<string, unknown>;
}

/** A step of a queued order that waits for the caller (the service's `approvalsDue`). */
export interface WorkStep {
  key: string;
  label: LocalText;
  /** The rules whose findings require the step. */
  ruleIds: string[];
  /** Whom the caller stands in for on this step, under a delegation the policy records. */
  onBehalfOf?: string;
  /** The last instant of that delegation, when it has one. */
  delegatedUntil?: string;
}

/** One line of the caller's work queue. */
export interface WorkItem {
  orderId: string;
  number?: string;
  status: string;
  urgent: boolean;
  dueAt?: string;
  actions: string[];
  customer: { id: string; name: string };
  /** The order's total including tax, in minor units of `currency`. */
  amount: { total: number; currency: string };
  /** The rules whose findings (or credit holds) put the order in the queue. */
  ruleIds: string[];
  /** A step waiting for the caller is past its deadline (RV-2). */
  overdue: boolean;
  /** The steps waiting for the caller, each saying when they would sign as a substitute. */
  steps: WorkStep[];
}

/** An audit event of the order's trail (typed by the core's catalogue). */
export interface TrailEvent {
  type: string;
  at: string;
  actor?: string;
  ruleIds?: string[];
  data?: Record<string, unknown>;
  [field: string]: unknown;
}

/** `GET /v1/orders/{id}/timeline` (TR-1): the status and the fulfilment events, oldest first. */
export interface Timeline {
  status: string;
  events: TrailEvent[];
}

/** One ageing bucket of a customer's receivables (CR-7). */
export interface AgeingBucket {
  key: string;
  minDays?: number;
  maxDays?: number;
  amount: number;
  count: number;
}

/** A customer's receivables ageing now (CR-7). */
export interface Ageing {
  asOf: string;
  currency: string;
  buckets: AgeingBucket[];
  total: number;
  overdue: number;
  oldestDaysOverdue?: number;
}

/** The customer's credit exposure including this order, against the limit in force (CR-4). */
export interface Exposure {
  currency: string;
  receivables: number;
  openOrders: number;
  confirmedHere?: number;
  thisOrder: number;
  total: number;
  limit: number;
  baseLimit?: number;
  temporaryIncrease?: number;
  oldestDueDate?: string;
}

/** `GET /v1/customers/{id}/credit` (CR-1, CR-3, CR-7): the customer, limit in force, ageing, requests. */
export interface CreditPicture {
  customer: {
    id: string;
    name?: string;
    credit?: { grade?: string; limit?: { amount: number; currency: string }; [f: string]: unknown };
    [field: string]: unknown;
  };
  effectiveLimit?: { amount: number; currency: string; base?: number; temporary?: number };
  ageing?: Ageing;
  creditRequests: { id: string; status: string; [field: string]: unknown }[];
}

/** One field that differs between two revisions (CH-5). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** `GET /v1/orders/{id}/diff` (CH-5): header fields, then lines, that differ. */
export interface RevisionDiff {
  orderId: string;
  from: number;
  to: number;
  header: FieldChange[];
  lines: (
    | { kind: 'added' | 'removed'; lineId: string; line: Record<string, unknown> }
    | { kind: 'changed'; lineId: string; changes: FieldChange[] }
  )[];
}

/** One field operation of a change request (CH-2): `set` a header field (dotted path). */
export type ChangeOp =
  | { op: 'set'; field: string; value?: unknown }
  | { op: 'updateLine'; lineId: string; set: Record<string, unknown> }
  | { op: 'addLine'; line: Record<string, unknown> }
  | { op: 'removeLine'; lineId: string };

/** A change request against a revision (CH-1, CH-2, CH-4). */
export interface ChangeRequestInput {
  baseRevision: number;
  reason: string;
  impact: string;
  customerRequested?: boolean;
  patch: ChangeOp[];
}

/** A rate of the TR-5 metrics: `count` of `of`, `rate` null when there is nothing to count. */
export interface Rate {
  count: number;
  of: number;
  rate: number | null;
}

/** One row of the TR-5 metrics (a period, or one customer, product or salesperson in it). */
export interface MetricsRow {
  key: string;
  label: string;
  accuracy: Rate;
  onTimeDelivery: Rate;
  reviewCycle: { count: number; averageHours: number | null; maxHours: number | null };
  overdueReviews: number;
  creditHolds: number;
  complaints: Rate;
  complaintsByKind?: Record<string, number>;
}

/** What a command that succeeded answers: the order's new view, findings and effects. */
export interface CommandResult {
  value: {
    order: OrderPicture['order'];
    workflow: OrderPicture['workflow'];
    version: number;
    [field: string]: unknown;
  };
  findings: Finding[];
  effects: { type: string; [field: string]: unknown }[];
}

/** An RFC 9457 problem as the service answers it, `detail` in the caller's language. */
export interface Problem {
  type?: string;
  title: string;
  status: number;
  code: string;
  ruleId?: string;
  detail: string;
  errors?: { path: string; message: string }[];
  /** The findings of a refusal (a change that would break a rule…), each naming its field in `evidence`. */
  findings?: Finding[];
}

/**
 * A refusal or error the service answered (problem+json): `detail` is already localized.
 *
 * @example
 * try { await client.reject('so-1', ''); } catch (e) { if (e instanceof ApiError) show(e.problem.detail); }
 */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
    this.name = 'ApiError';
  }
}

/** Every service route the client calls, checked against `/openapi.json` by the tests. */
export const CLIENT_ROUTES = [
  { method: 'get', path: '/v1/work-queue' },
  { method: 'get', path: '/v1/orders/{id}' },
  { method: 'get', path: '/v1/orders/{id}/actions' },
  { method: 'post', path: '/v1/orders/{id}/approve' },
  { method: 'post', path: '/v1/orders/{id}/reject' },
  { method: 'post', path: '/v1/orders/{id}/return' },
  { method: 'get', path: '/v1/orders/{id}/timeline' },
  { method: 'get', path: '/v1/customers/{id}/credit' },
  { method: 'post', path: '/v1/orders/{id}/release-credit' },
  { method: 'post', path: '/v1/orders/{id}/decline-credit' },
  { method: 'get', path: '/v1/orders/{id}/diff' },
  { method: 'post', path: '/v1/orders/{id}/request-change' },
  { method: 'post', path: '/v1/orders/{id}/request-cancellation' },
  { method: 'post', path: '/v1/orders/{id}/approve-change' },
  { method: 'post', path: '/v1/orders/{id}/reject-change' },
  { method: 'post', path: '/v1/orders/{id}/withdraw-change' },
  { method: 'get', path: '/v1/metrics' },
  { method: 'get', path: '/v1/roles' },
  { method: 'get', path: '/v1/people' },
] as const;

/** Options of `OrdergateClient`. */
export interface ClientOptions {
  /** The service's origin and base path (default: this page's origin). */
  baseUrl?: string;
  /** The `Authorization: Bearer` credential: an API token, or a function answering a fresh one. */
  credential: string | (() => string | Promise<string>);
  /** The language of the service's `detail` texts (Accept-Language). */
  lang?: Lang;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * The small typed client of the order desk service the panels use. Every method is one request;
 * a refusal throws `ApiError` with the service's localized problem.
 *
 * @example
 * const client = new OrdergateClient({ baseUrl: 'https://desk.example', credential: 'og_…', lang: 'zh-CN' });
 * const queue = await client.workQueue();
 * await client.approve(queue[0]!.orderId, { comment: 'ok' });
 */
export class OrdergateClient {
  readonly #base: string;
  readonly #credential: ClientOptions['credential'];
  readonly #fetch: typeof fetch;
  /** The language asked of the service. */
  lang: Lang;

  constructor(options: ClientOptions) {
    this.#base = (options.baseUrl ?? globalThis.location?.origin ?? '').replace(/\/$/, '');
    this.#credential = options.credential;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.lang = options.lang ?? 'en';
  }

  /** `GET /v1/work-queue`: what the caller can act on now. */
  async workQueue(): Promise<WorkItem[]> {
    return (await this.#call<{ value: WorkItem[] }>('GET', '/v1/work-queue')).value;
  }

  /** `GET /v1/orders/{id}`: the order's picture. */
  async order(id: string): Promise<OrderPicture> {
    return (await this.#call<{ value: OrderPicture }>('GET', `/v1/orders/${enc(id)}`)).value;
  }

  /** `GET /v1/orders/{id}/actions`: every action, allowed for the caller or not. */
  async actions(id: string): Promise<AllowedAction[]> {
    return (await this.#call<{ value: AllowedAction[] }>('GET', `/v1/orders/${enc(id)}/actions`))
      .value;
  }

  /** `POST /v1/orders/{id}/approve` (RV-3…RV-8): the first step the caller may, or `step`. */
  approve(id: string, options: { step?: string; comment?: string } = {}): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/approve`, options);
  }

  /** `POST /v1/orders/{id}/reject` (RV-9): the service requires a reason. */
  reject(id: string, reason: string): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/reject`, { reason });
  }

  /** `POST /v1/orders/{id}/return` (RV-9): back to sales for correction, with the reasons. */
  returnToSales(id: string, reason: string): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/return`, { reason });
  }

  /** `GET /v1/orders/{id}/timeline` (TR-1): the fulfilment events, oldest first. */
  async timeline(id: string): Promise<Timeline> {
    return (await this.#call<{ value: Timeline }>('GET', `/v1/orders/${enc(id)}/timeline`)).value;
  }

  /** `GET /v1/customers/{id}/credit` (CR-3, CR-7): grade, limit in force, ageing, requests. */
  async customerCredit(customerId: string): Promise<CreditPicture> {
    return (
      await this.#call<{ value: CreditPicture }>('GET', `/v1/customers/${enc(customerId)}/credit`)
    ).value;
  }

  /** `POST /v1/orders/{id}/release-credit` (CR-1, CR-4): release a credit hold, with a reason. */
  releaseCredit(
    id: string,
    release: { reason: string; expiresAt?: string; comment?: string },
  ): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/release-credit`, release);
  }

  /** `POST /v1/orders/{id}/decline-credit` (CR-4): back to sales with the reason. */
  declineCredit(id: string, reason: string): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/decline-credit`, { reason });
  }

  /** `GET /v1/orders/{id}/diff?from&to` (CH-5): field-by-field differences of two revisions. */
  async diff(id: string, from: number, to: number): Promise<RevisionDiff> {
    const q = `from=${String(from)}&to=${String(to)}`;
    return (await this.#call<{ value: RevisionDiff }>('GET', `/v1/orders/${enc(id)}/diff?${q}`))
      .value;
  }

  /** `POST /v1/orders/{id}/request-change` (CH-1, CH-2, CH-4): a change against a revision. */
  requestChange(id: string, request: ChangeRequestInput): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/request-change`, request);
  }

  /** `POST /v1/orders/{id}/request-cancellation` (CH-3): always with a reason. */
  requestCancellation(
    id: string,
    request: { reason: string; impact?: string; baseRevision?: number },
  ): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/request-cancellation`, request);
  }

  /** `POST /v1/orders/{id}/approve-change` (CH-5): a step of the pending change. */
  approveChange(
    id: string,
    options: { step?: string; comment?: string } = {},
  ): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/approve-change`, options);
  }

  /** `POST /v1/orders/{id}/reject-change` (CH-5): with a reason. */
  rejectChange(id: string, reason: string): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/reject-change`, { reason });
  }

  /** `POST /v1/orders/{id}/withdraw-change` (CH-2): the requester withdraws the pending change. */
  withdrawChange(id: string, reason?: string): Promise<CommandResult> {
    return this.#call('POST', `/v1/orders/${enc(id)}/withdraw-change`, reason ? { reason } : {});
  }

  /** `GET /v1/metrics` (TR-5): per period (`2026`, `2026-03`, `from..to`) and dimension. */
  async metrics(
    options: { period?: string; by?: 'customer' | 'product' | 'salesperson' } = {},
  ): Promise<MetricsRow[]> {
    const q = new URLSearchParams();
    if (options.period) q.set('period', options.period);
    if (options.by) q.set('by', options.by);
    const tail = q.size ? `?${q.toString()}` : '';
    return (await this.#call<{ value: MetricsRow[] }>('GET', `/v1/metrics${tail}`)).value;
  }

  /** `GET /v1/roles`: the policy's roles and their labels, to name roles instead of showing keys. */
  async roles(): Promise<Record<string, LocalText>> {
    return (await this.#call<{ value: Record<string, LocalText> }>('GET', '/v1/roles')).value;
  }

  /** `GET /v1/people?ids=`: the display names of ERP users (ids nobody named are left out). */
  async people(ids: readonly string[]): Promise<{ id: string; name: string }[]> {
    const q = `?ids=${ids.map(enc).join(',')}`;
    return (await this.#call<{ value: { id: string; name: string }[] }>('GET', `/v1/people${q}`))
      .value;
  }

  /** The core's message templates in a language (`/desk/messages/{lang}.json`), or none. */
  async messages(lang: Lang): Promise<Record<string, string>> {
    try {
      const res = await this.#fetch(`${this.#base}/desk/messages/${lang}.json`);
      return res.ok ? ((await res.json()) as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  async #call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const credential =
      typeof this.#credential === 'function' ? await this.#credential() : this.#credential;
    const headers: Record<string, string> = {
      authorization: `Bearer ${credential}`,
      accept: 'application/json, application/problem+json',
      'accept-language': this.lang,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await this.#fetch(`${this.#base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const data: unknown = await res.json().catch(() => undefined);
    if (!res.ok) {
      const p = (data ?? {}) as Partial<Problem>;
      throw new ApiError({
        title: p.title ?? res.statusText,
        status: res.status,
        code: p.code ?? `HTTP_${res.status}`,
        detail: p.detail ?? res.statusText,
        ...(p.ruleId ? { ruleId: p.ruleId } : {}),
        ...(p.errors ? { errors: p.errors } : {}),
        ...(p.findings ? { findings: p.findings } : {}),
      });
    }
    return data as T;
  }
}

const enc = encodeURIComponent;
