// Statistics, the printed table and bench/results.json: shared by every suite, so all metrics are
// summarised the same way.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The value at quantile `q` (0..1) of `values`, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

/**
 * One result per case: median and p95 of its samples and, for a case with a baseline, the ratio of
 * the medians and whether it stays within the case's `maxRatio`.
 */
export function summarise(measured) {
  const byMetric = new Map(measured.map((entry) => [entry.info.metric, entry]));
  return measured.map(({ info, samples }) => {
    const result = { metric: info.metric, description: info.description, unit: info.unit, median: quantile(samples, 0.5), p95: quantile(samples, 0.95) };
    const baseline = info.baseline && byMetric.get(info.baseline);
    if (baseline) {
      result.ratio = result.median / quantile(baseline.samples, 0.5);
      result.maxRatio = info.maxRatio;
      result.met = info.maxRatio === undefined ? undefined : result.ratio <= info.maxRatio;
    }
    return result;
  });
}

const fixed = (value, digits = 3) => (value === undefined ? '' : value.toFixed(digits));

/** The results as an aligned text table. */
export function formatTable(results) {
  const header = ['metric', 'median', 'p95', 'unit', 'ratio', 'target', 'met'];
  const rows = results.map((r) => [
    r.metric, fixed(r.median), fixed(r.p95), r.unit, fixed(r.ratio, 2),
    r.maxRatio === undefined ? '' : `<= ${r.maxRatio}`, r.met === undefined ? '' : r.met ? 'met' : 'NOT MET',
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => row[column].length)));
  const line = (row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** `value` to 4 decimals: page timers are coarse, further digits are float noise. */
const round = (value) => Math.round(value * 1e4) / 1e4;

/** Merges the results into `path` as `{ metric: { median, p95, unit, ratio? } }`, keeping other benches' metrics. */
export function writeResults(path, results) {
  const existing = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  for (const r of results) {
    existing[r.metric] = { median: round(r.median), p95: round(r.p95), unit: r.unit, ...(r.ratio === undefined ? {} : { ratio: round(r.ratio) }) };
  }
  writeFileSync(path, `${JSON.stringify(existing, null, 2)}\n`);
}
