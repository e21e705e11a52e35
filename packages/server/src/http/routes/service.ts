import { problem } from '../shared/problem.js';
import { referencePage } from '../shared/reference.js';
import { answer, type Api } from './shared.js';

/**
 * The service's own routes, public: `/healthz`, `/readyz` (503 NOT_READY when the store does not
 * answer), `/openapi.json` and the browsable `/reference`.
 *
 * @example
 * registerServiceRoutes(app, () => og.order('readyz-probe'));
 */
export function registerServiceRoutes(app: Api, ready: () => Promise<unknown>): void {
  app.get('/healthz', (c) => c.json({ status: 'up' }));
  app.get('/readyz', async (c) => {
    try {
      await ready();
      return c.json({ status: 'ready' });
    } catch {
      return answer(c, problem(503, 'NOT_READY', 'The store does not answer.'));
    }
  });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'ordergate order desk API',
      version: '0.1.0',
      description:
        'Sales orders through the company’s rules. Errors are application/problem+json with a stable `code` and, where a rule refused, its `ruleId`; `detail` follows Accept-Language (en, zh).',
    },
  });
  app.get('/reference', (c) => c.html(referencePage('/openapi.json')));
}
