import { Component, useState, xml } from '@odoo/owl';
import { ApiError } from './client.js';
import type {
  AllowedAction,
  ChangeOp,
  OrderPicture,
  PendingChange,
  RevisionDiff,
  RouteStep,
} from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';
import { useOrderRefresh } from './refresh.js';

const CHANGE: 'change' | 'cancel' = 'change';

/** The header fields the change form offers (any dotted path may be typed in as well). */
export const CHANGE_FIELDS = [
  'requestedDeliveryDate',
  'paymentTerms',
  'deliveryAddress',
  'contact.name',
  'contact.phone',
  'contact.email',
  'notes',
] as const;

/**
 * A value of a diff or a patch as one line of text: strings as they are, everything else as JSON.
 * Never markup: the panels render it with `t-esc`.
 *
 * @example
 * shown({ a: 1 }); // '{"a":1}'
 */
export function shown(v: unknown): string {
  return v === undefined || v === null ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
}

/**
 * The change panel of one order (CH-1…CH-5): raise a change (reason, impact, the fields and their
 * new values) or a cancellation (reason, impact) after a confirmation; the pending request with
 * its route, state and the actions the service allows (approve, reject with a reason, withdraw);
 * decided requests; and the revision list with a field-by-field and line-by-line diff between
 * any two revisions (CH-5), from the service's `/v1/orders/{id}/diff`.
 *
 * @example
 * mount(ChangePanel, el, { env: { client, i18n: new I18n('en') }, props: { orderId: 'so-1' } });
 */
