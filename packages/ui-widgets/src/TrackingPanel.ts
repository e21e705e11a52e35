import { Component, markRaw, useState, xml } from '@odoo/owl';
import type { OrderPicture, Timeline, TrailEvent } from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';
import { useOrderRefresh } from './refresh.js';
import { learnPeople } from './people.js';

/** The stages of an order's timeline (TR-1), in order. */
export const STAGES = [
  'review',
  'production',
  'warehouse',
  'shipping',
  'delivery',
  'acceptance',
  'settlement',
  'archive',
] as const;

/** A stage of the timeline: its state, when it started and ended, and the time spent in it. */
export interface Stage {
  key: (typeof STAGES)[number];
  state: 'done' | 'active' | 'pending';
  /** `production` or `procurement` for the second stage, as recorded. */
  label: string;
  startedAt?: string;
  doneAt?: string;
  reference?: string;
}

const ADVANCED = [
  'confirmed',
  'in_fulfilment',
  'fulfilment',
  'shipped',
  'delivered',
  'accepted',
  'completed',
  'archived',
  'closed',
];

/**
 * Derives the eight stages of the TR-1 timeline from an order's picture: review from the review
 * route and the confirmation, the fulfilment stages from the tracking the service keeps,
 * acceptance from the open issues, settlement from payment and invoicing, archive from the trail;
 * when a fulfilment stage started comes from the timeline's events, when given.
 *
 * @example
 * stagesOf(picture).map((s) => `${s.key}:${s.state}`); // ['review:done', 'production:active', …]
 */
export function stagesOf(p: OrderPicture, events: readonly TrailEvent[] = []): Stage[] {
  const w = p.workflow;
  const t = w.tracking;
  const history = p.history;
  const at = (type: string) => history.find((e) => e.type === type)?.at;
  const confirmedAt = at('order.confirmed');
  const reviewStart = at('review.started') ?? at('order.submitted');
  const stepOf = (k: string) => t?.steps[k];
  // the tracking keeps a step's latest status; when it started comes from the timeline's events
  const startOf = (k: string) =>
    events.find(
      (e) =>
        e.type === 'fulfilment.progress' &&
        (e.data as { step?: string; status?: string } | undefined)?.step === k &&
        (e.data as { status?: string }).status === 'started',
    )?.at ?? stepOf(k)?.at;
  const proc = stepOf('production') ?? stepOf('procurement');
  const procKey = stepOf('production')
    ? 'production'
    : stepOf('procurement')
      ? 'procurement'
      : 'production';
  const openIssues = (t?.issues ?? []).filter((i) => i.status === 'open').length;
  const archivedAt = at('order.archived') ?? at('archive.sealed');
  const raw: (Omit<Stage, 'state'> & { done: boolean; started: boolean })[] = [
    {
      key: 'review',
      label: 'review',
      ...opt('startedAt', reviewStart),
      ...opt('doneAt', confirmedAt),
      done: !!confirmedAt || ADVANCED.includes(w.status),
      started: !!reviewStart || w.status !== 'draft',
    },
    {
      key: 'production',
      label: procKey,
      ...opt('startedAt', proc ? startOf(procKey) : undefined),
      ...opt('doneAt', proc?.status === 'done' ? proc.at : undefined),
      ...opt('reference', proc?.reference),
      done: proc?.status === 'done',
      started: !!proc,
    },
    ...(['warehouse', 'shipping'] as const).map((k) => {
      const s = stepOf(k);
      return {
        key: k,
        label: k,
        ...opt('startedAt', s ? startOf(k) : undefined),
        ...opt('doneAt', s?.status === 'done' ? s.at : undefined),
        ...opt('reference', s?.reference),
        done: s?.status === 'done',
        started: !!s,
      };
    }),
    {
      key: 'delivery',
      label: 'delivery',
      ...opt('doneAt', t?.delivery ? (at('order.delivered') ?? t.delivery.date) : undefined),
      ...opt('reference', t?.delivery?.reference),
      done: !!t?.delivery,
      started: !!t?.delivery || stepOf('shipping')?.status === 'done',
    },
    {
      key: 'acceptance',
      label: 'acceptance',
      ...opt('doneAt', t?.completedAt),
      done: !!t?.completedAt,
      ...opt('reference', openIssues ? `${String(openIssues)} open` : undefined),
      started: !!t?.delivery,
    },
    {
      key: 'settlement',
      label: 'settlement',
      ...opt(
        'doneAt',
        t?.settlement.paid && t.settlement.invoiced
          ? (t.settlement.invoicedAt ?? t.settlement.paidAt)
          : undefined,
      ),
      done: !!t?.settlement.paid && !!t.settlement.invoiced,
      started: !!t?.settlement.paid || !!t?.settlement.invoiced,
    },
    {
      key: 'archive',
      label: 'archive',
      ...opt('doneAt', archivedAt),
      done: !!archivedAt,
      started: !!archivedAt,
    },
  ];
  return raw.map(({ done, started, ...s }) => ({
    ...s,
    state: done ? 'done' : started ? 'active' : 'pending',
  }));
}

