import {
  Component,
  onMounted,
  onWillStart,
  onWillUnmount,
  useEffect,
  useRef,
  useState,
  xml,
} from '@odoo/owl';
import { ApiError, type WorkItem } from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';
import { learnPeople } from './people.js';

/**
 * Sorts a work queue as approvers read it: urgent first, then by due time (earliest first;
 * no due time last), then by order number (IN-4, RV-2).
 *
 * @example
 * sortQueue(items).map((i) => i.orderId); // urgent ones first, then the earliest due
 */
export function sortQueue(items: readonly WorkItem[]): WorkItem[] {
  const due = (i: WorkItem) => (i.dueAt ? Date.parse(i.dueAt) : Number.POSITIVE_INFINITY);
  return [...items].sort(
    (a, b) =>
      Number(b.urgent) - Number(a.urgent) ||
      due(a) - due(b) ||
      (a.number ?? a.orderId).localeCompare(b.number ?? b.orderId),
  );
}

/** What a work queue is narrowed to; an absent field does not filter. */
export interface QueueFilter {
  /** A customer id. */
  customer?: string;
  /** A rule ID that put the order in the queue (`RV-4`, `CR-4`…). */
  ruleId?: string;
  /** Only lines with a step past its deadline (RV-2). */
  overdueOnly?: boolean;
  /** Lowest total with tax, in minor units (inclusive). */
  minAmount?: number;
  /** Highest total with tax, in minor units (inclusive). */
  maxAmount?: number;
}

/**
 * The lines of a work queue that pass every filter, in their order. Amount bounds compare the
 * totals in minor units whatever the currency.
 *
 * @example
 * filterQueue(items, { ruleId: 'RV-4', overdueOnly: true, minAmount: 100_000_000 });
 */
export function filterQueue(items: readonly WorkItem[], filter: QueueFilter): WorkItem[] {
  return items.filter(
    (i) =>
      (!filter.customer || i.customer.id === filter.customer) &&
      (!filter.ruleId || i.ruleIds.includes(filter.ruleId)) &&
      (!filter.overdueOnly || i.overdue) &&
      (filter.minAmount === undefined || i.amount.total >= filter.minAmount) &&
      (filter.maxAmount === undefined || i.amount.total <= filter.maxAmount),
  );
}

/** The filter fields as typed (amounts in major units, as text). */
interface FilterFields {
  customer: string;
  rule: string;
  overdue: boolean;
  min: string;
  max: string;
}

/** Where the work queue keeps its filters between visits (this browser's `localStorage`). */
export const QUEUE_FILTER_KEY = 'ordergate.queueFilter';

/** No filter: every field empty. */
const NO_FILTER: Readonly<FilterFields> = {
  customer: '',
  rule: '',
  overdue: false,
  min: '',
  max: '',
};

/** The filters kept from the last visit, only fields of the right type; none when unreadable. */
function keptFilter(): Partial<FilterFields> {
  try {
    const v = JSON.parse(globalThis.localStorage?.getItem(QUEUE_FILTER_KEY) ?? '{}') as unknown;
    if (typeof v !== 'object' || v === null) return {};
    const kept = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.entries(NO_FILTER)
        .filter(([k, empty]) => typeof kept[k] === typeof empty)
        .map(([k]) => [k, kept[k]]),
    );
  } catch {
    return {}; // storage refused (privacy mode, a sandboxed frame) or spoilt: start unfiltered
  }
}

/** A major-unit amount typed in a filter field as minor units, or undefined when empty. */
function minorOf(text: string): number | undefined {
  const n = Number(String(text).trim().replace(/,/g, ''));
  return String(text).trim() === '' || !Number.isFinite(n) ? undefined : Math.round(n * 100);
}

/**
 * The caller's work queue: only what they can act on now (the service's `/v1/work-queue`), with
 * a counter (shown of total when filtered), urgent first then by deadline (IN-4, RV-2). Filters
 * by customer, rule, overdue and amount, kept for the next visit (`localStorage`,
 * `QUEUE_FILTER_KEY`); several orders approved at once after a confirmation
 * that lists them (each approval is its own request, a refusal shows the service's reason); a
 * step the caller signs as someone's substitute says so. Keys on the list: `j`/`k`
 * next/previous, `x` (or Space) select, `Enter` open, `a` approve (the selected ones after the
 * confirmation, else the current one), `r` reject (opens the panel's confirmation).
 *
 * @example
 * mount(WorkQueue, el, { env, props: { onOpen: (id) => show(id) } });
 */
