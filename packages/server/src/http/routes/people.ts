import { createRoute, z } from '@hono/zod-openapi';
import { IdString, toInputIssues } from '@ordergate/core';
import {
  PEOPLE_LOOKUP_LIMIT,
  PeopleList,
  type PeopleDirectory,
} from '../../identity/PeopleDirectory.js';
import { validationProblem } from '../shared/problem.js';
import {
  callerOf,
  json,
  localeOf,
  problems,
  ProblemThrown,
  query,
  readJson,
  SECURITY,
  valueEnvelope,
  type Api,
  type RouteDeps,
} from './shared.js';

const PersonOut = z
  .object({ id: z.string(), name: z.string() })
  .openapi('Person', { example: { id: 'u-wang', name: 'Wang Qiang' } });

const PeopleQuery = z.object({
  ids: z
    .string()
    .openapi({
      description: `Comma-separated ERP user ids, at most ${String(PEOPLE_LOOKUP_LIMIT)}`,
      example: 'u-wang,u-zhao',
    })
    .transform((s) => s.split(',').filter((id) => id !== ''))
    .pipe(
      z
        .array(IdString)
        .max(PEOPLE_LOOKUP_LIMIT, `at most ${String(PEOPLE_LOOKUP_LIMIT)} ids at a time`),
    ),
});

const PeopleBody = z.strictObject({ people: PeopleList }).openapi('PeopleUpdate', {
  example: { people: [{ id: 'u-wang', name: 'Wang Qiang' }] },
});

/**
 * People's display names, so that the panels say "Wang Qiang", not `u-wang` (who may act, who
 * acted, for whom). Any signed-in caller reads the names of the ids it asks for (ids nobody
 * named are left out); the ERP's integration (a system, scope `sync`) pushes its directory.
 * Callers also name themselves: an assertion's `name` claim, a token's actor name.
 *
 * @example
 * registerPeopleRoutes(app, { readers, people }); // GET /v1/people?ids=u-wang → { value: [{ id, name }] }
 */
export function registerPeopleRoutes(
  app: Api,
  { readers, people }: Pick<RouteDeps, 'readers'> & { people: PeopleDirectory },
): void {
  query(app, {
    path: '/v1/people',
    summary: 'The display names of ERP users, by id (ids nobody named are left out)',
    query: PeopleQuery,
    response: valueEnvelope(z.array(PersonOut), 'PeopleAnswer'),
    statuses: [400, 401, 403],
    run: (_c, _p, q) => people.names(q.ids),
  });

  app.openapi(
    createRoute({
      method: 'put',
      path: '/v1/people',
      summary: 'Store display names from the ERP’s directory (systems only; the newest wins)',
      security: SECURITY,
      request: {
        body: { required: true, content: { 'application/json': { schema: PeopleBody } } },
      },
      responses: {
        200: json(
          valueEnvelope(z.object({ stored: z.number().int() }), 'PeopleStored'),
          'Stored: how many entries the request held',
        ),
        ...problems(400, 401, 403),
      },
    }),
    async (c) => {
      const locale = localeOf(c);
      const parsed = PeopleBody.safeParse(await readJson(c));
      if (!parsed.success)
        throw new ProblemThrown(validationProblem(toInputIssues(parsed.error), locale));
      readers.system(callerOf(c), 'putPeople', locale);
      await people.remember(parsed.data.people, 'erp');
      return c.json({ value: { stored: parsed.data.people.length } } as never, 200);
    },
  );
}
