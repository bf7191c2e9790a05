/**
 * `ThreadItemConverter` (protocol.md §8.3): one test per thread item type, with the exact texts of
 * the Python SDK's converter in the JS SDK's input shapes, and a check that the JS SDK accepts every
 * shape produced (its own protocol schema, and a real run that sends them to a model).
 */
import { Agent, protocol, run, type AgentInputItem } from '@openai/agents';
import { describe, expect, test } from 'vitest';
import type { Attachment, ThreadItem, UserMessageTagContent } from '../../src/index.ts';
import { Card, Text } from '../../src/widgets.ts';
import {
  ConversionNotImplementedError,
  simpleToAgentInput,
  TAG_CONTEXT_HEADER,
  ThreadItemConverter,
  type UserInputContent,
} from '../../src/agents.ts';
import './agents-harness.ts';
import { message, ScriptedModel } from './agents-scripted-model.ts';

const base = { thread_id: 'thr_1', created_at: '2025-01-02T03:04:05.000Z' };

function userMessage(
  id: string,
  content: Extract<ThreadItem, { type: 'user_message' }>['content'],
  extra: { quoted_text?: string; attachments?: Attachment[] } = {},
): ThreadItem {
  return {
    ...base,
    id,
    type: 'user_message',
    content,
    attachments: extra.attachments ?? [],
    quoted_text: extra.quoted_text,
    inference_options: {},
  };
}

const text = (value: string) => ({ type: 'input_text' as const, text: value });
const tag = (id: string, value: string): UserMessageTagContent => ({
  type: 'input_tag',
  id,
  text: value,
  data: { id },
  interactive: false,
});
const userText = (value: string) => ({ type: 'message', role: 'user', content: [{ type: 'input_text', text: value }] });
const image: Attachment = {
  type: 'image',
  id: 'atc_1',
  name: 'cat.png',
  mime_type: 'image/png',
  preview_url: 'https://files.example/cat.png',
};

describe('user_message', () => {
  test('text parts as typed; quoted text is added for the last item only', async () => {
    const items = [
      userMessage('m1', [text('Hello!')], { quoted_text: 'Hi!' }),
      userMessage('m2', [text("I'm well, "), text('thank you!')], { quoted_text: 'How are you doing?' }),
    ];

    expect(await simpleToAgentInput(items)).toEqual([
      userText('Hello!'),
      userText("I'm well, thank you!"),
      userText('The user is referring to this in particular: \nHow are you doing?'),
    ]);
  });

  test('tags are written @text, then described once each (first seen order) after the fixed header', async () => {
    class TagConverter extends ThreadItemConverter {
      override async tagToMessageContent(mention: UserMessageTagContent): Promise<UserInputContent> {
        return { type: 'input_text', text: `${mention.text} is entity ${String(mention.data.id)}` };
      }
    }
    const item = userMessage('m1', [
      text('Compare '),
      tag('e1', 'Alpha'),
      text(' and '),
      tag('e2', 'Beta'),
      text(' with '),
      tag('e1', 'Alpha'),
    ]);

    expect(await new TagConverter().toAgentInput(item)).toEqual([
      userText('Compare @Alpha and @Beta with @Alpha'),
      {
        type: 'message',
        role: 'user',
        content: [
          {
            type: 'input_text',
            text: "# User-provided context for @-mentions\n- When referencing resolved entities, use their canonical names **without** '@'.\n- The '@' form appears only in user text and should not be echoed.",
          },
          { type: 'input_text', text: 'Alpha is entity e1' },
          { type: 'input_text', text: 'Beta is entity e2' },
        ],
      },
    ]);
    expect(TAG_CONTEXT_HEADER.split('\n')).toHaveLength(3);
  });

  test('tags and attachments need an override: by default they throw an error that says what to override', async () => {
    await expect(simpleToAgentInput(userMessage('m1', [tag('e1', 'Alpha')]))).rejects.toThrow(
      ConversionNotImplementedError,
    );
    await expect(simpleToAgentInput(userMessage('m1', [tag('e1', 'Alpha')]))).rejects.toThrow('tagToMessageContent');
    await expect(simpleToAgentInput(userMessage('m1', [text('Look')], { attachments: [image] }))).rejects.toThrow(
      /attachment \(cat\.png\).*attachmentToMessageContent is not implemented/,
    );
  });

  test('attachments follow the text in the same message, converted by the override', async () => {
    class FileConverter extends ThreadItemConverter {
      override async attachmentToMessageContent(attachment: Attachment): Promise<UserInputContent> {
        return attachment.type === 'image'
          ? { type: 'input_image', image: attachment.preview_url, detail: 'auto' }
          : { type: 'input_file', file: { url: `https://files.example/${attachment.id}` } };
      }
    }
    const file: Attachment = { type: 'file', id: 'atc_2', name: 'notes.txt', mime_type: 'text/plain' };

    expect(
      await new FileConverter().toAgentInput(userMessage('m1', [text('See these')], { attachments: [image, file] })),
    ).toEqual([
      {
        type: 'message',
        role: 'user',
        content: [
          { type: 'input_text', text: 'See these' },
          { type: 'input_image', image: 'https://files.example/cat.png', detail: 'auto' },
          { type: 'input_file', file: { url: 'https://files.example/atc_2' } },
        ],
      },
    ]);
  });
});

