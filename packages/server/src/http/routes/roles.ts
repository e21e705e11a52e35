import { z } from '@hono/zod-openapi';
import { query, valueEnvelope, type Api, type RouteDeps } from './shared.js';

const RoleLabelsSchema = z
  .record(z.string(), z.object({ en: z.string(), zh: z.string() }))
  .openapi('RoleLabels', {
    example: { salesHead: { en: 'Sales department head', zh: '销售部门负责人' } },
  });

/**
 * The policy's roles as the panels name them (RV-3…RV-8 routes, CH-2 departments): each role key
 * with its label in English and Chinese, for any signed-in caller. Only the labels: who holds a
 * role (users, groups) stays with the service.
 *
 * @example
 * registerRoleRoutes(app, { og, readers }); // GET /v1/roles → { value: { salesHead: { en, zh } } }
 */
export function registerRoleRoutes(app: Api, { og }: Pick<RouteDeps, 'og'>): void {
  query(app, {
    path: '/v1/roles',
    summary: 'The policy’s roles and their labels (en, zh), so that panels show names, not keys',
    response: valueEnvelope(RoleLabelsSchema, 'RolesAnswer'),
    statuses: [401],
    run: () =>
      Promise.resolve(
        Object.fromEntries(
          Object.entries(og.policy.roles).map(([key, r]) => [
            key,
            { en: r.label.en, zh: r.label.zh },
          ]),
        ),
      ),
  });
}
