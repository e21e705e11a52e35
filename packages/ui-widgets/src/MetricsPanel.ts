import { Component, onWillStart, useState, xml } from '@odoo/owl';
import { ApiError, type MetricsRow } from './client.js';
import type { PanelEnv } from './env.js';
import type { TextKey } from './i18n.js';

type By = 'all' | 'customer' | 'product' | 'salesperson';

/** One chart of the metrics panel: a TR-5 figure per row, as bars on a 0…100 scale. */
export interface MetricChart {
  key: string;
  /** Percentages (0…100) or plain numbers (counts, hours). */
  percent: boolean;
  bars: { label: string; value: number | null; text: string; width: number }[];
}

const ALL: By = 'all';
const RATES = ['onTimeDelivery', 'accuracy', 'complaints'] as const;

/**
 * The TR-5 figures as charts, one per figure, one bar per row (the period, or each customer,
 * product or salesperson in it): on-time delivery, order accuracy and complaint rate as
 * percentages; review cycle (average hours), overdue reviews and credit holds as numbers scaled to
 * the largest. A rate with nothing to count is `—`, not zero.
 *
 * @example
 * metricCharts(rows).map((c) => c.key); // ['onTimeDelivery', 'accuracy', 'complaints', 'reviewCycle', …]
 */
export function metricCharts(rows: readonly MetricsRow[]): MetricChart[] {
  const rate = (key: (typeof RATES)[number]): MetricChart => ({
    key,
    percent: true,
    bars: rows.map((r) => {
      const v = r[key].rate;
      return {
        label: r.label,
        value: v,
        text:
          v === null
            ? '—'
            : `${(v * 100).toFixed(0)} % (${String(r[key].count)}/${String(r[key].of)})`,
        width: v === null ? 0 : v * 100,
      };
    }),
  });
  const count = (key: string, value: (r: MetricsRow) => number | null, digits = 0): MetricChart => {
    const max = Math.max(0, ...rows.map((r) => value(r) ?? 0));
    return {
      key,
      percent: false,
      bars: rows.map((r) => {
        const v = value(r);
        return {
          label: r.label,
          value: v,
          text: v === null ? '—' : v.toFixed(digits),
          width: v === null || max === 0 ? 0 : (v / max) * 100,
        };
      }),
    };
  };
  return [
    ...RATES.map(rate),
    count('reviewCycle', (r) => r.reviewCycle.averageHours, 1),
    count('overdueReviews', (r) => r.overdueReviews),
    count('creditHolds', (r) => r.creditHolds),
  ];
}

/**
 * The metrics panel (TR-5) a manager reads at a glance: choose a period and a dimension
 * (all orders, customer, product, salesperson); each figure is a small SVG bar chart drawn by
 * the component, with its value as text beside each bar. The service decides who may read
 * metrics (managers and systems) and its refusal is shown as it says it.
 *
 * @example
 * mount(MetricsPanel, el, { env: { client, i18n: new I18n('en') }, props: { period: '2026-03', by: 'customer' } });
 */
export class MetricsPanel extends Component<MetricsPanelProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-metrics" role="region" t-att-aria-label="t('metricsPanel')">
  <header class="og-panel-head"><h2 t-esc="t('metricsPanel')"/></header>
  <form class="og-metrics-query" t-on-submit.prevent="() => this.load()">
    <label class="og-field"><span t-esc="t('period')"/>
      <input class="og-period" t-model="state.period" placeholder="2026-03"/>
    </label>
    <label class="og-field"><span t-esc="t('groupBy')"/>
      <select class="og-by" t-model="state.by">
        <option t-foreach="dimensions" t-as="d" t-key="d" t-att-value="d" t-esc="t('by.' + d)"/>
      </select>
    </label>
    <button type="submit" class="og-btn" t-esc="t('refresh')"/>
  </form>
  <div t-if="state.error" class="og-alert" role="alert"><strong t-esc="t('refused')"/>: <span class="og-detail" t-esc="state.error"/></div>
  <p t-if="state.loaded and !state.rows.length and !state.error" class="og-muted" t-esc="t('noData')"/>
  <div class="og-charts">
    <figure t-foreach="charts" t-as="c" t-key="c.key" class="og-chart" t-att-data-metric="c.key">
      <figcaption t-esc="t('m.' + c.key)"/>
      <svg t-att-viewBox="'0 0 100 ' + c.bars.length * 10" preserveAspectRatio="none" class="og-chart-svg" role="img"
           t-att-aria-label="t('chartOf', { metric: t('m.' + c.key), by: t('by.' + state.by) }) + ': ' + c.bars.map((b) => b.label + ' ' + b.text).join('; ')">
        <rect t-foreach="c.bars" t-as="b" t-key="b_index" x="0" t-att-y="b_index * 10 + 1" t-att-width="b.width" height="8" t-att-class="'og-chart-bar' + (c.key === 'complaints' or c.key === 'overdueReviews' or c.key === 'creditHolds' ? ' og-chart-bad' : '')"/>
      </svg>
      <ul class="og-chart-values" aria-hidden="true">
        <li t-foreach="c.bars" t-as="b" t-key="b_index"><span class="og-chart-label" t-esc="b.label"/> <span class="og-num" t-esc="b.text"/></li>
      </ul>
    </figure>
  </div>
</section>`;

  static override props = {
    /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD..YYYY-MM-DD` (default: all time). */
    period: { type: String, optional: true },
    by: { type: String, optional: true },
  };

  state = useState({
    period: '',
    by: ALL,
    rows: [] as MetricsRow[],
    error: '',
    loaded: false,
  });

  override setup(): void {
    this.state.period = this.props.period ?? '';
    this.state.by = this.props.by ?? 'all';
    onWillStart(() => this.load());
  }

  get dimensions(): By[] {
    return ['all', 'customer', 'product', 'salesperson'];
  }

  t(key: string, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key as TextKey, params);
  }

  get charts(): MetricChart[] {
    return this.state.rows.length ? metricCharts(this.state.rows) : [];
  }

  async load(): Promise<void> {
    this.state.error = '';
    try {
      const by = this.state.by;
      const period = this.state.period.trim();
      this.state.rows = await this.env.client.metrics({
        ...(period ? { period } : {}),
        ...(by !== 'all' ? { by } : {}),
      });
    } catch (e) {
      this.state.rows = [];
      this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
    }
    this.state.loaded = true;
  }
}

/** The props of `MetricsPanel`. */
export interface MetricsPanelProps {
  period?: string;
  by?: 'all' | 'customer' | 'product' | 'salesperson';
}