test('assistant_message: one output_text part per content part, without annotations', async () => {
  const item: ThreadItem = {
    ...base,
    id: 'a1',
    type: 'assistant_message',
    content: [
      {
        type: 'output_text',
        text: 'How are you doing?',
        annotations: [{ type: 'annotation', source: { type: 'url', url: 'https://a', title: 'A' }, index: 1 }],
      },
      { type: 'output_text', text: "Can't do that", annotations: [] },
    ],
  };

  expect(await simpleToAgentInput([item])).toEqual([
    {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [
        { type: 'output_text', text: 'How are you doing?' },
        { type: 'output_text', text: "Can't do that" },
      ],
    },
  ]);
});

test('client_tool_call: a pending call is left out; a completed one is the function call and its result', async () => {
  const call = {
    ...base,
    type: 'client_tool_call' as const,
    call_id: 'call_1',
    name: 'xyz',
    arguments: { foo: 'bar' },
  };

  expect(
    await simpleToAgentInput([
      { ...call, id: 'tc_1', status: 'pending' },
      { ...call, id: 'tc_2', status: 'completed', output: { success: true } },
      { ...call, id: 'tc_3', status: 'completed' },
    ]),
  ).toEqual([
    { type: 'function_call', callId: 'call_1', name: 'xyz', arguments: '{"foo":"bar"}' },
    { type: 'function_call_result', callId: 'call_1', name: 'xyz', status: 'completed', output: '{"success":true}' },
    { type: 'function_call', callId: 'call_1', name: 'xyz', arguments: '{"foo":"bar"}' },
    { type: 'function_call_result', callId: 'call_1', name: 'xyz', status: 'completed', output: 'null' },
  ]);
});

test('end_of_turn: nothing', async () => {
  expect(await simpleToAgentInput([{ ...base, id: 'eot', type: 'end_of_turn' }])).toEqual([]);
});

test('widget: the sentence immediately followed by the widget JSON, without null props', async () => {
  const widget = { ...Card({ children: [Text({ value: 'Hello, world!' })] }), size: null } as unknown as ReturnType<
    typeof Card
  >;

  expect(await simpleToAgentInput([{ ...base, id: 'wd_123', type: 'widget', widget }])).toEqual([
    userText(
      'The following graphical UI widget (id: wd_123) was displayed to the user:{"type":"Card","children":[{"type":"Text","value":"Hello, world!"}]}',
    ),
  ]);
});

test('workflow: one message per custom task with a title or content; other tasks are skipped', async () => {
  const item: ThreadItem = {
    ...base,
    id: 'wf',
    type: 'workflow',
    workflow: {
      type: 'custom',
      expanded: false,
      tasks: [
        { status_indicator: 'none', type: 'custom', title: 'Searched', content: 'the docs' },
        { status_indicator: 'none', type: 'custom', title: 'Only a title' },
        { status_indicator: 'none', type: 'custom', content: 'Only content' },
        { status_indicator: 'none', type: 'custom', icon: 'search' },
        { status_indicator: 'none', type: 'thought', content: 'A thought' },
        { status_indicator: 'none', type: 'web_search', queries: ['q'], sources: [] },
      ],
    },
  };

  const performed = (value: string) =>
    userText(`A message was displayed to the user that the following task was performed:\n<Task>\n${value}\n</Task>`);
  expect(await simpleToAgentInput([item])).toEqual([
    performed('Searched: the docs'),
    performed('Only a title'),
    performed('Only content'),
  ]);
});

test('task: the same text for a custom task; nothing for other tasks or an empty one', async () => {
  const task = (value: Extract<ThreadItem, { type: 'task' }>['task']): ThreadItem => ({
    ...base,
    id: 'tsk',
    type: 'task',
    task: value,
  });

  expect(
    await simpleToAgentInput([
      task({ status_indicator: 'complete', type: 'custom', title: 'Called xyz' }),
      task({ status_indicator: 'none', type: 'custom' }),
      task({ status_indicator: 'none', type: 'image', title: 'An image' }),
    ]),
  ).toEqual([
    userText('A message was displayed to the user that the following task was performed:\n<Task>\nCalled xyz\n</Task>'),
  ]);
});

