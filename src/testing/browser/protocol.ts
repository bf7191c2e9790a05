/** What crosses between the page and the scripted worker: plain, structured-cloneable shapes. */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { ThreadMetadata } from '../../protocol/thread.ts';
import type { ChatKitWorkerApi } from '../../worker/protocol.ts';
import type { TestClockOptions } from '../determinism/clock.ts';
import type { Seed } from '../determinism/seeded-ids.ts';
import type { ThreadSnapshot } from '../fixtures/read.ts';
import type { AttachmentSeed, SeededThread, ThreadSeed } from '../fixtures/seed.ts';
import type { RecordedResponse } from '../record/responses.ts';
import type { Rule } from '../script/rules.ts';
import type { Step } from '../script/steps.ts';
import type { CallFunction } from './functions.ts';

/** The scripted server's setup, functions replaced by markers. */
export interface WorkerMockSetup {
  /** The endpoint URL (absolute): upload and preview URLs point under it. */
  url: string;
  script: Rule[];
  fallback?: Step[] | undefined;
  seed?: Seed | undefined;
  clock?: TestClockOptions | undefined;
}

/** What the scripted worker exposes: the ChatKit worker API, plus the mock's own calls. */
export interface ScriptedWorkerApi extends ChatKitWorkerApi {
  /** Starts the scripted server; requests wait until it is called. `call` runs the page's functions. */
  configure(setup: WorkerMockSetup, call: CallFunction): Promise<void>;
  use(rules: Rule[]): void;
  resume(name: string): void;
  nextResponse(): Promise<RecordedResponse>;
  seedThread(seed: ThreadSeed): Promise<SeededThread>;
  seedAttachment(seed: AttachmentSeed): Promise<Attachment>;
  threads(): Promise<ThreadMetadata[]>;
  items(threadId: string): Promise<ThreadItem[]>;
  snapshot(): Promise<ThreadSnapshot[]>;
}
