// applyThreadItemUpdate: the one function that applies a `thread.item.updated` update, shared by the
// server's items in flight and the UI (protocol.md §5.5 for the assistant and workflow rules).
import { describe, expect, test } from 'vitest';
import {
  applyThreadItemUpdate,
  type AssistantMessageItem,
  type GeneratedImageItem,
  type Task,
  type ThreadItemUpdate,
  type WidgetItem,
  type WorkflowItem,
} from '../../src/index.ts';

const base = { thread_id: 'thr', created_at: '2025-01-01T00:00:00Z' };
const text = (value: string) => ({ type: 'output_text' as const, text: value, annotations: [] });
const source = (title: string) => ({ type: 'url' as const, title, url: `https://example.com/${title}` });
const annotation = (title: string) => ({ type: 'annotation' as const, source: source(title), index: null });

function assistant(...parts: string[]): AssistantMessageItem {
  return { ...base, id: 'msg', type: 'assistant_message', content: parts.map(text) };
}

function workflow(...titles: string[]): WorkflowItem {
  const tasks: Task[] = titles.map((title) => ({ type: 'custom', title, status_indicator: 'none' }));
  return { ...base, id: 'wf', type: 'workflow', workflow: { type: 'custom', tasks, expanded: false } };
}

function widget(): WidgetItem {
  return {
    ...base,
    id: 'w',
    type: 'widget',
    copy_text: null,
    widget: {
      type: 'Card',
      children: [
        { type: 'Text', id: 'intro', value: 'Hello' },
        { type: 'Row', children: [{ type: 'Markdown', id: 'deep', value: '' }] },
      ],
    },
  };
}

const task = (title: string): Task => ({ type: 'custom', title, status_indicator: 'complete' });

/** Applies `update` to a deep-frozen `item`: any change in place would throw. */
function applyFrozen<T extends Parameters<typeof applyThreadItemUpdate>[0]>(item: T, update: ThreadItemUpdate): T {
  return applyThreadItemUpdate(deepFreeze(structuredClone(item)), update);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('assistant message content parts', () => {
  test('a text delta appends to its part; the input item is left as it was', () => {
    const item = assistant('Hel');
    const next = applyFrozen(item, {
      type: 'assistant_message.content_part.text_delta',
      content_index: 0,
      delta: 'lo',
    });
    expect(next.content).toEqual([text('Hello')]);
    expect(item.content).toEqual([text('Hel')]);
  });

  test('parts are padded with empty text up to content_index, then added, replaced by done', () => {
    const added = applyFrozen(assistant(), {
      type: 'assistant_message.content_part.added',
      content_index: 2,
      content: text('third'),
    });
    expect(added.content).toEqual([text(''), text(''), text('third')]);
    const delta = applyFrozen(assistant(), {
      type: 'assistant_message.content_part.text_delta',
      content_index: 1,
      delta: 'x',
    });
    expect(delta.content).toEqual([text(''), text('x')]);
    const done = applyFrozen(added, {
      type: 'assistant_message.content_part.done',
      content_index: 2,
      content: text('final'),
    });
    expect(done.content.map((part) => part.text)).toEqual(['', '', 'final']);
  });

  test('an annotation is inserted at its index, or appended when the index is past the end', () => {
    let item = assistant('cited');
    for (const [title, index] of [
      ['first', 0],
      ['last', 9],
      ['middle', 1],
    ] as const) {
      item = applyFrozen(item, {
        type: 'assistant_message.content_part.annotation_added',
        content_index: 0,
        annotation_index: index,
        annotation: annotation(title),
      });
    }
    expect(item.content[0]!.annotations.map((entry) => entry.source.title)).toEqual(['first', 'middle', 'last']);
  });

  test('a negative content_index is out of range', () => {
    expect(() =>
      applyThreadItemUpdate(assistant('a'), {
        type: 'assistant_message.content_part.text_delta',
        content_index: -1,
        delta: 'x',
      }),
    ).toThrow(RangeError);
  });
});

describe('workflow tasks', () => {
  test('task.added appends, whatever task_index says', () => {
    const next = applyFrozen(workflow('one'), { type: 'workflow.task.added', task_index: 0, task: task('two') });
    expect(next.workflow.tasks.map((entry) => entry.title)).toEqual(['one', 'two']);
  });

  test('task.updated replaces the task at task_index', () => {
    const next = applyFrozen(workflow('one', 'two'), {
      type: 'workflow.task.updated',
      task_index: 1,
      task: task('two, done'),
    });
    expect(next.workflow.tasks).toEqual([
      { type: 'custom', title: 'one', status_indicator: 'none' },
      task('two, done'),
    ]);
  });

  test.each([2, 5, -1])('task.updated at index %i of two tasks is a RangeError and changes nothing', (index) => {
    const item = deepFreeze(workflow('one', 'two'));
    expect(() =>
      applyThreadItemUpdate(item, { type: 'workflow.task.updated', task_index: index, task: task('x') }),
    ).toThrow(new RegExp(`task_index ${index} is out of range \\(the workflow has 2 tasks\\)`));
    expect(item.workflow.tasks).toHaveLength(2);
  });
});

describe('widgets and images', () => {
  test('streamed text goes to the component with that id, however deep; done clears streaming', () => {
    const once = applyFrozen(widget(), {
      type: 'widget.streaming_text.value_delta',
      component_id: 'deep',
      delta: '**hi**',
      done: false,
    });
    const row = once.widget.children as unknown as { children: { value: string; streaming: boolean }[] }[];
    expect(row[1]!.children[0]).toMatchObject({ value: '**hi**', streaming: true });
    const twice = applyFrozen(once, {
      type: 'widget.streaming_text.value_delta',
      component_id: 'intro',
      delta: ' there',
      done: true,
    });
    expect((twice.widget.children as unknown as { value: string; streaming?: boolean }[])[0]).toMatchObject({
      value: 'Hello there',
      streaming: false,
    });
  });

  test('a component or the whole root is replaced', () => {
    const component = applyFrozen(widget(), {
      type: 'widget.component.updated',
      component_id: 'intro',
      component: { type: 'Title', id: 'intro', value: 'New' },
    });
    expect((component.widget.children as { type: string }[])[0]!.type).toBe('Title');
    const root = applyFrozen(widget(), {
      type: 'widget.root.updated',
      widget: { type: 'ListView', children: [] },
    });
    expect(root.widget).toEqual({ type: 'ListView', children: [] });
  });

  test('a generated image is replaced', () => {
    const item: GeneratedImageItem = { ...base, id: 'img', type: 'generated_image', image: null };
    const next = applyFrozen(item, {
      type: 'generated_image.updated',
      image: { id: 'i1', url: 'data:image/png;base64,AA==' },
      progress: 0.5,
    });
    expect(next.image).toEqual({ id: 'i1', url: 'data:image/png;base64,AA==' });
  });
});

test('an update for another kind of item leaves it unchanged (the same object)', () => {
  const message = assistant('text');
  expect(applyThreadItemUpdate(message, { type: 'workflow.task.added', task_index: 0, task: task('x') })).toBe(message);
  const flow = workflow('one');
  expect(
    applyThreadItemUpdate(flow, { type: 'assistant_message.content_part.text_delta', content_index: 0, delta: 'x' }),
  ).toBe(flow);
  // Even a task.updated that would be out of range: it was not meant for this item.
  expect(applyThreadItemUpdate(message, { type: 'workflow.task.updated', task_index: 3, task: task('x') })).toBe(
    message,
  );
});
