import {
  Component,
  onMounted,
  onWillStart,
  onWillUnmount,
  onWillUpdateProps,
  markRaw,
  useState,
  xml,
} from '@odoo/owl';
import { ApiError } from './client.js';
import type {
  AllowedAction,
  Approval,
  CommandResult,
  Evidence,
  Finding,
  OrderPicture,
  RevisionDiff,
  RouteStep,
} from './client.js';
import type { PanelEnv } from './env.js';
import { readable, type TextKey } from './i18n.js';
import { approvedRevision, diffRows, type DiffRow } from './revisionChanges.js';
import { timeInStage, type Stage } from './TrackingPanel.js';
import { learnPeople } from './people.js';

/** One entry of the "blocked by" list: a review step, a blocking finding or a credit hold. */
export interface Blocker {
  kind: 'step' | 'finding' | 'credit';
  key: string;
  title: string;
  owner: string;
  reason: string;
  next: string;
}

type Pending = 'reject' | 'returnToSales' | null;

const ACTIONS = ['approve', 'reject', 'returnToSales'] as const;
const MONEY_FIELD =
  /total|exposure|amount|price|receivables|openorders|thisorder|limit|prepayment/i;

/**
 * The approval panel of one order: what blocks it (open review steps, blocking findings, a
 * credit hold) with owner, reason and next step; each step's mode, who may act, who acted and
 * when, with comments; why a step was asked (the rule and the values that triggered it); the due
 * time per department with a live countdown and the overdue or escalated state (RV-2); under
 * each approval, the revision it was given on and what changed since (CH-5, the service's diff
 * of that revision against the current one); the time spent in each stage of the route; and the
 * actions the service allows the caller (approve; reject or return with a reason, after a
 * confirmation). Roles show by their labels, statuses translated. Order data is text, never HTML
 * (`t-esc` only). Refreshes by polling.
 *
 * @example
 * mount(ApprovalPanel, el, { env: { client, i18n: new I18n('en') }, props: { orderId: 'so-1' } });
 */
