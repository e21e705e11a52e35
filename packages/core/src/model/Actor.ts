import { z } from 'zod';

/**
 * Someone acting on the desk: an ERP user with the groups the ERP puts them in. The policy maps
 * regulation roles to user ids and group names; core never hard-codes a role.
 *
 * @example
 * const head: Actor = { id: 'u-wang', groups: ['sales_managers'] };
 */
export const Actor = z.object({
  id: z.string().min(1),
  groups: z.array(z.string()).default([]),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof Actor>;
export type ActorInput = z.input<typeof Actor>;
