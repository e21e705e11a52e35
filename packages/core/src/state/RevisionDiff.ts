import type { OrderLine } from '../model/Order.js';

/** One field that differs: its path in the order, the value before and after. */
export interface FieldChange {
  /** Header: dotted path (`paymentTerms`, `contact.phone`); in a line: the line field (`unitPrice`). */
  field: string;
  before: unknown;
  after: unknown;
}

/** How one line differs between two revisions, matched by line id. */
export type LineDiff =
  | { kind: 'added'; lineId: string; line: OrderLine }
  | { kind: 'removed'; lineId: string; line: OrderLine }
  | { kind: 'changed'; lineId: string; changes: FieldChange[] };

/** The difference between two revisions of an order (CH-5), field by field and line by line. */
export interface RevisionDiff {
  orderId: string;
  from: number;
  to: number;
  /** Header fields that differ (the revision number itself is left out). */
  header: FieldChange[];
  /** Changed and added lines in `b`'s order, then removed lines in `a`'s order. */
  lines: LineDiff[];
}