export class ApprovalPanel extends Component<ApprovalPanelProps, PanelEnv> {
  static override template = xml`
<section class="og-panel og-approval" role="region" t-att-aria-label="t('approvalPanel') + ' ' + orderLabel" t-att-data-order="props.orderId">
  <header class="og-panel-head">
    <h2 t-esc="t('approvalPanel') + ' · ' + orderLabel"/>
    <span t-if="state.picture" class="og-status" t-esc="i18n.status(state.picture.workflow.status)"/>
  </header>
  <p t-if="!state.picture and !state.error" class="og-muted" t-esc="t('loading')"/>
  <div t-if="state.error" class="og-alert" role="alert">
    <strong t-esc="t('refused')"/>: <span class="og-detail" t-esc="state.error"/>
  </div>
  <div t-if="state.notice" class="og-notice" role="status" t-esc="state.notice"/>
  <t t-if="state.picture">
    <h3 t-esc="t('blockedBy')"/>
    <p t-if="!blockers.length" class="og-muted" t-esc="t('nothingBlocks')"/>
    <ol t-else="" class="og-blockers">
      <li t-foreach="blockers" t-as="b" t-key="b.key" t-att-class="'og-blocker og-' + b.kind">
        <div class="og-blocker-title"><span class="og-tag" t-esc="kindLabel(b.kind)"/> <strong t-esc="b.title"/></div>
        <dl class="og-facts">
          <dt t-esc="t('owner')"/><dd t-esc="b.owner"/>
          <dt t-esc="t('reason')"/><dd t-esc="b.reason"/>
          <dt t-esc="t('nextStep')"/><dd t-esc="b.next"/>
        </dl>
      </li>
    </ol>

    <h3 t-esc="t('steps')"/>
    <ol class="og-steps">
      <li t-foreach="steps" t-as="s" t-key="s.key" t-att-class="'og-step og-step-' + s.status + (isOverdue(s) ? ' og-overdue' : '')">
        <div class="og-step-head">
          <strong t-esc="i18n.pick(s.label)"/>
          <span class="og-tag" t-esc="statusLabel(s.status)"/>
          <span t-if="isOverdue(s)" class="og-tag og-tag-danger" t-esc="t('overdue')"/>
          <span t-if="s.escalatedTo.length" class="og-tag og-tag-warn" t-esc="t('escalated', { who: i18n.roleList(s.escalatedTo) })"/>
        </div>
        <dl class="og-facts">
          <dt t-esc="t('mode')"/><dd t-esc="modeLabel(s.mode)"/>
          <dt t-esc="t('mayAct')"/><dd t-esc="i18n.roleList(s.roles)"/>
          <dt t-esc="t('acted')"/>
          <dd>
            <span t-if="!s.approvals.length" t-esc="t('notYet')"/>
            <ul t-else="" class="og-approvals">
              <li t-foreach="s.approvals" t-as="a" t-key="a_index">
                <span t-esc="i18n.person(a.actor)" t-att-title="a.actor"/><span t-if="a.onBehalfOf" class="og-substitute" t-esc="' ' + t('forWhom', { who: i18n.person(a.onBehalfOf) })"/> <span class="og-muted" t-esc="(a.department ? '(' + i18n.role(a.department) + ') ' : '') + i18n.dateTime(a.at)"/>
                <q t-if="a.comment" class="og-comment" t-esc="a.comment"/>
                <t t-set="ch" t-value="since(s, a)"/>
                <div t-att-class="'og-since og-since-' + ch.kind">
                  <span class="og-muted" t-esc="t('approvedRevision', { n: ch.revision })"/>
                  <span t-if="ch.kind === 'same'" t-esc="' · ' + t('nothingChanged')"/>
                  <t t-if="ch.kind === 'changed'">
                    <span t-esc="' · ' + t('changedSince')"/>
                    <ul class="og-since-changes">
                      <li t-foreach="ch.rows" t-as="r" t-key="r_index" t-att-class="'og-diff-' + r.kind" t-esc="r.field + ': ' + r.before + ' → ' + r.after"/>
                    </ul>
                  </t>
                </div>
              </li>
            </ul>
          </dd>
        </dl>
        <ul t-if="s.deadline and s.status === 'active'" class="og-dues">
          <li t-foreach="dues(s)" t-as="d" t-key="d.who" t-att-class="d.done ? 'og-due-done' : (d.late ? 'og-due-late' : 'og-due')">
            <span t-esc="d.label"/>: <span t-esc="d.text"/>
          </li>
        </ul>
        <details t-if="why(s).length" class="og-why">
          <summary t-esc="t('whyYou')"/>
          <div t-foreach="why(s)" t-as="f" t-key="f_index" class="og-finding">
            <p><span class="og-rule" t-esc="f.ruleId"/> <span t-esc="i18n.message(f.messageKey, f.params)"/></p>
            <ul t-if="f.evidence and f.evidence.length" t-att-aria-label="t('evidence')">
              <li t-foreach="f.evidence" t-as="e" t-key="e_index" t-esc="evidenceText(e)"/>
            </ul>
            <details t-if="f.source"><summary t-esc="t('passage')"/><p class="og-source" t-esc="f.source"/></details>
          </div>
        </details>
      </li>
    </ol>

    <h3 t-esc="t('stageTimes')"/>
    <ol class="og-stage-times">
      <li t-foreach="stageTimes" t-as="st" t-key="st.key" t-att-class="'og-stage-time og-stage-' + st.state">
        <strong t-esc="st.label"/> <span class="og-tag" t-esc="t('stageState.' + st.state)"/> <span t-if="st.time" class="og-muted og-spent" t-esc="t('spent', { time: st.time })"/>
      </li>
    </ol>

    <h3 t-esc="t('actions')"/>
    <p t-if="!allowed.length" class="og-muted" t-esc="t('noActions')"/>
    <form t-else="" class="og-actions" t-on-submit.prevent="() => this.approve()">
      <label class="og-field"><span t-esc="t('comment')"/>
        <textarea t-model="state.comment" rows="2" t-att-disabled="state.busy"/>
      </label>
      <div t-if="!state.pending" class="og-buttons">
        <button t-if="can('approve')" type="submit" class="og-btn og-btn-primary og-approve" t-att-disabled="state.busy" t-esc="t('approve')"/>
        <button t-if="can('reject')" type="button" class="og-btn og-btn-danger og-reject" t-att-disabled="state.busy" t-on-click="() => this.ask('reject')" t-esc="t('reject')"/>
        <button t-if="can('returnToSales')" type="button" class="og-btn og-return" t-att-disabled="state.busy" t-on-click="() => this.ask('returnToSales')" t-esc="t('returnToSales')"/>
      </div>
      <div t-else="" class="og-confirm" role="alertdialog" aria-modal="false" t-att-aria-label="confirmText">
        <p t-esc="confirmText"/>
        <label class="og-field"><span t-esc="t('reasonRequired')"/>
          <textarea class="og-reason" t-model="state.reason" rows="2" aria-required="true" t-ref="reason"/>
        </label>
        <div class="og-buttons">
          <button type="button" class="og-btn og-btn-danger og-confirm-btn" t-att-disabled="state.busy" t-on-click="() => this.confirm()" t-esc="t('confirm')"/>
          <button type="button" class="og-btn og-cancel" t-on-click="() => this.ask(null)" t-esc="t('cancel')"/>
        </div>
      </div>
    </form>
  </t>
</section>`;

