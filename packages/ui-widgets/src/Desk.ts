import { Component, onWillStart, useState, xml } from '@odoo/owl';
import { ApprovalPanel } from './ApprovalPanel.js';
import type { PanelEnv } from './env.js';
import type { Lang, TextKey } from './i18n.js';
import { WorkQueue } from './WorkQueue.js';

/** Where the desk keeps the signed-in credential: this tab's session storage. */
export const DESK_TOKEN_KEY = 'ordergate.desk.token';

/**
 * The order desk page: sign in (an API token pasted, or a user assertion the ERP put in the
 * page's `#assertion=` fragment, exchanged once for a desk session), then the work queue and
 * the panels of the selected order. The credential lives in the tab's session storage and in
 * the fragment only until read: never in a URL query that a server logs.
 *
 * @example
 * mount(Desk, document.body, { env: { client, i18n }, props: { signIn: (t) => client.setToken(t) } });
 */
export class Desk extends Component<DeskProps, PanelEnv> {
  static components = { WorkQueue, ApprovalPanel };
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
  <main t-else="" class="og-desk-main" t-key="state.lang">
    <WorkQueue onOpen="(id) => this.select(id)" onAsk="(id, action) => this.askFor(id, action)" selected="state.selected"/>
    <div class="og-desk-order">
      <ApprovalPanel t-if="state.selected" t-key="state.selected" orderId="state.selected" ask="state.ask"/>
      <p t-else="" class="og-panel og-muted" t-esc="t('selectOrder')"/>
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
  });

  override setup(): void {
    this.state.lang = this.env.i18n.lang;
    onWillStart(async () => {
      const hash = new URLSearchParams(globalThis.location?.hash.slice(1) ?? '');
      const assertion = hash.get('assertion');
      const token = hash.get('token');
      if (assertion || token) {
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
  }

  askFor(orderId: string, action: 'reject' | 'returnToSales'): void {
    this.state.selected = orderId;
    this.state.ask = { action, seq: (this.state.ask?.seq ?? 0) + 1 };
  }

  async switchLang(lang: string): Promise<void> {
    const next: Lang = lang === 'zh-CN' ? 'zh-CN' : 'en';
    this.env.i18n.lang = next;
    this.env.client.lang = next;
    this.env.i18n.messages = await this.env.client.messages(next);
    document.documentElement.lang = next;
    this.state.lang = next;
  }
}

/** The props of `Desk`. */
export interface DeskProps {
  signIn: (token: string) => Promise<void>;
  exchange: (assertion: string) => Promise<string>;
  signOut: () => void;
  token?: string;
}
