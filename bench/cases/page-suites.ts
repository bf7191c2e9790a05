/** Every bench suite the page can run. Add a suite here to have `npm run bench` measure it. */
import type { BenchSuite } from '../types.ts';
import { itemPaging, threadPaging } from './store-paging.ts';

export const suites: readonly BenchSuite[] = [itemPaging, threadPaging];
