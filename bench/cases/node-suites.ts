/** Every suite the runner runs in Node. Add a suite here to have `npm run bench` measure it. */
import type { BenchSuite } from '../types.ts';

export const nodeSuites: readonly BenchSuite[] = [];
