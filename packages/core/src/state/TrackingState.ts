import type { FulfilmentStep } from '../policy/trackingPolicy.js';

/** Status of a fulfilment step (TR-1): under way, or done. */
export type ProgressStatus = 'started' | 'done';

/** The latest recorded status of one fulfilment step (TR-1). */
export interface StepProgress {
  status: ProgressStatus;
  /** When it was recorded (ISO instant). */
  at: string;
  by: string;
  /** Business date the status refers to (e.g. the shipping date), when given. */
  date?: string;
  /** Document reference: production order, waybill, delivery note… */
  reference?: string;
  note?: string;
  /**
   * Shipping only: the approved ship-before-payment exception the goods left under, unpaid
   * (CR-8, RV-7): `SBP-<n>` asked for after review, or `review` when the order's own review
   * approved the RV-7 chain. Absent when payment or credit terms let them ship.
   */
  shippingException?: string;
}

/** What the customer reported at acceptance (TR-3). */
export type AcceptanceIssueKind = 'damage' | 'quantity_mismatch';
/** The remedy agreed for an acceptance issue (TR-3). */
export type Remedy = 'replace' | 'return' | 'repair';

/** An acceptance issue, tracked from report to closure (TR-3). */
export interface AcceptanceIssue {
  /** `ISS-1`, `ISS-2`… within the order. */
  id: string;
  kind: AcceptanceIssueKind;
  remedy: Remedy;
  description: string;
  lineIds: string[];
  reportedAt: string;
  reportedBy: string;
  status: 'open' | 'closed';
  closedAt?: string;
  closedBy?: string;
  resolution?: string;
}

/** Payment and invoicing facts: settled means paid and invoiced (AR-1 reading). */
export interface Settlement {
  paid: boolean;
  invoiced: boolean;
  paidAt?: string;
  invoicedAt?: string;
  paymentRef?: string;
  invoiceRef?: string;
}

/** The latest delivery forecast (TR-2). */
export interface DeliveryForecast {
  /** Forecast delivery date (YYYY-MM-DD). */
  date: string;
  at: string;
  by: string;
  /** After the agreed delivery date. */
  late: boolean;
  reason?: string;
}

/** The delivery as it happened (TR-1, TR-5 on-time rate). */
export interface DeliveryRecord {
  date: string;
  at: string;
  by: string;
  /** Agreed date at delivery; absent when the order had none. */
  agreedDate?: string;
  onTime: boolean;
  reference?: string;
  /** The ship-before-payment exception the goods were shipped under, unpaid (CR-8, RV-7). */
  shippingException?: string;
}

/**
 * TR-2 flags already raised, keyed by what they were raised for (the forecast date, the agreed
 * date), so a check raises each once and a new agreed date re-arms them.
 */
export interface DeliveryAlerts {
  lateForecast?: string;
  atRisk?: string;
  overdue?: string;
}

/**
 * Fulfilment tracking of one order (TR-1…TR-4), kept on the workflow as plain data.
 *
 * @example
 * const t: TrackingState = emptyTracking();
 */
export interface TrackingState {
  steps: Partial<Record<FulfilmentStep, StepProgress>>;
  /** Advance received before production (RV-8 gate), minor units, as last reported. */
  advanceReceived?: number;
  forecast?: DeliveryForecast;
  alerts: DeliveryAlerts;
  delivery?: DeliveryRecord;
  issues: AcceptanceIssue[];
  settlement: Settlement;
  /** When the order was marked completed (TR-4). */
  completedAt?: string;
}

/**
 * Tracking of an order nothing has been recorded for yet.
 *
 * @example
 * const tracking = state.tracking ?? emptyTracking();
 */
export function emptyTracking(): TrackingState {
  return { steps: {}, alerts: {}, issues: [], settlement: { paid: false, invoiced: false } };
}

/**
 * The issues of an order still open (TR-3): these keep after-sales open and block archiving (AR-1).
 *
 * @example
 * openIssues(state.tracking).length; // 0 when after-sales is done
 */
export function openIssues(tracking: TrackingState | undefined): AcceptanceIssue[] {
  return (tracking?.issues ?? []).filter((i) => i.status === 'open');
}
