import { z } from 'zod';
import { copyDefaults, Name, RoleList } from './policyValues.js';

// Field keys name what a change touches: a header field by its dotted path (`paymentTerms`,
// `contact.phone`), a line field as `lines.<field>` whatever the line (`lines.unitPrice`), a new
// line as `lines.added` and a removed one as `lines.removed`. A policy entry matches a key equal
// to it or below it: `contact` matches `contact.phone`, `lines` matches every line change.

const FieldKey = Name;

/** Every department CH-6 names: production, procurement, warehouse, logistics, finance. */
const ALL_DEPARTMENTS = ['production', 'procurement', 'warehouse', 'logistics', 'finance'];

/**
 * CH-2 default (our reading on unnamed approvers): finance for price and payment terms,
 * production for quantity and dates, engineering for specifications.
 *
 * @example
 * DEFAULT_CHANGE_DEPARTMENTS['lines.specification']; // ['engineering']
 */
export const DEFAULT_CHANGE_DEPARTMENTS: Readonly<Record<string, readonly string[]>> = {
  'lines.unitPrice': ['finance'],
  'lines.discountBp': ['finance'],
  paymentTerms: ['finance'],
  currency: ['finance'],
  shipBeforePayment: ['finance'],
  'lines.quantity': ['production'],
  requestedDeliveryDate: ['production'],
  'lines.removed': ['production'],
  'lines.added': ['production', 'engineering'],
  'lines.productId': ['engineering'],
  'lines.productName': ['engineering'],
  'lines.model': ['engineering'],
  'lines.specification': ['engineering'],
  'lines.customMade': ['engineering'],
  technicalComplexity: ['engineering'],
};

/**
 * CH-6 default: whose work each field touches once the change is in force. Finance is told of a
 * moved delivery date because invoicing is planned on it.
 *
 * @example
 * DEFAULT_CHANGE_NOTIFY.requestedDeliveryDate; // ['production', 'procurement', 'warehouse', 'logistics', 'finance']
 */
export const DEFAULT_CHANGE_NOTIFY: Readonly<Record<string, readonly string[]>> = {
  'lines.quantity': ALL_DEPARTMENTS,
  'lines.added': ALL_DEPARTMENTS,
  'lines.removed': ALL_DEPARTMENTS,
  'lines.productId': ['production', 'procurement', 'warehouse'],
  'lines.productName': ['production', 'procurement', 'warehouse'],
  'lines.model': ['production', 'procurement', 'warehouse'],
  'lines.specification': ['production', 'procurement', 'warehouse'],
  'lines.customMade': ['production', 'procurement', 'warehouse'],
  'lines.unitPrice': ['finance'],
  'lines.discountBp': ['finance'],
  'lines.taxBp': ['finance'],
  paymentTerms: ['finance'],
  currency: ['finance'],
  invoice: ['finance'],
  shipBeforePayment: ['finance', 'warehouse', 'logistics'],
  requestedDeliveryDate: ['production', 'procurement', 'warehouse', 'logistics', 'finance'],
  deliveryAddress: ['logistics'],
};

/**
 * A field → roles map, the defaults when absent; `loadPolicy` merges a policy's entries over the
 * defaults, so an integrator overrides one field at a time (each entry's list replaces the
 * default list of that field).
 */
function fieldRoles(defaults: Readonly<Record<string, readonly string[]>>) {
  return z
    .record(FieldKey, RoleList)
    .default(() => copyDefaults(defaults) as Record<string, string[]>);
}

/**
 * Change-control settings (CH-1…CH-7). Field keys: a header field by dotted path
 * (`paymentTerms`, `contact.phone`), a line field as `lines.<field>`, a new line `lines.added`, a
 * removed line `lines.removed`; an entry matches its key and everything below it.
 *
 * @example
 * const change = ChangePolicy.parse({ materiality: { nonMaterial: ['contact', 'notes', 'deliveryAddress'] } });
 * change.departments['lines.unitPrice']; // ['finance']
 * loadPolicy({ change: { departments: { paymentTerms: ['financeDirector'] } } }).change.departments;
 * // the defaults, with payment terms reviewed by the finance director
 */
