import { Component, useState, xml } from '@odoo/owl';
import { ApiError } from './client.js';
import type { AllowedAction, CreditPicture, Exposure, OrderPicture } from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';
import { useOrderRefresh } from './refresh.js';
import { learnPeople } from './people.js';

/** One part of the exposure bar: its key, amount and where it starts and ends on a 0…100 scale. */
export interface BarPart {
  key: 'receivables' | 'openOrders' | 'thisOrder';
  amount: number;
  x: number;
  width: number;
}

/**
 * The exposure bar's parts (receivables, open orders incl. those confirmed here, this order) on a
 * 0…100 scale whose maximum is the larger of the limit and the exposure, and where the limit
 * falls on it (CR-4).
 *
 * @example
 * exposureBar({ receivables: 30, openOrders: 10, thisOrder: 20, total: 60, limit: 50, currency: 'CNY' }).limitX; // 83.3…
 */
export function exposureBar(e: Exposure): { parts: BarPart[]; limitX: number } {
  const scale = Math.max(e.limit, e.total, 1);
  let x = 0;
  const parts = (
    [
      ['receivables', e.receivables],
      ['openOrders', e.openOrders + (e.confirmedHere ?? 0)],
      ['thisOrder', e.thisOrder],
    ] as const
  ).map(([key, amount]) => {
    const width = (amount / scale) * 100;
    const part = { key, amount, x, width };
    x += width;
    return part;
  });
  return { parts, limitX: (e.limit / scale) * 100 };
}

/**
 * The credit panel of one order (CR-1…CR-7): the customer's grade and limit in force; the
 * exposure as a bar against the limit with its parts (receivables, open orders, this order) and
 * the headroom left; receivables ageing by bucket (CR-7); the hold and its ways out, and for a
 * caller the service allows, the release and decline actions after a confirmation. Bars are SVG
 * drawn by the component (no inline styles: the desk's CSP forbids them).
 *
 * @example
 * mount(CreditPanel, el, { env: { client, i18n: new I18n('en') }, props: { orderId: 'so-1' } });
 */
