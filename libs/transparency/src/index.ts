export * from './merkle-hash';
export * from './tree-ranges';
export * from './tree-proofs';
export * from './verify-proofs';
export * from './tree-frontier';
export * from './checkpoint';
export * from './signed-note';
export * from './leaf';
