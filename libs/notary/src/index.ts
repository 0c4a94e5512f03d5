export * from './tree-store.sql';
export * from './tree-leaves.sql';
export * from './log-signer';
export * from './log-key';
export * from './notary';
export * from './tree-queries';
export * from './notary.module';