export const ChangePolicy = z.strictObject({
  /**
   * CH-2: roles that may raise a change or cancellation besides the order's owner. Empty by
   * default: the seed has the owner raise it.
   */
  requestRoles: RoleList.default([]),
  /** CH-1: steps every change and cancellation passes — the sales department head. */
  approvalSteps: RoleList.default(['salesHead']),
  /**
   * CH-2: the step in which the departments concerned each sign (mode `eachDepartment`); its
   * roles are narrowed, per change, to the departments owning the changed fields.
   */
  departmentStep: Name.default('changeDepartmentReview'),
  /** CH-2: field → roles of the departments concerned (merged over the defaults). */
  departments: fieldRoles(DEFAULT_CHANGE_DEPARTMENTS),
  materiality: z
    .strictObject({
      /** CH-4: price, quantity, product, delivery date, payment terms. */
      material: z
        .array(FieldKey)
        .default([
          'lines.unitPrice',
          'lines.discountBp',
          'lines.quantity',
          'lines.productId',
          'lines.productName',
          'lines.model',
          'lines.specification',
          'lines.added',
          'lines.removed',
          'requestedDeliveryDate',
          'paymentTerms',
        ]),
      /** CH-4: changes that need only the sales head (contact, notes…). */
      nonMaterial: z.array(FieldKey).default(['contact', 'notes', 'invoice', 'externalRef']),
      /** Fields in neither list; material by default, so an unforeseen field is reviewed. */
      unlisted: z.enum(['material', 'nonMaterial']).default('material'),
    })
    .prefault({}),
  /**
   * CH-4 / RV-7: fields whose change is a change of price, sent through the exceptional chain
   * (`review.routes.exceptional`). The discount is there because it changes the net price.
   */
  priceFields: z.array(FieldKey).default(['lines.unitPrice', 'lines.discountBp']),
  /** CH-6: field → roles of the departments told once the change is in force (merged over the defaults). */
  notify: fieldRoles(DEFAULT_CHANGE_NOTIFY),
  /** CH-6: fields whose change the customer is told of in advance. */
  customerNoticeFields: z.array(FieldKey).default(['requestedDeliveryDate']),
  cancellation: z
    .strictObject({
      /** CH-3: departments that review a cancellation (money received and work under way). */
      departments: RoleList.default(['finance', 'production']),
      /** CH-6: departments told of a cancellation. */
      notify: RoleList.default(ALL_DEPARTMENTS),
    })
    .prefault({}),
  contract: z
    .strictObject({
      /**
       * CH-7: fields a contract states; changing one on an order with a contract is a contract
       * change (legal review, contract ledger). A change of `contract.*` always is.
       */
      fields: z
        .array(FieldKey)
        .default([
          'contract',
          'lines',
          'requestedDeliveryDate',
          'paymentTerms',
          'currency',
          'shipBeforePayment',
          'deliveryAddress',
        ]),
      /**
       * CH-7: roles that record a contract amendment (or termination) as signed and enter it in
       * the contract ledger; an approved contract change takes effect only then.
       */
      recordRoles: RoleList.default(['legal']),
    })
    .prefault({}),
});
export type ChangePolicy = z.infer<typeof ChangePolicy>;

/**
 * A role or step the change policy names, with its path under `change`.
 *
 * @example
 * const ref: ChangePolicyReference = { kind: 'step', name: 'salesHead', path: ['approvalSteps', 0] };
 */
export interface ChangePolicyReference {
  kind: 'role' | 'step';
  name: string;
  path: (string | number)[];
}

/**
 * The roles and steps the change policy names, for the policy's cross-reference check.
 *
 * @example
 * changePolicyReferences(policy.change).filter((r) => r.kind === 'step'); // salesHead, changeDepartmentReview
 */
export function changePolicyReferences(change: ChangePolicy): ChangePolicyReference[] {
  const out: ChangePolicyReference[] = [];
  const roles = (list: readonly string[], path: (string | number)[]) =>
    list.forEach((name, i) => out.push({ kind: 'role', name, path: [...path, i] }));
  roles(change.requestRoles, ['requestRoles']);
  change.approvalSteps.forEach((name, i) =>
    out.push({ kind: 'step', name, path: ['approvalSteps', i] }),
  );
  out.push({ kind: 'step', name: change.departmentStep, path: ['departmentStep'] });
  for (const [field, list] of Object.entries(change.departments))
    roles(list, ['departments', field]);
  for (const [field, list] of Object.entries(change.notify)) roles(list, ['notify', field]);
  roles(change.cancellation.departments, ['cancellation', 'departments']);
  roles(change.cancellation.notify, ['cancellation', 'notify']);
  roles(change.contract.recordRoles, ['contract', 'recordRoles']);
  return out;
}