export class WorkQueue extends Component<WorkQueueProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-queue" role="region" t-att-aria-label="t('workQueue')">
  <header class="og-panel-head">
    <h2 t-esc="t('workQueue')"/>
    <span class="og-counter" role="status" t-esc="counterText"/>
  </header>
  <fieldset t-if="state.items.length" class="og-queue-filters">
    <legend t-esc="t('queueFilters')"/>
    <label class="og-field"><span t-esc="t('filterCustomer')"/>
      <select class="og-filter-customer" t-model="state.filter.customer">
        <option value="" t-esc="t('allCustomers')"/>
        <option t-foreach="customers" t-as="c" t-key="c.id" t-att-value="c.id" t-esc="c.name"/>
      </select>
    </label>
    <label class="og-field"><span t-esc="t('filterRule')"/>
      <select class="og-filter-rule" t-model="state.filter.rule">
        <option value="" t-esc="t('allRules')"/>
        <option t-foreach="ruleIds" t-as="r" t-key="r" t-att-value="r" t-esc="r"/>
      </select>
    </label>
    <label class="og-field"><span t-esc="t('filterMin')"/>
      <input type="number" min="0" step="any" inputmode="decimal" class="og-filter-min" t-model="state.filter.min"/>
    </label>
    <label class="og-field"><span t-esc="t('filterMax')"/>
      <input type="number" min="0" step="any" inputmode="decimal" class="og-filter-max" t-model="state.filter.max"/>
    </label>
    <label class="og-check-field"><input type="checkbox" class="og-filter-overdue" t-model="state.filter.overdue"/>
      <span t-esc="t('filterOverdue')"/>
    </label>
    <button t-if="filtered" type="button" class="og-btn og-filter-clear" t-on-click="clearFilters" t-esc="t('clearFilters')"/>
  </fieldset>
  <div t-if="state.error" class="og-alert" role="alert" t-esc="state.error"/>
  <div t-if="state.notice" class="og-notice" role="status" t-esc="state.notice"/>
  <div t-if="state.refusals.length" class="og-alert og-bulk-refusals" role="alert">
    <p t-esc="t('bulkRefused')"/>
    <ul>
      <li t-foreach="state.refusals" t-as="r" t-key="r.orderId"><strong t-esc="r.number"/>: <t t-esc="r.detail"/></li>
    </ul>
  </div>
  <dialog t-if="state.confirming" class="og-confirm og-bulk-confirm" aria-labelledby="og-bulk-title"
          tabindex="-1" t-ref="dialog" t-on-keydown="onDialogKey" t-on-cancel="onDialogCancel">
    <h3 id="og-bulk-title" t-esc="t('bulkTitle', { n: chosenItems.length })"/>
    <table class="og-bulk-table">
      <thead><tr>
        <th scope="col" t-esc="t('bulkOrder')"/><th scope="col" t-esc="t('bulkCustomer')"/>
        <th scope="col" t-esc="t('bulkAmount')"/><th scope="col" t-esc="t('bulkStep')"/>
      </tr></thead>
      <tbody>
        <tr t-foreach="chosenItems" t-as="item" t-key="item.orderId">
          <td class="og-nowrap" t-esc="item.number or item.orderId"/>
          <td t-esc="item.customer.name"/>
          <td class="og-num og-nowrap" t-esc="env.i18n.money(item.amount.total, item.amount.currency)"/>
          <td t-esc="stepsText(item)"/>
        </tr>
      </tbody>
    </table>
    <label class="og-field"><span t-esc="t('bulkComment')"/>
      <textarea class="og-bulk-comment" t-model="state.comment"/>
    </label>
    <div class="og-buttons">
      <button type="button" class="og-btn og-btn-primary og-bulk-approve" t-att-disabled="state.busy"
              t-on-click="() => this.approveChosen()" t-esc="t('bulkConfirm', { n: chosenItems.length })"/>
      <button type="button" class="og-btn og-bulk-cancel" t-att-disabled="state.busy" t-on-click="cancelConfirm" t-esc="t('cancel')"/>
    </div>
  </dialog>
  <div t-if="anyApprovable and !state.confirming" class="og-buttons og-bulk-bar">
    <button type="button" class="og-btn og-select-all" t-on-click="toggleAll"
            t-esc="allChosen ? t('clearSelection') : t('selectAllShown')"/>
    <button type="button" class="og-btn og-btn-primary og-approve-selected"
            t-att-disabled="!chosenItems.length" t-on-click="openConfirm"
            t-esc="t('approveSelected', { n: chosenItems.length })"/>
  </div>
  <p t-if="!state.items.length and !state.error" class="og-muted" t-esc="t('queueEmpty')"/>
  <p t-elif="!visible.length and !state.error" class="og-muted og-filter-empty" t-esc="t('filterEmpty')"/>
  <ul t-else="" class="og-queue-list" role="listbox" aria-multiselectable="true" tabindex="0" t-ref="list"
      t-att-aria-label="t('workQueue')" t-att-aria-activedescendant="activeId"
      t-on-keydown="onKey">
    <li t-foreach="visible" t-as="item" t-key="item.orderId" role="option"
        t-att-id="'og-q-' + item_index" t-att-aria-selected="isChosen(item) ? 'true' : 'false'"
        t-att-data-order="item.orderId"
        t-att-class="'og-queue-item' + (item_index === cursor ? ' og-cursor' : '') + (item.orderId === props.selected ? ' og-selected' : '') + (isChosen(item) ? ' og-chosen' : '')"
        t-on-click="() => this.open(item_index)">
      <span t-if="approvable(item)" t-att-class="'og-check' + (isChosen(item) ? ' og-checked' : '')"
            aria-hidden="true" t-on-click.stop="() => this.toggle(item)"/>
      <span t-else="" class="og-check og-check-none" aria-hidden="true"/>
      <span class="og-queue-number" t-esc="item.number or item.orderId"/>
      <span t-if="item.urgent" class="og-tag og-tag-danger" t-esc="t('urgent')"/>
      <span t-if="item.overdue" class="og-tag og-tag-warn og-overdue" t-esc="t('overdue')"/>
      <span class="og-queue-customer" t-esc="item.customer.name"/>
      <span class="og-queue-amount og-num" t-esc="env.i18n.money(item.amount.total, item.amount.currency)"/>
      <span t-foreach="item.ruleIds" t-as="r" t-key="r" class="og-tag og-queue-rule" t-esc="r"/>
      <span class="og-muted" t-esc="actionsText(item)"/>
      <span t-if="item.dueAt" t-att-class="Date.parse(item.dueAt) &lt; state.now ? 'og-due-late' : 'og-muted'" t-esc="env.i18n.dateTime(item.dueAt)"/>
      <span t-foreach="substitutesText(item)" t-as="s" t-key="s" class="og-substitute" t-esc="s"/>
    </li>
  </ul>
  <p class="og-hint og-muted" t-esc="t('shortcuts')"/>
