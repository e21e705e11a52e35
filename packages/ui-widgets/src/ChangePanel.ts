import { Component, useState, xml } from '@odoo/owl';
import { ApiError } from './client.js';
import type {
  AllowedAction,
  ChangeOp,
  Problem,
  OrderPicture,
  PendingChange,
  RevisionDiff,
  RouteStep,
} from './client.js';
import type { PanelEnv } from './env.js';
import { readable, type TextKey } from './i18n.js';
import { useOrderRefresh } from './refresh.js';
import { diffRows, shown, type DiffRow } from './revisionChanges.js';
import { learnPeople } from './people.js';

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

export { shown };

/** The fields of a new line in the change form, in order. */
const NEW_LINE_FIELDS = [
  'lineId',
  'productName',
  'specification',
  'quantity',
  'unitPrice',
] as const;
type NewLineField = (typeof NEW_LINE_FIELDS)[number];

/** A line of the current revision as the change form reads it. */
interface LineView {
  id: string;
  productName?: string;
  quantity?: number;
  unitPrice?: number;
}

/** A line of the current revision in the change form: its new quantity and price, or removed. */
interface LineEdit {
  id: string;
  name: string;
  quantity: string;
  price: string;
  remove: boolean;
}

/** A new line in the change form (`key` tells rows apart). */
type NewLine = { key: number } & Record<NewLineField, string>;

/** Which form control an operation of the sent patch came from: `field:<row>`, `line:<id>`, `new:<key>`. */
type Target = string;

