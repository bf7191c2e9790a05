/** The Chart component as a plain SVG: bar (grouped or stacked), line and area series over shared x values. */
import type { WidgetComponent } from '../wire.ts';
import { h } from '../dom.ts';
import { format } from '../strings.ts';
import type { ComponentRenderer } from './context.ts';
import { applySizing, colorValue, lengthValue, ownValue } from './style.ts';

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 480;
const HEIGHT = 220;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };
const DEFAULT_COLORS = ['blue-500', 'emerald-500', 'orange-500', 'violet-500', 'pink-500', 'cyan-600'];

interface Series {
  type: 'bar' | 'line' | 'area';
  label: string;
  dataKey: string;
  stack: string | null;
  color: string;
}

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) {
    // Colours may be CSS variables, which only style properties understand.
    if (name === 'fill' || name === 'stroke') element.style.setProperty(name, String(value));
    else element.setAttribute(name, String(value));
  }
  return element;
}

export const Chart: ComponentRenderer = (node, context) => {
  const rows = Array.isArray(node.data) ? (node.data as Record<string, unknown>[]) : [];
  const series: Series[] = (Array.isArray(node.series) ? (node.series as Record<string, unknown>[]) : []).map(
    (entry, index) => ({
      type: entry.type === 'line' || entry.type === 'area' ? entry.type : 'bar',
      label: scalarText(entry.label ?? entry.dataKey),
      dataKey: scalarText(entry.dataKey),
      stack: typeof entry.stack === 'string' ? entry.stack : null,
      color:
        colorValue(entry.color, context.theme) ??
        colorValue(DEFAULT_COLORS[index % DEFAULT_COLORS.length], context.theme)!,
    }),
  );
  const axis = xAxisOf(node);
  const value = (row: Record<string, unknown>, key: string) => {
    const cell = ownValue(row, key);
    return typeof cell === 'number' ? cell : 0;
  };

  // The scale covers stacked bar totals as well as single values.
  let max = 0;
  rows.forEach((row) => {
    const stacks = new Map<string, number>();
    for (const entry of series) {
      const v = value(row, entry.dataKey);
      if (entry.type === 'bar' && entry.stack) stacks.set(entry.stack, (stacks.get(entry.stack) ?? 0) + v);
      max = Math.max(max, v);
    }
    for (const total of stacks.values()) max = Math.max(max, total);
  });
  max = max > 0 ? niceCeiling(max) : 1;

  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const band = rows.length > 0 ? plotWidth / rows.length : plotWidth;
  const y = (v: number) => PAD.top + plotHeight - (v / max) * plotHeight;
  const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'w-chart-svg', role: 'img' });
  root.setAttribute(
    'aria-label',
    format(context.strings.chartOf, { series: series.map((entry) => entry.label).join(', ') }),
  );

  if (node.showYAxis !== false) {
    for (const tick of [0, 0.5, 1]) {
      const ty = y(max * tick);
      root.append(svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: ty, y2: ty, class: 'w-chart-grid' }));
      const label = svg('text', { x: PAD.left - 6, y: ty + 4, 'text-anchor': 'end', class: 'w-chart-label' });
      label.textContent = formatNumber(max * tick);
      root.append(label);
    }
  }

  const bars = series.filter((entry) => entry.type === 'bar');
  const groups = [...new Set(bars.map((entry) => entry.stack ?? entry.dataKey))];
  const barWidth = (band * 0.7) / Math.max(1, groups.length);
  rows.forEach((row, index) => {
    const offsets = new Map<string, number>();
    for (const entry of bars) {
      const group = entry.stack ?? entry.dataKey;
      const base = offsets.get(group) ?? 0;
      const v = value(row, entry.dataKey);
      offsets.set(group, base + v);
      const x = PAD.left + index * band + band * 0.15 + groups.indexOf(group) * barWidth;
      root.append(
        svg('rect', {
          x,
          y: y(base + v),
          width: Math.max(1, barWidth - 2),
          height: Math.max(0, y(base) - y(base + v)),
          fill: entry.color,
          rx: 2,
        }),
      );
    }
    if (!axis.hide) {
      const label = svg('text', {
        x: PAD.left + index * band + band / 2,
        y: HEIGHT - 8,
        'text-anchor': 'middle',
        class: 'w-chart-label',
      });
      const raw = scalarText(ownValue(row, axis.dataKey));
      const renamed = ownValue(axis.labels, raw);
      label.textContent = typeof renamed === 'string' ? renamed : raw;
      root.append(label);
    }
  });

  for (const entry of series.filter((candidate) => candidate.type !== 'bar')) {
    const points = rows.map((row, index) => `${PAD.left + index * band + band / 2},${y(value(row, entry.dataKey))}`);
    if (entry.type === 'area' && points.length > 0) {
      const first = PAD.left + band / 2;
      const last = PAD.left + (rows.length - 1) * band + band / 2;
      root.append(
        svg('polygon', {
          points: `${first},${y(0)} ${points.join(' ')} ${last},${y(0)}`,
          fill: entry.color,
          'fill-opacity': 0.2,
        }),
      );
    }
    root.append(
      svg('polyline', {
        points: points.join(' '),
        fill: 'none',
        stroke: entry.color,
        'stroke-width': 2.5,
        'stroke-linejoin': 'round',
      }),
    );
  }

  const chart = h('figure', { class: 'w-chart' }, root);
  if (node.showLegend !== false && series.length > 0) {
    chart.append(
      h(
        'figcaption',
        { class: 'w-chart-legend' },
        series.map((entry) => {
          const swatch = h('span', { class: 'w-chart-swatch' });
          swatch.style.background = entry.color;
          return h('span', null, swatch, entry.label);
        }),
      ),
    );
  }
  // The drawing keeps its proportions: a height sizes the SVG, which fits itself inside.
  applySizing(chart.style, { ...node, height: undefined, size: undefined });
  const height = lengthValue(node.height);
  if (height) root.style.height = height;
  return chart;
};

function xAxisOf(node: WidgetComponent): { dataKey: string; hide: boolean; labels: Record<string, unknown> } {
  const axis = node.xAxis;
  if (typeof axis === 'string') return { dataKey: axis, hide: false, labels: {} };
  if (axis && typeof axis === 'object') {
    const value = axis as { dataKey?: unknown; hide?: unknown; labels?: unknown };
    const labels = value.labels && typeof value.labels === 'object' ? (value.labels as Record<string, unknown>) : {};
    return { dataKey: scalarText(value.dataKey), hide: value.hide === true, labels };
  }
  return { dataKey: '', hide: true, labels: {} };
}

function niceCeiling(value: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 ? `${Math.round(value / 100) / 10}k` : String(Math.round(value * 10) / 10);
}

/** A chart value as label text: strings and numbers as they are, anything else empty. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}
