/**
 * `wattmarket/postgres`: the PostgreSQL store. Needs the `pg` package, an optional peer
 * dependency (`npm install pg`).
 * @packageDocumentation
 */
export { openPostgresStore, PostgresStore } from './postgres/postgres-store.js';
export type { PostgresStoreOptions } from './postgres/postgres-store.js';
