/**
 * Strict widget schemas: every root and component of the ChatKit widget vocabulary with its props,
 * as the Python SDK's named classes in `chatkit/widgets.py` declare them. They are for authoring and
 * validation (a typo or an unknown enum value is reported with its path); the wire schema stays the
 * loose {@link WidgetRoot} of `widgets.ts`, so anything these accept is also a valid wire widget.
 *
 * Optional props accept `null` as well as absence, as in Python (`X | None = None`): null props are
 * dropped on the wire. Fields of nested plain objects (spacing, borders, options...) are optional
 * but not nullable, as in Python's `TypedDict`s.
 */
import { z } from 'zod';
import { IconName, Timestamp } from './common.ts';
import { ActionConfig } from './widgets.ts';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

/** A colour for the light and the dark theme. */
export const ThemeColor = z.strictObject({
  /** Colour used when the theme is light. */
  light: z.string(),
  /** Colour used when the theme is dark. */
  dark: z.string(),
});
export type ThemeColor = z.infer<typeof ThemeColor>;

/**
 * A colour: a token of the prop's palette (`primary`, `surface`, `subtle`...), a primitive colour
 * token (`blue-500`), a CSS colour string, or a {@link ThemeColor}.
 */
export const WidgetColor = z.union([z.string(), ThemeColor]);
export type WidgetColor = z.infer<typeof WidgetColor>;

/** A length: a number (px, or spacing units for gaps and spacing) or a CSS string. */
const Length = z.union([z.number(), z.string()]);
/** A length whose number must be whole (Python types these props `int | str`). */
const IntLength = z.union([z.number().int(), z.string()]);

/** Spacing per edge or axis; each a spacing unit or a CSS string. */
export const Spacing = z.strictObject({
  top: Length.optional(),
  right: Length.optional(),
  bottom: Length.optional(),
  left: Length.optional(),
  /** Left and right. */
  x: Length.optional(),
  /** Top and bottom. */
  y: Length.optional(),
});
export type Spacing = z.infer<typeof Spacing>;

/** Padding or margin: a spacing unit, a CSS string, or a {@link Spacing} object. */
export const SpacingValue = z.union([z.number(), z.string(), Spacing]);
export type SpacingValue = z.infer<typeof SpacingValue>;

/** A border line style. */
export const BorderStyle = z.enum(['solid', 'dashed', 'dotted', 'double', 'groove', 'ridge', 'inset', 'outset']);
export type BorderStyle = z.infer<typeof BorderStyle>;

/** One border: its thickness in px, colour (`default`, `subtle`, `strong` or any colour) and style. */
export const Border = z.strictObject({
  size: z.number().int(),
  color: WidgetColor.optional(),
  style: BorderStyle.optional(),
});
export type Border = z.infer<typeof Border>;

const EdgeBorder = z.union([z.number().int(), Border]);
/** Borders per edge or axis: each a thickness in px or a {@link Border}. */
export const Borders = z.strictObject({
  top: EdgeBorder.optional(),
  right: EdgeBorder.optional(),
  bottom: EdgeBorder.optional(),
  left: EdgeBorder.optional(),
  /** Left and right. */
  x: EdgeBorder.optional(),
  /** Top and bottom. */
  y: EdgeBorder.optional(),
});
export type Borders = z.infer<typeof Borders>;

/** A container border: a thickness in px for every edge, one {@link Border}, or {@link Borders} per edge. */
export const BorderValue = z.union([z.number().int(), Border, Borders]);
export type BorderValue = z.infer<typeof BorderValue>;

/** Corner radius tokens. */
export const RadiusValue = z.enum(['2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', 'full', '100%', 'none']);
export type RadiusValue = z.infer<typeof RadiusValue>;

/** Horizontal text alignment. */
export const TextAlign = z.enum(['start', 'center', 'end']);
export type TextAlign = z.infer<typeof TextAlign>;

/** Body text sizes (`Text`, `Label`). */
export const TextSize = z.enum(['xs', 'sm', 'md', 'lg', 'xl']);
export type TextSize = z.infer<typeof TextSize>;

/** `Title` sizes. */
export const TitleSize = z.enum(['sm', 'md', 'lg', 'xl', '2xl', '3xl', '4xl', '5xl']);
export type TitleSize = z.infer<typeof TitleSize>;

/** `Caption` sizes. */
export const CaptionSize = z.enum(['sm', 'md', 'lg']);
export type CaptionSize = z.infer<typeof CaptionSize>;

/** `Icon` sizes. */
export const IconSize = z.enum(['xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']);
export type IconSize = z.infer<typeof IconSize>;

/** Font weights. */
export const FontWeight = z.enum(['normal', 'medium', 'semibold', 'bold']);
export type FontWeight = z.infer<typeof FontWeight>;

/** Flexbox cross-axis alignment. */
export const Alignment = z.enum(['start', 'center', 'end', 'baseline', 'stretch']);
export type Alignment = z.infer<typeof Alignment>;

/** Flexbox main-axis distribution. */
export const Justification = z.enum(['start', 'center', 'end', 'between', 'around', 'evenly', 'stretch']);
export type Justification = z.infer<typeof Justification>;

/** Visual variants of buttons and form controls. */
export const ControlVariant = z.enum(['solid', 'soft', 'outline', 'ghost']);
export type ControlVariant = z.infer<typeof ControlVariant>;

/** Sizes of buttons and form controls. */
export const ControlSize = z.enum(['3xs', '2xs', 'xs', 'sm', 'md', 'lg', 'xl', '2xl', '3xl']);
export type ControlSize = z.infer<typeof ControlSize>;