  static override props = {
    orderId: String,
    /** Called after the caller acted and the order changed. */
    onChanged: { type: Function, optional: true },
    /** Poll interval in ms (default 15 000; 0: no polling). */
    pollMs: { type: Number, optional: true },
    /** Opens the confirmation of `action` (the work queue's `r` key); `seq` tells requests apart. */
    ask: { type: Object, optional: true, shape: { action: String, seq: Number } },
  };

  state = useState({
    picture: null as OrderPicture | null,
    actions: [] as AllowedAction[],
    error: '',
    notice: '',
    busy: false,
    comment: '',
    reason: '',
    pending: null as Pending,
    now: Date.now(),
    /** Revision diffs asked of the service for "changed since approved" (CH-5), by `from:to`. */
    diffs: byKey<RevisionDiff | 'loading' | 'failed'>(),
  });

  get i18n() {
    return this.env.i18n;
  }

  override setup(): void {
    onWillStart(() => this.load());
    let tick: ReturnType<typeof setInterval> | undefined;
    let poll: ReturnType<typeof setInterval> | undefined;
    let asked = 0;
    const applyAsk = (props: ApprovalPanelProps) => {
      if (props.ask && props.ask.seq !== asked) {
        asked = props.ask.seq;
        this.ask(props.ask.action);
      }
    };
    onWillUpdateProps((next: ApprovalPanelProps) => applyAsk(next));
    onMounted(() => {
      applyAsk(this.props);
      tick = setInterval(() => (this.state.now = Date.now()), 1000);
      const every = this.props.pollMs ?? 15_000;
      if (every > 0) poll = setInterval(() => void this.load(true), every);
    });
    onWillUnmount(() => {
      clearInterval(tick);
      clearInterval(poll);
    });
  }

  /**
   * Loads the picture and the caller's actions; `quiet` keeps the screen when nothing changed,
   * `always` takes the answer even at the same version (after a command drew its own answer).
   */
  async load(quiet = false, always = false): Promise<void> {
    try {
      const [picture, actions] = await Promise.all([
        this.env.client.order(this.props.orderId),
        this.env.client.actions(this.props.orderId),
      ]);
      if (quiet && !always && this.state.picture?.version === picture.version) return;
      await learnPeople(this.env, picture);
      this.state.picture = markRaw(picture); // read, never changed: no reactive proxies
      this.state.actions = markRaw(actions);
      void this.loadDiffs();
    } catch (e) {
      if (!quiet) this.state.error = e instanceof Error ? e.message : String(e);
    }
  }

  t(key: TextKey, params?: Record<string, unknown>): string {
    return this.env.i18n.t(key, params);
  }

  get orderLabel(): string {
    return this.state.picture?.order.number ?? this.props.orderId;
  }

  /** The order's current revision. */
  get revision(): number {
    const r = this.state.picture?.order.revision;
    return typeof r === 'number' ? r : 1;
  }

