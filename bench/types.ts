/** The shapes shared by bench cases (in the page) and the runner (in Node, through `page.evaluate`). */

/** One measured operation. */
export interface BenchCase {
  /** The key in `results.json`, stable across runs (`indexeddb.loadThreadItems.first.10000`). */
  metric: string;
  /** What one sample measures, for the table. */
  description: string;
  /** The unit of the samples. */
  unit: 'ms';
  /** The operation; each call is timed. */
  run(): Promise<unknown>;
  /**
   * The metric this one is compared with: the runner reports `median / median(baseline)` as `ratio`
   * (for a scaling check, the same operation on a smaller data set).
   */
  baseline?: string;
  /** The largest acceptable ratio to the baseline. */
  maxRatio?: number;
}

/** A group of cases sharing one (costly) set-up. */
export interface BenchSuite {
  name: string;
  /** Builds the data and returns the cases that measure it. */
  setup(): Promise<BenchCase[]>;
  /** Releases everything `setup` created. */
  teardown(): Promise<void>;
}

/** How a case is sampled. */
export interface SampleOptions {
  /** Untimed calls first, so caches and the JIT settle. */
  warmup: number;
  /** Timed samples. */
  samples: number;
  /** Calls per sample; the sample is their mean (timers in a page are coarse, about 0.1 ms). */
  batch: number;
}

/** A case as the runner sees it (without its function). */
export type CaseInfo = Omit<BenchCase, 'run'>;

/** What the bench page exposes to the runner on `window.chatkitBench`. */
export interface BenchPageApi {
  suites(): string[];
  setup(suite: string): Promise<CaseInfo[]>;
  sample(metric: string, options: SampleOptions): Promise<number[]>;
  teardown(suite: string): Promise<void>;
}
