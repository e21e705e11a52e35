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
