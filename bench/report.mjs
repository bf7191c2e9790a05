// Statistics, the printed table and bench/results.json: shared by every suite, so all metrics are
// summarised the same way.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** The value at quantile `q` (0..1) of `values`, by nearest rank. */
export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
}

const holds = (value, { op, limit }) =>
  ({ '<': value < limit, '<=': value <= limit, '>=': value >= limit, '>': value > limit })[op];

/**
 * One result per case: the median and the p95 of its samples, where p95 is the tail on the bad side
 * (95 % of samples were at least this good: the 95th percentile of a time, the 5th of a rate); the
 * ratio of its median to each baseline's; and each target checked (`met` is undefined without one).
 */
export function summarise(measured) {
  const medians = new Map(measured.map(({ info, samples }) => [info.metric, quantile(samples, 0.5)]));
  return measured.map(({ info, samples }) => {
    const median = medians.get(info.metric);
    const checks = (info.bounds ?? []).map((bound) => ({ name: 'median', bound, met: holds(median, bound) }));
    const ratios = (info.comparisons ?? []).map(({ baseline, label, bound }) => {
      if (!medians.has(baseline)) throw new Error(`${info.metric} compares with ${baseline}, which was not measured`);
      const value = median / medians.get(baseline);
      if (bound) checks.push({ name: label, bound, met: holds(value, bound) });
      return { label, baseline, value };
    });
    return {
      metric: info.metric,
      description: info.description,
      unit: info.unit,
      samples: samples.length,
      median,
      p95: quantile(samples, info.better === 'lower' ? 0.95 : 0.05),
      ratios,
      checks,
      met: checks.length === 0 ? undefined : checks.every((check) => check.met),
    };
  });
}

/** A value as the table shows it in `unit`. */
function formatValue(value, unit) {
  switch (unit) {
    case 'ms':
      return value.toFixed(3);
    case 'MB':
      return value.toFixed(2);
    default:
      return Math.round(value).toLocaleString('en-US');
  }
}

const formatBound = (name, { op, limit }, unit) => `${name} ${op} ${limit}${name === 'median' ? ` ${unit}` : ''}`;

/** The rows of the table, as strings: one per metric. */
export function tableRows(results) {
  return results.map((r) => ({
    metric: r.metric,
    median: formatValue(r.median, r.unit),
    p95: formatValue(r.p95, r.unit),
    unit: r.unit,
    ratio: r.ratios.map(({ label, value }) => `${value.toFixed(2)} ${label}`).join(', '),
    target: r.checks.map(({ name, bound }) => formatBound(name, bound, r.unit)).join('; '),
    met:
      r.met === undefined
        ? ''
        : r.met
          ? 'met'
          : `NOT MET (${r.checks
              .filter((check) => !check.met)
              .map((check) => check.name)
              .join(', ')})`,
  }));
}

const COLUMNS = ['metric', 'median', 'p95', 'unit', 'ratio', 'target', 'met'];
const NUMERIC = new Set(['median', 'p95']);

/** The results as an aligned text table. */
export function formatTable(results) {
  const rows = tableRows(results);
  const widths = COLUMNS.map((column) => Math.max(column.length, ...rows.map((row) => row[column].length)));
  const line = (cells) =>
    cells
      .map((cell, i) => (NUMERIC.has(COLUMNS[i]) ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [
    line(COLUMNS),
    widths.map((width) => '-'.repeat(width)).join('  '),
    ...rows.map((row) => line(COLUMNS.map((column) => row[column]))),
  ].join('\n');
}

/** The results as a Markdown table (for the README's Performance section). */
export function formatMarkdown(results) {
  const rows = tableRows(results);
  const cells = (values) => `| ${values.map((value) => value.replaceAll('|', '\\|')).join(' | ')} |`;
  return [
    cells(COLUMNS),
    cells(COLUMNS.map((column) => (NUMERIC.has(column) ? '---:' : '---'))),
    ...rows.map((row) => cells(COLUMNS.map((column) => row[column]))),
  ].join('\n');
}

/** `value` to 6 significant digits: page timers are coarse, further digits are float noise. */
const round = (value) => Number(value.toPrecision(6));

/**
 * Merges the results into `path` as `{ metric: { median, p95, unit, ratio?, ratios?, met? } }`, keeping
 * other metrics: `ratio` is to the first baseline, `ratios` (by label) when there are several.
 */
export function writeResults(path, results) {
  const existing = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  for (const r of results) {
    const [first] = r.ratios;
    existing[r.metric] = {
      median: round(r.median),
      p95: round(r.p95),
      unit: r.unit,
      ...(first ? { ratio: round(first.value) } : {}),
      ...(r.ratios.length > 1
        ? { ratios: Object.fromEntries(r.ratios.map(({ label, value }) => [label, round(value)])) }
        : {}),
      ...(r.met === undefined ? {} : { met: r.met }),
    };
  }
  writeFileSync(path, `${JSON.stringify(existing, null, 2)}\n`);
}
