import { RestConnector, loadRestMapping, type ErpOrderPage } from '@ordergate/connectors';
import {
  SAMPLE_ERP_MAPPING,
  type ApiCustomer,
  type ApiNote,
  type ApiOrder,
  type SampleErp,
} from '../src/index.js';

/** The API token the tests start the sample ERP with. */
export const TOKEN = 'sample-erp-test-token-0123456789';

/** The REST connector built from mapping.yaml, as an integrator runs it (env for URL and token). */
export async function connectorFor(erp: SampleErp): Promise<RestConnector> {
  return RestConnector.create(await loadRestMapping(SAMPLE_ERP_MAPPING), {
    env: { SAMPLE_ERP_URL: erp.url, SAMPLE_ERP_TOKEN: TOKEN },
  });
}

/** Every page of a sync. */
export async function drain(pages: AsyncIterable<ErpOrderPage>): Promise<ErpOrderPage[]> {
  const out: ErpOrderPage[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

/** Calls the sample ERP's API with the token. */
export async function api(erp: SampleErp, method: string, path: string, body?: unknown) {
  const res = await fetch(`${erp.url}/api${path}`, {
    method,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: (await res.json()) as object };
}

/** An order as the sample ERP's API answers it. */
export async function getOrder(erp: SampleErp, id: number): Promise<ApiOrder> {
  return (await api(erp, 'GET', `/orders/${String(id)}`)).json as ApiOrder;
}

/** A customer as the sample ERP's API answers it. */
export async function getCustomer(erp: SampleErp, id: number): Promise<ApiCustomer> {
  return (await api(erp, 'GET', `/customers/${String(id)}`)).json as ApiCustomer;
}

/** The notes of an order or a customer (`/orders/6/notes`). */
export async function getNotes(erp: SampleErp, path: string): Promise<ApiNote[]> {
  return ((await api(erp, 'GET', path)).json as { data: ApiNote[] }).data;
}
