import { z } from 'zod';
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

/**
 * What the customer complains of after delivery (TR-3), each counted in the complaint rate
 * (TR-5): damaged goods, a quantity that differs from the order, goods whose quality falls short,
 * and a delivery later than agreed. The first three are about the goods and always carry a remedy;
 * a late delivery may carry one (the customer returns goods that came too late) or none.
 *
 * @example
 * AcceptanceIssueKind.options; // ['damage', 'quantity_mismatch', 'quality', 'late_delivery']
 */
export const AcceptanceIssueKind = z.enum([
  'damage',
  'quantity_mismatch',
  'quality',
  'late_delivery',
]);
export type AcceptanceIssueKind = z.infer<typeof AcceptanceIssueKind>;

/**
 * The issue kinds about the goods themselves (TR-3): a remedy is agreed for each.
 *
 * @example
 * GoodsIssueKind.safeParse('late_delivery').success; // false
 */
export const GoodsIssueKind = AcceptanceIssueKind.exclude(['late_delivery']);
export type GoodsIssueKind = z.infer<typeof GoodsIssueKind>;

/**
 * The remedy agreed for an acceptance issue (TR-3): replace, return or repair.
 *
 * @example
 * Remedy.parse('repair');
 */
export const Remedy = z.enum(['replace', 'return', 'repair']);
export type Remedy = z.infer<typeof Remedy>;

/**
 * What the customer reports (TR-3), as a command carries it: a goods issue with its remedy, or a
 * late delivery with a remedy or none. `description` says what is wrong; `lineIds` name the order
 * lines concerned, when some are.
 *
 * @example
 * IssueReport.parse({ kind: 'late_delivery', description: 'arrived 6 days late' });
 * IssueReport.parse({ kind: 'quality', remedy: 'replace', description: 'seals leak' });
 */
export const IssueReport = z.discriminatedUnion('kind', [
  z.object({
    kind: GoodsIssueKind,
    remedy: Remedy,
    description: z.string(),
    lineIds: z.array(z.string()).optional(),
  }),
  z.object({
    kind: z.literal('late_delivery'),
    remedy: Remedy.optional(),
    description: z.string(),
    lineIds: z.array(z.string()).optional(),
  }),
]);
export type IssueReport = z.infer<typeof IssueReport>;
export type IssueReportInput = z.input<typeof IssueReport>;

/** An acceptance issue or complaint, tracked from report to closure (TR-3). */
export interface AcceptanceIssue {
  /** `ISS-1`, `ISS-2`… within the order. */
  id: string;
  kind: AcceptanceIssueKind;
  /** Always present for a goods issue (damage, quantity, quality); optional for a late delivery. */
  remedy?: Remedy;
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
