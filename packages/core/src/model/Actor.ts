import { z } from 'zod';
import { CodeString, IdString, INPUT_LIMITS } from './inputLimits.js';

/**
 * Someone acting on the desk: an ERP user with the groups the ERP puts them in. The policy maps
 * regulation roles to user ids and group names; core never hard-codes a role.
 *
 * @example
 * const head: Actor = { id: 'u-wang', groups: ['sales_managers'] };
 */
export const Actor = z.object({
  id: IdString,
  groups: z.array(CodeString).max(INPUT_LIMITS.listLength).default([]),
  name: CodeString.optional(),
});
export type Actor = z.infer<typeof Actor>;
export type ActorInput = z.input<typeof Actor>;
