import { App, type ComponentConstructor } from '@odoo/owl';
import { ApprovalPanel } from './ApprovalPanel.js';
import { ApiError, OrdergateClient } from './client.js';
import { Desk, DESK_TOKEN_KEY } from './Desk.js';
import type { PanelEnv } from './env.js';
import { hostLang, I18n, loadTexts, type Lang } from './i18n.js';
import { WorkQueue } from './WorkQueue.js';
import { TrackingPanel } from './TrackingPanel.js';
import { CreditPanel } from './CreditPanel.js';
import { ChangePanel } from './ChangePanel.js';
import { MetricsPanel } from './MetricsPanel.js';

/** What every `mount…` function takes. */
export interface MountOptions {
  client: OrdergateClient;
  /** The language (default: the host page's, `hostLang()`). */
  lang?: Lang;
  /** Owl's dev mode: validates props (default false). */
  dev?: boolean;
  /** The bus panels share (`og-changed`), when several panels are on one page. */
  bus?: EventTarget;
}

/** A mounted panel: call `destroy()` to take it off the page. */
export interface MountedPanel {
  destroy(): void;
}

/** The policy's role labels from the service, or none (the built-in labels then name roles). */
function roleLabels(client: OrdergateClient): Promise<I18n['roles']> {
  return client.roles().catch(() => ({}));
}

async function envFor(options: MountOptions, withRoles = true): Promise<PanelEnv> {
  const lang = options.lang ?? hostLang();
  options.client.lang = lang;
  const i18n = new I18n(lang);
  const loading = Promise.all([
    options.client.messages(lang),
    withRoles ? roleLabels(options.client) : {},
    loadTexts(lang), // the Chinese texts are a pack of their own (decision 035)
  ]);
  i18n.warm(); // the page's first Intl formatters, made while the messages load
  [i18n.messages, i18n.roles] = await loading;
  return { client: options.client, i18n, bus: options.bus ?? new EventTarget() };
}

async function mountIn<P extends object>(
  C: ComponentConstructor<P, PanelEnv>,
  element: HTMLElement,
  props: P,
  options: MountOptions,
  onEnv?: (env: PanelEnv) => void,
): Promise<MountedPanel> {
  const env = await envFor(options, !onEnv);
  onEnv?.(env);
  const app = new App(C, { env, props, dev: options.dev ?? false, warnIfNoStaticProps: true });
  await app.mount(element);
  return { destroy: () => app.destroy() };
}

/**
 * Mounts an `ApprovalPanel` for one order in any element of any page.
 *
 * @example
 * const client = new OrdergateClient({ baseUrl: 'https://desk.example', credential: 'og_…' });
 * const panel = await mountApprovalPanel(document.getElementById('approval')!, { orderId: 'so-1', client, lang: 'zh-CN' });
 * panel.destroy();
 */
export function mountApprovalPanel(
  element: HTMLElement,
  options: MountOptions & { orderId: string; pollMs?: number },
): Promise<MountedPanel> {
  const props = {
    orderId: options.orderId,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  };
  return mountIn(ApprovalPanel, element, props, options);
}

/** The props every order panel takes from `mount…`: the order, and how often to poll. */
function orderProps(options: { orderId: string; pollMs?: number }) {
  return {
    orderId: options.orderId,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  };
}

/**
 * Mounts a `TrackingPanel` (TR-1…TR-3) for one order.
 *
 * @example
 * await mountTrackingPanel(document.getElementById('tracking')!, { orderId: 'so-1', client });
 */
export function mountTrackingPanel(
  element: HTMLElement,
  options: MountOptions & { orderId: string; pollMs?: number },
): Promise<MountedPanel> {
  return mountIn(TrackingPanel, element, orderProps(options), options);
}

/**
 * Mounts a `CreditPanel` (CR-1…CR-7) for one order.
 *
 * @example
 * await mountCreditPanel(document.getElementById('credit')!, { orderId: 'so-1', client, lang: 'zh-CN' });
 */
export function mountCreditPanel(
  element: HTMLElement,
  options: MountOptions & { orderId: string; pollMs?: number },
): Promise<MountedPanel> {
  return mountIn(CreditPanel, element, orderProps(options), options);
}

/**
 * Mounts a `ChangePanel` (CH-1…CH-5) for one order.
 *
 * @example
 * await mountChangePanel(document.getElementById('changes')!, { orderId: 'so-1', client });
 */
export function mountChangePanel(
  element: HTMLElement,
  options: MountOptions & { orderId: string; pollMs?: number },
): Promise<MountedPanel> {
  return mountIn(ChangePanel, element, orderProps(options), options);
}

/**
 * Mounts a `MetricsPanel` (TR-5).
 *
 * @example
 * await mountMetricsPanel(document.getElementById('metrics')!, { client, period: '2026-03', by: 'customer' });
 */
export function mountMetricsPanel(
  element: HTMLElement,
  options: MountOptions & { period?: string; by?: 'all' | 'customer' | 'product' | 'salesperson' },
): Promise<MountedPanel> {
  const props = {
    ...(options.period !== undefined ? { period: options.period } : {}),
    ...(options.by !== undefined ? { by: options.by } : {}),
  };
  return mountIn(MetricsPanel, element, props, options);
}

/**
 * Mounts a `WorkQueue`; `onOpen` gets the order id the user opens.
 *
 * @example
 * await mountWorkQueue(el, { client, onOpen: (id) => mountApprovalPanel(side, { orderId: id, client }) });
 */
export function mountWorkQueue(
  element: HTMLElement,
  options: MountOptions & { onOpen: (orderId: string) => void; pollMs?: number },
): Promise<MountedPanel> {
  const props = {
    onOpen: options.onOpen,
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
  };
  return mountIn(WorkQueue, element, props, options);
}

/**
 * Mounts the order desk page (sign-in, work queue, panels) on `element`, against the service
 * that serves the page (`baseUrl`, default this origin). Used by `/desk`.
 *
 * @example
 * await mountDesk(document.getElementById('desk')!);
 */
export async function mountDesk(
  element: HTMLElement,
  options: { baseUrl?: string; lang?: Lang; dev?: boolean } = {},
): Promise<MountedPanel> {
  let token = sessionStorage.getItem(DESK_TOKEN_KEY) ?? '';
  const base = options.baseUrl ?? location.origin;
  const client = new OrdergateClient({ baseUrl: base, credential: () => token });
  let env: PanelEnv | undefined;
  const props = {
    signIn: async (value: string) => {
      token = value;
      await client.workQueue(); // refused tokens throw ApiError with the service's detail
      sessionStorage.setItem(DESK_TOKEN_KEY, value);
      if (env) env.i18n.roles = await roleLabels(client); // signed in: the policy's role names
    },
    exchange: async (assertion: string) => {
      const res = await fetch(`${base}/desk/session`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assertion}`, 'accept-language': client.lang },
      });
      const body = (await res.json()) as { token?: string; detail?: string; code?: string };
      if (!res.ok || !body.token)
        throw new ApiError({
          title: 'sign-in refused',
          status: res.status,
          code: body.code ?? 'SIGN_IN',
          detail: body.detail ?? res.statusText,
        });
      return body.token;
    },
    signOut: () => {
      token = '';
      sessionStorage.removeItem(DESK_TOKEN_KEY);
    },
    ...(token ? { token } : {}),
  };
  return mountIn(
    Desk,
    element,
    props,
    { client, lang: options.lang ?? hostLang(), dev: options.dev ?? false },
    (e) => (env = e),
  );
}
