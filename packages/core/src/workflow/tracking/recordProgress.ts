import { localDate } from '../../lib/localDate.js';
import type { Actor } from '../../model/Actor.js';
import type { FulfilmentStep } from '../../policy/trackingPolicy.js';
import { stepClearance } from '../../rules/tracking/fulfilmentGates.js';
import type { OrderStatus } from '../../state/OrderStatus.js';
import type { OrderWorkflow } from '../../state/OrderWorkflow.js';
import type { TransitionContext } from '../../state/TransitionContext.js';
import type { RecordedEvent, TransitionResult } from '../../state/TransitionResult.js';
import { refuse } from '../shared/internal.js';
import { deliver } from './deliver.js';
import { progressRefusal } from './trackingAccess.js';
import {
  emptyTracking,
  type StepProgress,
  type ProgressStatus,
} from '../../state/TrackingState.js';

/** In which statuses each step may be recorded. */
const STEP_STATUSES: Readonly<Record<FulfilmentStep, readonly OrderStatus[]>> = {
  production: ['confirmed', 'in_fulfilment'],
  procurement: ['confirmed', 'in_fulfilment'],
  warehouse: ['confirmed', 'in_fulfilment'],
  shipping: ['confirmed', 'in_fulfilment'],
  delivery: ['in_fulfilment'],
  acceptance: ['delivered', 'settled'],
  settlement: ['in_fulfilment', 'delivered'],
};

/** A RECORD_PROGRESS event. */
export interface ProgressEvent {
  actor: Actor;
  step: FulfilmentStep;
  status: ProgressStatus;
  date?: string;
  reference?: string;
  note?: string;
  advanceReceived?: number;
}

/**
 * RECORD_PROGRESS (TR-1): keeps a fulfilment step's status current. The first step recorded on a
 * confirmed order moves it into fulfilment. Starting production is refused while the RV-8 advance
 * is short (the advance the ERP reports with the step, or prepayments credit recorded); starting
 * shipping while CR-8 payment is not confirmed — unless the customer has credit terms or an
 * approved ship-before-payment exception lets the goods leave unpaid, which the shipping record
 * and its `fulfilment.progress` event then name (`shippingException`, CR-8, RV-7). Delivery `done` delivers the order (`DELIVER`);
 * settlement is finished by `SETTLE`, which needs the payment and invoice facts.
 *
 * @example
 * transition(state, { type: 'RECORD_PROGRESS', actor, step: 'production', status: 'started', advanceReceived: 3_390_000 }, ctx);
 */
export function recordProgress(
  state: OrderWorkflow,
  event: ProgressEvent,
  ctx: TransitionContext,
): TransitionResult {
  const { step, status, actor } = event;
  if (!STEP_STATUSES[step].includes(state.status)) {
    return refuse(
      'INVALID_TRANSITION',
      `the ${step} step cannot be recorded while the order is ${state.status}`,
      {
        messageKey: `tracking.step.notNow.${step}`,
        params: { status: state.status },
      },
    );
  }
  if (step === 'delivery' && status === 'done') {
    return deliver(
      state,
      {
        actor,
        ...(event.date ? { date: event.date } : {}),
        ...(event.reference ? { reference: event.reference } : {}),
      },
      ctx,
    );
  }
  if (step === 'settlement' && status === 'done') {
    return refuse('INVALID_TRANSITION', 'settlement is recorded with SETTLE (paid and invoiced)', {
      messageKey: 'tracking.settlement.useSettle',
      params: {},
    });
  }
  const denied = progressRefusal(state, actor, ctx);
  if (denied) return denied;
  const before = state.tracking ?? emptyTracking();
  const tracking =
    event.advanceReceived === undefined
      ? before
      : { ...before, advanceReceived: event.advanceReceived };
  // Gates apply when the step starts; finishing a step that was let through is not re-judged.
  // credit (CR-8, RV-7): goods leaving unpaid under an approved exception name it, start to finish.
  let shippingException = before.steps[step]?.shippingException;
  if (before.steps[step] === undefined) {
    const gate = {
      policy: ctx.policy,
      order: ctx.order,
      state: { ...state, tracking },
      now: ctx.now,
      ...(ctx.customer ? { customer: ctx.customer } : {}),
    };
    const { blockers, ...cleared } = stepClearance(step, gate);
    if (blockers.length > 0) {
      return refuse('BLOCKED', `the ${step} step cannot start yet`, {
        findings: blockers,
        messageKey: `tracking.step.blocked.${step}`,
        params: { rules: [...new Set(blockers.map((f) => f.ruleId))].join(', ') },
      });
    }
    shippingException = cleared.shippingException;
  }
  const progress: StepProgress = {
    status,
    at: ctx.now,
    by: actor.id,
    date: event.date ?? localDate(ctx.now, ctx.policy.timeZone),
    ...(event.reference ? { reference: event.reference } : {}),
    ...(event.note ? { note: event.note } : {}),
    ...(shippingException ? { shippingException } : {}),
  };
  const starting = state.status === 'confirmed';
  return {
    ok: true,
    state: {
      ...state,
      status: starting ? 'in_fulfilment' : state.status,
      tracking: {
        ...tracking,
        steps: { ...tracking.steps, [step]: progress },
      },
    },
    effects: [
      {
        type: 'postMessage',
        messageKey: `tracking.progress.${status}.${step}`,
        params: { date: progress.date ?? '' },
        ruleId: 'TR-1',
      },
      ...(shippingException && before.steps[step] === undefined
        ? [
            {
              type: 'postMessage' as const,
              messageKey: 'credit.shippingException.shipped',
              params: { exception: shippingException },
              ruleId: 'CR-8' as const,
            },
          ]
        : []),
    ],
    events: [
      ...(starting
        ? ([
            { type: 'fulfilment.started', ruleIds: ['TR-1'], data: { step } },
          ] satisfies RecordedEvent[])
        : []),
      { type: 'fulfilment.progress', ruleIds: ['TR-1'], data: { step, ...progress } },
    ],
    findings: [],
  };
}
