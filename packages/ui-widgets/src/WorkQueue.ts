import { Component, onMounted, onWillStart, onWillUnmount, useRef, useState, xml } from '@odoo/owl';
import { ApiError, type WorkItem } from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';

/**
 * Sorts a work queue as approvers read it: urgent first, then by due time (earliest first;
 * no due time last), then by order number (IN-4, RV-2).
 *
 * @example
 * sortQueue([{ orderId: 'b', urgent: false, dueAt: '2026-01-02T00:00:00Z', status: 'in_review', actions: [] },
 *            { orderId: 'a', urgent: true, status: 'in_review', actions: [] }]).map((i) => i.orderId); // ['a', 'b']
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

/**
 * The caller's work queue: only what they can act on now (the service's `/v1/work-queue`), with
 * a counter, urgent first then by deadline. Keys on the list: `j`/`k` next/previous, `Enter`
 * open, `a` approve (the service decides), `r` reject (opens the panel's confirmation).
 *
 * @example
 * mount(WorkQueue, el, { env, props: { onOpen: (id) => show(id) } });
 */
export class WorkQueue extends Component<WorkQueueProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-queue" role="region" t-att-aria-label="t('workQueue')">
  <header class="og-panel-head">
    <h2 t-esc="t('workQueue')"/>
    <span class="og-counter" role="status" t-esc="t('queueCount', { n: state.items.length })"/>
  </header>
  <div t-if="state.error" class="og-alert" role="alert" t-esc="state.error"/>
  <p t-if="!state.items.length and !state.error" class="og-muted" t-esc="t('queueEmpty')"/>
  <ul t-else="" class="og-queue-list" role="listbox" tabindex="0" t-ref="list"
      t-att-aria-label="t('workQueue')" t-att-aria-activedescendant="activeId"
      t-on-keydown="onKey">
    <li t-foreach="state.items" t-as="item" t-key="item.orderId" role="option"
        t-att-id="'og-q-' + item_index" t-att-aria-selected="item_index === state.cursor ? 'true' : 'false'"
        t-att-class="'og-queue-item' + (item_index === state.cursor ? ' og-cursor' : '') + (item.orderId === props.selected ? ' og-selected' : '')"
        t-on-click="() => this.open(item_index)">
      <span class="og-queue-number" t-esc="item.number or item.orderId"/>
      <span t-if="item.urgent" class="og-tag og-tag-danger" t-esc="t('urgent')"/>
      <span class="og-muted" t-esc="actionsText(item)"/>
      <span t-if="item.dueAt" t-att-class="Date.parse(item.dueAt) &lt; state.now ? 'og-due-late' : 'og-muted'" t-esc="env.i18n.dateTime(item.dueAt)"/>
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

  state = useState({ items: [] as WorkItem[], cursor: 0, error: '', now: Date.now() });
  list = useRef('list');

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
  }

  async load(): Promise<void> {
    try {
      this.state.items = sortQueue(await this.env.client.workQueue());
      this.state.cursor = Math.min(this.state.cursor, Math.max(0, this.state.items.length - 1));
      this.state.now = Date.now();
      this.state.error = '';
    } catch (e) {
      this.state.error = e instanceof Error ? e.message : String(e);
    }
  }

  t(key: TextKey, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key, params);
  }

  get activeId(): string | undefined {
    return this.state.items.length ? `og-q-${this.state.cursor}` : undefined;
  }

  actionsText(item: WorkItem): string {
    return item.actions
      .map((a) => (['approve', 'reject', 'returnToSales'].includes(a) ? this.t(a as TextKey) : a))
      .join(', ');
  }

  open(index: number): void {
    const item = this.state.items[index];
    if (!item) return;
    this.state.cursor = index;
    this.props.onOpen(item.orderId);
  }

  async onKey(ev: KeyboardEvent): Promise<void> {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
    const n = this.state.items.length;
    const item = this.state.items[this.state.cursor];
    switch (ev.key) {
      case 'j':
      case 'ArrowDown':
        this.state.cursor = Math.min(n - 1, this.state.cursor + 1);
        break;
      case 'k':
      case 'ArrowUp':
        this.state.cursor = Math.max(0, this.state.cursor - 1);
        break;
      case 'Enter':
        this.open(this.state.cursor);
        break;
      case 'a':
        if (!item) return;
        this.open(this.state.cursor);
        try {
          await this.env.client.approve(item.orderId);
          this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: item.orderId }));
        } catch (e) {
          this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
        }
        break;
      case 'r':
        if (!item) return;
        this.open(this.state.cursor);
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
