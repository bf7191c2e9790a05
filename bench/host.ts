/**
 * A {@link BenchHost} over a registry of suites: the page and the Node side serve the runner the same
 * way, and hand back raw samples (the runner computes the statistics, so every metric is summarised
 * alike).
 */
import type { BenchCase, BenchHost, BenchSuite } from './types.ts';

export function createHost(suites: readonly BenchSuite[]): BenchHost {
  const cases = new Map<string, BenchCase>();
  const suiteNamed = (name: string): BenchSuite => {
    const suite = suites.find((candidate) => candidate.name === name);
    if (!suite) throw new Error(`no bench suite "${name}"`);
    return suite;
  };
  return {
    suites: () => suites.map(({ name, sampling }) => ({ name, sampling })),
    async setup(name, env) {
      const made = await suiteNamed(name).setup(env);
      for (const benchCase of made) cases.set(benchCase.metric, benchCase);
      return made.map(({ measure: _measure, ...info }) => info);
    },
    async sample(metric, count) {
      const benchCase = cases.get(metric);
      if (!benchCase) throw new Error(`no bench case "${metric}" (was its suite set up?)`);
      const samples: number[] = [];
      for (let i = 0; i < count; i++) samples.push(await benchCase.measure());
      return samples;
    },
    async notes(name) {
      return suiteNamed(name).notes?.() ?? [];
    },
    async teardown(name) {
      await suiteNamed(name).teardown();
      cases.clear();
    },
  };
}