test('structured_input: the status, then one line per question (answers, skipped, unanswered)', async () => {
  const item: ThreadItem = {
    ...base,
    id: 'si',
    type: 'structured_input',
    status: 'answered',
    inputs: [
      {
        id: 'subject',
        question: 'Which subject is this lesson for?',
        type: 'multiple_choice',
        multiple: true,
        options: [{ value: 'Math' }, { value: 'Science' }],
        answer: { values: ['Math', 'Science'], skipped: false },
      },
      { id: 'details', question: 'Anything else to know?', type: 'freeform', answer: { values: [], skipped: true } },
      { id: 'level', question: 'Which level?', type: 'freeform' },
    ],
  };

  expect(await simpleToAgentInput([item])).toEqual([
    userText(
      'A structured input request was displayed to the user with the following status: answered\n<StructuredInput>\n' +
        '- Which subject is this lesson for?: Math, Science\n- Anything else to know?: skipped\n- Which level?: unanswered\n</StructuredInput>',
    ),
  ]);
});

describe('hidden_context_item', () => {
  test('string content is wrapped for the model', async () => {
    expect(
      await simpleToAgentInput([
        { ...base, id: 'h', type: 'hidden_context_item', content: 'User pressed the red button' },
      ]),
    ).toEqual([
      userText(
        'Hidden context for the agent (not shown to the user):\n<HiddenContext>\nUser pressed the red button\n</HiddenContext>',
      ),
    ]);
  });

  test('other content throws by default; an override decides', async () => {
    const item: ThreadItem = {
      ...base,
      id: 'h',
      type: 'hidden_context_item',
      content: { harry: 'potter', hermione: 'granger' },
    };
    class KeysConverter extends ThreadItemConverter {
      override async hiddenContextToInput(hidden: Extract<ThreadItem, { type: 'hidden_context_item' }>) {
        return userText(`<HIDDEN>${Object.keys(hidden.content as object).join(',')}</HIDDEN>`) as AgentInputItem;
      }
    }

    await expect(simpleToAgentInput([item])).rejects.toThrow(ConversionNotImplementedError);
    expect(await new KeysConverter().toAgentInput([item])).toEqual([userText('<HIDDEN>harry,hermione</HIDDEN>')]);
  });
});

test('sdk_hidden_context: the same wrapper around its content', async () => {
  expect(
    await simpleToAgentInput([
      { ...base, id: 's', type: 'sdk_hidden_context', content: 'The user cancelled the stream.' },
    ]),
  ).toEqual([
    userText(
      'Hidden context for the agent (not shown to the user):\n<HiddenContext>\nThe user cancelled the stream.\n</HiddenContext>',
    ),
  ]);
});

test('generated_image: the sentence and the image; nothing while there is no image', async () => {
  expect(
    await simpleToAgentInput([
      { ...base, id: 'g1', type: 'generated_image', image: { id: 'img_1', url: 'https://example.com/img.png' } },
      { ...base, id: 'g2', type: 'generated_image' },
    ]),
  ).toEqual([
    {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'The following image was generated by the agent.' },
        { type: 'input_image', detail: 'auto', image: 'https://example.com/img.png' },
      ],
    },
  ]);
});

test('the JS Agents SDK accepts every shape the converter makes, and a run sends them to the model', async () => {
  const items: ThreadItem[] = [
    userMessage('m1', [text('Hi')], { quoted_text: 'earlier' }),
    {
      ...base,
      id: 'a1',
      type: 'assistant_message',
      content: [{ type: 'output_text', text: 'Hello', annotations: [] }],
    },
    {
      ...base,
      id: 'tc',
      type: 'client_tool_call',
      status: 'completed',
      call_id: 'call_1',
      name: 'get_selection',
      arguments: {},
      output: 'cats',
    },
    { ...base, id: 'w', type: 'widget', widget: Card({ children: [Text({ value: 'Card' })] }) },
    { ...base, id: 'g', type: 'generated_image', image: { id: 'img', url: 'https://example.com/i.png' } },
    { ...base, id: 's', type: 'sdk_hidden_context', content: 'note' },
    userMessage('m2', [text('And now?')], { quoted_text: 'this part' }),
  ];
  const input = await simpleToAgentInput(items);
  const model = new ScriptedModel([message('msg_1', 'Sure.')]);

  await (
    await run(new Agent({ name: 'A', instructions: 'x', model }), input, { stream: true })
  ).completed;

  expect(input.map((item) => protocol.ModelItem.safeParse(item).success)).toEqual(input.map(() => true));
  expect(input).toHaveLength(9);
  expect(model.requests[0]?.input).toEqual(input);
});
