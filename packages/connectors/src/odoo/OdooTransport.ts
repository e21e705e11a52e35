/**
 * Arguments of an Odoo model method, by name — the common ground of both APIs: JSON-2 accepts
 * named arguments only, and `execute_kw` takes `[ids]` plus the same names as keyword arguments.
 *
 * @example
 * const params: OdooCallParams = { ids: [7], vals: { client_order_ref: 'PO-1' } };
 */
export interface OdooCallParams {
  /** Records the method runs on; omit for `@api.model` methods (search_read, create…). */
  ids?: readonly number[];
  [name: string]: unknown;
}

/** What a transport reports about the server and the authenticated user. */
export interface OdooSession {
  uid: number;
  /** Major version from `server_version_info`, e.g. 18. */
  major: number;
  serverVersion: string;
}

/**
 * A way of calling Odoo: the legacy external JSON-RPC API or JSON-2. The client adds retries,
 * limits, counting and context on top; a transport only sends one call and maps its failure.
 *
 * @example
 * const ids = await transport.execute('sale.order', 'search', { domain: [] }) as number[];
 */
export interface OdooTransport {
  readonly kind: 'jsonrpc' | 'json2';
  /** Checks the credentials and returns the user id (JSON-RPC `authenticate`, JSON-2 `context_get`). */
  authenticate(): Promise<number>;
  execute(model: string, method: string, params: OdooCallParams): Promise<unknown>;
}