export class CreditPanel extends Component<CreditPanelProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-credit" role="region" t-att-aria-label="t('creditPanel') + ' ' + orderLabel" t-att-data-order="props.orderId">
  <header class="og-panel-head">
    <h2 t-esc="t('creditPanel') + ' · ' + orderLabel"/>
    <span t-if="state.picture" class="og-status" t-esc="i18n.status(state.picture.workflow.status)"/>
  </header>
  <p t-if="!state.picture and !state.error" class="og-muted" t-esc="t('loading')"/>
  <div t-if="state.error" class="og-alert" role="alert"><strong t-esc="t('refused')"/>: <span class="og-detail" t-esc="state.error"/></div>
  <div t-if="state.notice" class="og-notice" role="status" t-esc="state.notice"/>
  <t t-if="state.picture">
    <dl class="og-facts og-credit-facts">
      <dt t-esc="t('customer')"/><dd t-esc="state.picture.order.customer.name"/>
      <t t-if="state.credit">
        <dt t-esc="t('grade')"/><dd class="og-grade" t-esc="state.credit.customer.credit and state.credit.customer.credit.grade or '—'"/>
      </t>
      <t t-if="exposure">
        <dt t-esc="t('limit')"/><dd t-esc="money(exposure.limit)"/>
        <dt t-esc="t('exposure')"/><dd t-esc="money(exposure.total)"/>
        <dt t-esc="t('headroom')"/><dd t-att-class="exposure.limit - exposure.total &lt; 0 ? 'og-due-late' : ''" t-esc="headroomText"/>
      </t>
    </dl>
    <p t-if="state.creditRefused" class="og-muted" t-esc="t('noCreditRead', { detail: state.creditRefused })"/>
    <figure t-if="exposure" class="og-bar-figure">
      <svg class="og-bar" viewBox="0 0 100 12" preserveAspectRatio="none" role="img" t-att-aria-label="t('exposureBar', { total: money(exposure.total), limit: money(exposure.limit) })">
        <rect x="0" y="2" width="100" height="8" class="og-bar-bg"/>
        <rect t-foreach="bar.parts" t-as="p" t-key="p.key" t-att-x="p.x" y="2" t-att-width="p.width" height="8" t-att-class="'og-bar-' + p.key"/>
        <line t-att-x1="bar.limitX" t-att-x2="bar.limitX" y1="0" y2="12" class="og-bar-limit"/>
      </svg>
      <figcaption>
        <ul class="og-legend">
          <li t-foreach="bar.parts" t-as="p" t-key="p.key"><span t-att-class="'og-swatch og-bar-' + p.key" aria-hidden="true"/><span t-esc="t(p.key) + ' ' + money(p.amount)"/></li>
          <li><span class="og-swatch og-bar-limit-swatch" aria-hidden="true"/><span t-esc="t('limit') + ' ' + money(exposure.limit)"/></li>
        </ul>
      </figcaption>
    </figure>

    <h3 t-esc="t('ageing')"/>
    <t t-if="ageing">
      <p class="og-muted" t-esc="t('ageingAsOf', { date: ageing.asOf }) + ' · ' + t('overdueTotal', { amount: money(ageing.overdue) })"/>
      <table class="og-ageing">
        <caption class="og-sr" t-esc="t('ageing')"/>
        <tbody>
          <tr t-foreach="ageing.buckets" t-as="b" t-key="b.key" t-att-class="b.amount ? 'og-bucket-used' : ''">
            <th scope="row" t-esc="bucketLabel(b)"/>
            <td class="og-num" t-esc="money(b.amount)"/>
            <td class="og-num og-muted" t-esc="'× ' + b.count"/>
            <td class="og-bucket-bar"><svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" t-att-width="ageingMax ? b.amount / ageingMax * 100 : 0" height="8" t-att-class="b.key === 'current' ? 'og-bar-receivables' : 'og-bar-overdue'"/></svg></td>
          </tr>
        </tbody>
      </table>
    </t>
    <p t-else="" class="og-muted" t-esc="t('noData')"/>

    <h3 t-esc="t('holdState')"/>
    <p t-if="!held" class="og-muted og-hold-state" t-esc="releasedText or t('notHeld')"/>
    <t t-else="">
      <p class="og-hold-state"><span class="og-tag og-tag-danger" t-esc="t('creditHold')"/> <span t-esc="t('heldSince', { date: i18n.dateTime(state.picture.workflow.credit.heldAt) })"/></p>
      <ul class="og-holds">
        <li t-foreach="state.picture.workflow.credit.holds" t-as="h" t-key="h_index">
          <span class="og-rule" t-esc="h.ruleId"/> <span t-esc="i18n.message(h.messageKey, paramsOf(h))"/>
          <div class="og-muted" t-esc="t('releasePaths', { paths: pathsText(h.paths) })"/>
        </li>
      </ul>
    </t>
    <form t-if="can('releaseCredit') or can('declineCredit')" class="og-actions og-credit-actions" t-on-submit.prevent="() => this.confirm()">
      <label class="og-field"><span t-esc="t('reasonRequired')"/>
        <textarea class="og-reason" t-model="state.reason" rows="2" aria-required="true" t-att-disabled="state.busy"/>
      </label>
      <div t-if="!state.pending" class="og-buttons">
        <button t-if="can('releaseCredit')" type="button" class="og-btn og-btn-primary og-release" t-att-disabled="state.busy" t-on-click="() => this.ask('release')" t-esc="t('releaseCredit')"/>
        <button t-if="can('declineCredit')" type="button" class="og-btn og-btn-danger og-decline" t-att-disabled="state.busy" t-on-click="() => this.ask('decline')" t-esc="t('declineCredit')"/>
      </div>
      <div t-else="" class="og-confirm" role="alertdialog" aria-modal="false" t-att-aria-label="confirmText">
        <p t-esc="confirmText"/>
        <div class="og-buttons">
          <button type="submit" class="og-btn og-btn-primary og-confirm-btn" t-att-disabled="state.busy" t-esc="t('confirm')"/>
          <button type="button" class="og-btn og-cancel" t-on-click="() => this.ask(null)" t-esc="t('cancel')"/>
        </div>
      </div>
    </form>
  </t>
