import type { Lang } from './i18n.js';

/** A localized text of the policy: `{ en, zh }`. */
export interface LocalText {
  en: string;
  zh: string;
}

/** One approval given on a step (who, as which role and department, when, with what comment). */
export interface Approval {
  actor: string;
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
    credit?: { holds: CreditHold[]; heldAt?: string; releaseRoute?: { steps: RouteStep[] } };
    [field: string]: unknown;
  };
  version: number;
  history: { type: string; at?: string; actor?: string; [field: string]: unknown }[];
  credit?: Record<string, unknown>;
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

/** One line of the caller's work queue. */
export interface WorkItem {
  orderId: string;
  number?: string;
  status: string;
  urgent: boolean;
  dueAt?: string;
  actions: string[];
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
  approve(id: string, options: { step?: string; comment?: string } = {}): Promise<unknown> {
    return this.#call('POST', `/v1/orders/${enc(id)}/approve`, options);
  }

  /** `POST /v1/orders/{id}/reject` (RV-9): the service requires a reason. */
  reject(id: string, reason: string): Promise<unknown> {
    return this.#call('POST', `/v1/orders/${enc(id)}/reject`, { reason });
  }

  /** `POST /v1/orders/{id}/return` (RV-9): back to sales for correction, with the reasons. */
  returnToSales(id: string, reason: string): Promise<unknown> {
    return this.#call('POST', `/v1/orders/${enc(id)}/return`, { reason });
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
      });
    }
    return data as T;
  }
}

const enc = encodeURIComponent;
