/** The server core: `ChatKitServer`, its results and errors. */
export * from './server.ts';
export * from './results.ts';
export * from './errors.ts';
export { errorEventFor } from './event-pipeline.ts';
export * from './attachment-policy.ts';
export * from './event-builders.ts';
export * from './item-builders.ts';
export * from './stream-text.ts';