</section>`;

  static override props = {
    orderId: String,
    pollMs: { type: Number, optional: true },
  };

  state = useState({
    picture: null as OrderPicture | null,
    credit: null as CreditPicture | null,
    creditRefused: '',
    actions: [] as AllowedAction[],
    error: '',
    notice: '',
    reason: '',
    busy: false,
    pending: null as 'release' | 'decline' | null,
  });

  get i18n() {
    return this.env.i18n;
  }

  override setup(): void {
    useOrderRefresh(this, (quiet) => this.load(quiet));
  }

  /** The picture, the caller's actions, and the customer's credit when the caller may read it. */
  async load(quiet = false): Promise<void> {
    try {
      const [picture, actions] = await Promise.all([
        this.env.client.order(this.props.orderId),
        this.env.client.actions(this.props.orderId),
      ]);
      if (quiet && this.state.picture?.version === picture.version) return;
      await learnPeople(this.env, picture);
      try {
        this.state.credit = await this.env.client.customerCredit(picture.order.customer.id);
        this.state.creditRefused = '';
      } catch (e) {
        // credit details are for the credit roles: the order's own exposure still shows
        this.state.creditRefused = e instanceof ApiError ? e.problem.detail : String(e);
      }
      this.state.picture = picture;
      this.state.actions = actions;
    } catch (e) {
      if (!quiet) this.state.error = e instanceof Error ? e.message : String(e);
    }
  }

  t(key: string, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key as TextKey, params);
  }

  get orderLabel(): string {
    return this.state.picture?.order.number ?? this.props.orderId;
  }

  money(minor: number): string {
    const cur = this.exposure?.currency ?? this.state.picture?.order.currency ?? '';
    return this.env.i18n.money(minor, cur);
  }

  get exposure(): Exposure | undefined {
    return this.state.picture?.credit?.exposure;
  }

  get bar() {
    return exposureBar(this.exposure!);
  }

  get headroomText(): string {
    const e = this.exposure!;
    const left = e.limit - e.total;
    return left >= 0 ? this.money(left) : this.t('overLimit', { amount: this.money(-left) });
  }

  get ageing() {
    return this.state.credit?.ageing ?? this.state.picture?.credit?.ageing;
  }

  get ageingMax(): number {
    return Math.max(0, ...(this.ageing?.buckets ?? []).map((b) => b.amount));
  }

  bucketLabel(b: { key: string }): string {
    return b.key === 'current' ? this.t('bucket.current') : this.t('days', { range: b.key });
  }

  get held(): boolean {
    return this.state.picture?.workflow.status === 'credit_hold';
  }

  get releasedText(): string {
    const r = this.state.picture?.workflow.credit?.release;
    return r ? this.t('released', { who: this.env.i18n.person(r.by), reason: r.reason ?? '' }) : '';
  }

  paramsOf(h: { ruleId: string; messageKey: string }): Record<string, unknown> {
    const f = this.state.picture?.workflow.findings?.find(
      (x) => x.ruleId === h.ruleId && x.messageKey === h.messageKey,
    );
    return f?.params ?? {};
  }

  pathsText(paths: string[]): string {
    return paths.map((p) => this.t(`path.${p}`)).join(' / ');
  }

  can(action: string): boolean {
    return this.state.actions.some((a) => a.action === action && a.allowed);
  }

  get confirmText(): string {
    const number = this.orderLabel;
    return this.t(this.state.pending === 'decline' ? 'confirmDecline' : 'confirmRelease', {
      number,
    });
  }

  ask(action: 'release' | 'decline' | null): void {
    this.state.pending = action;
    this.state.error = '';
  }

  async confirm(): Promise<void> {
    const action = this.state.pending;
    if (!action) return;
    const reason = this.state.reason.trim();
    const id = this.props.orderId;
    this.state.busy = true;
    this.state.error = '';
    this.state.notice = '';
    try {
      if (action === 'release') await this.env.client.releaseCredit(id, { reason });
      else await this.env.client.declineCredit(id, reason);
      this.state.pending = null;
      this.state.reason = '';
      await this.load();
      this.state.notice = this.t('done', {
        what: this.t(action === 'release' ? 'releaseCredit' : 'declineCredit'),
      });
      this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: id }));
    } catch (e) {
      this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
    } finally {
      this.state.busy = false;
    }
  }
}

/** The props of `CreditPanel`. */
export interface CreditPanelProps {
  orderId: string;
  pollMs?: number;
}
