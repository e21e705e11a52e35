import type { Actor } from '../model/Actor.js';
import type { FulfilmentStep } from '../policy/trackingPolicy.js';
import type { IssueReport, ProgressStatus } from './TrackingState.js';

/**
 * Workflow events of the tracking rules (TR-1…TR-4). Each member has a literal `type`; see
 * `trackingHandlers.ts` for what each does in each status.
 */
export type TrackingEvent =
  /**
   * TR-1: a fulfilment step started or finished. The first step moves a confirmed order into
   * fulfilment; production waits for the RV-8 advance (`advanceReceived`, minor units, as the ERP
   * reports it), shipping for CR-8. Delivery `done` is the same as `DELIVER`.
   */
  | {
      type: 'RECORD_PROGRESS';
      actor: Actor;
      step: FulfilmentStep;
      status: ProgressStatus;
      date?: string;
      reference?: string;
      note?: string;
      advanceReceived?: number;
    }
  /** TR-2: the expected delivery date; one after the agreed date is flagged at once. */
  | { type: 'FORECAST_DELIVERY'; actor: Actor; date: string; reason?: string }
  /** TR-2: the clock moved: flag deliveries at risk or overdue (each once). */
  | { type: 'CHECK_DELIVERY' }
  /** TR-1: the goods were delivered (on `date`, default today in the policy's time zone). */
  | { type: 'DELIVER'; actor: Actor; date?: string; reference?: string }
  /**
   * TR-3: the customer reports damage, a quantity mismatch, a quality problem (each with its
   * remedy) or a late delivery (a remedy optional).
   */
  | ({ type: 'REPORT_ACCEPTANCE_ISSUE'; actor: Actor } & IssueReport)
  /** TR-3: an acceptance issue is resolved. */
  | { type: 'CLOSE_ISSUE'; actor: Actor; issueId: string; resolution: string }
  /** Payment and invoicing facts; paid and invoiced after delivery makes the order settled (AR-1). */
  | {
      type: 'SETTLE';
      actor: Actor;
      paid?: boolean;
      invoiced?: boolean;
      paymentRef?: string;
      invoiceRef?: string;
    }
  /** TR-4: delivery and after-sales are done. */
  | { type: 'COMPLETE'; actor: Actor };
