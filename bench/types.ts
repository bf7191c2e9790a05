/**
 * The shapes shared by bench cases (in the page or in Node) and the runner (through `page.evaluate`
 * or a direct call): every value that crosses is plain JSON.
 */

/** What a sample is counted in. */
export type Unit = 'ms' | 'events/s' | 'frames/s' | 'bytes' | 'MB';

/** A bound a value must keep: `value op limit`. */
export interface Bound {
  op: '<' | '<=' | '>=' | '>';
  limit: number;
}

/** A ratio `median / median(baseline)` the runner reports, with the bound it should keep, if any. */
export interface Comparison {
  /** The metric compared with (for a scaling check, the same operation on a smaller data set). */
  baseline: string;
  /** How the ratio is named in the table (`worker/localhost`). */
  label: string;
  bound?: Bound;
}

/** One measured quantity. */
export interface BenchCase {
  /** The key in `results.json`, stable across runs (`indexeddb.loadThreadItems.first.10000`). */
  metric: string;
  /** What one sample measures, for the table. */
  description: string;
  unit: Unit;
  /** Which way is better: it decides the tail reported as p95 (the slow end, or the low end of a rate). */
  better: 'lower' | 'higher';
  /** Takes one sample, in `unit`. */
  measure: () => Promise<number>;
  /** Bounds on the median itself (`median < 5 ms`). */
  bounds?: Bound[];
  /** Ratios to other metrics of the same suite. */
  comparisons?: Comparison[];
}

/** How the runner samples a suite's cases. */
export interface Sampling {
  /** Untimed samples of each case first, so caches and the JIT settle. */
  warmup: number;
  /**
   * Rounds that visit every case of the suite in turn, so drift in the machine (background work,
   * garbage collection, another process) falls on all cases alike instead of on whichever runs first.
   */
  rounds: number;
  /** Samples of each case per round. */
  perRound: number;
}

/** What the runner provides to every suite. */
export interface BenchEnv {
  /** Origin of the scripted server on Node's `http` (127.0.0.1, another port: cross-origin to the page). */
  localhostOrigin: string;
  /** The project's directory, for Node-side suites that build from its sources. */
  root: string;
}

/** A group of cases sharing one (costly) set-up. */
export interface BenchSuite {
  name: string;
  sampling: Sampling;
  /** Builds what the cases need and returns them. */
  setup(env: BenchEnv): Promise<BenchCase[]>;
  /** Lines the runner prints under the table, once the cases are measured (what a number is made of). */
  notes?(): string[];
  /** Releases everything `setup` created. */
  teardown(): Promise<void>;
}

/** A case as the runner sees it (without its function). */
export type CaseInfo = Omit<BenchCase, 'measure'>;

/** What a host (the bench page, or the Node side) offers the runner. */
export interface BenchHost {
  suites(): { name: string; sampling: Sampling }[];
  setup(suite: string, env: BenchEnv): Promise<CaseInfo[]>;
  sample(metric: string, count: number): Promise<number[]>;
  notes(suite: string): Promise<string[]>;
  teardown(suite: string): Promise<void>;
}

/**
 * What the runner lends the page to read a worker's JS heap (through the DevTools protocol: Chromium
 * gives workers neither `performance.memory` nor a peak from `measureUserAgentSpecificMemory`).
 */
export interface WorkerHeapProbe {
  /** Collects garbage in the worker named `name`, reads its heap, and polls it until {@link end}. */
  begin(name: string): Promise<void>;
  /** Stops polling: the heap after the collection, and the largest heap seen since, in bytes. */
  end(): Promise<{ idle: number; peak: number; polls: number }>;
  /** Collects garbage in the worker named `name` and reads its heap: what it holds live, in bytes. */
  live(name: string): Promise<number>;
}
