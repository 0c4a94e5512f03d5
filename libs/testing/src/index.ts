export * from './real-services';
export * from './postgres-schemas';
export * from './decider-spec';
export * from './eventually';
export * from './sql-stores';
export * from './json-mutations';
export * from './browser';
export * from './demo-server';
