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

function builder<Output, Input>(schema: z.ZodType<Output, Input>, type: string) {
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
export const Card = builder<C.CardComponent, C.CardComponentInput>(C.CardComponent, 'Card');
/** A `ListView` root: a list of {@link ListViewItem}s. */
export const ListView = builder<C.ListViewComponent, C.ListViewComponentInput>(C.ListViewComponent, 'ListView');
/** A row of a {@link ListView}. */
export const ListViewItem = builder<C.ListViewItemComponent, C.ListViewItemComponentInput>(
  C.ListViewItemComponent,
  'ListViewItem',
);
/** A `Basic` root: no chrome, for entity previews. */
export const Basic = optionalProps(builder<C.BasicComponent, C.BasicComponentInput>(C.BasicComponent, 'Basic'));

// Text
/** Plain text; give it an `id` to stream its value. */
export const Text = builder(C.TextComponent, 'Text');
/** A headline. */
export const Title = builder(C.TitleComponent, 'Title');
/** Small supporting text. */
export const Caption = builder(C.CaptionComponent, 'Caption');
/** Markdown; give it an `id` to stream its value. */
export const Markdown = builder(C.MarkdownComponent, 'Markdown');
/** A small status or category label. */
export const Badge = builder(C.BadgeComponent, 'Badge');

// Layout
/** A flex container with a chosen direction. */
export const Box = optionalProps(builder<C.BoxComponent, C.BoxComponentInput>(C.BoxComponent, 'Box'));
/** A horizontal flex container. */
export const Row = optionalProps(builder<C.RowComponent, C.RowComponentInput>(C.RowComponent, 'Row'));
/** A vertical flex container. */
export const Col = optionalProps(builder<C.ColComponent, C.ColComponentInput>(C.ColComponent, 'Col'));
/** A container that submits its fields with `onSubmitAction`. */
export const Form = optionalProps(builder<C.FormComponent, C.FormComponentInput>(C.FormComponent, 'Form'));
/** A line between sections. */
export const Divider = optionalProps(builder(C.DividerComponent, 'Divider'));
/** Flexible space. */
export const Spacer = optionalProps(builder(C.SpacerComponent, 'Spacer'));
/** Animates layout changes of its single child. */
export const Transition = builder<C.TransitionComponent, C.TransitionComponentInput>(
  C.TransitionComponent,
  'Transition',
);

// Media
/** A built-in icon. */
export const Icon = builder(C.IconComponent, 'Icon');
/** An image. */
export const Image = builder(C.ImageComponent, 'Image');
/** A bar, area or line chart. */
export const Chart = builder(C.ChartComponent, 'Chart');

// Controls
/** A button, optionally dispatching an action. */
export const Button = optionalProps(builder(C.ButtonComponent, 'Button'));
/** A dropdown field. */
export const Select = builder(C.SelectComponent, 'Select');
/** A date field. */
export const DatePicker = builder(C.DatePickerComponent, 'DatePicker');
/** A checkbox field. */
export const Checkbox = builder(C.CheckboxComponent, 'Checkbox');
/** A single-line text field. */
export const Input = builder(C.InputComponent, 'Input');
/** A label for a field. */
export const Label = builder(C.LabelComponent, 'Label');
/** A radio button group field. */
export const RadioGroup = builder(C.RadioGroupComponent, 'RadioGroup');
/** A multi-line text field. */
export const Textarea = builder(C.TextareaComponent, 'Textarea');
