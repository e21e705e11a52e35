import { JSONRPCClient, JSONRPCErrorException } from 'json-rpc-2.0';
import { z } from 'zod';
import type { HttpSender } from './HttpSender.js';
import { Secret } from '../internal/http/secrets.js';
import { parseJson } from './parseJson.js';
import { toInvalidResponse, toOdooError } from './toOdooError.js';
import { OdooAuthenticationError, OdooError, OdooLegacyApiDisabledError } from './OdooError.js';
import type { OdooCallParams, OdooTransport } from './OdooTransport.js';

const RpcEnvelope = z.object({
  jsonrpc: z.literal('2.0').optional(),
  id: z.union([z.number(), z.string(), z.null()]),
  result: z.unknown().optional(),
  error: z
    .object({
      code: z.number(),
      message: z.string(),
      data: z
        .object({ name: z.string().optional(), message: z.string().optional() })
        .loose()
        .optional(),
    })
    .optional(),
});

/** Arguments sent positionally over JSON-RPC because Odoo's own signatures disagree on names. */
const POSITIONAL: Record<string, string> = { create: 'vals_list', write: 'vals' };

interface CallParams {
  model?: string;
  method: string;
  /** Where the typed failure of `send` is left, since json-rpc-2.0 flattens send errors. */
  failure: { error?: OdooError };
}

/**
 * The external JSON-RPC API (`POST /jsonrpc`, services `common` and `object`), through
 * json-rpc-2.0. Works with a password or an API key on Odoo 8–19.
 *
 * @example
 * const t = new JsonRpcTransport(sender, { db: 'og18', login: 'admin', secret: process.env.ODOO_KEY! });
 * await t.authenticate();
 * await t.execute('sale.order', 'search_count', { domain: [] });
 */
export class JsonRpcTransport implements OdooTransport {
  readonly kind = 'jsonrpc' as const;
  private uid: number | undefined;
  private readonly rpc: JSONRPCClient<CallParams>;
  private readonly auth: { db: string; login: string };
  readonly #secret: Secret;

  constructor(
    private readonly sender: HttpSender,
    auth: { db: string; login: string; secret: string },
  ) {
    this.auth = { db: auth.db, login: auth.login };
    this.#secret = new Secret(auth.secret);
    this.rpc = new JSONRPCClient<CallParams>(async (payload: { id: number }, params) => {
      const ctx = { model: params.model, method: params.method, secrets: sender.secrets };
      try {
        const answer = await sender.post('/jsonrpc', payload, ctx);
        if (answer.status === 404) {
          throw new OdooLegacyApiDisabledError(
            'POST /jsonrpc answered 404: this Odoo has the legacy external API switched off ' +
              '(module `rpc` not installed, or Odoo 20+). Use transport "json2" with an API key.',
            { status: 404, model: params.model, method: params.method },
          );
        }
        const json = parseJson(answer, ctx);
        const envelope = RpcEnvelope.safeParse(json);
        if (!envelope.success || (answer.status !== 200 && !envelope.data.error)) {
          throw toInvalidResponse(answer.status, answer.text, ctx);
        }
        // Odoo leaves `result` out when a method returns None; json-rpc-2.0 needs it present.
        const response = envelope.data.error
          ? { jsonrpc: '2.0' as const, id: payload.id, error: envelope.data.error }
          : { jsonrpc: '2.0' as const, id: payload.id, result: envelope.data.result ?? null };
        this.rpc.receive(response);
      } catch (error) {
        params.failure.error =
          error instanceof OdooError ? error : toInvalidResponse(0, String(error), ctx);
        throw error;
      }
    });
  }

  private async request(
    service: string,
    method: string,
    args: unknown[],
    where: { model?: string; method: string },
  ): Promise<unknown> {
    const failure: { error?: OdooError } = {};
    try {
      return await this.rpc.request('call', { service, method, args }, { ...where, failure });
    } catch (error) {
      if (failure.error) throw failure.error;
      if (error instanceof JSONRPCErrorException) {
        const data = (error.data ?? {}) as { name?: string; message?: string };
        throw toOdooError(
          { name: data.name, message: data.message ?? error.message, rpcCode: error.code },
          { model: where.model, method: where.method, secrets: this.sender.secrets },
        );
      }
      throw error;
    }
  }

  async authenticate(): Promise<number> {
    const uid = await this.request(
      'common',
      'authenticate',
      [this.auth.db, this.auth.login, this.#secret.reveal(), {}],
      { method: 'authenticate' },
    );
    if (typeof uid !== 'number' || uid <= 0) {
      // `authenticate` answers false, not an error, on a bad login, password or key.
      throw new OdooAuthenticationError(
        `Odoo refused the credentials of "${this.auth.login}" on database "${this.auth.db}" (authenticate returned false)`,
        { method: 'authenticate' },
      );
    }
    this.uid = uid;
    return uid;
  }

  /** Forgets the user id so that the next call authenticates again (after a session expiry). */
  reset(): void {
    this.uid = undefined;
  }

  async execute(model: string, method: string, params: OdooCallParams): Promise<unknown> {
    const uid = this.uid ?? (await this.authenticate());
    const { ids, ...kwargs } = params;
    const args: unknown[] = ids === undefined ? [] : [ids];
    // Odoo ≤ 18 reads `create`'s values from args[0] only (api.model_create_multi).
    // and overrides of `write` name their argument `vals` or `values`: pass both positionally.
    const positional = POSITIONAL[method];
    if (positional && positional in kwargs && (method !== 'create' || ids === undefined)) {
      args.push(kwargs[positional]);
      delete kwargs[positional];
    }
    return this.request(
      'object',
      'execute_kw',
      [this.auth.db, uid, this.#secret.reveal(), model, method, args, kwargs],
      { model, method },
    );
  }
}