/**
 * The time spent in a stage, in ms: from its start to its end, or to `now` while it is under way
 * (`state: 'active'`); undefined when it has not started or its times are unknown. The tracking
 * and approval panels both measure their stages with it.
 *
 * @example
 * timeInStage({ state: 'done', startedAt: '2026-03-02T08:00:00Z', doneAt: '2026-03-02T10:00:00Z' }, Date.now()); // 7_200_000
 */
export function timeInStage(
  s: Pick<Stage, 'startedAt' | 'doneAt' | 'state'>,
  now: number,
): number | undefined {
  if (!s.startedAt) return undefined;
  const end = s.doneAt ? Date.parse(s.doneAt) : s.state === 'active' ? now : NaN;
  const ms = end - Date.parse(s.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

/** An event's data as a record (anything else: empty). */
function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

/** A value of an event's data as text (strings only; anything else is left out). */
function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

const WARNINGS = new Set([
  'delivery.forecastLate',
  'delivery.lateForecast',
  'delivery.atRisk',
  'delivery.overdue',
  'stock.shortage',
]);

/**
 * The tracking panel of one order (TR-1…TR-3): the timeline of review, production or
 * procurement, warehouse, shipping, delivery, acceptance, settlement and archive, with the time
 * spent in each stage; delay warnings (late forecast, at risk, overdue: TR-2); acceptance issues
 * with their remedy and resolution (TR-3); and the fulfilment events, newest first. Everything
 * comes from the service (`/v1/orders/{id}` and `/v1/orders/{id}/timeline`); text only.
 *
 * @example
 * mount(TrackingPanel, el, { env: { client, i18n: new I18n('en') }, props: { orderId: 'so-1' } });
 */
export class TrackingPanel extends Component<TrackingPanelProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-tracking" role="region" t-att-aria-label="t('trackingPanel') + ' ' + orderLabel" t-att-data-order="props.orderId">
  <header class="og-panel-head">
    <h2 t-esc="t('trackingPanel') + ' · ' + orderLabel"/>
    <span t-if="state.timeline" class="og-status" t-esc="i18n.status(state.timeline.status)"/>
  </header>
  <p t-if="!state.picture and !state.error" class="og-muted" t-esc="t('loading')"/>
  <div t-if="state.error" class="og-alert" role="alert" t-esc="state.error"/>
  <t t-if="state.picture">
    <h3 t-esc="t('timeline')"/>
    <ol class="og-stages">
      <li t-foreach="stages" t-as="s" t-key="s.key" t-att-class="'og-stage og-stage-' + s.state" t-att-aria-current="s.state === 'active' ? 'step' : undefined">
        <span class="og-stage-dot" aria-hidden="true"/>
        <strong t-esc="t('stage.' + s.label)"/>
        <span class="og-tag" t-esc="t('stageState.' + s.state)"/>
        <span t-if="s.doneAt" class="og-muted" t-esc="i18n.dateTime(s.doneAt)"/>
        <span t-if="spent(s)" class="og-muted" t-esc="t('spent', { time: spent(s) })"/>
        <span t-if="s.reference" class="og-muted" t-esc="s.reference"/>
      </li>
    </ol>
    <h3 t-esc="t('delays')"/>
    <p t-if="!warnings.length" class="og-muted" t-esc="t('noDelays')"/>
    <ul t-else="" class="og-warnings">
      <li t-foreach="warnings" t-as="w" t-key="w_index" class="og-warning" role="note">
        <span class="og-tag og-tag-warn" t-esc="w.title"/> <span t-esc="w.text"/>
      </li>
    </ul>
    <h3 t-esc="t('issues')"/>
    <p t-if="!issues.length" class="og-muted" t-esc="t('noIssues')"/>
    <ul t-else="" class="og-issues">
      <li t-foreach="issues" t-as="i" t-key="i.id" t-att-class="'og-issue og-issue-' + i.status">
        <div><strong t-esc="i.id"/> <span class="og-tag" t-esc="t('issueKind.' + i.kind)"/> <span t-att-class="'og-tag' + (i.status === 'open' ? ' og-tag-danger' : '')" t-esc="t('issueState.' + i.status)"/></div>
        <p t-esc="i.description"/>
        <dl class="og-facts">
          <dt t-esc="t('remedy')"/><dd t-esc="i.remedy ? t('remedy.' + i.remedy) : t('none')"/>
          <dt t-esc="t('reported')"/><dd t-esc="i.reportedBy + ' ' + i18n.dateTime(i.reportedAt)"/>
          <t t-if="i.resolution"><dt t-esc="t('resolution')"/><dd t-esc="i.resolution"/></t>
        </dl>
      </li>
    </ul>
    <details class="og-events" t-att-open="props.openEvents ? 'open' : undefined">
      <summary t-esc="t('events', { n: events.length })"/>
      <ol reversed="reversed">
        <li t-foreach="events" t-as="e" t-key="e_index">
          <span class="og-muted" t-esc="i18n.dateTime(e.at)"/> <span t-esc="eventText(e)"/> <span class="og-muted" t-esc="i18n.person(e.actor)" t-att-title="e.actor"/>
        </li>
      </ol>
    </details>
  </t>
</section>`;

  static override props = {
    orderId: String,
    pollMs: { type: Number, optional: true },
    /** Opens the event list at once. */
    openEvents: { type: Boolean, optional: true },
  };

  state = useState({
    picture: null as OrderPicture | null,
    timeline: null as Timeline | null,
    error: '',
    now: Date.now(),
  });

  get i18n() {
    return this.env.i18n;
  }

  override setup(): void {
    useOrderRefresh(this, (quiet) => this.load(quiet));
  }

  /** Loads the picture and the timeline; `quiet` keeps the screen when nothing changed. */
  async load(quiet = false): Promise<void> {
    try {
      const [picture, timeline] = await Promise.all([
        this.env.client.order(this.props.orderId),
        this.env.client.timeline(this.props.orderId),
      ]);
      if (quiet && this.state.picture?.version === picture.version) return;
      await learnPeople(this.env, picture, timeline);
      // the service's answers are read, never changed: no reactive proxies over them
      this.state.picture = markRaw(picture);
      this.state.timeline = markRaw(timeline);
      this.state.now = Date.now();
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

  get stages(): Stage[] {
    return this.state.picture ? stagesOf(this.state.picture, this.state.timeline?.events) : [];
  }

  /** Time spent in a stage: from its start to its end, or to now while it is under way. */
  spent(s: Stage): string {
    const ms = timeInStage(s, this.state.now);
    return ms === undefined ? '' : this.env.i18n.duration(ms);
  }

  /** The fulfilment events, newest first. */
  get events(): TrailEvent[] {
    return [...(this.state.timeline?.events ?? [])].reverse();
  }

  /** TR-2 delay warnings: from the trail, and the forecast the service keeps. */
  get warnings(): { title: string; text: string }[] {
    const out: { title: string; text: string }[] = [];
    for (const e of this.state.picture?.history ?? []) {
      if (!WARNINGS.has(e.type)) continue;
      const data = asRecord(e.data);
      out.push({
        title: this.t(`warn.${e.type}`),
        text: this.t('warnText', {
          date: this.i18n.dateTime(e.at),
          forecast: text(data.forecast ?? data.date),
          agreed: text(data.agreed),
        }),
      });
    }
    const f = this.state.picture?.workflow.tracking?.forecast;
    if (f?.late && !out.length)
      out.push({
        title: this.t('warn.delivery.forecastLate'),
        text: f.date + (f.reason ? ` · ${f.reason}` : ''),
      });
    return out;
  }

  get issues() {
    return this.state.picture?.workflow.tracking?.issues ?? [];
  }

  /** One event as a line of text. */
  eventText(e: TrailEvent): string {
    const d = asRecord(e.data);
    const known = `event.${e.type}`;
    const text = this.env.i18n.has(known) ? this.t(known) : e.type;
    const step = typeof d.step === 'string' ? ` · ${this.t(`stage.${d.step}`)}` : '';
    const status = typeof d.status === 'string' ? ` · ${this.t(`progress.${d.status}`)}` : '';
    return `${text}${step}${status}`;
  }
}

/** The props of `TrackingPanel`. */
export interface TrackingPanelProps {
  orderId: string;
  pollMs?: number;
  openEvents?: boolean;
}