/** Quantities as typed: a number when the text is one, `null` when empty, else the text itself (the service names what is wrong). */
function quantityOf(text: string): number | string | null {
  const v = text.trim();
  if (!v) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

/** A price typed in currency units as minor units (`12.50` → 1250); text that is no number goes as typed. */
function minorOf(text: string): number | string | null {
  const v = text.trim().replace(/,/g, '');
  const m = /^(-?)(\d*)(?:\.(\d*))?$/.exec(v);
  if (!m || !(m[2] || m[3])) return quantityOf(v);
  // decimal digits, not floating point: 1300.005 → 130000.5 (the service refuses a fraction of a cent)
  const frac = m[3] ?? '';
  const minor = Number(`${m[2] || '0'}${frac.padEnd(2, '0').slice(0, 2)}`);
  const rest = frac.length > 2 ? Number(`0.${frac.slice(2)}`) : 0;
  return (m[1] ? -1 : 1) * (minor + rest);
}

function priceText(minor: number | undefined): string {
  return minor === undefined ? '' : (minor / 100).toFixed(2);
}

/**
 * The change panel of one order (CH-1…CH-5): raise a change (reason, impact, the fields and their
 * new values, the lines' quantities and prices, lines removed and added, with the service's
 * messages at the field they concern) or a cancellation (reason, impact) after a confirmation; the pending request with
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
    <span t-if="state.picture" class="og-status" t-esc="i18n.status(state.picture.workflow.status)"/>
  </header>
  <p t-if="!state.picture and !state.error" class="og-muted" t-esc="t('loading')"/>
  <div t-if="state.error" class="og-alert" role="alert"><strong t-esc="t('refused')"/>: <span class="og-detail" t-esc="state.error"/></div>
  <div t-if="state.notice" class="og-notice" role="status" t-esc="state.notice"/>
  <t t-if="state.picture">
    <h3 t-esc="t('pendingChange')"/>
    <p t-if="!pending" class="og-muted" t-esc="t('noPending')"/>
    <div t-else="" class="og-pending">
      <p><span class="og-tag" t-esc="t('kind.' + pending.kind)"/> <span class="og-tag og-request-state" t-esc="t(pending.awaitingSignature ? 'requestState.awaitingSignature' : 'requestState.pending')"/> <span class="og-muted" t-esc="t('requestedBy', { who: i18n.person(pending.requestedBy), date: i18n.dateTime(pending.requestedAt) })"/></p>
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
          <span class="og-muted" t-esc="' ' + i18n.roleList(s.roles)"/>
          <span t-foreach="s.approvals" t-as="a" t-key="a_index" class="og-muted" t-esc="' · ' + i18n.person(a.actor) + ' ' + i18n.dateTime(a.at)"/>
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
              <input class="og-change-field-name" list="og-change-field-names" t-model="f.field" t-att-aria-invalid="err('field:' + f.id) ? 'true' : undefined" t-att-aria-describedby="err('field:' + f.id) ? errId('field:' + f.id) : undefined"/>
            </label>
            <label><span t-esc="t('newValue')"/>
              <input class="og-change-field-value" t-model="f.value" t-att-aria-invalid="err('field:' + f.id) ? 'true' : undefined"/>
            </label>
            <button type="button" class="og-btn og-remove-field" t-on-click="() => this.removeField(f.id)" t-esc="t('removeField')"/>
            <span t-if="err('field:' + f.id)" class="og-field-error" t-att-id="errId('field:' + f.id)" t-esc="err('field:' + f.id)"/>
          </div>
          <datalist id="og-change-field-names">
            <option t-foreach="fieldNames" t-as="n" t-key="n" t-att-value="n" t-att-label="i18n.field(n)"/>
          </datalist>
          <button type="button" class="og-btn og-add-field" t-on-click="() => this.addField()" t-esc="t('addField')"/>
        </fieldset>
        <fieldset t-if="state.form.kind === 'change'" class="og-field og-change-lines">
          <legend t-esc="t('lines')"/>
          <div t-foreach="state.form.lines" t-as="l" t-key="l.id" t-att-class="'og-change-line' + (l.remove ? ' og-line-removed' : '')" t-att-data-line="l.id">
            <strong class="og-line-name" t-esc="t('line', { id: l.id }) + (l.name ? ' · ' + l.name : '')"/>
            <label><span t-esc="t('quantity')"/>
              <input class="og-line-quantity" inputmode="decimal" t-model="l.quantity" t-att-disabled="l.remove" t-att-aria-invalid="err('line:' + l.id + ':quantity') ? 'true' : undefined" t-att-aria-describedby="err('line:' + l.id + ':quantity') ? errId('line:' + l.id + ':quantity') : undefined"/>
            </label>
            <span t-if="err('line:' + l.id + ':quantity')" class="og-field-error" t-att-id="errId('line:' + l.id + ':quantity')" t-esc="err('line:' + l.id + ':quantity')"/>
            <label><span t-esc="t('unitPrice', { currency: orderCurrency })"/>
              <input class="og-line-price" inputmode="decimal" t-model="l.price" t-att-disabled="l.remove" t-att-aria-invalid="err('line:' + l.id + ':unitPrice') ? 'true' : undefined" t-att-aria-describedby="err('line:' + l.id + ':unitPrice') ? errId('line:' + l.id + ':unitPrice') : undefined"/>
            </label>
            <span t-if="err('line:' + l.id + ':unitPrice')" class="og-field-error" t-att-id="errId('line:' + l.id + ':unitPrice')" t-esc="err('line:' + l.id + ':unitPrice')"/>
            <label class="og-check"><input type="checkbox" class="og-line-remove" t-model="l.remove"/> <span t-esc="t('removeLine')"/></label>
            <span t-if="err('line:' + l.id)" class="og-field-error" t-att-id="errId('line:' + l.id)" t-esc="err('line:' + l.id)"/>
          </div>
          <div t-foreach="state.form.added" t-as="n" t-key="n.key" class="og-change-line og-new-line">
            <strong t-esc="t('newLine')"/>
            <t t-foreach="NEW_LINE_FIELDS" t-as="k" t-key="k">
              <label><span t-esc="k === 'unitPrice' ? t('unitPrice', { currency: orderCurrency }) : t(k)"/>
                <input t-att-class="'og-new-' + k" t-model="n[k]" t-att-aria-invalid="err('new:' + n.key + ':' + k) ? 'true' : undefined" t-att-aria-describedby="err('new:' + n.key + ':' + k) ? errId('new:' + n.key + ':' + k) : undefined"/>
              </label>
              <span t-if="err('new:' + n.key + ':' + k)" class="og-field-error" t-att-id="errId('new:' + n.key + ':' + k)" t-esc="err('new:' + n.key + ':' + k)"/>
            </t>
            <button type="button" class="og-btn og-drop-new-line" t-on-click="() => this.dropLine(n.key)" t-esc="t('removeField')"/>
            <span t-if="err('new:' + n.key)" class="og-field-error" t-att-id="errId('new:' + n.key)" t-esc="err('new:' + n.key)"/>
          </div>
          <button type="button" class="og-btn og-add-line" t-on-click="() => this.addLine()" t-esc="t('addLine')"/>
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
          <span class="og-muted" t-esc="i18n.person(c.decision.by) + ' ' + i18n.dateTime(c.decision.at) + (c.decision.revision ? ' → ' + t('revision', { n: c.decision.revision }) : '')"/>
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
      lines: [] as LineEdit[],
      added: [] as NewLine[],
    },
    /** The service's messages for the form's controls, by control key (`line:<id>:quantity`…). */
    fieldErrors: byKey<string>(),
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
      await learnPeople(this.env, picture);
      const before = this.revisionCount;
      this.state.picture = picture;
      this.state.actions = actions;
      const n = this.revisionCount;
      if (n !== before || !this.state.form.lines.length) this.resetLines();
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
      : readable(status);
  }

  opText(op: ChangeOp): string {
    switch (op.op) {
      case 'set':
        return `${this.env.i18n.field(op.field)} → ${shown(op.value)}`;
      case 'updateLine':
        return `${this.t('line', { id: op.lineId })}: ${shown(op.set)}`;
      case 'addLine':
        return `+ ${shown(op.line)}`;
      case 'removeLine':
        return `− ${this.t('line', { id: op.lineId })}`;
    }
  }

  get NEW_LINE_FIELDS(): readonly NewLineField[] {
    return NEW_LINE_FIELDS;
  }

  get orderCurrency(): string {
    return this.state.picture?.order.currency ?? '';
  }

  /** The lines of the current revision. */
  get currentLines(): LineView[] {
    const lines = this.state.picture?.order.lines;
    return Array.isArray(lines) ? (lines as LineView[]) : [];
  }

  /** The line part of the form, as the current revision has it. */
  resetLines(): void {
    this.state.form.lines = this.currentLines.map((l) => ({
      id: l.id,
      name: l.productName ?? '',
      quantity: l.quantity === undefined ? '' : String(l.quantity),
      price: priceText(l.unitPrice),
      remove: false,
    }));
    this.state.form.added = [];
  }

  addLine(): void {
    const key = this.state.nextField++;
    const taken = new Set([
      ...this.currentLines.map((l) => l.id),
      ...this.state.form.added.map((l) => l.lineId),
    ]);
    let n = this.currentLines.length + this.state.form.added.length + 1;
    while (taken.has(`${this.props.orderId}-${String(n)}`)) n++;
    this.state.form.added.push({
      key,
      lineId: `${this.props.orderId}-${String(n)}`,
      productName: '',
      specification: '',
      quantity: '',
      unitPrice: '',
    });
  }

  dropLine(key: number): void {
    this.state.form.added = this.state.form.added.filter((l) => l.key !== key);
  }

  /** The service's message for a control of the form, if it named one. */
  err(key: string): string {
    return this.state.fieldErrors[key] ?? '';
  }

  errId(key: string): string {
    return `og-err-${this.props.orderId}-${key}`.replace(/[^\w-]/g, '-');
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

  /**
   * The patch the form says, and for each operation the control it came from: header fields
   * (`set`), then the lines whose quantity or price changed (`updateLine`), removed lines
   * (`removeLine`) and new lines (`addLine`). Values go as typed when they are no number: the
   * service's validation names the field.
   */
  get patch(): { patch: ChangeOp[]; targets: Target[] } {
    const f = this.state.form;
    const patch: ChangeOp[] = [];
    const targets: Target[] = [];
    for (const x of f.fields)
      if (x.field.trim()) {
        patch.push({ op: 'set', field: x.field.trim(), value: x.value });
        targets.push(`field:${String(x.id)}`);
      }
    for (const l of f.lines) {
      const was = this.currentLines.find((c) => c.id === l.id);
      if (!was) continue;
      if (l.remove) {
        patch.push({ op: 'removeLine', lineId: l.id });
        targets.push(`line:${l.id}`);
        continue;
      }
      const set: Record<string, unknown> = {};
      if (l.quantity.trim() !== (was.quantity === undefined ? '' : String(was.quantity)))
        set.quantity = quantityOf(l.quantity);
      if (l.price.trim() !== priceText(was.unitPrice)) set.unitPrice = minorOf(l.price);
      if (Object.keys(set).length) {
        patch.push({ op: 'updateLine', lineId: l.id, set });
        targets.push(`line:${l.id}`);
      }
    }
    for (const n of f.added) {
      patch.push({
        op: 'addLine',
        line: {
          id: n.lineId.trim(),
          productName: n.productName,
          specification: n.specification,
          quantity: quantityOf(n.quantity),
          unitPrice: minorOf(n.unitPrice),
        },
      });
      targets.push(`new:${String(n.key)}`);
    }
    return { patch, targets };
  }

  /**
   * Places the service's messages at the controls they concern: input errors (`errors[].path`)
   * and the findings of a refusal (their evidence's field), whether they name an operation of the
   * patch (`patch.2.set.quantity`), a line by id (`lines.so-1-1.unitPrice`) or by its position in
   * the proposed revision (`lines.1.quantity`), or a header field. What names no control stays
   * in the panel's alert only.
   */
  fieldErrorsOf(p: Problem, targets: readonly Target[]): Record<string, string> {
    const out: Record<string, string> = {};
    const f = this.state.form;
    const kept = f.lines.filter((l) => !l.remove).map((l) => `line:${l.id}`);
    const proposed = [...kept, ...f.added.map((n) => `new:${String(n.key)}`)];
    const control = (target: string, field?: string): string => {
      if (!field || target.startsWith('field:')) return target;
      const k = target.startsWith('new:') && field === 'id' ? 'lineId' : field;
      const known = target.startsWith('new:')
        ? (NEW_LINE_FIELDS as readonly string[]).includes(k)
        : k === 'quantity' || k === 'unitPrice';
      return known ? `${target}:${k}` : target;
    };
    const place = (path: string | undefined, message: string) => {
      if (!path) return;
      let key: string | undefined;
      const op = /^patch\.(\d+)(?:\.(?:set|line)\.(\w+))?/.exec(path);
      const line = /^lines\.([^.]+)(?:\.(\w+))?/.exec(path);
      if (op) {
        const target = targets[Number(op[1])];
        if (target) key = control(target, op[2]);
      } else if (line) {
        const ref = line[1]!;
        const added = f.added.find((n) => n.lineId.trim() === ref);
        const byId = f.lines.some((l) => l.id === ref)
          ? `line:${ref}`
          : added
            ? `new:${String(added.key)}`
            : undefined;
        const target = byId ?? (/^\d+$/.test(ref) ? proposed[Number(ref)] : undefined);
        if (target) key = control(target, line[2]);
      } else {
        const row = f.fields.find((x) => x.field.trim() === path);
        if (row) key = `field:${String(row.id)}`;
      }
      if (key) out[key] = out[key] ? `${out[key]} ${message}` : message;
    };
    for (const e of p.errors ?? []) place(e.path, e.message);
    for (const x of p.findings ?? [])
      place(x.evidence?.[0]?.field, this.i18n.message(x.messageKey, x.params));
    return out;
  }

  /** Sends the request as the form says; the service validates it and answers any refusal. */
  async submit(): Promise<void> {
    const f = this.state.form;
    const id = this.props.orderId;
    const base = this.revisionCount;
    const { patch, targets } = this.patch;
    this.state.fieldErrors = {};
    await this.act(
      this.t('submitRequest'),
      () =>
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
      (p) => (this.state.fieldErrors = this.fieldErrorsOf(p, targets)),
    );
    if (!this.state.error) {
      this.state.confirmRaise = false;
      this.state.form.reason = '';
      this.state.form.impact = '';
      this.state.form.fields = [{ id: this.state.nextField++, field: '', value: '' }];
      this.resetLines();
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
  get diffRows(): DiffRow[] {
    return this.state.diff ? diffRows(this.state.diff, this.env.i18n) : [];
  }

  async act(
    what: string,
    call: () => Promise<unknown>,
    onProblem?: (p: Problem) => void,
  ): Promise<void> {
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
      if (e instanceof ApiError) onProblem?.(e.problem);
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

/** An empty record of `T` by key (typed state for `useState`). */
function byKey<T>(): Record<string, T> {
  return {};
}