  /**
   * Asks the service for the diff of each revision an approval was given on against the current
   * one (CH-5), once per pair; the route shows them as they arrive.
   */
  async loadDiffs(): Promise<void> {
    const p = this.state.picture;
    if (!p) return;
    const to = this.revision;
    const froms = new Set(
      this.steps.flatMap((s) =>
        s.approvals.map((a) => approvedRevision(p.history, s.key, a)).filter((n) => n < to),
      ),
    );
    await Promise.all(
      [...froms].map(async (from) => {
        const key = `${String(from)}:${String(to)}`;
        if (this.state.diffs[key]) return;
        this.state.diffs[key] = 'loading';
        try {
          this.state.diffs[key] = await this.env.client.diff(this.props.orderId, from, to);
        } catch {
          this.state.diffs[key] = 'failed';
        }
      }),
    );
  }

  /**
   * What changed since an approval (CH-5): the revision it was given on, and the diff of that
   * revision against the current one, field by field and line by line (`kind: 'same'` when the
   * order is still at that revision; `pending` until the service answered).
   */
  since(
    step: RouteStep,
    approval: Approval,
  ): { kind: 'same' | 'changed' | 'pending'; revision: number; rows: DiffRow[] } {
    const revision = approvedRevision(this.state.picture?.history ?? [], step.key, approval);
    if (revision >= this.revision) return { kind: 'same', revision, rows: [] };
    const d = this.state.diffs[`${String(revision)}:${String(this.revision)}`];
    if (!d || typeof d === 'string') return { kind: 'pending', revision, rows: [] };
    const rows = diffRows(d, this.env.i18n);
    return { kind: rows.length ? 'changed' : 'same', revision, rows };
  }

  /**
   * Time spent in each stage of the order's route: intake (entered → review started), each review
   * and credit-release step (activated → approved, or still open), a credit hold (held →
   * released) and the wait for confirmation (approved → confirmed); from the route and the
   * order's trail, measured like the tracking panel's stages (`timeInStage`), live while open.
   */
  get stageTimes(): { key: string; label: string; state: Stage['state']; time: string }[] {
    const p = this.state.picture;
    if (!p) return [];
    const i = this.env.i18n;
    const h = p.history;
    const first = (type: string, after = '') =>
      h.find((e) => e.type === type && (e.at ?? '') >= after)?.at;
    const last = (type: string) => [...h].reverse().find((e) => e.type === type)?.at;
    const out: { key: string; label: string; state: Stage['state']; time: string }[] = [];
    const add = (
      key: string,
      label: string,
      startedAt?: string,
      doneAt?: string,
      given?: Stage['state'],
    ) => {
      const state: Stage['state'] = given ?? (doneAt ? 'done' : startedAt ? 'active' : 'pending');
      const ms = timeInStage(
        { state, ...opt('startedAt', startedAt), ...opt('doneAt', doneAt) },
        this.state.now,
      );
      out.push({ key, label, state, time: ms === undefined ? '' : i.duration(ms) });
    };
    const entered = typeof p.order.enteredAt === 'string' ? p.order.enteredAt : undefined;
    const intakeStart = entered ?? first('order.submitted');
    add(
      'intake',
      this.t('stage.intake'),
      intakeStart,
      first('review.started') ?? first('order.assessed'),
    );
    for (const s of this.steps) {
      if (s.status === 'waiting' || s.status === 'skipped') {
        add(`step:${s.key}`, i.pick(s.label), undefined, undefined, 'pending');
        continue;
      }
      const active = s.status === 'active';
      const doneAt = active
        ? undefined
        : (s.approvals
            .map((a) => a.at)
            .sort()
            .at(-1) ?? s.activatedAt);
      add(`step:${s.key}`, i.pick(s.label), s.activatedAt, doneAt, active ? 'active' : 'done');
    }
    const heldAt = last('credit.held');
    if (heldAt || p.workflow.status === 'credit_hold')
      add(
        'creditHold',
        this.t('stage.creditHold'),
        heldAt ?? p.workflow.credit?.heldAt,
        p.workflow.status === 'credit_hold'
          ? undefined
          : heldAt && first('credit.released', heldAt),
      );
    const approvedAt = first('order.approved');
    if (approvedAt || p.workflow.status === 'approved')
      add('confirmation', this.t('stage.confirmation'), approvedAt, first('order.confirmed'));
    return out;
  }

