import { Component, onWillStart, useState, xml } from '@odoo/owl';
import { ApprovalPanel } from './ApprovalPanel.js';
import type { PanelEnv } from './env.js';
import { loadTexts, type Lang, type TextKey } from './i18n.js';
import { ChangePanel } from './ChangePanel.js';
import { CreditPanel } from './CreditPanel.js';
import { MetricsPanel } from './MetricsPanel.js';
import { TrackingPanel } from './TrackingPanel.js';
import { WorkQueue } from './WorkQueue.js';

/** The desk's tabs for the selected order, and the metrics. */
export const DESK_TABS = ['approval', 'tracking', 'credit', 'change', 'metrics'] as const;
type Tab = (typeof DESK_TABS)[number];
const FIRST_TAB: Tab = 'approval';

/** Where the desk keeps the signed-in credential: this tab's session storage. */
export const DESK_TOKEN_KEY = 'ordergate.desk.token';

/**
 * The order desk page: sign in (an API token pasted, or a user assertion the ERP put in the
 * page's `#assertion=` fragment, exchanged once for a desk session), then the work queue and
 * the panels of the selected order in tabs (approval, tracking, credit, changes) and the
 * metrics. An ERP may link one order on one tab (`#order=so-1&tab=credit`). The credential lives in the tab's session storage and in
 * the fragment only until read: never in a URL query that a server logs.
 *
 * @example
 * mount(Desk, document.body, { env: { client, i18n }, props: { signIn: (t) => client.setToken(t) } });
 */
export class Desk extends Component<DeskProps, PanelEnv> {
  static components = {
    WorkQueue,
    ApprovalPanel,
    TrackingPanel,
    CreditPanel,
    ChangePanel,
    MetricsPanel,
  };
  static override template = xml`
<div class="og-desk" t-att-lang="state.lang">
  <header class="og-desk-head" role="banner">
    <h1 t-esc="t('orderDesk')"/>
    <label class="og-lang"><span t-esc="t('language')"/>
      <select t-on-change="(ev) => this.switchLang(ev.target.value)">
        <option value="en" t-att-selected="state.lang === 'en'">English</option>
        <option value="zh-CN" t-att-selected="state.lang === 'zh-CN'">简体中文</option>
      </select>
    </label>
    <button t-if="state.signedIn" type="button" class="og-btn og-signout" t-on-click="signOut" t-esc="t('signOut')"/>
  </header>
  <main t-if="!state.signedIn" class="og-signin">
    <form class="og-panel" t-on-submit.prevent="submitToken">
      <h2 t-esc="t('signIn')"/>
      <p class="og-muted" t-esc="t('signInHelp')"/>
      <div t-if="state.error" class="og-alert" role="alert" t-esc="state.error"/>
      <label class="og-field"><span t-esc="t('token')"/>
        <input type="password" name="token" autocomplete="off" t-model="state.tokenInput"/>
      </label>
      <button type="submit" class="og-btn og-btn-primary" t-esc="t('signIn')"/>
    </form>
  </main>
  <main t-else="" class="og-desk-main">
    <WorkQueue onOpen="(id) => this.select(id)" onAsk="(id, action) => this.askFor(id, action)" selected="state.selected"/>
    <div class="og-desk-order">
      <div class="og-tabs" role="tablist" t-att-aria-label="t('tabs')" t-on-keydown="onTabKey">
        <button t-foreach="tabs" t-as="tab" t-key="tab" type="button" role="tab"
                t-att-id="'og-tab-' + tab" t-att-aria-controls="'og-tabpanel-' + tab"
                t-att-aria-selected="state.tab === tab ? 'true' : 'false'" t-att-tabindex="state.tab === tab ? '0' : '-1'"
                t-att-class="'og-tab og-tab-' + tab" t-on-click="() => this.show(tab)" t-esc="t('tab.' + tab)"/>
      </div>
      <div role="tabpanel" t-att-id="'og-tabpanel-' + state.tab" t-att-aria-labelledby="'og-tab-' + state.tab" class="og-tabpanel">
        <MetricsPanel t-if="state.tab === 'metrics'"/>
        <t t-elif="state.selected">
          <ApprovalPanel t-if="state.tab === 'approval'" t-key="state.selected" orderId="state.selected" ask="state.ask"/>
          <TrackingPanel t-elif="state.tab === 'tracking'" t-key="state.selected" orderId="state.selected"/>
          <CreditPanel t-elif="state.tab === 'credit'" t-key="state.selected" orderId="state.selected"/>
          <ChangePanel t-elif="state.tab === 'change'" t-key="state.selected" orderId="state.selected"/>
        </t>
        <p t-else="" class="og-panel og-muted" t-esc="t('selectOrder')"/>
      </div>
    </div>
  </main>
</div>`;