/** Gutter sizes of text inputs (override the gutter that `size` implies). */
const GutterSize = z.enum(['2xs', 'xs', 'sm', 'md', 'lg', 'xl']);
/** Variants of text inputs, which have no `solid` or `ghost` look. */
const InputVariant = z.enum(['soft', 'outline']);
/** Layout direction of a container's children. */
const Direction = z.enum(['row', 'col']);
/** Forces the light or dark theme for a root's subtree. */
const Theme = z.enum(['light', 'dark']);

/** A status line above a root, with a favicon (`frame` draws a frame around it for contrast). */
export const WidgetStatusWithFavicon = z.strictObject({
  text: z.string(),
  /** URL of an image shown before the text. */
  favicon: z.string().optional(),
  frame: z.boolean().optional(),
});
/** A status line above a root, with an icon. */
export const WidgetStatusWithIcon = z.strictObject({
  text: z.string(),
  icon: IconName.optional(),
});
/** A status line shown above a `Card` or `ListView`. */
export const WidgetStatus = z.union([WidgetStatusWithFavicon, WidgetStatusWithIcon]);
export type WidgetStatus = z.infer<typeof WidgetStatus>;

/** A button in a `Card`'s footer (`confirm` or `cancel`) and the action it dispatches. */
export const CardAction = z.strictObject({
  label: z.string(),
  action: ActionConfig,
});
export type CardAction = z.infer<typeof CardAction>;

/** Options that make a `Text` editable in place; its value is submitted as the field `name`. */
export const EditableProps = z.strictObject({
  /** The form field the edited text is submitted as. */
  name: z.string(),
  autoFocus: z.boolean().optional(),
  autoSelect: z.boolean().optional(),
  /** The native `autocomplete` hint. */
  autoComplete: z.string().optional(),
  /** Whether password managers and autofill extensions may appear. */
  allowAutofillExtensions: z.boolean().optional(),
  /** A regular expression the value must match. */
  pattern: z.string().optional(),
  placeholder: z.string().optional(),
  required: z.boolean().optional(),
});
export type EditableProps = z.infer<typeof EditableProps>;

/** One option of a `Select`; `description` is shown as secondary text under the label. */
export const SelectOption = z.strictObject({
  value: z.string(),
  label: z.string(),
  disabled: z.boolean().optional(),
  description: z.string().optional(),
});
export type SelectOption = z.infer<typeof SelectOption>;

/** One option of a `RadioGroup`. */
export const RadioOption = z.strictObject({
  label: z.string(),
  value: z.string(),
  disabled: z.boolean().optional(),
});
export type RadioOption = z.infer<typeof RadioOption>;

/** The props every component has: `key` (a React-style identity) and `id` (names a streaming text). */
const base = {
  /** Identity among siblings, as React's `key`. */
  key: z.string().nullish(),
  /** Names a component; `Text` and `Markdown` with an id can stream (`widget.streaming_text.value_delta`). */
  id: z.string().nullish(),
};

/** Sizing props shared by boxes, images and charts: a px number or a CSS string each. */
const sizing = {
  height: IntLength.nullish(),
  width: IntLength.nullish(),
  /** Sets both width and height. */
  size: IntLength.nullish(),
  minHeight: IntLength.nullish(),
  minWidth: IntLength.nullish(),
  /** Sets both minWidth and minHeight. */
  minSize: IntLength.nullish(),
  maxHeight: IntLength.nullish(),
  maxWidth: IntLength.nullish(),
  /** Sets both maxWidth and maxHeight. */
  maxSize: IntLength.nullish(),
};

/**
 * The layout props of `Box`, `Row`, `Col` and `Form` (their `children` are declared on each, since
 * a recursive getter cannot be spread).
 */
const boxProps = {
  align: Alignment.nullish(),
  justify: Justification.nullish(),
  wrap: z.enum(['nowrap', 'wrap', 'wrap-reverse']).nullish(),
  /** Flex grow/shrink factor. */
  flex: IntLength.nullish(),
  /** Gap between children: spacing units or a CSS string. */
  gap: IntLength.nullish(),
  ...sizing,
  // Python types these three `float | str`, unlike the other sizes.
  height: Length.nullish(),
  width: Length.nullish(),
  size: Length.nullish(),
  padding: SpacingValue.nullish(),
  margin: SpacingValue.nullish(),
  border: BorderValue.nullish(),
  radius: RadiusValue.nullish(),
  /** Background: `surface`, `surface-secondary`... tokens, or any colour. */
  background: WidgetColor.nullish(),
  /** Width over height, as a number (16/9) or a CSS string. */
  aspectRatio: Length.nullish(),
};

/*
 * Containers are recursive. TypeScript cannot infer a type from a schema that refers to itself, so
 * each container keeps its other props in a plain `...Fields` shape (inferred as usual), its
 * `children` getter is annotated with the schema types below, and its type is those props plus
 * `children` spelled out.
 */
/** Any component as a schema, typed by the hand-written unions (this breaks the inference cycle). */
type AnyChild = z.ZodType<StrictWidgetComponent, StrictWidgetComponentInput>;
/** The optional `children` list of a layout container. */
type ChildList = z.ZodOptional<z.ZodNullable<z.ZodArray<AnyChild>>>;
/** The single child of a `Transition`. */
type SingleChild = z.ZodNullable<AnyChild>;
/** The rows of a `ListView`. */
type ListItems = z.ZodArray<z.ZodType<ListViewItemComponent, ListViewItemComponentInput>>;
/** The children of a `Basic` root: components or roots. */
type BasicChildList = z.ZodOptional<
  z.ZodNullable<
    z.ZodArray<z.ZodType<StrictWidgetComponent | StrictWidgetRoot, StrictWidgetComponentInput | StrictWidgetRootInput>>
  >