export class ChangePanel extends Component<ChangePanelProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-change" role="region" t-att-aria-label="t('changePanel') + ' ' + orderLabel" t-att-data-order="props.orderId">
  <header class="og-panel-head">
    <h2 t-esc="t('changePanel') + ' · ' + orderLabel"/>
    <span t-if="state.picture" class="og-status" t-esc="state.picture.workflow.status"/>
  </header>
  <p t-if="!state.picture and !state.error" class="og-muted" t-esc="t('loading')"/>
  <div t-if="state.error" class="og-alert" role="alert"><strong t-esc="t('refused')"/>: <span class="og-detail" t-esc="state.error"/></div>
  <div t-if="state.notice" class="og-notice" role="status" t-esc="state.notice"/>
  <t t-if="state.picture">
    <h3 t-esc="t('pendingChange')"/>
    <p t-if="!pending" class="og-muted" t-esc="t('noPending')"/>
    <div t-else="" class="og-pending">
      <p><span class="og-tag" t-esc="t('kind.' + pending.kind)"/> <span class="og-muted" t-esc="t('requestedBy', { who: pending.requestedBy or '', date: i18n.dateTime(pending.requestedAt) })"/></p>
      <dl class="og-facts">
        <dt t-esc="t('reason')"/><dd t-esc="pending.reason"/>
        <dt t-esc="t('impact')"/><dd t-esc="pending.impact or '—'"/>
      </dl>
      <ul t-if="pending.patch and pending.patch.length" class="og-patch" t-att-aria-label="t('fields')">
        <li t-foreach="pending.patch" t-as="op" t-key="op_index" t-esc="opText(op)"/>
      </ul>
      <h4 t-esc="t('changeRoute')"/>
      <ol class="og-steps og-change-steps">
        <li t-foreach="routeOf(pending)" t-as="s" t-key="s.key" t-att-class="'og-step og-step-' + s.status">
          <strong t-esc="i18n.pick(s.label)"/> <span class="og-tag" t-esc="statusLabel(s.status)"/>
          <span class="og-muted" t-esc="s.roles.join(', ')"/>
          <span t-foreach="s.approvals" t-as="a" t-key="a_index" class="og-muted" t-esc="' · ' + a.actor + ' ' + i18n.dateTime(a.at)"/>
        </li>
      </ol>
      <form t-if="can('approveChange') or can('rejectChange') or can('withdrawChange')" class="og-actions" t-on-submit.prevent="() => this.decide()">
        <label class="og-field"><span t-esc="state.deciding === 'reject' ? t('reasonRequired') : t('comment')"/>
          <textarea class="og-decision-text" t-model="state.decisionText" rows="2" t-att-disabled="state.busy"/>
        </label>
        <div t-if="!state.deciding" class="og-buttons">
          <button t-if="can('approveChange')" type="button" class="og-btn og-btn-primary og-approve-change" t-att-disabled="state.busy" t-on-click="() => this.startDecision('approve')" t-esc="t('approveChange')"/>
          <button t-if="can('rejectChange')" type="button" class="og-btn og-btn-danger og-reject-change" t-att-disabled="state.busy" t-on-click="() => this.startDecision('reject')" t-esc="t('rejectChange')"/>
          <button t-if="can('withdrawChange')" type="button" class="og-btn og-withdraw-change" t-att-disabled="state.busy" t-on-click="() => this.startDecision('withdraw')" t-esc="t('withdrawChange')"/>
        </div>
        <div t-else="" class="og-confirm" role="alertdialog" aria-modal="false" t-att-aria-label="decisionConfirm">
          <p t-esc="decisionConfirm"/>
          <div class="og-buttons">
            <button type="submit" class="og-btn og-btn-primary og-confirm-btn" t-att-disabled="state.busy" t-esc="t('confirm')"/>
            <button type="button" class="og-btn og-cancel" t-on-click="() => this.startDecision(null)" t-esc="t('cancel')"/>
          </div>
        </div>
      </form>
    </div>

    <t t-if="canRaise">
      <h3 t-esc="t('raise')"/>
      <form class="og-raise" t-on-submit.prevent="() => this.submit()">
        <fieldset class="og-field og-kind">
          <legend t-esc="t('kind')"/>
          <label><input type="radio" name="og-kind" value="change" t-model="state.form.kind"/> <span t-esc="t('kind.change')"/></label>
          <label><input type="radio" name="og-kind" value="cancel" t-model="state.form.kind"/> <span t-esc="t('kind.cancel')"/></label>
        </fieldset>
        <label class="og-field"><span t-esc="t('reasonRequired')"/>
          <textarea class="og-change-reason" t-model="state.form.reason" rows="2" aria-required="true"/>
        </label>
        <label class="og-field"><span t-esc="t('impact')"/>
          <textarea class="og-change-impact" t-model="state.form.impact" rows="2"/>
        </label>
        <fieldset t-if="state.form.kind === 'change'" class="og-field og-change-fields">
          <legend t-esc="t('fields')"/>
          <div t-foreach="state.form.fields" t-as="f" t-key="f.id" class="og-change-field">
            <label><span t-esc="t('field')"/>
              <input class="og-change-field-name" list="og-change-field-names" t-model="f.field"/>
            </label>
            <label><span t-esc="t('newValue')"/>
              <input class="og-change-field-value" t-model="f.value"/>
            </label>
            <button type="button" class="og-btn og-remove-field" t-on-click="() => this.removeField(f.id)" t-esc="t('removeField')"/>
          </div>
          <datalist id="og-change-field-names">
            <option t-foreach="fieldNames" t-as="n" t-key="n" t-att-value="n"/>
          </datalist>
          <button type="button" class="og-btn og-add-field" t-on-click="() => this.addField()" t-esc="t('addField')"/>
        </fieldset>
        <div t-if="!state.confirmRaise" class="og-buttons">
          <button type="button" class="og-btn og-btn-primary og-raise-btn" t-att-disabled="state.busy" t-on-click="() => this.askRaise(true)" t-esc="t('submitRequest')"/>
        </div>
        <div t-else="" class="og-confirm" role="alertdialog" aria-modal="false" t-att-aria-label="raiseConfirm">
          <p t-esc="raiseConfirm"/>
          <div class="og-buttons">
            <button type="submit" class="og-btn og-btn-primary og-confirm-btn" t-att-disabled="state.busy" t-esc="t('confirm')"/>
            <button type="button" class="og-btn og-cancel" t-on-click="() => this.askRaise(false)" t-esc="t('cancel')"/>
          </div>
        </div>
      </form>
    </t>

    <t t-if="decided.length">
      <h3 t-esc="t('pastChanges')"/>
      <ul class="og-decided">
        <li t-foreach="decided" t-as="c" t-key="c.id">
          <span class="og-tag" t-esc="t('kind.' + c.kind)"/> <span t-esc="c.reason"/>
          <span class="og-tag" t-esc="t('outcome.' + c.decision.outcome)"/>
          <span class="og-muted" t-esc="c.decision.by + ' ' + i18n.dateTime(c.decision.at) + (c.decision.revision ? ' → ' + t('revision', { n: c.decision.revision }) : '')"/>
        </li>
      </ul>
    </t>

    <h3 t-esc="t('revisions')"/>
    <p t-if="revisionCount &lt; 2" class="og-muted" t-esc="t('oneRevision')"/>
    <form t-else="" class="og-compare" t-on-submit.prevent="() => this.compare()">
      <label class="og-field"><span t-esc="t('from')"/>
        <select class="og-from" t-model.number="state.from">
          <option t-foreach="revisionList" t-as="n" t-key="n" t-att-value="n" t-esc="t('revision', { n })"/>
        </select>
      </label>
      <label class="og-field"><span t-esc="t('to')"/>
        <select class="og-to" t-model.number="state.to">
          <option t-foreach="revisionList" t-as="n" t-key="n" t-att-value="n" t-esc="t('revision', { n })"/>
        </select>
      </label>
      <button type="submit" class="og-btn og-compare-btn" t-esc="t('compare')"/>
    </form>
    <div t-if="state.diff" class="og-diff" role="region" t-att-aria-label="t('diffTitle', { from: state.diff.from, to: state.diff.to })">
      <h4 t-esc="t('diffTitle', { from: state.diff.from, to: state.diff.to })"/>
      <p t-if="!state.diff.header.length and !state.diff.lines.length" class="og-muted" t-esc="t('noDiff')"/>
      <table t-else="" class="og-diff-table">
        <thead><tr><th scope="col" t-esc="t('field')"/><th scope="col" t-esc="t('before')"/><th scope="col" t-esc="t('after')"/></tr></thead>
        <tbody>
          <tr t-foreach="diffRows" t-as="r" t-key="r_index" t-att-class="'og-diff-' + r.kind">
            <th scope="row" t-esc="r.field"/><td class="og-before" t-esc="r.before"/><td class="og-after" t-esc="r.after"/>
          </tr>
        </tbody>
      </table>
    </div>
  </t>
