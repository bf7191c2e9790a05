// diffWidget: one test per rule of protocol.md §7.3 and per checklist item 64–68 (§9.3). Checklist
// cases run twice, on builder-made (strict) roots and on plain JSON parsed as the loose wire
// `WidgetRoot` (what a template produces), since both must diff identically (item 68).
import { describe, expect, test } from 'vitest';
import { WidgetRoot, type ThreadItemUpdate } from '../../src/protocol/index.ts';
import { Box, Card, Markdown, Text, Transition, diffWidget, type WidgetRootJson } from '../../src/widgets/index.ts';
import { needsFullReplace, streamingTextDeltas } from '../../src/widgets/diff.ts';

const types = (updates: ThreadItemUpdate[]) => updates.map((update) => update.type);

type TextProps = { id?: string; value: string; streaming?: boolean };
/** The two ways to make the same card with text children. */
const flavours: Record<string, (texts: TextProps[]) => WidgetRootJson> = {
  strict: (texts) => Card({ children: texts.map((props) => Text(props)) }),
  dynamic: (texts) => WidgetRoot.parse({ type: 'Card', children: texts.map((props) => ({ type: 'Text', ...props })) }),
};

describe.each(Object.entries(flavours))('checklist 64–68 (%s roots)', (_flavour, card) => {
  test('64: an empty card against an empty card gives no updates', () => {
    expect(diffWidget(card([]), card([]))).toEqual([]);
  });

  test('65: a streaming text with an id that grows gives one value delta', () => {
    const updates = diffWidget(
      card([{ id: 'text', value: 'Hello', streaming: true }]),
      card([{ id: 'text', value: 'Hello, world!', streaming: true }]),
    );
    expect(updates).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'text', delta: ', world!', done: false },
    ]);
  });

  test('66: the same growth with streaming switched off replaces the root', () => {
    const after = card([{ id: 'text', value: 'Hello, world!', streaming: false }]);
    const updates = diffWidget(card([{ id: 'text', value: 'Hello', streaming: true }]), after);
    expect(updates).toEqual([{ type: 'widget.root.updated', widget: after }]);
  });

  test('67: a text without id whose new value is not an extension replaces the root', () => {
    expect(types(diffWidget(card([{ value: 'Hello' }]), card([{ value: 'world!' }])))).toEqual(['widget.root.updated']);
  });
});

