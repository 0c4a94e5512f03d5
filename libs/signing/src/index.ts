export * from './canonical-json';
export * from './signing-key';
export * from './signing-key-file';