</section>`;

  static override props = {
    orderId: String,
    pollMs: { type: Number, optional: true },
  };

  state = useState({
    picture: null as OrderPicture | null,
    actions: [] as AllowedAction[],
    error: '',
    notice: '',
    busy: false,
    form: {
      kind: CHANGE,
      reason: '',
      impact: '',
      fields: [{ id: 1, field: 'requestedDeliveryDate', value: '' }],
    },
    nextField: 2,
    confirmRaise: false,
    deciding: null as 'approve' | 'reject' | 'withdraw' | null,
    decisionText: '',
    from: 1,
    to: 1,
    diff: null as RevisionDiff | null,
  });

  get i18n() {
    return this.env.i18n;
  }

  override setup(): void {
    useOrderRefresh(this, (quiet) => this.load(quiet));
  }

  async load(quiet = false): Promise<void> {
    try {
      const [picture, actions] = await Promise.all([
        this.env.client.order(this.props.orderId),
        this.env.client.actions(this.props.orderId),
      ]);
      if (quiet && this.state.picture?.version === picture.version) return;
      const before = this.revisionCount;
      this.state.picture = picture;
      this.state.actions = actions;
      const n = this.revisionCount;
      if (n !== before) {
        this.state.from = Math.max(1, n - 1);
        this.state.to = n;
        this.state.diff = null;
      }
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

  get pending(): PendingChange | undefined {
    return this.state.picture?.workflow.change?.pending;
  }

  get decided(): (PendingChange & { decision: NonNullable<PendingChange['decision']> })[] {
    return (this.state.picture?.workflow.change?.history ?? []).filter(
      (c): c is PendingChange & { decision: NonNullable<PendingChange['decision']> } =>
        !!c.decision,
    );
  }

  routeOf(c: PendingChange): RouteStep[] {
    return c.route?.steps ?? [];
  }

  get revisionCount(): number {
    const r = this.state.picture?.order.revision;
    return typeof r === 'number' ? r : 1;
  }

  get revisionList(): number[] {
    return Array.from({ length: this.revisionCount }, (_, i) => i + 1);
  }

  get fieldNames(): readonly string[] {
    return CHANGE_FIELDS;
  }

  can(action: string): boolean {
    return this.state.actions.some((a) => a.action === action && a.allowed);
  }

  /** A change or cancellation may be raised: the service allows one now, and none is pending. */
  get canRaise(): boolean {
    return !this.pending && this.can('requestCancellation');
  }

  statusLabel(status: string): string {
    return ['active', 'waiting', 'approved', 'rejected', 'skipped'].includes(status)
      ? this.t(`status.${status}`)
      : status;
  }

  opText(op: ChangeOp): string {
    switch (op.op) {
      case 'set':
        return `${op.field} → ${shown(op.value)}`;
      case 'updateLine':
        return `${this.t('line', { id: op.lineId })}: ${shown(op.set)}`;
      case 'addLine':
        return `+ ${shown(op.line)}`;
      case 'removeLine':
        return `− ${this.t('line', { id: op.lineId })}`;
    }
  }

  addField(): void {
    this.state.form.fields.push({ id: this.state.nextField++, field: '', value: '' });
  }

  removeField(id: number): void {
    this.state.form.fields = this.state.form.fields.filter((f) => f.id !== id);
  }

  get raiseConfirm(): string {
    return this.t('confirmRequest', {
      kind: this.t(`kind.${this.state.form.kind}`),
      number: this.orderLabel,
    });
  }

  askRaise(open: boolean): void {
    this.state.confirmRaise = open;
    this.state.error = '';
  }

  /** Sends the request as the form says; the service validates it and answers any refusal. */
  async submit(): Promise<void> {
    const f = this.state.form;
    const id = this.props.orderId;
    const base = this.revisionCount;
    const patch: ChangeOp[] = f.fields
      .filter((x) => x.field.trim())
      .map((x) => ({ op: 'set', field: x.field.trim(), value: x.value }));
    await this.act(this.t('submitRequest'), () =>
      f.kind === 'cancel'
        ? this.env.client.requestCancellation(id, {
            reason: f.reason,
            impact: f.impact,
            baseRevision: base,
          })
        : this.env.client.requestChange(id, {
            baseRevision: base,
            reason: f.reason,
            impact: f.impact,
            patch,
          }),
    );
    if (!this.state.error) {
      this.state.confirmRaise = false;
      this.state.form.reason = '';
      this.state.form.impact = '';
      this.state.form.fields = [{ id: this.state.nextField++, field: '', value: '' }];
    }
  }

  startDecision(what: 'approve' | 'reject' | 'withdraw' | null): void {
    this.state.deciding = what;
    this.state.error = '';
  }

  get decisionConfirm(): string {
    const number = this.orderLabel;
    return this.state.deciding === 'reject'
      ? this.t('confirmRejectChange', { number })
      : `${this.t(this.state.deciding === 'withdraw' ? 'withdrawChange' : 'approveChange')} · ${number}?`;
  }

  async decide(): Promise<void> {
    const what = this.state.deciding;
    if (!what) return;
    const text = this.state.decisionText.trim();
    const id = this.props.orderId;
    const c = this.env.client;
    await this.act(
      this.t(
        what === 'approve'
          ? 'approveChange'
          : what === 'reject'
            ? 'rejectChange'
            : 'withdrawChange',
      ),
      () =>
        what === 'approve'
          ? c.approveChange(id, text ? { comment: text } : {})
          : what === 'reject'
            ? c.rejectChange(id, text)
            : c.withdrawChange(id, text || undefined),
    );
    if (!this.state.error) {
      this.state.deciding = null;
      this.state.decisionText = '';
    }
  }

  /** Asks the service for the differences between the two chosen revisions (CH-5). */
  async compare(): Promise<void> {
    this.state.error = '';
    try {
      this.state.diff = await this.env.client.diff(
        this.props.orderId,
        Number(this.state.from),
        Number(this.state.to),
      );
    } catch (e) {
      this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
    }
  }

  /** The diff as rows: header fields, then each line's changes, additions and removals. */
  get diffRows(): { kind: string; field: string; before: string; after: string }[] {
    const d = this.state.diff;
    if (!d) return [];
    const rows = d.header.map((c) => ({
      kind: 'changed',
      field: c.field,
      before: shown(c.before),
      after: shown(c.after),
    }));
    for (const l of d.lines) {
      const line = this.t('line', { id: l.lineId });
      if (l.kind === 'changed')
        for (const c of l.changes)
          rows.push({
            kind: 'changed',
            field: `${line} · ${c.field}`,
            before: shown(c.before),
            after: shown(c.after),
          });
      else
        rows.push({
          kind: l.kind,
          field: `${line} (${this.t(`line.${l.kind}`)})`,
          before: l.kind === 'removed' ? shown(l.line) : '—',
          after: l.kind === 'added' ? shown(l.line) : '—',
        });
    }
    return rows;
  }

  async act(what: string, call: () => Promise<unknown>): Promise<void> {
    this.state.busy = true;
    this.state.error = '';
    this.state.notice = '';
    try {
      await call();
      await this.load();
      this.state.notice = this.t('done', { what });
      this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: this.props.orderId }));
    } catch (e) {
      this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
    } finally {
      this.state.busy = false;
    }
  }
}

/** The props of `ChangePanel`. */
export interface ChangePanelProps {
  orderId: string;
  pollMs?: number;
}
