import { z } from 'zod';

const OdooNaiveDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);

/**
 * Where an order sync stopped, as plain JSON you can persist and resume from. `writeDate` is the
 * last `write_date` second delivered (Odoo's naive UTC form); `recent` lists the orders delivered
 * within the overlap window before it, with the `write_date` they had, so that re-reading the
 * window delivers nothing twice.
 *
 * @example
 * const saved = JSON.stringify(page.checkpoint);
 * for await (const page of syncOrders(odoo, { checkpoint: OdooSyncCheckpoint.parse(JSON.parse(saved)) })) { … }
 */
export const OdooSyncCheckpoint = z.object({
  version: z.literal(1),
  writeDate: OdooNaiveDateTime,
  recent: z.array(z.tuple([z.number().int().positive(), OdooNaiveDateTime])),
});
export type OdooSyncCheckpoint = z.infer<typeof OdooSyncCheckpoint>;