  static override props = {
    /** Checks a credential (token) and keeps it for the client; rejects when the service refuses. */
    signIn: Function,
    /** Exchanges a user assertion for a desk session token. */
    exchange: Function,
    /** Forgets the credential. */
    signOut: Function,
    /** A credential already kept (session storage), if any. */
    token: { type: String, optional: true },
  };

  state = useState({
    lang: 'en',
    signedIn: false,
    tokenInput: '',
    error: '',
    selected: '',
    ask: undefined as { action: 'reject' | 'returnToSales'; seq: number } | undefined,
    tab: FIRST_TAB,
  });

  get tabs(): readonly Tab[] {
    return DESK_TABS;
  }

  /** Shows a tab (the order's approval, tracking, credit, changes; or the metrics). */
  show(tab: Tab): void {
    this.state.tab = tab;
  }

  /** Arrow keys, Home and End move between tabs (WAI-ARIA tabs pattern). */
  onTabKey(ev: KeyboardEvent): void {
    const i = DESK_TABS.indexOf(this.state.tab);
    const n = DESK_TABS.length;
    const to =
      ev.key === 'ArrowRight'
        ? (i + 1) % n
        : ev.key === 'ArrowLeft'
          ? (i + n - 1) % n
          : ev.key === 'Home'
            ? 0
            : ev.key === 'End'
              ? n - 1
              : -1;
    if (to < 0) return;
    ev.preventDefault();
    this.state.tab = DESK_TABS[to]!;
    (ev.currentTarget as HTMLElement)
      .querySelector<HTMLElement>(`#og-tab-${DESK_TABS[to]!}`)
      ?.focus();
  }

  override setup(): void {
    this.state.lang = this.env.i18n.lang;
    onWillStart(async () => {
      const hash = new URLSearchParams(globalThis.location?.hash.slice(1) ?? '');
      const assertion = hash.get('assertion');
      const token = hash.get('token');
      // a link from the ERP may open one order on one tab: #order=so-1&tab=credit
      const order = hash.get('order');
      const tab = hash.get('tab') as Tab | null;
      if (order) this.state.selected = order;
      if (tab && DESK_TABS.includes(tab)) this.state.tab = tab;
      if (assertion || token || order) {
        // read once, then gone from the address bar and the history
        globalThis.history?.replaceState(null, '', globalThis.location.pathname);
      }
      if (assertion) await this.tryToken(() => this.props.exchange(assertion));
      else if (token) await this.tryToken(() => token);
      else if (this.props.token) await this.tryToken(() => this.props.token ?? '');
    });
  }

  t(key: TextKey, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key, params);
  }

  async tryToken(get: () => string | Promise<string>): Promise<void> {
    try {
      await this.props.signIn(await get());
      this.state.signedIn = true;
      this.state.error = '';
    } catch (e) {
      this.state.error = e instanceof Error ? e.message : String(e);
    }
  }

  async submitToken(): Promise<void> {
    const value = this.state.tokenInput.trim();
    this.state.tokenInput = '';
    await this.tryToken(() => value);
  }

  signOut(): void {
    this.props.signOut();
    this.state.signedIn = false;
    this.state.selected = '';
  }

  select(orderId: string): void {
    this.state.selected = orderId;
    if (this.state.tab === 'metrics') this.state.tab = 'approval';
  }

  askFor(orderId: string, action: 'reject' | 'returnToSales'): void {
    this.state.selected = orderId;
    this.state.tab = 'approval';
    this.state.ask = { action, seq: (this.state.ask?.seq ?? 0) + 1 };
  }

  async switchLang(lang: string): Promise<void> {
    const next: Lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.env.client.lang = next;
    // the language's texts (a pack of their own for Chinese) and the service's messages in it
    const [messages] = await Promise.all([this.env.client.messages(next), loadTexts(next)]);
    this.env.i18n.lang = next;
    this.env.i18n.messages = messages;
    document.documentElement.lang = next;
    this.state.lang = next;
    // every panel renders its texts again in the new language (a deep render: no remount, so no
    // panel re-reads the service, and none is torn down while it is still loading)
    this.render(true);
  }
}

/** The props of `Desk`. */
export interface DeskProps {
  signIn: (token: string) => Promise<void>;
  exchange: (assertion: string) => Promise<string>;
  signOut: () => void;
  token?: string;
}
