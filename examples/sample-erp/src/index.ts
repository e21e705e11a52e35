// sample-erp — a small REST ERP for the ordergate demo (issue 13). Named exports only.
export { SAMPLE_ERP_MAPPING, startSampleErp } from './app.js';
export type { SampleErp, SampleErpOptions } from './app.js';
export { ERP_TIME_ZONE, ORDER_STATES, openErpDatabase } from './db.js';
export type { OrderState } from './db.js';
export { SEEDED_CASES, seedBulk, seedCases } from './seed.js';
export { ErpError, ErpStore, LineDraft, OrderDraft, OrderPatch, draftOf } from './store.js';
export type {
  ApiCustomer,
  ApiInvoice,
  ApiLine,
  ApiNote,
  ApiOrder,
  ApiProduct,
  OrderQuery,
} from './store.js';
export { WebhookSender } from './webhooks.js';
export type { WebhookDelivery, WebhookTarget } from './webhooks.js';
export { escapeHtml, h, Html } from './pages.js';
