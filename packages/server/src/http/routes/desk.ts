// panels (issue 12): the order desk page, served by the service for ERPs without a web client of
// their own. Static files only, plus one exchange: an ERP's user assertion for a desk session.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { MESSAGES } from '@ordergate/core';
import type { TokenStore } from '../../identity/TokenStore.js';
import {
  IdentityError,
  MemoryReplayGuard,
  verifyAssertion,
  type IdentityOptions,
} from '../shared/identity.js';
import { problem } from '../shared/problem.js';
import { answer, localeOf, type Api } from './shared.js';

/** How `createApp` serves the order desk page at `/desk` (`AppOptions.desk`). */
export interface DeskOptions {
  /** The package root of a built `@ordergate/ui-widgets` (default: resolved from node_modules). */
  widgetsDir?: string;
  /**
   * Where desk sessions are made: a user who arrives with an ERP assertion (`/desk#assertion=…`)
   * gets an API token acting as them (scopes `orders:read`, `orders:act`). Without it, only a
   * pasted token signs in.
   */
  sessions?: TokenStore;
  /** How long a desk session lasts (default 8 hours). */
  sessionHours?: number;
}

const BOOT = `import { mountDesk } from './ui-widgets.js';\nmountDesk(document.getElementById('desk'));\n`;

function widgetsRoot(given: string | undefined): string {
  if (given) return given;
  const here = typeof __filename === 'string' ? __filename : import.meta.url;
  return dirname(createRequire(here).resolve('@ordergate/ui-widgets/package.json'));
}

/**
 * Registers the order desk page: `GET /desk` (the page), `/desk/assets/*` (the built
 * `@ordergate/ui-widgets` bundle, its Chinese texts, its theme, and Owl from the package's own
 * dependencies),
 * `/desk/messages/{en|zh-CN}.json` (the core's message templates the panels render findings
 * with) and `POST /desk/session` (an ERP user assertion, once, for a desk session token). The
 * page's Content-Security-Policy allows scripts from this origin and its one import map only (no
 * 'unsafe-eval': the panels' Owl templates come precompiled).
 * @throws {Error} when the widgets are not built (`pnpm --filter @ordergate/ui-widgets build`).
 *
 * @example
 * registerDeskRoutes(app, { sessions: new TokenStore(driver) }, identity, Date.now);
 */
export function registerDeskRoutes(
  app: Api,
  options: DeskOptions,
  identity: IdentityOptions,
  now: () => number,
): void {
  const root = widgetsRoot(options.widgetsDir);
  const bundle = join(root, 'dist', 'index.js');
  const owlDir = dirname(createRequire(join(root, 'package.json')).resolve('@odoo/owl'));
  const files: Record<string, { path?: string; text?: string; type: string }> = {
    'ui-widgets.js': { path: bundle, type: 'text/javascript' },
    // the panels' texts, which the bundle imports (`./en.js`, `./zh-CN.js`) for the language chosen
    'en.js': { path: join(root, 'dist', 'en.js'), type: 'text/javascript' },
    'zh-CN.js': { path: join(root, 'dist', 'zh-CN.js'), type: 'text/javascript' },
    'owl.js': { path: join(owlDir, 'owl.es.js'), type: 'text/javascript' },
    'theme.css': { path: join(root, 'dist', 'theme.css'), type: 'text/css' },
    'desk.js': { text: BOOT, type: 'text/javascript' },
  };
  const read = (name: string): string => {
    const f = files[name]!;
    try {
      return f.text ?? readFileSync(f.path!, 'utf8');
    } catch {
      throw new Error(
        `the order desk needs the built widgets (${f.path ?? name}): run pnpm --filter @ordergate/ui-widgets build`,
      );
    }
  };
  for (const name of Object.keys(files)) read(name); // fail at start, not at the first visit
  const importMap = JSON.stringify({ imports: { '@odoo/owl': '/desk/assets/owl.js' } });
  const mapHash = createHash('sha256').update(importMap).digest('base64');
  const csp = [
    "default-src 'none'",
    // no 'unsafe-eval': the widgets ship their Owl templates precompiled (no new Function)
    `script-src 'self' 'sha256-${mapHash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
  const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Order desk · ordergate</title>
<link rel="stylesheet" href="/desk/assets/theme.css">
<script type="importmap">${importMap}</script>
<script type="module" src="/desk/assets/desk.js"></script>
</head>
<body>
<div id="desk"></div>
<noscript>The order desk needs JavaScript.</noscript>
</body>
</html>
`;
  const secure = {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };

  app.get('/desk', (c) => c.html(page, 200, secure));
  app.get('/desk/assets/:name', (c) => {
    const name = c.req.param('name');
    const f = files[name];
    if (!f) return c.notFound();
    return c.body(read(name), 200, {
      'content-type': `${f.type}; charset=utf-8`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
  });
  const messages = {
    en: Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v.en])),
    'zh-CN': Object.fromEntries(Object.entries(MESSAGES).map(([k, v]) => [k, v.zh])),
  };
  app.get('/desk/messages/:file', (c) => {
    const lang = c.req.param('file').replace(/\.json$/, '');
    if (lang !== 'en' && lang !== 'zh-CN') return c.notFound();
    return c.json(messages[lang], 200, { 'cache-control': 'max-age=3600' });
  });

  const guard = identity.replayGuard ?? new MemoryReplayGuard();
  const hours = options.sessionHours ?? 8;
  app.post('/desk/session', async (c) => {
    const locale = localeOf(c);
    if (!options.sessions)
      return answer(
        c,
        problem(
          501,
          'DESK_SESSIONS_OFF',
          locale === 'zh'
            ? '本服务未开启工作台会话:请粘贴 API 令牌登录。'
            : 'This service makes no desk sessions: sign in with an API token.',
        ),
      );
    let actor;
    try {
      actor = await verifyAssertion(c.req.header('authorization'), identity, guard, now());
    } catch (e) {
      if (e instanceof IdentityError) return answer(c, problem(401, e.code, e.message));
      throw e;
    }
    const created = await options.sessions.create({
      name: `desk session ${actor.id}`.slice(0, 100),
      actor,
      scopes: ['orders:read', 'orders:act'],
      expiresAt: new Date(now() + hours * 3_600_000),
      person: true, // read as this person, never as a system (decision 017)
    });
    c.header('cache-control', 'no-store');
    return c.json({ token: created.token, expiresAt: created.record.expiresAt }, 201);
  });
}
