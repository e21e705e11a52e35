import { z } from 'zod';
import type { HttpSender } from './HttpSender.js';
import { Secret } from '../internal/http/secrets.js';
import { parseJson } from './parseJson.js';
import { toInvalidResponse, toOdooError } from './toOdooError.js';
import { OdooServerError } from './OdooError.js';
import type { OdooCallParams, OdooTransport } from './OdooTransport.js';

const Json2Fault = z.object({ name: z.string(), message: z.string().optional() }).loose();

/**
 * The JSON-2 API of Odoo 19+: `POST /json/2/<model>/<method>` with `Authorization: bearer <key>`,
 * named arguments only, errors as HTTP statuses with Odoo's exception in the body.
 *
 * @example
 * const t = new Json2Transport(sender, { apiKey: process.env.ODOO_KEY! });
 * await t.execute('sale.order', 'search_read', { domain: [], fields: ['name'], limit: 5 });
 */
export class Json2Transport implements OdooTransport {
  readonly kind = 'json2' as const;
  readonly #apiKey: Secret;

  constructor(
    private readonly sender: HttpSender,
    auth: { apiKey: string },
  ) {
    this.#apiKey = new Secret(auth.apiKey);
  }

  async authenticate(): Promise<number> {
    const ctx = (await this.execute('res.users', 'context_get', {})) as { uid?: unknown };
    return typeof ctx?.uid === 'number' ? ctx.uid : 0;
  }

  async execute(model: string, method: string, params: OdooCallParams): Promise<unknown> {
    const where = { model, method, secrets: this.sender.secrets };
    const answer = await this.sender.post(
      `/json/2/${encodeURIComponent(model)}/${encodeURIComponent(method)}`,
      params,
      { model, method, headers: { Authorization: `bearer ${this.#apiKey.reveal()}` } },
    );
    if (answer.status >= 300 && answer.status < 400) {
      throw new OdooServerError(
        `Odoo answered /json/2 with a ${answer.status} redirect: JSON-2 needs Odoo 19 or later; use transport "jsonrpc"`,
        { status: answer.status, model, method },
      );
    }
    const json = parseJson(answer, where);
    if (answer.status === 200) return json;
    const fault = Json2Fault.safeParse(json);
    if (!fault.success)
      throw toInvalidResponse(answer.status, answer.text, {
        ...where,
        retryAfterMs: answer.retryAfterMs,
      });
    throw toOdooError(
      { name: fault.data.name, message: fault.data.message, status: answer.status },
      { ...where, retryAfterMs: answer.retryAfterMs },
    );
  }
}
