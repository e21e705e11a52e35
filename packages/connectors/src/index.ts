// @ordergate/connectors — public API. Named exports only (docs/architecture.md, house style).

// Shared HTTP layer (every connector sends through it) and connector errors
export { HttpClient, DEFAULT_MAX_RESPONSE_BYTES, bodySnippet } from './internal/http/HttpClient.js';
export type {
  HttpAnswer,
  HttpClientOptions,
  HttpRequest,
  RunOptions,
} from './internal/http/HttpClient.js';
export { ConnectorError, ConnectorConfigError, HttpError } from './internal/http/ConnectorError.js';
export type {
  ConfigProblem,
  ConnectorErrorDetails,
  HttpErrorCode,
} from './internal/http/ConnectorError.js';
export { SecretSet, Secret, MASK } from './internal/http/secrets.js';
export { displayUrl, parseBaseUrl } from './internal/http/url.js';
export { parseRetryAfter } from './internal/http/retry.js';
export type { RetryPolicy } from './internal/http/retry.js';
// The connector interface every ERP implements
export type {
  ErpConnector,
  ErpOrderChange,
  ErpOrderPage,
  ErpRejectedOrder,
} from './ErpConnector.js';
export { WebhookVerificationSchema } from './WebhookVerification.js';
export type { WebhookVerification } from './WebhookVerification.js';

// Odoo: client and transports
export { OdooClient } from './odoo/OdooClient.js';
export type {
  OdooCallStats,
  OdooClientOptions,
  OdooRecord,
  SearchReadOptions,
} from './odoo/OdooClient.js';
export { OdooConfig, OdooContext, odooConfigFromEnv, parseOdooConfig } from './odoo/OdooConfig.js';
export type { OdooConfigInput } from './odoo/OdooConfig.js';
export { JsonRpcTransport } from './odoo/JsonRpcTransport.js';
export { Json2Transport } from './odoo/Json2Transport.js';
export type { OdooCallParams, OdooSession, OdooTransport } from './odoo/OdooTransport.js';

// Odoo: errors
export {
  OdooError,
  OdooAuthenticationError,
  OdooAccessError,
  OdooValidationError,
  OdooMissingRecordError,
  OdooSessionExpiredError,
  OdooLegacyApiDisabledError,
  OdooNetworkError,
  OdooTimeoutError,
  OdooServerError,
  OdooInvalidResponseError,
} from './odoo/OdooError.js';
export type { OdooErrorCode, OdooErrorDetails } from './odoo/OdooError.js';

// Odoo: mapping and reading
export { OdooMapping, GradeSource } from './odoo/OdooMapping.js';
export type { OdooMappingInput } from './odoo/OdooMapping.js';
export {
  OdooSaleOrderRecord,
  OdooSaleOrderLineRecord,
  OdooPartnerRecord,
  OdooInvoiceRecord,
  OdooOpenOrderRecord,
  OdooCurrencyRecord,
  OdooTaxRecord,
} from './odoo/OdooRecords.js';
export { mapOdooOrder } from './odoo/mapOdooOrder.js';
export type { MapOrderOptions, MappedOrder, OdooOrderBundle } from './odoo/mapOdooOrder.js';
export { mapOdooCustomer } from './odoo/mapOdooCustomer.js';
export type { MapCustomerOptions, OdooCustomerBundle } from './odoo/mapOdooCustomer.js';
export { OdooReader } from './odoo/OdooReader.js';
export type {
  OdooOrderRecord,
  OdooReadResult,
  OdooReaderOptions,
  OdooRejectedOrder,
} from './odoo/OdooReader.js';

// Odoo: sync and write-back
export { syncOrders } from './odoo/syncOrders.js';
export type { OdooSyncPage, SyncOrdersOptions } from './odoo/syncOrders.js';
export { OdooSyncCheckpoint } from './odoo/OdooSyncCheckpoint.js';
export { OdooWriteBack } from './odoo/OdooWriteBack.js';
export type { OdooWriteBackOptions, OdooWriteOutcome } from './odoo/OdooWriteBack.js';
export { OdooConnector } from './odoo/OdooConnector.js';
export type { OdooConnectorOptions } from './odoo/OdooConnector.js';

// REST: mapping document, connector, errors
export {
  RestMappingDocument,
  RestAuth,
  RestPagination,
  RestEndpoint,
  RestTransform,
  RestField,
  RestWriteCall,
  EnvRef,
  EFFECT_TYPES,
  TARGETS as REST_TARGETS,
  parseRestMapping,
  loadRestMapping,
  restMappingJsonSchema,
} from './rest/RestMapping.js';
export type { RestMapping, RestMappingInput } from './rest/RestMapping.js';
export { RestConnector, nextLink } from './rest/RestConnector.js';
export type { RestConnectorOptions, RestStats } from './rest/RestConnector.js';
export { RestMappingError, RestResponseError } from './rest/RestErrors.js';
export type { MappingProblem } from './rest/RestErrors.js';
export type { RestEnv } from './rest/auth.js';
export {
  encodeCheckpoint as encodeRestCheckpoint,
  decodeCheckpoint as decodeRestCheckpoint,
} from './rest/RestCheckpoint.js';
export type { RestCheckpoint } from './rest/RestCheckpoint.js';
