// WidgetTemplate: `.widget` files (protocol.md §7.4, checklist 70), rendered with Python Jinja's
// semantics (StrictUndefined, default whitespace handling).
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { WidgetRoot, itemToJson, ThreadItem } from '../../src/protocol/index.ts';
import { UndefinedError, WidgetTemplate, diffWidget } from '../../src/widgets/index.ts';
import { CARD_NO_DATA, lineItem } from '../support/widget-fixtures.ts';

/** The SDK's template fixtures (tests/assets/widgets): each file's `name` and `template`, and the expected output. */
const FIXTURES = {
  list_view_no_data: {
    name: 'Untitled widget',
    template:
      '{"type":"ListView","children":[{"type":"ListViewItem","key":"blue","gap":5,"onClickAction":{"type":"line.select","payload":{"id":"blue"}},"children":[{"type":"Box","background":"blue-500","radius":"full","size":25},{"type":"Text","value":"Blue line","size":"sm"}]},{"type":"ListViewItem","key":"orange","gap":5,"onClickAction":{"type":"line.select","payload":{"id":"orange"}},"children":[{"type":"Box","background":"orange-500","radius":"full","size":25},{"type":"Text","value":"Orange line","size":"sm"}]}]}',
    expected: {
      type: 'ListView',
      children: [lineItem('blue', 'Blue line'), lineItem('orange', 'Orange line')],
    },
  },
  list_view_with_data: {
    name: 'list_view_with_data',
    template:
      '{"type":"ListView","children":[{%- set _c -%}{%-for item in items -%},{"type":"ListViewItem","key":{{ (item.id) | tojson }},"gap":5,"onClickAction":{"type":"line.select","payload":{"id":{{ (item.id) | tojson }}}},"children":[{"type":"Box","background":{{ (item.color) | tojson }},"radius":"full","size":25},{"type":"Text","value":{{ (item.label) | tojson }},"size":"sm"}]}{%-endfor-%}{%- endset -%}{{- (_c[1:] if _c and _c[0] == \',\' else _c) -}}]}',
    expected: {
      type: 'ListView',
      children: [lineItem('blue', 'Blue line'), lineItem('orange', 'Orange line'), lineItem('purple', 'Purple line')],
    },
  },
  card_no_data: {
    name: 'Enable Notification',
    template:
      '{"type":"Card","children":[{"type":"Col","align":"center","gap":4,"padding":4,"children":[{"type":"Box","background":"green-400","radius":"full","padding":3,"children":[{"type":"Icon","name":"check","size":"3xl","color":"white"}]},{"type":"Col","align":"center","gap":1,"children":[{"type":"Title","value":"Enable notification"},{"type":"Text","value":"Notify me when this item ships","color":"secondary"}]}]},{"type":"Row","children":[{"type":"Button","label":"Yes","block":true,"onClickAction":{"type":"notification.settings","payload":{"enable":true}}},{"type":"Button","label":"No","block":true,"variant":"outline","onClickAction":{"type":"notification.settings","payload":{"enable":true}}}]}]}',
    expected: CARD_NO_DATA,
  },
  card_with_data: {
    name: 'Channel message',
    template:
      '{"type":"Card","size":"md","children":[{"type":"Row","children":[{"type":"Text","value":{{ (channel) | tojson }}},{"type":"Spacer"},{"type":"Text","value":{{ (time) | tojson }},"color":"tertiary"}]},{"type":"Divider","flush":true},{"type":"Row","align":"start","gap":4,"children":[{"type":"Image","src":{{ (user.image) | tojson }},"size":44},{"type":"Col","children":[{"type":"Text","value":{{ (user.name) | tojson }},"weight":"semibold"},{"type":"Markdown","value":{{ (("End of week update for ChatKit:\\n\\n1. Designed **new header system** with more flexibility for custom menu actions.\\n2. Made progress on **DevDay training material**.\\n3. Coordinated with partners to **prioritize remaining feature requirements**.\\n\\n**Next week** I plan to focus on building out our Figma library and updating to new icons.")) | tojson }}}]}]},{"type":"Spacer"}]}',
    expected: {
      type: 'Card',
      size: 'md',
      children: [
        {
          type: 'Row',
          children: [
            { type: 'Text', value: '#proj-chatkit' },
            { type: 'Spacer' },
            { type: 'Text', value: '4:48 PM', color: 'tertiary' },
          ],
        },
        { type: 'Divider', flush: true },
        {
          type: 'Row',
          align: 'start',
          gap: 4,
          children: [
            { type: 'Image', src: '/pam.png', size: 44 },
            {
              type: 'Col',
              children: [
                { type: 'Text', value: 'Pam Beesly', weight: 'semibold' },
                {
                  type: 'Markdown',
                  value:
                    'End of week update for ChatKit:\n\n1. Designed **new header system** with more flexibility for custom menu actions.\n2. Made progress on **DevDay training material**.\n3. Coordinated with partners to **prioritize remaining feature requirements**.\n\n**Next week** I plan to focus on building out our Figma library and updating to new icons.',
                },
              ],
            },
          ],
        },
        { type: 'Spacer' },
      ],
    },
  },
  basic_root: {
    name: 'Author preview',
    template:
      '{"type":"Basic","children":[{"type":"Col","gap":1,"children":[{"type":"Title","value":{{ (name) | tojson }},"size":"sm"},{"type":"Text","value":{{ (bio) | tojson }},"size":"sm"}]}]}',
    expected: {
      type: 'Basic',
      children: [
        {
          type: 'Col',
          gap: 1,
          children: [
            { type: 'Title', value: 'Harry Potter', size: 'sm' },
            { type: 'Text', value: 'The boy who lived', size: 'sm' },
          ],
        },
      ],
    },
  },
};