>;
/** The parsed props of a container's `...Fields` shape. */
type Props<Shape extends z.core.$ZodShape> = z.infer<z.ZodObject<Shape, z.core.$strict>>;
/** The props of a container's `...Fields` shape as they may be written before parsing. */
type PropsInput<Shape extends z.core.$ZodShape> = z.input<z.ZodObject<Shape, z.core.$strict>>;

// ---------------------------------------------------------------------------------------------
// Text

/** Plain text with typography controls; with an `id` it can stream (see `streaming`). */
export const TextComponent = z.strictObject({
  type: z.literal('Text'),
  ...base,
  value: z.string(),
  /** Streaming-friendly transitions while the value grows; a text delta is `done` once this is unset. */
  streaming: z.boolean().nullish(),
  italic: z.boolean().nullish(),
  lineThrough: z.boolean().nullish(),
  /** `prose`, `primary`, `emphasis`, `secondary`, `tertiary`, `success`, `warning`, `danger`, or any colour. */
  color: WidgetColor.nullish(),
  weight: FontWeight.nullish(),
  /** Width of the text box: px or a CSS string. */
  width: Length.nullish(),
  size: TextSize.nullish(),
  textAlign: TextAlign.nullish(),
  /** Truncate overflow with an ellipsis. */
  truncate: z.boolean().nullish(),
  /** Lines of space reserved even when the text is shorter. */
  minLines: z.number().int().nullish(),
  /** Line clamp. */
  maxLines: z.number().int().nullish(),
  /** `false`, or the options that make the text editable in place. */
  editable: z.union([z.literal(false), EditableProps]).nullish(),
});
export type TextComponent = z.infer<typeof TextComponent>;

/** A prominent headline. */
export const TitleComponent = z.strictObject({
  type: z.literal('Title'),
  ...base,
  value: z.string(),
  /** A text colour token or any colour, as for `Text`. */
  color: WidgetColor.nullish(),
  weight: FontWeight.nullish(),
  size: TitleSize.nullish(),
  textAlign: TextAlign.nullish(),
  truncate: z.boolean().nullish(),
  maxLines: z.number().int().nullish(),
});
export type TitleComponent = z.infer<typeof TitleComponent>;

/** Small supporting text. */
export const CaptionComponent = z.strictObject({
  type: z.literal('Caption'),
  ...base,
  value: z.string(),
  /** A text colour token or any colour, as for `Text`. */
  color: WidgetColor.nullish(),
  weight: FontWeight.nullish(),
  size: CaptionSize.nullish(),
  textAlign: TextAlign.nullish(),
  truncate: z.boolean().nullish(),
  maxLines: z.number().int().nullish(),
});
export type CaptionComponent = z.infer<typeof CaptionComponent>;

/** Rendered Markdown; with an `id` it can stream, as `Text` does. */
export const MarkdownComponent = z.strictObject({
  type: z.literal('Markdown'),
  ...base,
  value: z.string(),
  /** Streaming-friendly transitions while the value grows. */
  streaming: z.boolean().nullish(),
});
export type MarkdownComponent = z.infer<typeof MarkdownComponent>;

/** A small label for a status or a category. */
export const BadgeComponent = z.strictObject({
  type: z.literal('Badge'),
  ...base,
  label: z.string(),
  color: z.enum(['secondary', 'success', 'danger', 'warning', 'info', 'discovery']).nullish(),
  variant: z.enum(['solid', 'soft', 'outline']).nullish(),
  size: z.enum(['sm', 'md', 'lg']).nullish(),
  /** Fully rounded ends. */
  pill: z.boolean().nullish(),
});
export type BadgeComponent = z.infer<typeof BadgeComponent>;

// ---------------------------------------------------------------------------------------------
// Layout

const boxFields = {
  type: z.literal('Box'),
  ...base,
  ...boxProps,
  direction: Direction.nullish(),
};
/** A flex container whose `direction` is chosen (`row` or `col`). */
export const BoxComponent = z.strictObject({
  ...boxFields,
  get children(): ChildList {
    return z.array(StrictWidgetComponent).nullish();
  },
});
export type BoxComponent = Props<typeof boxFields> & { children?: StrictWidgetComponent[] | null | undefined };
/** A `Box` as it may be written before parsing (action defaults may be left out). */
export type BoxComponentInput = PropsInput<typeof boxFields> & {
  children?: StrictWidgetComponentInput[] | null | undefined;
};

const rowFields = {
  type: z.literal('Row'),
  ...base,
  ...boxProps,
};
/** A horizontal flex container. */
export const RowComponent = z.strictObject({
  ...rowFields,
  get children(): ChildList {
    return z.array(StrictWidgetComponent).nullish();
  },
});
export type RowComponent = Props<typeof rowFields> & { children?: StrictWidgetComponent[] | null | undefined };
/** A `Row` as it may be written before parsing (action defaults may be left out). */
export type RowComponentInput = PropsInput<typeof rowFields> & {
  children?: StrictWidgetComponentInput[] | null | undefined;
};

const colFields = {
  type: z.literal('Col'),
  ...base,
  ...boxProps,
};
/** A vertical flex container. */
export const ColComponent = z.strictObject({
  ...colFields,
  get children(): ChildList {
    return z.array(StrictWidgetComponent).nullish();
  },
});
export type ColComponent = Props<typeof colFields> & { children?: StrictWidgetComponent[] | null | undefined };
/** A `Col` as it may be written before parsing (action defaults may be left out). */
export type ColComponentInput = PropsInput<typeof colFields> & {
  children?: StrictWidgetComponentInput[] | null | undefined;
};

