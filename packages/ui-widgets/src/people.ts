import type { PanelEnv } from './env.js';

/** Fields of the service's answers that hold an ERP user id. */
const PERSON_FIELDS = new Set(['actor', 'onBehalfOf', 'by', 'requestedBy', 'salesperson']);
/** The most ids `GET /v1/people` answers at once. */
const BATCH = 500;

function collect(value: unknown, into: Set<string>, depth = 0): void {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      if (PERSON_FIELDS.has(k)) into.add(v);
    } else collect(v, into, depth + 1);
  }
}

/**
 * Learns the display names of the people the service's answers name (who acted, for whom, who
 * asked; `actor`, `onBehalfOf`, `by`, `requestedBy`, `salesperson`), so that the panels show
 * "Wang Qiang", not `u-wang` (`i18n.person(id)`). Asks `GET /v1/people` once per id for the life
 * of the env (the desk's panels share it); a service without the route, or an id nobody named,
 * leaves the id shown.
 *
 * @example
 * const picture = await env.client.order('so-1');
 * await learnPeople(env, picture);
 * env.i18n.person('u-wang'); // 'Wang Qiang'
 */
export async function learnPeople(env: PanelEnv, ...answers: unknown[]): Promise<void> {
  const ids = new Set<string>();
  for (const a of answers) collect(a, ids);
  const { i18n } = env;
  const unknown = [...ids].filter((id) => !i18n.asked.has(id));
  for (const id of unknown) i18n.asked.add(id);
  for (let i = 0; i < unknown.length; i += BATCH) {
    try {
      for (const p of await env.client.people(unknown.slice(i, i + BATCH)))
        i18n.people.set(p.id, p.name);
    } catch {
      // names are a courtesy: the panels still work with ids
    }
  }
}
