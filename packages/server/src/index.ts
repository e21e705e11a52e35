// @ordergate/server — public API. Named exports only (docs/architecture.md, house style).

export { PostgresStore } from './PostgresStore.js';
export type { PostgresStoreOptions } from './PostgresStore.js';
export { migrate, MIGRATIONS } from './migrations.js';
export type { Migration, MigrationReport } from './migrations.js';
export { sqlState } from './drivers/SqlDriver.js';
export type { SqlDriver, SqlQueryable } from './drivers/SqlDriver.js';
export { PgliteDriver } from './drivers/PgliteDriver.js';
export type { PgliteDriverOptions } from './drivers/PgliteDriver.js';
export { NodePgDriver } from './drivers/NodePgDriver.js';
export type { NodePgDriverOptions, PgClientLike, PgPoolLike } from './drivers/NodePgDriver.js';
export { createApp } from './http/app.js';
export type { AppOptions, AppEnv } from './http/app.js';
export { serve } from './http/serve.js';
export type { ServeOptions } from './http/serve.js';
export { SharedSecret } from './http/shared/secret.js';
export {
  MemoryReplayGuard,
  IdentityError,
  authenticate,
  authenticateHeader,
  requireScope,
  verifyAssertion,
} from './http/shared/identity.js';
export type {
  AuthenticateOptions,
  Credential,
  IdentityEnv,
  IdentityOptions,
  IdentityRefusalCode,
  ReplayGuard,
  TokenVerifier,
} from './http/shared/identity.js';
// --- identity (issue 11): API tokens, the shared replay guard, logging ---
export {
  CreatedToken,
  TokenStore,
  TOKEN_PREFIX,
  createToken,
  listTokens,
  revokeToken,
} from './identity/TokenStore.js';
export type {
  CreateTokenInput,
  TokenCommandOptions,
  TokenRecord,
  TokenStatus,
  VerifiedToken,
} from './identity/TokenStore.js';
export { PostgresReplayGuard } from './identity/PostgresReplayGuard.js';
export {
  PeopleDirectory,
  PersonName,
  PersonSchema,
  PeopleList,
  PEOPLE_LOOKUP_LIMIT,
} from './identity/PeopleDirectory.js';
export type { Person, PersonSource } from './identity/PeopleDirectory.js';
export type { PostgresReplayGuardOptions } from './identity/PostgresReplayGuard.js';
export { SCOPES, ROUTE_SCOPES, grants, isScope, scopeFor } from './identity/scopes.js';
export type { RouteScope, Scope } from './identity/scopes.js';
export { createLogger, maskSecrets, maskText, REDACT_PATHS, REDACTED } from './logging.js';
export type { CreateLoggerOptions, Logger } from './logging.js';
export { requestLog } from './http/requestLog.js';
export type { RequestLogEntry } from './http/requestLog.js';
export { negotiateLocale, refusalStatus, PROBLEM_JSON } from './http/shared/problem.js';
export type { Problem } from './http/shared/problem.js';

// sync (issue 11): the ERP sync scheduler, its tables and the ERP webhooks
export { SyncService, patchFromDiff } from './sync/SyncService.js';
export type { SyncServiceOptions, SyncEvent, SyncReport } from './sync/SyncService.js';
export { SyncLog } from './sync/SyncLog.js';
export type { SyncOutcome, SyncRun } from './sync/SyncLog.js';
export { SyncLock } from './sync/SyncLock.js';
export type { LockOutcome } from './sync/SyncLock.js';
export {
  registerWebhookRoutes,
  signWebhook,
  WEBHOOK_DELIVERY_HEADER,
  WEBHOOK_SIGNATURE_HEADER,
  WEBHOOK_TIMESTAMP_HEADER,
} from './http/webhooks.js';
export type { WebhookOptions, WebhookSource, WebhookVerification } from './http/webhooks.js';
export { WEBHOOK_TOKEN_HEADER, WebhookVerificationSchema } from './http/webhooks.js';
// outbox delivery, dead letters, deadlines, notifications (decision 020)
export { OutboxWorker } from './worker/OutboxWorker.js';
export type { OutboxWorkerOptions, Dispatcher } from './worker/OutboxWorker.js';
export { DeadlineRunner } from './worker/DeadlineRunner.js';
export type {
  DeadlineRunnerOptions,
  DeadlineRun,
  ScheduledChecks,
} from './worker/DeadlineRunner.js';
export { advisoryLock, processLock } from './worker/advisoryLock.js';
export type { ExclusiveLock } from './worker/advisoryLock.js';
export { erpReceiver } from './worker/erpReceiver.js';
export type { EffectApplier, ErpReceiverOptions, SecondChannel } from './worker/erpReceiver.js';
export { MailNotifier } from './worker/MailNotifier.js';
export type { MailNotifierOptions, MailOutcome, SmtpOptions } from './worker/MailNotifier.js';
export { listOutbox, outboxItem, retryOutboxEffect } from './worker/outboxAdmin.js';
export type { OutboxItem, OutboxReader, OutboxState, RetryOutcome } from './worker/outboxAdmin.js';
export { registerOutboxRoutes, DEFAULT_ADMIN_ROLES } from './http/outboxRoutes.js';
export type { OutboxRouteDeps } from './http/outboxRoutes.js';

// panels (issue 12): the order desk page at /desk
export { registerDeskRoutes } from './http/routes/desk.js';
export type { DeskOptions } from './http/routes/desk.js';