  get steps(): RouteStep[] {
    const w = this.state.picture?.workflow;
    return [...(w?.route?.steps ?? []), ...(w?.credit?.releaseRoute?.steps ?? [])];
  }

  get findings(): Finding[] {
    return this.state.picture?.workflow.findings ?? [];
  }

  /** The "blocked by" list: open steps, blocking findings, credit holds, in that order. */
  get blockers(): Blocker[] {
    const p = this.state.picture;
    if (!p) return [];
    const i = this.env.i18n;
    const out: Blocker[] = [];
    for (const s of p.workflow.route?.steps ?? []) {
      if (s.status !== 'active') continue;
      const f = this.findings.find((x) => x.steps?.includes(s.key));
      const who = i.roleList(s.roles);
      out.push({
        kind: 'step',
        key: `step:${s.key}`,
        title: i.pick(s.label),
        owner: who,
        reason: f ? `${f.ruleId} ${i.message(f.messageKey, f.params)}` : s.ruleIds.join(', '),
        next: i.t('nextApprove', { who }),
      });
    }
    const held = new Set(
      p.workflow.status === 'credit_hold'
        ? (p.workflow.credit?.holds ?? []).map((h) => h.ruleId)
        : [],
    );
    for (const [n, f] of this.findings.entries()) {
      if (f.severity !== 'block' || held.has(f.ruleId)) continue; // a hold is listed once, below
      const owner = p.workflow.owner ?? p.order.salesperson;
      out.push({
        kind: 'finding',
        key: `finding:${n}`,
        title: f.ruleId,
        owner,
        reason: i.message(f.messageKey, f.params),
        next: i.t('nextCorrect', { who: i.person(owner) }),
      });
    }
    const credit = p.workflow.credit;
    if (p.workflow.status === 'credit_hold' && credit) {
      const release = credit.releaseRoute?.steps.find((s) => s.status === 'active');
      const who = release ? i.roleList(release.roles) : '';
      for (const [n, h] of credit.holds.entries()) {
        const f = this.findings.find((x) => x.ruleId === h.ruleId && x.messageKey === h.messageKey);
        out.push({
          kind: 'credit',
          key: `credit:${n}`,
          title: `${h.ruleId} ${i.t('creditHold')}`,
          owner: who,
          reason: i.message(h.messageKey, f?.params ?? {}),
          next: i.t('nextRelease', {
            who,
            amount: i.money(h.prepaymentRequired ?? 0, p.order.currency),
          }),
        });
      }
    }
    return out;
  }

  /** The findings that asked for a step: why this person, why now. */
  why(step: RouteStep): Finding[] {
    return this.findings.filter(
      (f) => f.steps?.includes(step.key) || (!f.steps && step.ruleIds.includes(f.ruleId)),
    );
  }

  isOverdue(step: RouteStep): boolean {
    return (
      step.overdue ||
      (step.status === 'active' && !!step.deadline && Date.parse(step.deadline) < this.state.now)
    );
  }

  /** Due times per department (joint review, RV-4) or for the step, with a live countdown. */
  dues(
    step: RouteStep,
  ): { who: string; label: string; text: string; late: boolean; done: boolean }[] {
    const i = this.env.i18n;
    const perDept = step.mode === 'eachDepartment' || step.mode === 'all';
    const who = perDept ? step.roles : [step.roles.join(', ')];
    return who.map((dept) => {
      const d = step.departments?.find((x) => x.department === dept);
      const deadline = d?.deadline ?? step.deadline ?? '';
      const acted = perDept && step.approvals.some((a) => (a.department ?? a.role) === dept);
      const ms = Date.parse(deadline) - this.state.now;
      const late = !acted && (ms < 0 || d?.overdue === true);
      const text = acted
        ? i.t('status.approved')
        : `${i.t('due')} ${i.dateTime(deadline)} · ${i.t(ms < 0 ? 'late' : 'left', { time: i.duration(ms) })}`;
      return {
        who: dept,
        label: perDept ? i.role(dept) : i.roleList(step.roles),
        text,
        late,
        done: acted,
      };
    });
  }

