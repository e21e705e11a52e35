// How an ERP's webhook deliveries are verified by the service (decision 029). It lives with the
// connectors because the ERP decides what it can do (Dolibarr cannot sign): a REST mapping names
// it in `webhook.verification`, and the service's webhook route enforces it.
import { z } from 'zod';

/**
 * How the deliveries of one source are verified (decision 029).
 *
 * - `hmac` (the default): `x-ordergate-signature` is HMAC-SHA256 of `<timestamp>.<raw body>`,
 *   the timestamp within `toleranceSeconds`, the delivery id never seen before. Nothing on the
 *   wire lets a listener forge or alter a delivery.
 * - `token`: for an ERP that cannot sign (Dolibarr's Webhook module posts a bare JSON body with
 *   only `Content-Type`). The shared secret itself is presented — in a header (`in: 'header'`,
 *   `name` default `x-ordergate-token`), or in the URL's query (`in: 'query'`, `name` default
 *   `token`) when the ERP can only be given a URL — and compared in constant time. Weaker than
 *   HMAC (whoever sees one request can forge others; use it over TLS or on a private network),
 *   so it is never chosen by default. Replays are refused by the `deliveryHeader` id when the ERP
 *   sends one, else by the SHA-256 of the raw body, remembered `replayWindowSeconds` (default one
 *   day); with `timestampPath` (Unix seconds or an ISO instant in the body) the delivery must also
 *   be within `toleranceSeconds` of now.
 */
export type WebhookVerification =
  | { mode: 'hmac' }
  | {
      mode: 'token';
      in: 'header' | 'query';
      name?: string;
      deliveryHeader?: string;
      timestampPath?: string;
      replayWindowSeconds?: number;
    };

const HeaderName = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an HTTP header name');

/**
 * The verification settings, validated: unknown keys, a bad header name or a replay window
 * shorter than 10 minutes are refused (a `ZodError` naming the field). `mode` is required: a
 * token mode is never implied.
 *
 * @example
 * const v = WebhookVerificationSchema.parse({ mode: 'token', in: 'query' });
 */
export const WebhookVerificationSchema: z.ZodType<WebhookVerification> = z.discriminatedUnion(
  'mode',
  [
    z.object({ mode: z.literal('hmac') }).strict(),
    z
      .object({
        mode: z.literal('token'),
        in: z.enum(['header', 'query']),
        name: z
          .string()
          .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a header or query parameter name')
          .optional(),
        deliveryHeader: HeaderName.optional(),
        timestampPath: z.string().min(1).max(200).optional(),
        replayWindowSeconds: z
          .number()
          .int()
          .min(600)
          .max(30 * 86_400)
          .optional(),
      })
      .strict(),
  ],
);