/** The data the SDK's test_widget_template_from_file passes to each fixture. */
const DATA: Record<keyof typeof FIXTURES, Record<string, unknown> | undefined> = {
  list_view_no_data: undefined,
  card_no_data: undefined,
  list_view_with_data: {
    items: [
      { id: 'blue', label: 'Blue line', color: 'blue-500' },
      { id: 'orange', label: 'Orange line', color: 'orange-500' },
      { id: 'purple', label: 'Purple line', color: 'purple-500' },
    ],
  },
  card_with_data: { channel: '#proj-chatkit', time: '4:48 PM', user: { image: '/pam.png', name: 'Pam Beesly' } },
  basic_root: { name: 'Harry Potter', bio: 'The boy who lived' },
};

const templateOf = (name: keyof typeof FIXTURES) =>
  new WidgetTemplate({ version: '1.0', name: FIXTURES[name].name, template: FIXTURES[name].template, jsonSchema: {} });

describe('checklist 70: the SDK fixtures build to the expected JSON', () => {
  test.each(Object.keys(FIXTURES) as (keyof typeof FIXTURES)[])('%s', (name) => {
    expect(templateOf(name).build(DATA[name])).toEqual(FIXTURES[name].expected);
  });

  test('a Basic root builds, keeps its type, and fits in a widget item', () => {
    const widget = templateOf('basic_root').build(DATA.basic_root);
    expect(widget.type).toBe('Basic');
    const item = ThreadItem.parse({
      id: '1',
      thread_id: '1',
      created_at: '2025-01-01T00:00:00',
      type: 'widget',
      widget,
    });
    expect(JSON.parse(itemToJson(item)).widget).toEqual(FIXTURES.basic_root.expected);
  });

  test('template output is kept as rendered: no action defaults are added', () => {
    const widget = templateOf('card_no_data').build();
    const row = (widget.children as unknown as { children: { onClickAction: unknown }[] }[])[1]!;
    expect(row.children[0]!.onClickAction).toEqual({ type: 'notification.settings', payload: { enable: true } });
  });

  test('a loop over an empty list renders an empty ListView (the set-block and slice idiom)', () => {
    expect(templateOf('list_view_with_data').build({ items: [] })).toEqual({ type: 'ListView', children: [] });
  });

  test('built widgets diff like any other (checklist 68)', () => {
    const build = (name: string) =>
      templateOf('card_with_data').build({ ...DATA.card_with_data, user: { image: '/p.png', name } });
    expect(diffWidget(build('Pam'), build('Pam'))).toEqual([]);
    expect(diffWidget(build('Pam'), build('Jim')).map((update) => update.type)).toEqual(['widget.root.updated']);
  });
});

