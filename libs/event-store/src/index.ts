export * from './event';
export * from './event-store.port';
export * from './errors';
export * from './log-position';
export { CountLog, EVENTSTOREDB_COUNT_CAP, LAG_COUNT_LIMIT, LogCount, OnAppended } from './log-count';
export { AppendLimits, DEFAULT_APPEND_LIMITS, validateAppend } from './append-validation';
export {
  DEFAULT_SCHEMA,
  EmbeddedEventStoreOptions,
  PostgresEventStoreOptions,
  openEmbeddedEventStore,
  openPostgresEventStore,
} from './postgres/open-sql-event-store';
export { EventStoreModule, LOG_APPENDED, LOG_COUNT, NEWEST_EVENT, OpenedStores, SQL_CONNECTION, describeEventStore, eventStoreDurabilityWarning, openEventStore } from './event-store.module';
export { EventStoreDbEventStore, EventStoreDbOptions } from './eventstoredb/eventstoredb-event-store';
export { namespaceOfSchema } from './eventstoredb/log-namespace';
export { shownConnectionString } from './eventstoredb/connection-string';
export type { PreparedStatement, SqlConnection, SqlQueryable, TransactionSettings } from './postgres/sql-connection';
export { databaseErrorOf } from './postgres/sql-connection';
export { DataDirectoryInUse, throwIfDataDirInUse } from './postgres/data-dir-lock';
export { SqlEventStore } from './postgres/sql-event-store';
export { newestEventIn } from './postgres/newest-event';
export { notifyChannel } from './postgres/event-log.sql';
