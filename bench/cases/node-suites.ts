/** Every suite the runner runs in Node. Add a suite here to have `npm run bench` measure it. */
import type { BenchSuite } from '../types.ts';
import { clientBundle, uiBundle } from './client-bundle.ts';
import { postgresPaging } from './postgres-paging.ts';
import { serverCore } from './server-core.ts';

export const nodeSuites: readonly BenchSuite[] = [serverCore, clientBundle, uiBundle, postgresPaging];