describe('the definition', () => {
  test('reads a .widget file', () => {
    const file = JSON.stringify({
      version: '1.0',
      name: 'Author preview',
      template: FIXTURES.basic_root.template,
      jsonSchema: { type: 'object' },
      outputJsonPreview: {},
      encodedWidget: 'eyJ9',
    });
    const template = WidgetTemplate.fromJson(file);
    expect(template.name).toBe('Author preview');
    expect(template.version).toBe('1.0');
    expect(template.dataSchema).toEqual({ type: 'object' });
    expect(template.build(DATA.basic_root).type).toBe('Basic');
  });

  test('a missing jsonSchema is an empty schema', () => {
    expect(new WidgetTemplate({ version: '1.0', name: 'n', template: '{}' }).dataSchema).toEqual({});
  });

  test('any version but 1.0 is rejected', () => {
    expect(() => new WidgetTemplate({ version: '2.0', name: 'n', template: '{}' })).toThrow(
      'Unsupported widget spec version: 2.0',
    );
  });

  test('a template that does not parse is rejected up front', () => {
    expect(() => new WidgetTemplate({ version: '1.0', name: 'n', template: '{% for x in %}' })).toThrow(
      /^Widget template "n" does not parse: /,
    );
  });
});

describe('rendering like Python Jinja', () => {
  const card = (body: string) => new WidgetTemplate({ version: '1.0', name: 'probe', template: body });

  test('a missing variable is an error (StrictUndefined)', () => {
    expect(() => templateOf('card_with_data').build({})).toThrow(UndefinedError);
    expect(() => templateOf('card_with_data').build({})).toThrow("'channel' is undefined");
  });

  test('a missing attribute is an error', () => {
    const data = { channel: 'c', time: 't', user: { image: '/i.png' } };
    expect(() => templateOf('card_with_data').build(data)).toThrow("'user.name' is undefined");
  });

  test('`is defined` and `default` may look at missing data', () => {
    const template = card(
      '{"type":"Card","children":[{% if title is defined %}{"type":"Title","value":{{ title | tojson }}}{% endif %}],"key":{{ key | default("k") | tojson }}}',
    );
    expect(template.build({})).toEqual({ type: 'Card', children: [], key: 'k' });
    expect(template.build({ title: 'T', key: 'x' })).toEqual({
      type: 'Card',
      children: [{ type: 'Title', value: 'T' }],
      key: 'x',
    });
  });

  test('tojson escapes strings into valid JSON', () => {
    const value = 'He said "hi"\n\\ <b> & é 🎉';
    expect(card('{"type":"Basic","children":[{"type":"Text","value":{{ v | tojson }}}]}').build({ v: value })).toEqual({
      type: 'Basic',
      children: [{ type: 'Text', value }],
    });
  });

  test('whitespace follows Jinja defaults: the newline after a block tag is kept', () => {
    expect(card('{% if true %}\nx{% endif %}').render()).toBe('\nx');
  });

  test('range and loops work', () => {
    expect(card('{% for i in range(3) %}{{ i }}{% if not loop.last %},{% endif %}{% endfor %}').render()).toBe('0,1,2');
  });

  test('output that is not JSON is an error naming the template', () => {
    expect(() => card('{"type": {{ 1 }}').build()).toThrow(/^Widget template "probe" did not render JSON/);
  });

  test('output that is not a root is an error', () => {
    expect(() => card('{"type":"Text","value":"x"}').build()).toThrow(/did not render a widget root \(type:/);
  });
});

test('the template engine runs where code generation from strings is forbidden (a strict CSP)', () => {
  const script = `
    import { Template } from '@huggingface/jinja';
    const out = new Template(${JSON.stringify(FIXTURES.list_view_with_data.template)}).render(${JSON.stringify(DATA.list_view_with_data)});
    process.stdout.write(out);
  `;
  const child = spawnSync(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script],
    {
      cwd: process.cwd(),
      encoding: 'utf8',
    },
  );
  expect(child.stderr).toBe('');
  expect(JSON.parse(child.stdout)).toEqual(FIXTURES.list_view_with_data.expected);
  expect(WidgetRoot.safeParse(JSON.parse(child.stdout)).success).toBe(true);
});