describe('full replace check (§7.3 step 1)', () => {
  const text = (props: Record<string, unknown>): WidgetRootJson =>
    WidgetRoot.parse({ type: 'Card', children: [{ type: 'Text', value: 'a', ...props }] });

  test('a different root type replaces the root', () => {
    const before = WidgetRoot.parse({ type: 'Card', children: [] });
    const after = WidgetRoot.parse({ type: 'Basic', children: [] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('a different component type replaces the root, even for a grown value', () => {
    const before = Card({ children: [Text({ id: 't', value: 'a' })] });
    const after = Card({ children: [Markdown({ id: 't', value: 'ab' })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('a changed id replaces the root', () => {
    expect(types(diffWidget(text({ id: 'x' }), text({ id: 'y' })))).toEqual(['widget.root.updated']);
  });

  test('a changed key replaces the root', () => {
    expect(types(diffWidget(text({ key: 'x' }), text({ key: 'y' })))).toEqual(['widget.root.updated']);
  });

  test('any other changed prop replaces the root', () => {
    expect(types(diffWidget(text({ weight: 'bold' }), text({ weight: 'normal' })))).toEqual(['widget.root.updated']);
  });

  test('a prop present only after (missing before) replaces the root', () => {
    expect(types(diffWidget(text({}), text({ color: 'primary' })))).toEqual(['widget.root.updated']);
  });

  test('a prop present only before replaces the root', () => {
    expect(types(diffWidget(text({ italic: true }), text({})))).toEqual(['widget.root.updated']);
  });

  test('a null prop and an absent one are the same (both are absent on the wire)', () => {
    expect(diffWidget(text({ color: null }), text({}))).toEqual([]);
  });

  test('a changed nested object prop replaces the root; an equal one does not', () => {
    const action = (id: number) =>
      WidgetRoot.parse({
        type: 'Card',
        children: [{ type: 'Button', onClickAction: { type: 'go', payload: { id } } }],
      });
    expect(types(diffWidget(action(1), action(2)))).toEqual(['widget.root.updated']);
    expect(diffWidget(action(1), action(1))).toEqual([]);
  });

  test('adding a child replaces the root', () => {
    const before = Card({ children: [Text({ value: 'a' })] });
    const after = Card({ children: [Text({ value: 'a' }), Text({ value: 'b' })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('removing a child replaces the root', () => {
    const before = Card({ children: [Text({ value: 'a' }), Text({ value: 'b' })] });
    const after = Card({ children: [Text({ value: 'a' })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('children compare in order: swapping two children replaces the root', () => {
    const before = Card({ children: [Text({ value: 'a' }), Text({ value: 'b' })] });
    const after = Card({ children: [Text({ value: 'b' }), Text({ value: 'a' })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('a change deep in the tree replaces the root', () => {
    const tree = (weight: 'bold' | 'normal') =>
      Card({ children: [Box({ children: [Box({ children: [Text({ value: 'a', weight })] })] })] });
    expect(types(diffWidget(tree('bold'), tree('normal')))).toEqual(['widget.root.updated']);
  });

  test('streaming switched from true to false is a prop change: a full replace, not a done delta', () => {
    const before = Card({ children: [Text({ id: 't', value: 'Hi', streaming: true })] });
    const after = Card({ children: [Text({ id: 't', value: 'Hi', streaming: false })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('a streaming text whose value is not an extension of the old one replaces the root', () => {
    const before = Card({ children: [Text({ id: 't', value: 'Hello' })] });
    const after = Card({ children: [Text({ id: 't', value: 'Help' })] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('the append exemption needs a string value: a growing non-string value replaces the root', () => {
    const before = WidgetRoot.parse({ type: 'Card', children: [{ type: 'Text', id: 't', value: 1 }] });
    const after = WidgetRoot.parse({ type: 'Card', children: [{ type: 'Text', id: 't', value: 12 }] });
    expect(types(diffWidget(before, after))).toEqual(['widget.root.updated']);
  });

  test('the append exemption is only for Text and Markdown', () => {
    const label = (value: string) => WidgetRoot.parse({ type: 'Card', children: [{ type: 'Title', id: 't', value }] });
    expect(types(diffWidget(label('Hel'), label('Hello')))).toEqual(['widget.root.updated']);
  });

  test('needsFullReplace is false for identical trees and for appended streaming text', () => {
    const tree = (value: string) => Card({ children: [Box({ children: [Markdown({ id: 'm', value })] })] });
    expect(needsFullReplace(tree('a'), tree('a'))).toBe(false);
    expect(needsFullReplace(tree('a'), tree('ab'))).toBe(false);
    expect(needsFullReplace(tree('ab'), tree('a'))).toBe(true);
  });
});

describe('value deltas (§7.3 step 3)', () => {
  test('a full replace carries the new root as is', () => {
    const after = Card({ children: [Text({ value: 'new' })], size: 'lg' });
    const [update] = diffWidget(Card({ children: [Text({ value: 'new' })] }), after);
    expect(update).toEqual({ type: 'widget.root.updated', widget: after });
  });

  test('the delta is the appended suffix, addressed by the component id', () => {
    const before = Card({ children: [Markdown({ id: 'md', value: '# Ti', streaming: true })] });
    const after = Card({ children: [Markdown({ id: 'md', value: '# Title\n', streaming: true })] });
    expect(diffWidget(before, after)).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'md', delta: 'tle\n', done: false },
    ]);
  });

  test('done is true when streaming is unset', () => {
    const before = Card({ children: [Text({ id: 't', value: 'a' })] });
    const after = Card({ children: [Text({ id: 't', value: 'ab' })] });
    expect(diffWidget(before, after)).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'b', done: true },
    ]);
  });

  test('done is true when streaming stays false', () => {
    const before = Card({ children: [Text({ id: 't', value: 'a', streaming: false })] });
    const after = Card({ children: [Text({ id: 't', value: 'ab', streaming: false })] });
    expect(diffWidget(before, after)).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'b', done: true },
    ]);
  });

  test('several texts grow at once: one delta each, in tree order; unchanged ones send nothing', () => {
    const tree = (a: string, b: string, c: string) =>
      Card({
        children: [
          Text({ id: 'a', value: a, streaming: true }),
          Box({ children: [Markdown({ id: 'b', value: b, streaming: true })] }),
          Text({ id: 'c', value: c, streaming: true }),
        ],
      });
    expect(diffWidget(tree('1', 'x', 'p'), tree('12', 'x', 'pq'))).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 'a', delta: '2', done: false },
      { type: 'widget.streaming_text.value_delta', component_id: 'c', delta: 'q', done: false },
    ]);
  });

  test('a text without an id that grows sends nothing: no replace and no delta', () => {
    const before = Card({ children: [Text({ value: 'Hel', streaming: true })] });
    const after = Card({ children: [Text({ value: 'Hello', streaming: true })] });
    expect(diffWidget(before, after)).toEqual([]);
  });

  test('an empty id counts as no id', () => {
    const before = Card({ children: [Text({ id: '', value: 'Hel' })] });
    const after = Card({ children: [Text({ id: '', value: 'Hello' })] });
    expect(diffWidget(before, after)).toEqual([]);
  });

  test('the single child of a Transition streams too', () => {
    const tree = (value: string) =>
      Card({ children: [Transition({ children: Text({ id: 't', value, streaming: true }) })] });
    expect(diffWidget(tree('a'), tree('ab'))).toEqual([
      { type: 'widget.streaming_text.value_delta', component_id: 't', delta: 'b', done: false },
    ]);
  });

  test('identical trees give no updates', () => {
    const tree = () => Card({ children: [Text({ id: 't', value: 'same', streaming: true }), Box({ children: [] })] });
    expect(diffWidget(tree(), tree())).toEqual([]);
  });

  test('an id that was not rendered before is an error (with the SDK message)', () => {
    const before = Card({ children: [] });
    const after = Card({ children: [Text({ id: 'late', value: 'x' })] });
    expect(() => streamingTextDeltas(before, after)).toThrow(
      'Node late was not present when the widget was initially rendered. All nodes with ID must persist across all widget updates.',
    );
  });

  test('a value that is not an extension of the old one is an error (with the SDK message)', () => {
    const before = Card({ children: [Text({ id: 't', value: 'Hello' })] });
    const after = Card({ children: [Text({ id: 't', value: 'World' })] });
    expect(() => streamingTextDeltas(before, after)).toThrow(
      'Node t was updated with a new value that is not a prefix of the initial value. All widget updates must be cumulative.',
    );
  });

  test('an id that vanishes from the tree is not an error by itself (removing it already replaced the root)', () => {
    const before = Card({ children: [Text({ id: 't', value: 'x' })] });
    expect(streamingTextDeltas(before, Card({ children: [] }))).toEqual([]);
    expect(types(diffWidget(before, Card({ children: [] })))).toEqual(['widget.root.updated']);
  });

  test('widget.component.updated is never produced', () => {
    const pairs: [WidgetRootJson, WidgetRootJson][] = [
      [Card({ children: [Text({ id: 't', value: 'a' })] }), Card({ children: [Text({ id: 't', value: 'ab' })] })],
      [
        Card({ children: [Text({ id: 't', value: 'a' })] }),
        Card({ children: [Text({ id: 't', value: 'a', italic: true })] }),
      ],
      [Card({ children: [Box({ children: [Text({ value: 'a' })] })] }), Card({ children: [Box({ children: [] })] })],
    ];
    const produced = pairs.flatMap(([before, after]) => types(diffWidget(before, after)));
    expect(produced.length).toBe(3);
    expect(produced).not.toContain('widget.component.updated');
  });
});
