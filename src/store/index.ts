/** Storage: contracts, default ids, and the in-memory stores. */
export * from './types.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './base.ts';
export * from './two-phase.ts';
export * from './memory.ts';
export * from './data-control/index.ts';
export * from './changes/index.ts';
