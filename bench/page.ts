/**
 * The bench page: runs the registered suites' cases on request from `run.mjs` and hands back raw
 * samples (the runner computes the statistics, so every suite is summarised the same way).
 */
import { suites } from './cases/index.ts';
import type { BenchCase, BenchPageApi, SampleOptions } from './types.ts';

declare global {
  interface Window {
    chatkitBench?: BenchPageApi;
  }
}

const cases = new Map<string, BenchCase>();

function suiteNamed(name: string) {
  const suite = suites.find((candidate) => candidate.name === name);
  if (!suite) throw new Error(`no bench suite "${name}"`);
  return suite;
}

/** Per-call durations of `benchCase`, in ms: each sample is the mean of a batch of consecutive calls. */
async function sample(benchCase: BenchCase, options: SampleOptions): Promise<number[]> {
  for (let i = 0; i < options.warmup; i++) await benchCase.run();
  const samples: number[] = [];
  for (let s = 0; s < options.samples; s++) {
    const start = performance.now();
    for (let i = 0; i < options.batch; i++) await benchCase.run();
    samples.push((performance.now() - start) / options.batch);
  }
  return samples;
}

window.chatkitBench = {
  suites: () => suites.map((suite) => suite.name),
  async setup(name) {
    const made = await suiteNamed(name).setup();
    for (const benchCase of made) cases.set(benchCase.metric, benchCase);
    return made.map(({ run: _run, ...info }) => info);
  },
  async sample(metric, options) {
    const benchCase = cases.get(metric);
    if (!benchCase) throw new Error(`no bench case "${metric}" (was its suite set up?)`);
    return sample(benchCase, options);
  },
  async teardown(name) {
    await suiteNamed(name).teardown();
    cases.clear();
  },
};
