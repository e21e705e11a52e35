import { serve as nodeServe, type ServerType } from '@hono/node-server';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './routes/shared.js';

/** Where `serve` listens. */
export interface ServeOptions {
  /** Default 8080. */
  port?: number;
  /** Default `0.0.0.0`. */
  hostname?: string;
}

/**
 * Listens on Node.js with the app from `createApp`; answers the server, to `close()` it.
 *
 * @example
 * const server = serve(createApp({ og, identity }), { port: 8080 });
 * process.on('SIGTERM', () => server.close());
 */
export function serve(app: OpenAPIHono<AppEnv>, options: ServeOptions = {}): ServerType {
  return nodeServe({
    fetch: app.fetch,
    port: options.port ?? 8080,
    hostname: options.hostname ?? '0.0.0.0',
  });
}
