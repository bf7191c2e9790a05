/**
 * The Node side of the bench, built by `run.mjs` into one ES module (Vite's SSR build: TypeScript
 * compiled, dependencies such as chatkit-node-backend-sdk left to Node) so that every Node-side
 * server runs as an app would run it, not through a dev-time module loader.
 */
import { nodeSuites } from './cases/node-suites.ts';
import { createHost } from './host.ts';

export const nodeHost = createHost(nodeSuites);
export { startLocalhostServer } from './localhost-server.ts';