</section>`;

  static override props = {
    /** Called with the order id when the user opens an item. */
    onOpen: Function,
    /** The order open beside the queue, highlighted. */
    selected: { type: String, optional: true },
    /** Called by `r`: the order's panel should open the confirmation of `action`. */
    onAsk: { type: Function, optional: true },
    pollMs: { type: Number, optional: true },
  };

  state = useState({
    items: [] as WorkItem[],
    cursor: 0,
    error: '',
    notice: '',
    now: Date.now(),
    filter: { ...NO_FILTER, ...keptFilter() },
    /** Order ids chosen for a bulk approval. */
    chosen: [] as string[],
    confirming: false,
    comment: '',
    busy: false,
    refusals: [] as { orderId: string; number: string; detail: string }[],
  });
  list = useRef('list');
  dialog = useRef('dialog');

  override setup(): void {
    onWillStart(() => this.load());
    const changed = () => void this.load();
    let poll: ReturnType<typeof setInterval> | undefined;
    onMounted(() => {
      this.env.bus?.addEventListener('og-changed', changed);
      const every = this.props.pollMs ?? 15_000;
      if (every > 0) poll = setInterval(changed, every);
    });
    onWillUnmount(() => {
      this.env.bus?.removeEventListener('og-changed', changed);
      clearInterval(poll);
    });
    // the filters are kept for the next visit (this browser), as the user left them
    useEffect(
      (kept: string) => {
        try {
          globalThis.localStorage?.setItem(QUEUE_FILTER_KEY, kept);
        } catch {
          // storage refused: the filters last as long as the page
        }
      },
      () => [JSON.stringify(this.state.filter)],
    );
    // the confirmation takes the focus when it opens (keyboard users read it first)
    useEffect(
      (open) => {
        const dialog = this.dialog.el as HTMLDialogElement | null;
        if (!open || !dialog) return;
        if (!dialog.open) dialog.showModal(); // modal: the page behind waits for the answer
        dialog.focus();
      },
      () => [this.state.confirming],
    );
  }

  async load(): Promise<void> {
    try {
      const items = await this.env.client.workQueue();
      await learnPeople(this.env, items);
      this.state.items = sortQueue(items);
      const ids = new Set(this.state.items.map((i) => i.orderId));
      this.state.chosen = this.state.chosen.filter((id) => ids.has(id));
      this.state.now = Date.now();
      this.state.error = '';
    } catch (e) {
      this.state.error = e instanceof Error ? e.message : String(e);
    }
  }

  t(key: TextKey, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key, params);
  }

  /** The filter fields as a `QueueFilter` (amounts typed in major units). */
  get queueFilter(): QueueFilter {
    const f = this.state.filter;
    const min = minorOf(f.min);
    const max = minorOf(f.max);
    return {
      ...(f.customer ? { customer: f.customer } : {}),
      ...(f.rule ? { ruleId: f.rule } : {}),
      ...(f.overdue ? { overdueOnly: true } : {}),
      ...(min !== undefined ? { minAmount: min } : {}),
      ...(max !== undefined ? { maxAmount: max } : {}),
    };
  }

  get filtered(): boolean {
    return Object.keys(this.queueFilter).length > 0;
  }

  /** The lines shown: the queue through the filters. */
  get visible(): WorkItem[] {
    return filterQueue(this.state.items, this.queueFilter);
  }

  /** The current line's index among those shown (a filter may have shortened the list). */
  get cursor(): number {
    return Math.min(this.state.cursor, Math.max(0, this.visible.length - 1));
  }

  get counterText(): string {
    const n = this.state.items.length;
    return this.filtered
      ? this.t('queueCountOf', { shown: this.visible.length, n })
      : this.t('queueCount', { n });
  }

  get customers(): { id: string; name: string }[] {
    const seen = new Map<string, string>();
    for (const i of this.state.items) seen.set(i.customer.id, i.customer.name);
    return [...seen]
      .map(([id, name]) => ({ id, name }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  get ruleIds(): string[] {
    return [...new Set(this.state.items.flatMap((i) => i.ruleIds))].sort();
  }

  /** The chosen lines still shown, in queue order: what a bulk approval acts on. */
  get chosenItems(): WorkItem[] {
    return this.visible.filter((i) => this.state.chosen.includes(i.orderId));
  }

  /** Whether a shown line can be approved (a bulk approval has something to act on). */
  get anyApprovable(): boolean {
    return this.visible.some((i) => this.approvable(i));
  }

  get allChosen(): boolean {
    const can = this.visible.filter((i) => this.approvable(i));
    return can.length > 0 && can.every((i) => this.isChosen(i));
  }

  get activeId(): string | undefined {
    return this.visible.length ? `og-q-${this.cursor}` : undefined;
  }

  approvable(item: WorkItem): boolean {
    return item.actions.includes('approve');
  }

  isChosen(item: WorkItem): boolean {
    return this.state.chosen.includes(item.orderId);
  }

  toggle(item: WorkItem): void {
    if (!this.approvable(item)) return;
    this.state.chosen = this.isChosen(item)
      ? this.state.chosen.filter((id) => id !== item.orderId)
      : [...this.state.chosen, item.orderId];
  }

  toggleAll(): void {
    const can = this.visible.filter((i) => this.approvable(i)).map((i) => i.orderId);
    this.state.chosen = this.allChosen
      ? this.state.chosen.filter((id) => !can.includes(id))
      : [...new Set([...this.state.chosen, ...can])];
  }

  clearFilters(): void {
    Object.assign(this.state.filter, NO_FILTER);
  }

  actionsText(item: WorkItem): string {
    const i18n = this.env.i18n;
    return item.actions
      .map((a) =>
        i18n.has(`queueAction.${a}`)
          ? this.t(`queueAction.${a}` as TextKey)
          : i18n.has(a)
            ? this.t(a as TextKey)
            : a,
      )
      .join(', ');
  }

  /** "for u-wang, as substitute until …", once per person the caller stands in for. */
  substitutesText(item: WorkItem): string[] {
    const out = new Map<string, string>();
    for (const s of item.steps) {
      if (!s.onBehalfOf || out.has(s.onBehalfOf)) continue;
      out.set(
        s.onBehalfOf,
        s.delegatedUntil
          ? this.t('asSubstitute', {
              who: this.env.i18n.person(s.onBehalfOf),
              until: this.env.i18n.dateTime(s.delegatedUntil),
            })
          : this.t('asSubstituteOpen', { who: this.env.i18n.person(s.onBehalfOf) }),
      );
    }
    return [...out.values()];
  }

  /** The steps the caller would sign on `item`, each with whom they stand in for. */
  stepsText(item: WorkItem): string {
    return item.steps
      .map((s) =>
        s.onBehalfOf
          ? `${this.env.i18n.pick(s.label)} (${this.t('forWhom', { who: this.env.i18n.person(s.onBehalfOf) })})`
          : this.env.i18n.pick(s.label),
      )
      .join(', ');
  }

  open(index: number): void {
    const item = this.visible[index];
    if (!item) return;
    this.state.cursor = index;
    this.props.onOpen(item.orderId);
  }

  openConfirm(): void {
    if (!this.chosenItems.length) return;
    this.state.notice = '';
    this.state.refusals = [];
    this.state.confirming = true;
  }

  cancelConfirm(): void {
    this.state.confirming = false;
    this.state.comment = '';
    this.list.el?.focus();
  }

  /** Escape on the modal dialog (the browser's `cancel`): cancels, unless approvals are running. */
  onDialogCancel(ev: Event): void {
    ev.preventDefault();
    if (!this.state.busy) this.cancelConfirm();
  }

  onDialogKey(ev: KeyboardEvent): void {
    if (ev.key === 'Escape' && !this.state.busy) {
      ev.preventDefault();
      this.cancelConfirm();
    }
  }

  /**
   * Approves every chosen order, one request each, after the confirmation: the approved ones
   * leave the queue, a refused one stays with the service's localized reason.
   */
  async approveChosen(): Promise<void> {
    const items = this.chosenItems;
    const comment = this.state.comment.trim();
    this.state.busy = true;
    const refusals: { orderId: string; number: string; detail: string }[] = [];
    const done: string[] = [];
    for (const item of items) {
      try {
        await this.env.client.approve(item.orderId, comment ? { comment } : {});
        done.push(item.orderId);
      } catch (e) {
        refusals.push({
          orderId: item.orderId,
          number: item.number ?? item.orderId,
          detail: e instanceof ApiError ? e.problem.detail : String(e),
        });
      }
    }
    this.state.chosen = this.state.chosen.filter((id) => !done.includes(id));
    this.state.refusals = refusals;
    this.state.notice = done.length ? this.t('bulkDone', { n: done.length }) : '';
    this.state.busy = false;
    this.state.confirming = false;
    this.state.comment = '';
    await this.load();
    for (const id of done)
      this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: id }));
    this.list.el?.focus();
  }

  async onKey(ev: KeyboardEvent): Promise<void> {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const n = this.visible.length;
    const cursor = this.cursor;
    const item = this.visible[cursor];
    switch (ev.key) {
      case 'j':
      case 'ArrowDown':
        this.state.cursor = Math.min(n - 1, cursor + 1);
        break;
      case 'k':
      case 'ArrowUp':
        this.state.cursor = Math.max(0, cursor - 1);
        break;
      case 'Enter':
        this.open(cursor);
        break;
      case 'x':
      case ' ':
        if (item) this.toggle(item);
        break;
      case 'a':
        // with orders chosen, `a` asks the confirmation that lists them; never approves them blind
        if (this.chosenItems.length) {
          this.openConfirm();
          break;
        }
        if (!item) return;
        this.open(cursor);
        try {
          await this.env.client.approve(item.orderId);
          this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: item.orderId }));
        } catch (e) {
          this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
        }
        break;
      case 'r':
        if (!item) return;
        this.open(cursor);
        // the order's panel opens its reject confirmation (reason, confirm)
        this.props.onAsk?.(item.orderId, 'reject');
        break;
      default:
        return;
    }
    ev.preventDefault();
  }
}

/** The props of `WorkQueue`. */
export interface WorkQueueProps {
  onOpen: (orderId: string) => void;
  selected?: string;
  onAsk?: (orderId: string, action: 'reject') => void;
  pollMs?: number;
}
