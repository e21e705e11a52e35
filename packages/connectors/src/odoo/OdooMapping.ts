import { Grade } from '@ordergate/core';
import { z } from 'zod';

/**
 * Where a customer's credit grade (CR-2) lives in a customised Odoo.
 *
 * @example
 * GradeSource.parse({ source: 'field', field: 'x_credit_grade', values: { good: 'A', fair: 'B', poor: 'C', bad: 'D' } });
 */
export const GradeSource = z.discriminatedUnion('source', [
  z.object({ source: z.literal('none') }),
  /** A field on the partner (selection or char); `values` maps its values to grades. */
  z.object({
    source: z.literal('field'),
    field: z.string().min(1),
    values: z.record(z.string(), Grade).default({}),
  }),
  /** Partner tags (`category_id`) by name, e.g. `{ 'Credit A': 'A' }`. */
  z.object({ source: z.literal('tag'), tags: z.record(z.string().min(1), Grade) }),
]);
export type GradeSource = z.infer<typeof GradeSource>;

/**
 * How Odoo records become core types: models, extra fields and the places of facts a standard
 * database does not have. Defaults fit a standard Odoo 17–19 with sale, account and stock.
 *
 * @example
 * const mapping = OdooMapping.parse({
 *   grade: { source: 'tag', tags: { 'Grade A': 'A', 'Grade B': 'B' } },
 *   paymentTerms: { '30 Days': 'NET30', 'Immediate Payment': 'PREPAID' },
 *   extraFields: { order: ['x_urgent'] },
 * });
 */
export const OdooMapping = z.object({
  models: z
    .object({
      order: z.string().default('sale.order'),
      line: z.string().default('sale.order.line'),
      partner: z.string().default('res.partner'),
      invoice: z.string().default('account.move'),
    })
    .prefault({}),
  /** Extra fields read with each model, handed to the `customize` hooks. */
  extraFields: z
    .object({
      order: z.array(z.string()).default([]),
      line: z.array(z.string()).default([]),
      partner: z.array(z.string()).default([]),
    })
    .prefault({}),
  grade: GradeSource.default({ source: 'none' }),
  /** Partner datetime/date field holding when credit was last evaluated (CR-1). */
  evaluatedAtField: z.string().min(1).optional(),
  /** Partner boolean field: a guarantee is on file (CR-4, CR-6). */
  guaranteeField: z.string().min(1).optional(),
  /** Partner char field naming a credit incident (CR-6). */
  incidentField: z.string().min(1).optional(),
  /** Order field holding the order type (`domestic`, `export`…); `standard` when absent. */
  orderTypeField: z.string().min(1).optional(),
  /** Odoo payment-term names → the policy's codes; unmapped names pass through. */
  paymentTerms: z.record(z.string(), z.string()).default({}),
  /** Payment-term names that mean the customer pays ahead (CR-1, CR-6). */
  prepaymentTerms: z.array(z.string()).default(['Immediate Payment']),
  /** Order states counted as confirmed for exposure (CR-4). */
  openOrderStates: z.array(z.string()).default(['sale']),
  /** Time zone for calendar dates derived from Odoo datetimes; defaults to the context `tz`. */
  timeZone: z.string().optional(),
  /** Read `free_qty_today` on lines for RV-11 (costly on large pages). */
  readStock: z.boolean().default(false),
});
export type OdooMapping = z.infer<typeof OdooMapping>;
export type OdooMappingInput = z.input<typeof OdooMapping>;
