/** Every suite the bench page runs (in Chromium). Add a suite here to have `npm run bench` measure it. */
import type { BenchSuite } from '../types.ts';
import { firstEvent } from './first-event.ts';
import { encryptedItemPaging, encryptedThreadPaging, itemPaging, threadPaging } from './store-paging.ts';
import { streamThroughput } from './stream-throughput.ts';
import { workerMemory } from './worker-memory.ts';

export const pageSuites: readonly BenchSuite[] = [
  firstEvent,
  streamThroughput,
  workerMemory,
  itemPaging,
  threadPaging,
  encryptedItemPaging,
  encryptedThreadPaging,
];
