import {
  Address,
  Contact,
  ContractInfo,
  InvoiceInfo,
  Order,
  OrderLine,
  UrgencyAssessment,
  WrittenConfirmation,
} from '../model/Order.js';

// The field vocabulary of change control (CH-2 patches, CH-5 diffs), read once from the Order
// schema so that a field added to the model is diffed and patchable without touching this file.

/** Header fields of an order, in schema order (lines excluded: they are diffed by id). */
export const HEADER_FIELDS: readonly string[] = Object.keys(Order.shape).filter(
  (k) => k !== 'lines',
);

/** Header fields holding a small object, with their sub-fields: diffed and patched one by one. */
export const NESTED_FIELDS: Readonly<Record<string, readonly string[]>> = {
  customer: Object.keys(Order.shape.customer.shape),
  contact: Object.keys(Contact.shape),
  deliveryAddress: Object.keys(Address.shape),
  invoice: Object.keys(InvoiceInfo.shape),
  writtenConfirmation: Object.keys(WrittenConfirmation.shape),
  urgency: Object.keys(UrgencyAssessment.shape),
  contract: Object.keys(ContractInfo.shape),
};

/** Fields of a line other than its id, in schema order. */
export const LINE_FIELDS: readonly string[] = Object.keys(OrderLine.shape).filter(
  (k) => k !== 'id',
);

/**
 * Fields a change request may not set: identity, numbering and ownership are not changes of the
 * order's content, and lines change through line operations.
 */
export const PROTECTED_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'number',
  'revision',
  'lines',
  'enteredAt',
  'salesperson',
  'customer',
  'customer.id',
]);

/** Whether `key` is `entry` or lies below it (`contact` covers `contact.phone`). */
export function fieldMatches(entry: string, key: string): boolean {
  return (
    key === entry ||
    (key.length > entry.length && key.startsWith(entry) && key[entry.length] === '.')
  );
}
