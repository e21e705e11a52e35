/**
 * What an API token may reach. A user assertion has no scopes: a person is authorised by the
 * core alone (role, SoD, the order's state). A token is authorised twice: its scope must cover the
 * route, then the core authorises the actor the token acts as, like any person.
 *
 * - `orders:read`: read orders, the work queue, the actions an order allows, customers and their
 *   credit picture, metrics.
 * - `orders:act`: every command on orders (submit, approve, reject, return, confirm, release a
 *   credit hold, request and approve a change).
 * - `customers:write`: write customers' facts and credit requests (CR-3).
 * - `archive:read`: search the archive and read archived orders (AR-5, AR-6: still under a grant).
 * - `sync`: run a sync with the ERP, read and retry the outbox and its dead letters, push the
 *   ERP's directory of people's names (`PUT /v1/people`).
 * - `admin`: everything, including what no other scope names (token management, new routes).
 *
 * @example
 * const scopes: Scope[] = ['orders:read', 'orders:act'];
 */
export const SCOPES = [
  'orders:read',
  'orders:act',
  'customers:write',
  'archive:read',
  'sync',
  'admin',
] as const;

/**
 * One of `SCOPES`.
 *
 * @example
 * const needed: Scope = 'orders:act';
 */
export type Scope = (typeof SCOPES)[number];

/**
 * One line of `ROUTE_SCOPES`: requests whose method is of `methods` (`read`: GET, HEAD;
 * `write`: the others; `any`) and whose path is `prefix` or below it need `scope`.
 *
 * @example
 * const line: RouteScope = { methods: 'read', prefix: '/v1/reports', scope: 'orders:read' };
 */
export interface RouteScope {
  methods: 'read' | 'write' | 'any';
  prefix: string;
  scope: Scope;
}

/**
 * The scope each `/v1` route needs from an API token, first match wins; a route no line matches
 * needs `admin` (fail closed). A new family of routes adds one line here.
 *
 * @example
 * ROUTE_SCOPES.find((r) => r.prefix === '/v1/archive')?.scope; // 'archive:read'
 */
export const ROUTE_SCOPES: readonly RouteScope[] = [
  { methods: 'any', prefix: '/v1/tokens', scope: 'admin' },
  { methods: 'read', prefix: '/v1/archive', scope: 'archive:read' },
  { methods: 'read', prefix: '/v1/contract-ledger', scope: 'archive:read' },
  { methods: 'any', prefix: '/v1/sync', scope: 'sync' },
  { methods: 'any', prefix: '/v1/outbox', scope: 'sync' },
  { methods: 'write', prefix: '/v1/customers', scope: 'customers:write' },
  { methods: 'write', prefix: '/v1/credit-requests', scope: 'customers:write' },
  { methods: 'read', prefix: '/v1/customers', scope: 'orders:read' },
  { methods: 'read', prefix: '/v1/credit-requests', scope: 'orders:read' },
  { methods: 'read', prefix: '/v1/metrics', scope: 'orders:read' },
  { methods: 'read', prefix: '/v1/roles', scope: 'orders:read' },
  { methods: 'read', prefix: '/v1/people', scope: 'orders:read' },
  { methods: 'write', prefix: '/v1/people', scope: 'sync' },
  { methods: 'read', prefix: '/v1/work-queue', scope: 'orders:read' },
  { methods: 'read', prefix: '/v1/orders', scope: 'orders:read' },
  { methods: 'write', prefix: '/v1/orders', scope: 'orders:act' },
];

const READ = new Set(['GET', 'HEAD']);

/**
 * The scope a token needs for `method` on `path` (`ROUTE_SCOPES`, `admin` when none matches).
 *
 * @example
 * scopeFor('POST', '/v1/orders/o-1/approve'); // 'orders:act'
 * scopeFor('GET', '/v1/orders/o-1'); // 'orders:read'
 */
export function scopeFor(
  method: string,
  path: string,
  routes: readonly RouteScope[] = ROUTE_SCOPES,
): Scope {
  const read = READ.has(method.toUpperCase());
  for (const r of routes) {
    if (r.methods === 'read' && !read) continue;
    if (r.methods === 'write' && read) continue;
    if (path === r.prefix || path.startsWith(`${r.prefix}/`)) return r.scope;
  }
  return 'admin';
}

/**
 * Whether `held` covers `needed`: it names it, or it holds `admin`.
 *
 * @example
 * grants(['orders:read'], 'orders:act'); // false
 * grants(['admin'], 'sync'); // true
 */
export function grants(held: readonly string[], needed: Scope): boolean {
  return held.includes(needed) || held.includes('admin');
}

/**
 * Whether `value` is one of `SCOPES`.
 *
 * @example
 * isScope('orders:act'); // true
 * isScope('orders:write'); // false
 */
export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}
