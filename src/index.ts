/**
 * `chatkit-local`: the ChatKit server core. Imports nothing from the DOM; runs in Node 20+, workers
 * and browsers.
 */
export * from './protocol/index.ts';
export * from './server/index.ts';
export * from './store/index.ts';
export * from './http/index.ts';
