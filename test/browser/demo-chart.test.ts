/**
 * The chat element's Chart widget with data that names the built-in properties of every JavaScript object:
 * labels are looked up as the data's own keys only, so `constructor` is the text "constructor",
 * never the source of `Object` ("function Object() { [native code] }").
 */
import { describe, expect, test } from 'vitest';
import { Chart } from '../../src/ui/widgets/chart.ts';
import type { RenderContext } from '../../src/ui/widgets/context.ts';
import { ENGLISH } from '../../src/ui/strings.ts';

const context: RenderContext = {
  theme: 'light',
  strings: ENGLISH,
  listKey: () => 'list',
  expandedLists: new Set(),
  renderChildren: () => [],
  fieldId: (name) => name,
  dispatch: () => undefined,
};

function labelsOf(node: Node): string[] {
  return [...(node as Element).querySelectorAll('text.w-chart-label')].map((label) => label.textContent ?? '');
}

describe('Chart labels', () => {
  const keys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

  test('x values named like Object.prototype members render as themselves', () => {
    const chart = Chart(
      {
        type: 'Chart',
        data: keys.map((key) => ({ day: key, value: 1 })),
        series: [{ type: 'bar', dataKey: 'value', label: 'Value' }],
        xAxis: { dataKey: 'day', labels: { toString: 'Renamed' } },
        showYAxis: false,
      },
      context,
    );
    expect(labelsOf(chart)).toEqual(['constructor', '__proto__', 'Renamed', 'hasOwnProperty', 'valueOf']);
    expect(chart.textContent).not.toContain('native code');
  });

  test('series keys and colours named like Object.prototype members draw nothing odd', () => {
    const chart = Chart(
      {
        type: 'Chart',
        data: [{ day: 'a', constructor: 3 }],
        series: [{ type: 'bar', dataKey: 'constructor', label: 'constructor', color: 'constructor' }],
        xAxis: 'day',
      },
      context,
    );
    expect(chart.textContent).not.toContain('native code');
    const bar = (chart as Element).querySelector('rect')!;
    expect(bar.style.getPropertyValue('fill')).not.toContain('function');
  });
});