  evidenceText(e: Evidence): string {
    const show = (v: unknown) =>
      typeof v === 'number' && MONEY_FIELD.test(e.field)
        ? this.env.i18n.money(v, this.state.picture?.order.currency ?? '')
        : typeof v === 'string'
          ? v
          : JSON.stringify(v);
    return e.limit === undefined
      ? `${e.field}: ${show(e.value)}`
      : `${e.field}: ${this.t('against', { value: show(e.value), limit: show(e.limit) })}`;
  }

  kindLabel(kind: Blocker['kind']): string {
    return this.t(
      kind === 'step' ? 'reviewStep' : kind === 'credit' ? 'creditHold' : 'blockingFinding',
    );
  }

  statusLabel(status: string): string {
    const key = `status.${status}` as TextKey;
    return ['active', 'waiting', 'approved', 'rejected', 'skipped'].includes(status)
      ? this.t(key)
      : readable(status);
  }

  modeLabel(mode: string): string {
    return ['any', 'all', 'eachDepartment'].includes(mode)
      ? this.t(`mode.${mode}` as TextKey)
      : readable(mode);
  }

  /** The review actions the service allows the caller now. */
  get allowed(): AllowedAction[] {
    return this.state.actions.filter(
      (a) => a.allowed && (ACTIONS as readonly string[]).includes(a.action),
    );
  }

  can(action: string): boolean {
    return this.allowed.some((a) => a.action === action);
  }

  get confirmText(): string {
    return this.t(this.state.pending === 'reject' ? 'confirmReject' : 'confirmReturn', {
      number: this.orderLabel,
    });
  }

  /** Opens (or, with null, closes) the confirmation of a reject or a return. */
  ask(action: Pending): void {
    this.state.pending = action && this.can(action) ? action : null;
    this.state.error = '';
  }

  async approve(): Promise<void> {
    const comment = this.state.comment.trim();
    await this.act(this.t('approve'), () =>
      this.env.client.approve(this.props.orderId, comment ? { comment } : {}),
    );
  }

  async confirm(): Promise<void> {
    const action = this.state.pending;
    if (!action) return;
    const reason = [this.state.reason.trim(), this.state.comment.trim()].filter(Boolean).join('\n');
    await this.act(this.t(action), () =>
      action === 'reject'
        ? this.env.client.reject(this.props.orderId, reason)
        : this.env.client.returnToSales(this.props.orderId, reason),
    );
  }

  /**
   * Runs a command and shows its answer at once: the command answers the order's new view, so the
   * route updates without re-reading the picture; the caller's actions are re-read afterwards
   * (until then no action is offered, so nothing stale can be clicked).
   */
  async act(what: string, call: () => Promise<CommandResult>): Promise<void> {
    this.state.busy = true;
    this.state.error = '';
    this.state.notice = '';
    try {
      const result = await call();
      this.state.pending = null;
      this.state.comment = '';
      this.state.reason = '';
      const before = this.state.picture;
      if (before) {
        const { order, workflow, version } = result.value;
        this.state.picture = markRaw({ ...before, order, workflow, version });
        this.state.actions = [];
        // then the whole picture (history: who approved, what changed since) and the actions
        void this.load(true, true);
      } else await this.load();
      this.state.notice = this.t('done', { what });
      this.props.onChanged?.(this.props.orderId);
      this.env.bus?.dispatchEvent(new CustomEvent('og-changed', { detail: this.props.orderId }));
    } catch (e) {
      this.state.error = e instanceof ApiError ? e.problem.detail : String(e);
    } finally {
      this.state.busy = false;
    }
  }
}

/** The props of `ApprovalPanel`. */
export interface ApprovalPanelProps {
  orderId: string;
  onChanged?: (orderId: string) => void;
  pollMs?: number;
  ask?: { action: 'reject' | 'returnToSales'; seq: number };
}

function opt<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value ? ({ [key]: value } as Record<K, string>) : {};
}

/** An empty record of `T` by key (typed state for `useState`). */
function byKey<T>(): Record<string, T> {
  return {};
}