const formFields = {
  type: z.literal('Form'),
  ...base,
  ...boxProps,
  onSubmitAction: ActionConfig.nullish(),
  direction: Direction.nullish(),
};
/** A container that is an HTML form: submitting it dispatches `onSubmitAction` with the field values. */
export const FormComponent = z.strictObject({
  ...formFields,
  get children(): ChildList {
    return z.array(StrictWidgetComponent).nullish();
  },
});
export type FormComponent = Props<typeof formFields> & { children?: StrictWidgetComponent[] | null | undefined };
/** A `Form` as it may be written before parsing (action defaults may be left out). */
export type FormComponentInput = PropsInput<typeof formFields> & {
  children?: StrictWidgetComponentInput[] | null | undefined;
};

/** A line between sections. */
export const DividerComponent = z.strictObject({
  type: z.literal('Divider'),
  ...base,
  /** `default`, `subtle`, `strong`, or any colour. */
  color: WidgetColor.nullish(),
  /** Thickness: px or a CSS string. */
  size: IntLength.nullish(),
  /** Space above and below: spacing units or a CSS string. */
  spacing: IntLength.nullish(),
  /** Reach the container's edges, ignoring its padding. */
  flush: z.boolean().nullish(),
});
export type DividerComponent = z.infer<typeof DividerComponent>;

/** Flexible empty space that pushes its siblings apart. */
export const SpacerComponent = z.strictObject({
  type: z.literal('Spacer'),
  ...base,
  /** The least room it takes along the flex direction. */
  minSize: IntLength.nullish(),
});
export type SpacerComponent = z.infer<typeof SpacerComponent>;

const transitionFields = {
  type: z.literal('Transition'),
  ...base,
};
/** Animates layout changes of its single child (which may be null). */
export const TransitionComponent = z.strictObject({
  ...transitionFields,
  get children(): SingleChild {
    return StrictWidgetComponent.nullable();
  },
});
export type TransitionComponent = Props<typeof transitionFields> & { children: StrictWidgetComponent | null };
/** A `Transition` as it may be written before parsing (action defaults may be left out). */
export type TransitionComponentInput = PropsInput<typeof transitionFields> & {
  children: StrictWidgetComponentInput | null;
};

// ---------------------------------------------------------------------------------------------
// Media

/** A built-in icon. */
export const IconComponent = z.strictObject({
  type: z.literal('Icon'),
  ...base,
  name: IconName,
  /** A text colour token or any colour, as for `Text`. */
  color: WidgetColor.nullish(),
  size: IconSize.nullish(),
});
export type IconComponent = z.infer<typeof IconComponent>;

/** An image with sizing and fitting controls. */
export const ImageComponent = z.strictObject({
  type: z.literal('Image'),
  ...base,
  /** The image URL (kept as written, not normalised). */
  src: z.string(),
  alt: z.string().nullish(),
  /** CSS `object-fit`. */
  fit: z.enum(['cover', 'contain', 'fill', 'scale-down', 'none']).nullish(),
  /** The focal point kept in view when the image is cropped. */
  position: z
    .enum(['top left', 'top', 'top right', 'left', 'center', 'right', 'bottom left', 'bottom', 'bottom right'])
    .nullish(),
  radius: RadiusValue.nullish(),
  /** A subtle frame around the image. */
  frame: z.boolean().nullish(),
  /** Reach the container's edges, ignoring its padding. */
  flush: z.boolean().nullish(),
  ...sizing,
  margin: z.union([z.number().int(), z.string(), Spacing]).nullish(),
  background: WidgetColor.nullish(),
  aspectRatio: Length.nullish(),
  flex: IntLength.nullish(),
});
export type ImageComponent = z.infer<typeof ImageComponent>;

/** The curve between points of an `area` or `line` series. */
export const CurveType = z.enum([
  'basis',
  'basisClosed',
  'basisOpen',
  'bumpX',
  'bumpY',
  'bump',
  'linear',
  'linearClosed',
  'natural',
  'monotoneX',
  'monotoneY',
  'monotone',
  'step',
  'stepBefore',
  'stepAfter',
]);
export type CurveType = z.infer<typeof CurveType>;

const seriesBase = {
  /** Legend label (required; null for none). */
  label: z.string().nullable(),
  /** The field of each data row holding this series' number. */
  dataKey: z.string(),
  /** `blue`, `purple`, `orange`, `green`, `red`, `yellow`, `pink`, or any colour; assigned in turn when unset. */
  color: WidgetColor.nullish(),
};
/** Bars; series with the same `stack` id stack together. */
export const BarSeries = z.strictObject({ type: z.literal('bar'), ...seriesBase, stack: z.string().nullish() });
/** A filled area; series with the same `stack` id stack together. */
export const AreaSeries = z.strictObject({
  type: z.literal('area'),
  ...seriesBase,
  stack: z.string().nullish(),
  curveType: CurveType.nullish(),
});
/** A line. */
export const LineSeries = z.strictObject({ type: z.literal('line'), ...seriesBase, curveType: CurveType.nullish() });
/** One series of a `Chart`, told apart by `type`. */
export const ChartSeries = z.discriminatedUnion('type', [BarSeries, AreaSeries, LineSeries]);
export type ChartSeries = z.infer<typeof ChartSeries>;

