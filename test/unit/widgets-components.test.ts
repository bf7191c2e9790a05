// Strict widget schemas and builders (protocol.md §7.1), and widget serialisation (§7.2, checklist 69).
import { describe, expect, test } from 'vitest';
import type { z } from 'zod';
import {
  ThreadItem,
  WidgetRoot,
  itemToJson,
  toWireJson,
  StrictWidgetComponent,
  StrictWidgetRoot,
  BadgeComponent,
  BasicComponent,
  BoxComponent,
  ButtonComponent,
  CaptionComponent,
  CardComponent,
  ChartComponent,
  CheckboxComponent,
  ColComponent,
  DatePickerComponent,
  DividerComponent,
  FormComponent,
  IconComponent,
  ImageComponent,
  InputComponent,
  LabelComponent,
  ListViewComponent,
  ListViewItemComponent,
  MarkdownComponent,
  RadioGroupComponent,
  RowComponent,
  SelectComponent,
  SpacerComponent,
  TextComponent,
  TextareaComponent,
  TitleComponent,
  TransitionComponent,
  TableComponent,
  TableRowComponent,
  TableCellComponent,
  WIDGET_COMPONENTS,
  WIDGET_ROOT_TYPES,
  type WidgetComponentType,
} from '../../src/protocol/index.ts';
import * as w from '../../src/widgets/index.ts';
import { CARD_NO_DATA } from '../support/widget-fixtures.ts';

const action = { type: 'do.it', payload: { id: 1 } };

