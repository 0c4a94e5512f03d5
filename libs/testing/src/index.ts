export * from './real-services';
export * from './postgres-schemas';
