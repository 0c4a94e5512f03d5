export * from './command-path';
export * from './event-id';
export * from './fact-refused';
export * from './idempotency-claim';
export * from './environment-settings';
export * from './handlers';
export * from './recording.module';
export * from './record-new-streams';