/** One valid instance of every component, with a good share of its optional props. */
const examples: [WidgetComponentType, z.ZodType, Record<string, unknown>][] = [
  [
    'Card',
    CardComponent,
    {
      type: 'Card',
      key: 'k',
      id: 'i',
      asForm: true,
      children: [],
      background: { light: 'white', dark: 'gray-900' },
      border: { top: { size: 2, color: 'blue-500', style: 'dashed' }, x: 1 },
      size: 'md',
      padding: { x: 4, top: '8px' },
      status: { text: 'Done', icon: 'check' },
      collapsed: false,
      confirm: { label: 'OK', action },
      cancel: { label: 'No', action },
      theme: 'dark',
    },
  ],
  [
    'ListView',
    ListViewComponent,
    {
      type: 'ListView',
      children: [],
      limit: 'auto',
      status: { text: 'From the web', favicon: 'https://x/f.ico', frame: true },
      theme: 'light',
    },
  ],
  [
    'ListViewItem',
    ListViewItemComponent,
    { type: 'ListViewItem', children: [], onClickAction: action, gap: 2, align: 'center' },
  ],
  [
    'Basic',
    BasicComponent,
    {
      type: 'Basic',
      children: [
        { type: 'Card', children: [] },
        { type: 'Text', value: 'x' },
      ],
    },
  ],
  [
    'Text',
    TextComponent,
    {
      type: 'Text',
      value: 'v',
      streaming: true,
      italic: true,
      lineThrough: false,
      color: 'secondary',
      weight: 'semibold',
      width: '50%',
      size: 'xl',
      textAlign: 'end',
      truncate: true,
      minLines: 1,
      maxLines: 3,
      editable: { name: 'title', autoFocus: true, pattern: '.+', required: true },
    },
  ],
  [
    'Title',
    TitleComponent,
    {
      type: 'Title',
      value: 'T',
      color: { light: 'black', dark: 'white' },
      weight: 'bold',
      size: '5xl',
      textAlign: 'center',
      truncate: false,
      maxLines: 1,
    },
  ],
  [
    'Caption',
    CaptionComponent,
    {
      type: 'Caption',
      value: 'c',
      color: 'tertiary',
      weight: 'medium',
      size: 'lg',
      textAlign: 'start',
      truncate: true,
      maxLines: 2,
    },
  ],
  ['Markdown', MarkdownComponent, { type: 'Markdown', value: '**b**', streaming: false }],
  [
    'Badge',
    BadgeComponent,
    { type: 'Badge', label: 'New', color: 'discovery', variant: 'soft', size: 'sm', pill: true },
  ],
  [
    'Box',
    BoxComponent,
    {
      type: 'Box',
      children: [{ type: 'Spacer' }],
      direction: 'col',
      align: 'stretch',
      justify: 'between',
      wrap: 'wrap',
      flex: 1,
      gap: '4px',
      height: 10.5,
      width: '100%',
      size: 3,
      minHeight: 1,
      minWidth: '1px',
      minSize: 2,
      maxHeight: 100,
      maxWidth: '20rem',
      maxSize: 40,
      padding: 2,
      margin: '0 auto',
      border: { size: 1, color: 'subtle', style: 'dashed' },
      radius: '2xl',
      background: 'surface-secondary',
      aspectRatio: 1.5,
    },
  ],
  [
    'Row',
    RowComponent,
    { type: 'Row', children: [], border: { top: 1, bottom: { size: 2, color: 'strong' } }, radius: 'full' },
  ],
  ['Col', ColComponent, { type: 'Col', border: 1, padding: { y: 2 } }],
  [
    'Form',
    FormComponent,
    { type: 'Form', children: [{ type: 'Input', name: 'email' }], onSubmitAction: action, direction: 'row', gap: 3 },
  ],
  ['Divider', DividerComponent, { type: 'Divider', color: 'default', size: 2, spacing: 4, flush: true }],
  ['Icon', IconComponent, { type: 'Icon', name: 'lucide:rocket', color: 'primary', size: '3xl' }],
  [
    'Image',
    ImageComponent,
    {
      type: 'Image',
      src: '/pam.png',
      alt: 'Pam',
      fit: 'scale-down',
      position: 'bottom right',
      radius: 'none',
      frame: true,
      flush: false,
      size: 44,
      margin: { left: 2 },
      background: 'surface',
      aspectRatio: '16 / 9',
      flex: 'none',
    },
  ],
  [
    'Button',
    ButtonComponent,
    {
      type: 'Button',
      submit: true,
      label: 'Go',
      onClickAction: action,
      iconStart: 'sparkle',
      iconEnd: 'vendor:brand',
      style: 'primary',
      iconSize: '2xl',
      color: 'caution',
      variant: 'ghost',
      size: '3xs',
      pill: true,
      uniform: false,
      block: true,
      disabled: false,
    },
  ],
  ['Spacer', SpacerComponent, { type: 'Spacer', minSize: 8 }],
  [
    'Select',
    SelectComponent,
    {
      type: 'Select',
      name: 'fruit',
      options: [{ value: 'a', label: 'Apple', disabled: true, description: 'Red' }],
      onChangeAction: action,
      placeholder: 'Pick',
      defaultValue: 'a',
      variant: 'outline',
      size: 'lg',
      pill: false,
      block: true,
      clearable: true,
      disabled: false,
      searchable: true,
    },
  ],
  [
    'DatePicker',
    DatePickerComponent,
    {
      type: 'DatePicker',
      name: 'when',
      onChangeAction: action,
      placeholder: 'Date',
      defaultValue: '2025-01-02T03:04:05',
      min: '2025-01-01',
      max: '2025-12-31T00:00:00Z',
      variant: 'soft',
      size: 'md',
      side: 'left',
      align: 'center',
      pill: true,
      block: false,
      clearable: true,
      disabled: false,
    },
  ],
  [
    'Checkbox',
    CheckboxComponent,
    {
      type: 'Checkbox',
      name: 'ok',
      label: 'OK?',
      defaultChecked: true,
      onChangeAction: action,
      disabled: false,
      required: true,
    },
  ],
  [
    'Input',
    InputComponent,
    {
      type: 'Input',
      name: 'n',
      inputType: 'email',
      defaultValue: 'a@b.c',
      required: true,
      pattern: '.+@.+',
      placeholder: 'mail',
      allowAutofillExtensions: false,
      autoSelect: true,
      autoFocus: true,
      disabled: false,
      variant: 'outline',
      size: 'xl',
      gutterSize: '2xs',
      pill: true,
    },
  ],
  [
    'Label',
    LabelComponent,
    {
      type: 'Label',
      value: 'Email',
      fieldName: 'n',
      size: 'xs',
      weight: 'normal',
      textAlign: 'start',
      color: 'danger',
    },
  ],
  [
    'RadioGroup',
    RadioGroupComponent,
    {
      type: 'RadioGroup',
      name: 'r',
      options: [{ label: 'A', value: 'a', disabled: true }],
      ariaLabel: 'Pick one',
      onChangeAction: action,
      defaultValue: 'a',
      direction: 'col',
      disabled: false,
      required: true,
    },
  ],
  [
    'Textarea',
    TextareaComponent,
    {
      type: 'Textarea',
      name: 't',
      defaultValue: 'x',
      required: false,
      pattern: '.*',
      placeholder: 'Say',
      autoSelect: false,
      autoFocus: true,
      disabled: false,
      variant: 'soft',
      size: 'sm',
      gutterSize: 'xl',
      rows: 3,
      autoResize: true,
      maxRows: 8,
      allowAutofillExtensions: true,
    },
  ],
  ['Transition', TransitionComponent, { type: 'Transition', children: { type: 'Text', value: 'x' } }],
  [
    'Chart',
    ChartComponent,
    {
      type: 'Chart',
      data: [{ month: 'Jan', sales: 3, cost: 1.5 }],
      series: [
        { type: 'bar', label: 'Sales', dataKey: 'sales', stack: 's', color: 'blue' },
        { type: 'area', label: null, dataKey: 'cost', curveType: 'monotone', stack: 's' },
        { type: 'line', label: 'Cost', dataKey: 'cost', color: { light: 'red', dark: 'pink' }, curveType: 'stepAfter' },
      ],
      xAxis: { dataKey: 'month', hide: false, labels: { Jan: 'January' } },
      showYAxis: true,
      showLegend: false,
      showTooltip: true,
      barGap: 2,
      barCategoryGap: 4,
      height: 200,
      aspectRatio: 2,
    },
  ],
  [
    'Table',
    TableComponent,
    {
      type: 'Table',
      children: [
        {
          type: 'Table.Row',
          header: true,
          children: [{ type: 'Table.Cell', children: [{ type: 'Text', value: 'Dish' }] }],
        },
      ],
    },
  ],
  ['Table.Row', TableRowComponent, { type: 'Table.Row', header: false, key: 'r1', children: [] }],
  [
    'Table.Cell',
    TableCellComponent,
    {
      type: 'Table.Cell',
      children: [{ type: 'Badge', label: 'new' }],
      width: '40%',
      padding: { x: 2, y: '4px' },
      colSpan: 2,
      rowSpan: 1,
      align: 'end',
      vAlign: 'center',
      colSize: 'lg',
    },
  ],
];

