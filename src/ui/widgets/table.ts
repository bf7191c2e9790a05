/** Tables: `Table` of `Table.Row`s of `Table.Cell`s; a row with `header` holds the column headings. */
import { h } from '../dom.ts';
import type { ComponentRenderer } from './context.ts';
import { applySpacing, lengthValue } from './style.ts';

/** Widths of the `colSize` presets. */
const COLUMN_SIZES: Record<string, string> = { xs: '4rem', sm: '7rem', md: '10rem', lg: '14rem', xl: '20rem' };
const ALIGN: Record<string, string> = { start: 'start', center: 'center', end: 'end' };
const VERTICAL: Record<string, string> = { start: 'top', center: 'middle', end: 'bottom' };

export const Table: ComponentRenderer = (node, context) => {
  const rows = context.renderChildren(node.children);
  const head = rows.filter((row) => row instanceof HTMLElement && row.dataset.header !== undefined);
  const body = rows.filter((row) => !head.includes(row));
  return h(
    'div',
    { class: 'w-table' },
    h('table', null, head.length > 0 ? h('thead', null, head) : null, h('tbody', null, body)),
  );
};

export const TableRow: ComponentRenderer = (node, context) => {
  const row = h('tr', { 'data-header': node.header === true });
  for (const cell of context.renderChildren(node.children)) {
    // Cells of a header row are column headings.
    if (node.header === true && cell instanceof HTMLTableCellElement && cell.tagName === 'TD') {
      const heading = h('th', { scope: 'col' });
      heading.append(...cell.childNodes);
      for (const { name, value } of cell.attributes) heading.setAttribute(name, value);
      row.append(heading);
    } else row.append(cell);
  }
  return row;
};

export const TableCell: ComponentRenderer = (node, context) => {
  const cell = h('td', null, context.renderChildren(node.children));
  if (typeof node.colSpan === 'number' && node.colSpan > 1) cell.colSpan = Math.min(1000, Math.floor(node.colSpan));
  if (typeof node.rowSpan === 'number' && node.rowSpan > 1) cell.rowSpan = Math.min(1000, Math.floor(node.rowSpan));
  const width = lengthValue(node.width) ?? (typeof node.colSize === 'string' ? COLUMN_SIZES[node.colSize] : null);
  if (width) cell.style.width = width;
  if (typeof node.align === 'string' && ALIGN[node.align]) cell.style.textAlign = ALIGN[node.align]!;
  if (typeof node.vAlign === 'string' && VERTICAL[node.vAlign]) cell.style.verticalAlign = VERTICAL[node.vAlign]!;
  applySpacing(cell.style, 'padding', node.padding);
  return cell;
};
