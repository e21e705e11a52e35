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
export { SharedSecret } from './http/secret.js';
export { MemoryReplayGuard, IdentityError } from './http/identity.js';
export type { IdentityOptions, IdentityRefusalCode, ReplayGuard } from './http/identity.js';
export { negotiateLocale, refusalStatus, PROBLEM_JSON } from './http/problem.js';
export type { Problem } from './http/problem.js';

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