/** A root holding `component`, so any example can be checked as a whole widget. */
function rootFor(component: Record<string, unknown>): Record<string, unknown> {
  if (['Card', 'ListView', 'Basic'].includes(component.type as string)) return component;
  if (component.type === 'ListViewItem') return { type: 'ListView', children: [component] };
  if (component.type === 'Table.Row') return { type: 'Card', children: [{ type: 'Table', children: [component] }] };
  if (component.type === 'Table.Cell')
    return { type: 'Card', children: [{ type: 'Table', children: [{ type: 'Table.Row', children: [component] }] }] };
  return { type: 'Card', children: [component] };
}

const issuesOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues ?? [];

describe('strict schemas accept every component', () => {
  test('the examples cover every component of the registry, each with its registered schema', () => {
    expect(examples.map(([name]) => name).sort()).toEqual(Object.keys(WIDGET_COMPONENTS).sort());
    for (const [name, schema] of examples) expect(schema, name).toBe(WIDGET_COMPONENTS[name].schema);
  });

  test("the registry's roots are the wire's root types", () => {
    const roots = Object.entries(WIDGET_COMPONENTS).filter(([, entry]) => entry.placement === 'root');
    expect(roots.map(([name]) => name).sort()).toEqual([...WIDGET_ROOT_TYPES].sort());
  });

  test.each(examples)(
    '%s parses with its schema, inside a root, and as a loose wire root',
    (_name, schema, example) => {
      expect(issuesOf(schema, example)).toEqual([]);
      const strictRoot = StrictWidgetRoot.parse(rootFor(example));
      expect(WidgetRoot.safeParse(strictRoot).success).toBe(true);
    },
  );

  test('null optional props are accepted, as in Python', () => {
    expect(
      issuesOf(TextComponent, { type: 'Text', value: 'x', key: null, id: null, color: null, editable: null }),
    ).toEqual([]);
  });

  test('action props get the ActionConfig defaults', () => {
    const button = ButtonComponent.parse({ type: 'Button', onClickAction: { type: 'go' } });
    expect(button.onClickAction).toEqual({
      type: 'go',
      payload: null,
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
  });

  test('a Text may be made non-editable with false, but not with true', () => {
    expect(issuesOf(TextComponent, { type: 'Text', value: 'x', editable: false })).toEqual([]);
    expect(issuesOf(TextComponent, { type: 'Text', value: 'x', editable: true })[0]?.path).toEqual(['editable']);
  });

  test("studio output (the SDK's card_no_data fixture) is valid strict JSON", () => {
    expect(issuesOf(StrictWidgetRoot, CARD_NO_DATA)).toEqual([]);
  });
});

describe('strict schemas reject mistakes, naming the field', () => {
  test('a bad enum value, deep in the tree', () => {
    const issues = issuesOf(StrictWidgetRoot, {
      type: 'Card',
      children: [{ type: 'Box', children: [{ type: 'Badge', label: 'x', color: 'pink' }] }],
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'invalid_value', path: ['children', 0, 'children', 0, 'color'] });
  });

  test('a bad root size', () => {
    expect(issuesOf(CardComponent, { type: 'Card', children: [], size: 'huge' })[0]?.path).toEqual(['size']);
  });

  test('a bad icon name, with the icon hint', () => {
    const [issue] = issuesOf(StrictWidgetRoot, { type: 'Card', children: [{ type: 'Icon', name: 'rocket' }] });
    expect(issue?.path).toEqual(['children', 0, 'name']);
    expect(issue?.message).toMatch(/unknown icon name/);
  });

  test('a bad button icon', () => {
    expect(issuesOf(ButtonComponent, { type: 'Button', iconStart: 'nope' })[0]?.path).toEqual(['iconStart']);
  });

  test('an unknown prop (a typo)', () => {
    expect(issuesOf(TextComponent, { type: 'Text', value: 'x', colour: 'red' })[0]).toMatchObject({
      code: 'unrecognized_keys',
      keys: ['colour'],
    });
  });

  test('an unknown component type', () => {
    expect(issuesOf(StrictWidgetComponent, { type: 'Video', src: 'x' })[0]?.path).toEqual(['type']);
  });

  test('a missing required prop', () => {
    expect(issuesOf(SelectComponent, { type: 'Select', name: 's' })[0]?.path).toEqual(['options']);
  });

  test('a whole number prop given a fraction', () => {
    expect(issuesOf(TextComponent, { type: 'Text', value: 'x', maxLines: 1.5 })[0]?.path).toEqual(['maxLines']);
  });

  test('a theme colour with an extra key', () => {
    expect(
      issuesOf(TextComponent, { type: 'Text', value: 'x', color: { light: 'a', dark: 'b', dim: 'c' } })[0]?.path,
    ).toEqual(['color']);
  });

  test('a border with a bad style', () => {
    expect(issuesOf(BoxComponent, { type: 'Box', border: { size: 1, style: 'wavy' } })[0]?.path).toEqual(['border']);
  });

  test('a date that is not ISO-8601', () => {
    expect(issuesOf(DatePickerComponent, { type: 'DatePicker', name: 'd', min: 'next tuesday' })[0]?.path).toEqual([
      'min',
    ]);
  });

  test('a ListViewItem outside a ListView', () => {
    expect(
      issuesOf(StrictWidgetRoot, { type: 'Card', children: [{ type: 'ListViewItem', children: [] }] })[0]?.path,
    ).toEqual(['children', 0, 'type']);
  });

  test('a ListView child that is not a ListViewItem', () => {
    expect(
      issuesOf(ListViewComponent, { type: 'ListView', children: [{ type: 'Text', value: 'x' }] }).map(
        (issue) => issue.path,
      ),
    ).toContainEqual(['children', 0, 'type']);
  });

  test('a table row outside a Table, a cell outside a row, and a Table holding a cell directly', () => {
    expect(
      issuesOf(StrictWidgetRoot, { type: 'Card', children: [{ type: 'Table.Row', children: [] }] })[0]?.path,
    ).toEqual(['children', 0, 'type']);
    expect(issuesOf(StrictWidgetRoot, { type: 'Card', children: [{ type: 'Table.Cell' }] })[0]?.path).toEqual([
      'children',
      0,
      'type',
    ]);
    expect(
      issuesOf(TableComponent, { type: 'Table', children: [{ type: 'Table.Cell', children: [] }] }).map(
        (issue) => issue.path,
      ),
    ).toContainEqual(['children', 0, 'type']);
  });

  test('a table cell spanning no columns, and an unknown alignment', () => {
    expect(issuesOf(TableCellComponent, { type: 'Table.Cell', colSpan: 0 })[0]?.path).toEqual(['colSpan']);
    expect(issuesOf(TableCellComponent, { type: 'Table.Cell', vAlign: 'top' })[0]?.path).toEqual(['vAlign']);
  });

  test('a Transition with a list of children', () => {
    expect(issuesOf(TransitionComponent, { type: 'Transition', children: [] })[0]?.path).toEqual(['children']);
  });

  test('a chart series with an unknown type', () => {
    const chart = { type: 'Chart', data: [], series: [{ type: 'pie', label: 'x', dataKey: 'y' }], xAxis: 'x' };
    expect(issuesOf(ChartComponent, chart)[0]?.path).toEqual(['series', 0, 'type']);
  });

  test('a bad child of a Basic root, which may hold components and roots', () => {
    expect(
      issuesOf(BasicComponent, {
        type: 'Basic',
        children: [{ type: 'Card', children: [{ type: 'Icon', name: 'x' }] }],
      })[0]?.path,
    ).toEqual(['children', 0, 'children', 0, 'name']);
  });

  test('a non-root as a root', () => {
    expect(issuesOf(StrictWidgetRoot, { type: 'Text', value: 'x' })[0]?.path).toEqual(['type']);
  });
});

describe('builders', () => {
  test('add the type and return plain JSON', () => {
    const card = w.Card({ children: [w.Text({ value: 'Hi' }), w.Divider()] });
    expect(card).toEqual({ type: 'Card', children: [{ type: 'Text', value: 'Hi' }, { type: 'Divider' }] });
    expect(JSON.parse(JSON.stringify(card))).toEqual(card);
    expect(Object.getPrototypeOf(card)).toBe(Object.prototype);
  });

  test('set the type themselves: a `type` slipped in by an untyped caller cannot change the component', () => {
    const sneaky = { value: 'x', type: 'Markdown' } as unknown as Parameters<typeof w.Text>[0];
    expect(w.Text(sneaky).type).toBe('Text');
  });

  test('fill action defaults, as the strict Python classes do', () => {
    expect(w.Button({ label: 'Go', onClickAction: { type: 'go' } }).onClickAction).toEqual({
      type: 'go',
      payload: null,
      handler: 'server',
      loadingBehavior: 'auto',
      streaming: true,
    });
  });

  test('every component of the registry has a builder that adds its type (Table.Row as w.Table.Row)', () => {
    const builderFor = (type: string) =>
      type.split('.').reduce<unknown>((scope, key) => (scope as Record<string, unknown>)[key], w) as (
        props?: Record<string, unknown>,
      ) => { type: string };
    const minimal: Partial<Record<WidgetComponentType, Record<string, unknown>>> = {
      Card: { children: [] },
      ListView: { children: [] },
      ListViewItem: { children: [] },
      Text: { value: '' },
      Title: { value: '' },
      Caption: { value: '' },
      Markdown: { value: '' },
      Badge: { label: '' },
      Transition: { children: null },
      Icon: { name: 'star' },
      Image: { src: 'data:image/png;base64,AA==' },
      Chart: { data: [], series: [], xAxis: 'x' },
      Select: { name: 's', options: [] },
      DatePicker: { name: 'd' },
      Checkbox: { name: 'c' },
      Input: { name: 'i' },
      Label: { value: 'l', fieldName: 'i' },
      RadioGroup: { name: 'r' },
      Textarea: { name: 't' },
    };
    for (const type of Object.keys(WIDGET_COMPONENTS) as WidgetComponentType[]) {
      expect(builderFor(type)(minimal[type] ?? {}).type, type).toBe(type);
    }
  });

  test('a table from Table, Table.Row and Table.Cell', () => {
    const table = w.Table({
      children: [
        w.Table.Row({ header: true, children: [w.Table.Cell({ children: [w.Text({ value: 'Dish' })] })] }),
        w.TableRow({ children: [w.TableCell({ align: 'end', children: [w.Text({ value: 'Risotto' })] })] }),
      ],
    });
    expect(table).toEqual({
      type: 'Table',
      children: [
        {
          type: 'Table.Row',
          header: true,
          children: [{ type: 'Table.Cell', children: [{ type: 'Text', value: 'Dish' }] }],
        },
        {
          type: 'Table.Row',
          children: [{ type: 'Table.Cell', align: 'end', children: [{ type: 'Text', value: 'Risotto' }] }],
        },
      ],
    });
    expect(() => w.Card({ children: [w.Table.Row() as never] })).toThrow(/^Card\.children\[0\]\.type/);
  });

  test('build every root', () => {
    expect(w.ListView({ children: [w.ListViewItem({ children: [w.Text({ value: 'row' })] })] }).type).toBe('ListView');
    expect(w.Basic().type).toBe('Basic');
    expect(w.Basic({ children: [w.Title({ value: 'Name' })] }).children).toHaveLength(1);
  });

  test('throw a WidgetValidationError naming the bad prop', () => {
    // Hand-written children are checked too, not only builder-made ones.
    const bad = () => w.Card({ children: [{ type: 'Row', children: [{ type: 'Icon', name: 'rocket' }] } as never] });
    expect(bad).toThrow(w.WidgetValidationError);
    expect(bad).toThrow(/^Card\.children\[0\]\.children\[0\]\.name: unknown icon name/);
  });

  test('report how many more problems there are', () => {
    const bad = () => w.Badge({ label: 'x', color: 'pink' as never, size: 'huge' as never });
    expect(bad).toThrow(/^Badge\.color: .* \(and 1 more\)$/);
    try {
      bad();
    } catch (error) {
      expect((error as w.WidgetValidationError).issues.map((issue) => issue.path)).toEqual([['color'], ['size']]);
    }
  });
});

describe('serialisation (§7.2, checklist 69)', () => {
  const widget = () => w.Card({ children: [w.Text({ value: 'Hello' })] });

  test('a widget without the optional props has no keys for them, and always its type', () => {
    const json = JSON.parse(toWireJson(WidgetRoot, WidgetRoot.parse(widget())));
    expect(json).toEqual({ type: 'Card', children: [{ type: 'Text', value: 'Hello' }] });
  });

  test('null props are dropped at the top level and nested', () => {
    const strict = StrictWidgetRoot.parse({
      type: 'Card',
      key: null,
      padding: null,
      status: null,
      collapsed: null,
      children: [{ type: 'Text', value: 'Hello', italic: null, streaming: null, color: null, key: null }],
    });
    const wire = toWireJson(WidgetRoot, WidgetRoot.parse(strict));
    expect(wire).toBe('{"type":"Card","children":[{"type":"Text","value":"Hello"}]}');
  });

  test('null props are dropped inside a widget item too', () => {
    const item = ThreadItem.parse({
      id: 'w',
      thread_id: 't',
      created_at: '2025-01-01T00:00:00',
      type: 'widget',
      widget: StrictWidgetRoot.parse({
        type: 'Card',
        padding: null,
        children: [{ type: 'Text', value: 'Hello', color: null }],
      }),
    });
    const json = JSON.parse(itemToJson(item));
    expect(json.widget).toEqual({ type: 'Card', children: [{ type: 'Text', value: 'Hello' }] });
    for (const key of ['key', 'padding', 'status', 'collapsed']) expect(json.widget).not.toHaveProperty(key);
    for (const key of ['italic', 'streaming', 'color', 'key']) expect(json.widget.children[0]).not.toHaveProperty(key);
  });

  test('a strict action writes its defaults and drops its null payload', () => {
    const card = w.Card({ children: [w.Button({ onClickAction: { type: 'go' } })] });
    expect(toWireJson(WidgetRoot, WidgetRoot.parse(card))).toBe(
      '{"type":"Card","children":[{"type":"Button","onClickAction":{"type":"go","handler":"server","loadingBehavior":"auto","streaming":true}}]}',
    );
  });

  test('false, 0 and empty lists are kept', () => {
    const card = w.Card({ children: [w.Box({ children: [], gap: 0 }), w.Text({ value: '', italic: false })] });
    expect(toWireJson(WidgetRoot, WidgetRoot.parse(card))).toBe(
      '{"type":"Card","children":[{"type":"Box","children":[],"gap":0},{"type":"Text","value":"","italic":false}]}',
    );
  });
});
