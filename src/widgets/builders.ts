/**
 * Typed builders for widget JSON: `Card({ children: [Text({ value: 'Hi' })] })`. Each one adds the
 * component's `type`, checks the props against the strict schema (unknown props, bad enum values and
 * bad icon names are reported with their path) and fills action defaults, as the Python SDK's named
 * classes do. What they return is plain JSON, ready for a widget item or `streamWidget`.
 *
 * A builder validates its whole subtree, so nested builders re-check their children: cheap at widget
 * sizes, and it means a hand-written child object is checked too.
 */
import type { z } from 'zod';
import { formatPath } from '../protocol/parse.ts';
import * as C from '../protocol/widget-components.ts';

/** Props of a component as a builder takes them: everything but `type`. */
type PropsOf<Input> = Omit<Input, 'type'>;

/** Thrown by a builder whose props do not fit the component; the message names the first bad prop. */
export class WidgetValidationError extends TypeError {
  override name = 'WidgetValidationError';
  /** Every problem zod found, with its path inside the component. */
  readonly issues: z.core.$ZodIssue[];

  constructor(type: string, error: z.ZodError) {
    const issue = error.issues[0]!;
    const where = formatPath(issue.path);
    const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
    super(`${type}${where ? `.${where}` : ''}: ${issue.message}${more}`, { cause: error });
    this.issues = error.issues;
  }
}

/**
 * The builder of the registry's component `type` (see `WIDGET_COMPONENTS`): the schema and the
 * `type` it adds both come from the registry. Containers name their hand-written types, since their
 * schemas are recursive.
 */
function builder<
  K extends C.WidgetComponentType,
  Output = z.output<(typeof C.WIDGET_COMPONENTS)[K]['schema']>,
  Input = z.input<(typeof C.WIDGET_COMPONENTS)[K]['schema']>,
>(type: K) {
  const schema = C.WIDGET_COMPONENTS[type].schema as unknown as z.ZodType<Output, Input>;
  return (props: PropsOf<Input>): Output => {
    const result = schema.safeParse({ ...props, type });
    if (!result.success) throw new WidgetValidationError(type, result.error);
    return result.data;
  };
}

/** For components with no required prop, so `Divider()` works. */
function optionalProps<Output, Input>(build: (props: PropsOf<Input>) => Output) {
  return (props: PropsOf<Input> = {} as PropsOf<Input>): Output => build(props);
}

// Roots
/** A `Card` root: a bordered container. */
export const Card = builder<'Card', C.CardComponent, C.CardComponentInput>('Card');
/** A `ListView` root: a list of {@link ListViewItem}s. */
export const ListView = builder<'ListView', C.ListViewComponent, C.ListViewComponentInput>('ListView');
/** A row of a {@link ListView}. */
export const ListViewItem = builder<'ListViewItem', C.ListViewItemComponent, C.ListViewItemComponentInput>(
  'ListViewItem',
);
/** A `Basic` root: no chrome, for entity previews. */
export const Basic = optionalProps(builder<'Basic', C.BasicComponent, C.BasicComponentInput>('Basic'));

// Text
/** Plain text; give it an `id` to stream its value. */
export const Text = builder('Text');
/** A headline. */
export const Title = builder('Title');
/** Small supporting text. */
export const Caption = builder('Caption');
/** Markdown; give it an `id` to stream its value. */
export const Markdown = builder('Markdown');
/** A small status or category label. */
export const Badge = builder('Badge');

// Layout
/** A flex container with a chosen direction. */
export const Box = optionalProps(builder<'Box', C.BoxComponent, C.BoxComponentInput>('Box'));
/** A horizontal flex container. */
export const Row = optionalProps(builder<'Row', C.RowComponent, C.RowComponentInput>('Row'));
/** A vertical flex container. */
export const Col = optionalProps(builder<'Col', C.ColComponent, C.ColComponentInput>('Col'));
/** A container that submits its fields with `onSubmitAction`. */
export const Form = optionalProps(builder<'Form', C.FormComponent, C.FormComponentInput>('Form'));
/** A line between sections. */
export const Divider = optionalProps(builder('Divider'));
/** Flexible space. */
export const Spacer = optionalProps(builder('Spacer'));
/** Animates layout changes of its single child. */
export const Transition = builder<'Transition', C.TransitionComponent, C.TransitionComponentInput>('Transition');

// Media
/** A built-in icon. */
export const Icon = builder('Icon');
/** An image. */
export const Image = builder('Image');
/** A bar, area or line chart. */
export const Chart = builder('Chart');

// Tables
/** A cell of a {@link TableRow} (also `Table.Cell`). */
export const TableCell = optionalProps(
  builder<'Table.Cell', C.TableCellComponent, C.TableCellComponentInput>('Table.Cell'),
);
/** A row of a {@link Table} (also `Table.Row`); `header: true` makes its cells column headings. */
export const TableRow = optionalProps(builder<'Table.Row', C.TableRowComponent, C.TableRowComponentInput>('Table.Row'));
/**
 * A table: `Table({ children: [Table.Row({ header: true, children: [Table.Cell(...)] }), ...] })`.
 * `Table.Row` and `Table.Cell` build its rows and cells, as the component types are named.
 */
export const Table = Object.assign(optionalProps(builder<'Table', C.TableComponent, C.TableComponentInput>('Table')), {
  /** A row of the table (the same as {@link TableRow}). */
  Row: TableRow,
  /** A cell of a row (the same as {@link TableCell}). */
  Cell: TableCell,
});

// Controls
/** A button, optionally dispatching an action. */
export const Button = optionalProps(builder('Button'));
/** A dropdown field. */
export const Select = builder('Select');
/** A date field. */
export const DatePicker = builder('DatePicker');
/** A checkbox field. */
export const Checkbox = builder('Checkbox');
/** A single-line text field. */
export const Input = builder('Input');
/** A label for a field. */
export const Label = builder('Label');
/** A radio button group field. */
export const RadioGroup = builder('RadioGroup');
/** A multi-line text field. */
export const Textarea = builder('Textarea');