/** The x axis of a `Chart`: the data field of its categories, whether to hide it, and tick labels by value. */
export const XAxisConfig = z.strictObject({
  dataKey: z.string(),
  hide: z.boolean().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type XAxisConfig = z.infer<typeof XAxisConfig>;

/** A bar, area or line chart over rows of data. */
export const ChartComponent = z.strictObject({
  type: z.literal('Chart'),
  ...base,
  /** The rows: field name to value. */
  data: z.array(z.record(z.string(), z.union([z.string(), z.number()]))),
  series: z.array(ChartSeries),
  /** The x axis: a data field name, or an {@link XAxisConfig}. */
  xAxis: z.union([z.string(), XAxisConfig]),
  showYAxis: z.boolean().nullish(),
  showLegend: z.boolean().nullish(),
  showTooltip: z.boolean().nullish(),
  /** Gap between bars of one category, in px. */
  barGap: z.number().int().nullish(),
  /** Gap between categories, in px. */
  barCategoryGap: z.number().int().nullish(),
  flex: IntLength.nullish(),
  ...sizing,
  aspectRatio: Length.nullish(),
});
export type ChartComponent = z.infer<typeof ChartComponent>;

// ---------------------------------------------------------------------------------------------
// Tables

/** Horizontal or vertical alignment of a table cell's content. */
export const TableCellAlignment = z.enum(['start', 'center', 'end']);
export type TableCellAlignment = z.infer<typeof TableCellAlignment>;

/** Preset widths of a table column. */
export const TableColumnSize = z.enum(['xs', 'sm', 'md', 'lg', 'xl']);
export type TableColumnSize = z.infer<typeof TableColumnSize>;

const tableCellFields = {
  type: z.literal('Table.Cell'),
  ...base,
  /** Width of the cell (and its column): px or a CSS string. */
  width: Length.nullish(),
  /** Padding per edge or axis. */
  padding: Spacing.nullish(),
  /** Columns the cell spans. */
  colSpan: z.number().int().positive().nullish(),
  /** Rows the cell spans. */
  rowSpan: z.number().int().positive().nullish(),
  /** Horizontal alignment of the content. */
  align: TableCellAlignment.nullish(),
  /** Vertical alignment of the content. */
  vAlign: TableCellAlignment.nullish(),
  /** A preset column width, instead of `width`. */
  colSize: TableColumnSize.nullish(),
};
/** One cell of a `Table.Row`; only valid directly under one. Its children are any components. */
export const TableCellComponent = z.strictObject({
  ...tableCellFields,
  get children(): ChildList {
    return z.array(StrictWidgetComponent).nullish();
  },
});
export type TableCellComponent = Props<typeof tableCellFields> & {
  children?: StrictWidgetComponent[] | null | undefined;
};
/** A `Table.Cell` as it may be written before parsing (action defaults may be left out). */
export type TableCellComponentInput = PropsInput<typeof tableCellFields> & {
  children?: StrictWidgetComponentInput[] | null | undefined;
};

const tableRowFields = {
  type: z.literal('Table.Row'),
  ...base,
  /** A header row: its cells are column headings. */
  header: z.boolean().nullish(),
};
/** One row of a `Table`; only valid directly under one. */
export const TableRowComponent = z.strictObject({
  ...tableRowFields,
  get children(): z.ZodOptional<z.ZodNullable<z.ZodArray<z.ZodType<TableCellComponent, TableCellComponentInput>>>> {
    return z.array(TableCellComponent).nullish();
  },
});
export type TableRowComponent = Props<typeof tableRowFields> & { children?: TableCellComponent[] | null | undefined };
/** A `Table.Row` as it may be written before parsing (action defaults may be left out). */
export type TableRowComponentInput = PropsInput<typeof tableRowFields> & {
  children?: TableCellComponentInput[] | null | undefined;
};

const tableFields = {
  type: z.literal('Table'),
  ...base,
};
/** A table of `Table.Row`s, each of `Table.Cell`s; a row with `header` holds the column headings. */
export const TableComponent = z.strictObject({
  ...tableFields,
  get children(): z.ZodOptional<z.ZodNullable<z.ZodArray<z.ZodType<TableRowComponent, TableRowComponentInput>>>> {
    return z.array(TableRowComponent).nullish();
  },
});
export type TableComponent = Props<typeof tableFields> & { children?: TableRowComponent[] | null | undefined };
/** A `Table` as it may be written before parsing (action defaults may be left out). */
export type TableComponentInput = PropsInput<typeof tableFields> & {
  children?: TableRowComponentInput[] | null | undefined;
};

// ---------------------------------------------------------------------------------------------
// Controls

/** A button; `onClickAction` is dispatched on click, and `submit` makes it submit the nearest form. */
export const ButtonComponent = z.strictObject({
  type: z.literal('Button'),
  ...base,
  /** Submit the nearest `Form` (or a `Card` with `asForm`). */
  submit: z.boolean().nullish(),
  label: z.string().nullish(),
  onClickAction: ActionConfig.nullish(),
  /** Icon before the label; alone, it makes an icon-only button. */
  iconStart: IconName.nullish(),
  iconEnd: IconName.nullish(),
  /** A preset for `color` and `variant`. */
  style: z.enum(['primary', 'secondary']).nullish(),
  iconSize: z.enum(['sm', 'md', 'lg', 'xl', '2xl']).nullish(),
  color: z.enum(['primary', 'secondary', 'info', 'discovery', 'success', 'caution', 'warning', 'danger']).nullish(),
  variant: ControlVariant.nullish(),
  size: ControlSize.nullish(),
  pill: z.boolean().nullish(),
  /** Equal width and height (for icon-only buttons). */
  uniform: z.boolean().nullish(),
  /** Take the full available width. */
  block: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
});
export type ButtonComponent = z.infer<typeof ButtonComponent>;

/** A dropdown; its value is submitted as the field `name`. */
export const SelectComponent = z.strictObject({
  type: z.literal('Select'),
  ...base,
  /** The form field the value is submitted as. */
  name: z.string(),
  options: z.array(SelectOption),
  onChangeAction: ActionConfig.nullish(),
  placeholder: z.string().nullish(),
  defaultValue: z.string().nullish(),
  variant: ControlVariant.nullish(),
  size: ControlSize.nullish(),
  pill: z.boolean().nullish(),
  block: z.boolean().nullish(),
  /** Show a control that unsets the value. */
  clearable: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  /** Show a search input (by default, when there are more than 15 options). */
  searchable: z.boolean().nullish(),
});
export type SelectComponent = z.infer<typeof SelectComponent>;

/** A date field with a calendar popover; dates are ISO-8601 strings. */
export const DatePickerComponent = z.strictObject({
  type: z.literal('DatePicker'),
  ...base,
  /** The form field the date is submitted as. */
  name: z.string(),
  onChangeAction: ActionConfig.nullish(),
  placeholder: z.string().nullish(),
  defaultValue: Timestamp.nullish(),
  /** Earliest selectable date (inclusive). */
  min: Timestamp.nullish(),
  /** Latest selectable date (inclusive). */
  max: Timestamp.nullish(),
  variant: ControlVariant.nullish(),
  size: ControlSize.nullish(),
  /** Preferred side of the calendar popover. */
  side: z.enum(['top', 'bottom', 'left', 'right']).nullish(),
  /** Alignment of the calendar popover along that side. */
  align: TextAlign.nullish(),
  pill: z.boolean().nullish(),
  block: z.boolean().nullish(),
  clearable: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
});
export type DatePickerComponent = z.infer<typeof DatePickerComponent>;

/** A checkbox; its state is submitted as the field `name`. */
export const CheckboxComponent = z.strictObject({
  type: z.literal('Checkbox'),
  ...base,
  name: z.string(),
  label: z.string().nullish(),
  defaultChecked: z.boolean().nullish(),
  onChangeAction: ActionConfig.nullish(),
  disabled: z.boolean().nullish(),
  required: z.boolean().nullish(),
});
export type CheckboxComponent = z.infer<typeof CheckboxComponent>;

/** A single-line text field; its value is submitted as the field `name`. */
export const InputComponent = z.strictObject({
  type: z.literal('Input'),
  ...base,
  name: z.string(),
  /** The native input type. */
  inputType: z.enum(['number', 'email', 'text', 'password', 'tel', 'url']).nullish(),
  defaultValue: z.string().nullish(),
  required: z.boolean().nullish(),
  /** A regular expression the value must match. */
  pattern: z.string().nullish(),
  placeholder: z.string().nullish(),
  /** Whether password managers and autofill extensions may appear. */
  allowAutofillExtensions: z.boolean().nullish(),
  /** Select the whole value when the field mounts. */
  autoSelect: z.boolean().nullish(),
  autoFocus: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  variant: InputVariant.nullish(),
  size: ControlSize.nullish(),
  /** Padding at the field's ends; overrides the one `size` implies. */
  gutterSize: GutterSize.nullish(),
  pill: z.boolean().nullish(),
});
export type InputComponent = z.infer<typeof InputComponent>;

/** A label for the form field named `fieldName`. */
export const LabelComponent = z.strictObject({
  type: z.literal('Label'),
  ...base,
  value: z.string(),
  /** The `name` of the field it labels. */
  fieldName: z.string(),
  size: TextSize.nullish(),
  weight: FontWeight.nullish(),
  textAlign: TextAlign.nullish(),
  /** A text colour token or any colour, as for `Text`. */
  color: WidgetColor.nullish(),
});
export type LabelComponent = z.infer<typeof LabelComponent>;

/** Radio buttons; the chosen value is submitted as the field `name`. */
export const RadioGroupComponent = z.strictObject({
  type: z.literal('RadioGroup'),
  ...base,
  name: z.string(),
  options: z.array(RadioOption).nullish(),
  /** Accessible label of the group; `name` is used when unset. */
  ariaLabel: z.string().nullish(),
  onChangeAction: ActionConfig.nullish(),
  defaultValue: z.string().nullish(),
  direction: Direction.nullish(),
  disabled: z.boolean().nullish(),
  required: z.boolean().nullish(),
});
export type RadioGroupComponent = z.infer<typeof RadioGroupComponent>;

/** A multi-line text field; its value is submitted as the field `name`. */
export const TextareaComponent = z.strictObject({
  type: z.literal('Textarea'),
  ...base,
  name: z.string(),
  defaultValue: z.string().nullish(),
  required: z.boolean().nullish(),
  /** A regular expression the value must match. */
  pattern: z.string().nullish(),
  placeholder: z.string().nullish(),
  autoSelect: z.boolean().nullish(),
  autoFocus: z.boolean().nullish(),
  disabled: z.boolean().nullish(),
  variant: InputVariant.nullish(),
  size: ControlSize.nullish(),
  /** Padding at the field's ends; overrides the one `size` implies. */
  gutterSize: GutterSize.nullish(),
  /** Visible rows at first. */
  rows: z.number().int().nullish(),
  /** Grow and shrink with the content (up to `maxRows`). */
  autoResize: z.boolean().nullish(),
  maxRows: z.number().int().nullish(),
  allowAutofillExtensions: z.boolean().nullish(),
});
export type TextareaComponent = z.infer<typeof TextareaComponent>;

// ---------------------------------------------------------------------------------------------
// The component union

/**
 * Any strict component that may appear inside a root, told apart by `type` (the schema is
 * {@link StrictWidgetComponent}, made from {@link WIDGET_COMPONENTS}). `ListViewItem`, `Table.Row` and
 * `Table.Cell` are not among them: each is only valid directly under its own container.
 */
export type StrictWidgetComponent =
  | TextComponent
  | TitleComponent
  | CaptionComponent
  | ChartComponent
  | BadgeComponent
  | MarkdownComponent
  | BoxComponent
  | RowComponent
  | ColComponent
  | DividerComponent
  | IconComponent
  | ImageComponent
  | ButtonComponent
  | CheckboxComponent
  | SpacerComponent
  | SelectComponent
  | DatePickerComponent
  | FormComponent
  | InputComponent
  | LabelComponent
  | RadioGroupComponent
  | TextareaComponent
  | TransitionComponent
  | TableComponent;
/** A strict component as it may be written before parsing (action defaults may be left out). */
export type StrictWidgetComponentInput =
  | z.input<typeof TextComponent>
  | z.input<typeof TitleComponent>
  | z.input<typeof CaptionComponent>
  | z.input<typeof ChartComponent>
  | z.input<typeof BadgeComponent>
  | z.input<typeof MarkdownComponent>
  | BoxComponentInput
  | RowComponentInput
  | ColComponentInput
  | z.input<typeof DividerComponent>
  | z.input<typeof IconComponent>
  | z.input<typeof ImageComponent>
  | z.input<typeof ButtonComponent>
  | z.input<typeof CheckboxComponent>
  | z.input<typeof SpacerComponent>
  | z.input<typeof SelectComponent>
  | z.input<typeof DatePickerComponent>
  | FormComponentInput
  | z.input<typeof InputComponent>
  | z.input<typeof LabelComponent>
  | z.input<typeof RadioGroupComponent>
  | z.input<typeof TextareaComponent>
  | TransitionComponentInput
  | TableComponentInput;

// ---------------------------------------------------------------------------------------------
// Roots

const cardFields = {
  type: z.literal('Card'),
  ...base,
  /** Treat the card as a form, so `confirm` and `cancel` receive the field values. */
  asForm: z.boolean().nullish(),
  /** Background: `surface`, `surface-secondary`... tokens, or any colour. */
  background: WidgetColor.nullish(),
  /** A border instead of the card's own: a thickness in px, one {@link Border}, or {@link Borders} per edge. */
  border: BorderValue.nullish(),
  size: z.enum(['sm', 'md', 'lg', 'full']).nullish(),
  padding: SpacingValue.nullish(),
  /** A status line above the card. */
  status: WidgetStatus.nullish(),
  /** Collapse the body once the main action has completed. */
  collapsed: z.boolean().nullish(),
  /** The footer's confirm button. */
  confirm: CardAction.nullish(),
  /** The footer's cancel button. */
  cancel: CardAction.nullish(),
  theme: Theme.nullish(),
};
/**
 * A bordered container, the usual root. With `asForm` it behaves as a `Form`: fields are validated
 * and their values go to the `confirm` action.
 */
export const CardComponent = z.strictObject({
  ...cardFields,
  get children(): z.ZodArray<AnyChild> {
    return z.array(StrictWidgetComponent);
  },
});
export type CardComponent = Props<typeof cardFields> & { children: StrictWidgetComponent[] };
/** A `Card` as it may be written before parsing (action defaults may be left out). */
export type CardComponentInput = PropsInput<typeof cardFields> & { children: StrictWidgetComponentInput[] };

const listViewItemFields = {
  type: z.literal('ListViewItem'),
  ...base,
  /** Dispatched when the row is clicked. */
  onClickAction: ActionConfig.nullish(),
  /** Gap between children: spacing units or a CSS string. */
  gap: IntLength.nullish(),
  /** Vertical alignment of the row's content. */
  align: Alignment.nullish(),
};
/** One row of a `ListView`; only valid directly under one. */
export const ListViewItemComponent = z.strictObject({
  ...listViewItemFields,
  get children(): z.ZodArray<AnyChild> {
    return z.array(StrictWidgetComponent);
  },
});
export type ListViewItemComponent = Props<typeof listViewItemFields> & { children: StrictWidgetComponent[] };
/** A `ListViewItem` as it may be written before parsing (action defaults may be left out). */
export type ListViewItemComponentInput = PropsInput<typeof listViewItemFields> & {
  children: StrictWidgetComponentInput[];
};

const listViewFields = {
  type: z.literal('ListView'),
  ...base,
  /** Rows shown before "show more": a count, or `"auto"`. */
  limit: z.union([z.number().int(), z.literal('auto')]).nullish(),
  /** A status line above the list. */
  status: WidgetStatus.nullish(),
  theme: Theme.nullish(),
};
/** A list of `ListViewItem`s; past `limit` rows a "show more" control appears. */
export const ListViewComponent = z.strictObject({
  ...listViewFields,
  get children(): ListItems {
    return z.array(ListViewItemComponent);
  },
});
export type ListViewComponent = Props<typeof listViewFields> & { children: ListViewItemComponent[] };
/** A `ListView` as it may be written before parsing (action defaults may be left out). */
export type ListViewComponentInput = PropsInput<typeof listViewFields> & { children: ListViewItemComponentInput[] };

const basicFields = {
  type: z.literal('Basic'),
  ...base,
};
/**
 * A minimal root with no chrome, used for entity previews (`entities.onRequestPreview` on the
 * client). Its children may be components or other roots.
 */
export const BasicComponent = z.strictObject({
  ...basicFields,
  get children(): BasicChildList {
    // One discriminated union, so a bad child is reported by its own fields rather than as "no match".
    return z
      .array(z.discriminatedUnion('type', [StrictWidgetComponent, CardComponent, ListViewComponent, BasicComponent]))
      .nullish();
  },
});
export type BasicComponent = Props<typeof basicFields> & {
  children?: (StrictWidgetComponent | StrictWidgetRoot)[] | null | undefined;
};
/** A `Basic` as it may be written before parsing (action defaults may be left out). */
export type BasicComponentInput = PropsInput<typeof basicFields> & {
  children?: (StrictWidgetComponentInput | StrictWidgetRootInput)[] | null | undefined;
};

/** Any strict root: what a widget item's `widget` may hold. */
export type StrictWidgetRoot = CardComponent | ListViewComponent | BasicComponent;
/** A strict root as it may be written before parsing (action defaults may be left out). */
export type StrictWidgetRootInput = CardComponentInput | ListViewComponentInput | BasicComponentInput;

// ---------------------------------------------------------------------------------------------
// The registry

/**
 * Where a component may appear: as a widget's root, as a child of any container, or only directly
 * under its own container (a `ListView`'s rows, a `Table`'s rows, a row's cells).
 */
export type WidgetPlacement = 'root' | 'child' | 'ListView' | 'Table' | 'Table.Row';

/**
 * Every component of the widget vocabulary, by its `type`: its strict schema and where it may
 * appear. The one list of the vocabulary: the unions below, the builders of `chatkit-local/widgets`,
 * the element of `chatkit-local/ui` (which must have a renderer for each) and the tests derive from it.
 */
export const WIDGET_COMPONENTS = {
  Card: { schema: CardComponent, placement: 'root' },
  ListView: { schema: ListViewComponent, placement: 'root' },
  Basic: { schema: BasicComponent, placement: 'root' },
  ListViewItem: { schema: ListViewItemComponent, placement: 'ListView' },
  Text: { schema: TextComponent, placement: 'child' },
  Title: { schema: TitleComponent, placement: 'child' },
  Caption: { schema: CaptionComponent, placement: 'child' },
  Markdown: { schema: MarkdownComponent, placement: 'child' },
  Badge: { schema: BadgeComponent, placement: 'child' },
  Box: { schema: BoxComponent, placement: 'child' },
  Row: { schema: RowComponent, placement: 'child' },
  Col: { schema: ColComponent, placement: 'child' },
  Form: { schema: FormComponent, placement: 'child' },
  Divider: { schema: DividerComponent, placement: 'child' },
  Spacer: { schema: SpacerComponent, placement: 'child' },
  Transition: { schema: TransitionComponent, placement: 'child' },
  Icon: { schema: IconComponent, placement: 'child' },
  Image: { schema: ImageComponent, placement: 'child' },
  Chart: { schema: ChartComponent, placement: 'child' },
  Table: { schema: TableComponent, placement: 'child' },
  'Table.Row': { schema: TableRowComponent, placement: 'Table' },
  'Table.Cell': { schema: TableCellComponent, placement: 'Table.Row' },
  Button: { schema: ButtonComponent, placement: 'child' },
  Select: { schema: SelectComponent, placement: 'child' },
  DatePicker: { schema: DatePickerComponent, placement: 'child' },
  Checkbox: { schema: CheckboxComponent, placement: 'child' },
  Input: { schema: InputComponent, placement: 'child' },
  Label: { schema: LabelComponent, placement: 'child' },
  RadioGroup: { schema: RadioGroupComponent, placement: 'child' },
  Textarea: { schema: TextareaComponent, placement: 'child' },
} as const;

type Registry = typeof WIDGET_COMPONENTS;
/** The `type` of every component of the vocabulary. */
export type WidgetComponentType = keyof Registry;
/** The types of the components allowed at `placement`. */
export type WidgetComponentTypeAt<P extends WidgetPlacement> = {
  [K in WidgetComponentType]: Registry[K]['placement'] extends P ? K : never;
}[WidgetComponentType];
type SchemaAt<P extends WidgetPlacement> = Registry[WidgetComponentTypeAt<P>]['schema'];

/** The schemas of the components allowed at `placement`, in registry order. */
function schemasAt<P extends WidgetPlacement>(placement: P): [SchemaAt<P>, ...SchemaAt<P>[]] {
  const schemas = Object.values(WIDGET_COMPONENTS)
    .filter((entry) => entry.placement === placement)
    .map((entry) => entry.schema as SchemaAt<P>);
  return schemas as [SchemaAt<P>, ...SchemaAt<P>[]];
}

/** Any strict component that may appear inside a root (see {@link WIDGET_COMPONENTS}). */
export const StrictWidgetComponent = z.discriminatedUnion('type', schemasAt('child'));
/** Any strict root: what a widget item's `widget` may hold. */
export const StrictWidgetRoot = z.discriminatedUnion('type', schemasAt('root'));

// The hand-written unions above (they break the inference cycle of recursive containers) must name
// exactly the registry's components: these fail to compile when the two drift apart.
type SameKeys<A extends string, B extends string> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
type _ComponentTypesMatch = Assert<SameKeys<StrictWidgetComponent['type'], WidgetComponentTypeAt<'child'>>>;
type _RootTypesMatch = Assert<SameKeys<StrictWidgetRoot['type'], WidgetComponentTypeAt<'root'>>>;
