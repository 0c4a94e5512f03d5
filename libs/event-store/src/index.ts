export * from './event';
export * from './event-store.port';
export * from './errors';
export * from './log-position';
export { AppendLimits, DEFAULT_APPEND_LIMITS, validateAppend } from './append-validation';
export {
  DEFAULT_SCHEMA,
  EmbeddedEventStoreOptions,
  PostgresEventStoreOptions,
  openEmbeddedEventStore,
  openPostgresEventStore,
} from './postgres/open-sql-event-store';
export { EventStoreModule, describeEventStore, openEventStore } from './event-store.module';
