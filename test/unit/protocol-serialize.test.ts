/**
 * The wire serialiser (protocol.md §2.1): exclude_none, non-null defaults, attachment metadata,
 * thread responses, and key order. Each captured SDK sample of protocol.md §2-§4 is parsed and
 * written back; the output must equal the capture byte for byte (key order included), since our
 * writer follows the SDK's field declaration order.
 */
import { describe, expect, test } from 'vitest';
import {
  Attachment,
  PageOf,
  Thread,
  ThreadItem,
  ThreadStreamEvent,
  eventToJson,
  itemToJson,
  now,
  toThreadResponse,
  toWireJson,
  type ThreadMetadata,
} from '../../src/index.ts';

/** Parses `json` with the item schema and writes it back. */
const roundTripItem = (json: string) => itemToJson(ThreadItem.parse(JSON.parse(json)));
const roundTripEvent = (json: string) => eventToJson(ThreadStreamEvent.parse(JSON.parse(json)));

describe('captured thread items round-trip byte for byte (§4.1, §4.4, §4.7)', () => {
  const samples: Record<string, string> = {
    'user_message with quoted text and inference options':
      '{"id":"msg_c125ec8b","thread_id":"thr_deb2b399","created_at":"2026-11-26T15:53:04.610024","type":"user_message","content":[{"type":"input_text","text":"x"}],"attachments":[],"quoted_text":"q","inference_options":{"tool_choice":{"id":"t"},"model":"gpt"}}',
    'user_message with a tag and both attachment kinds':
      '{"id":"m","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[{"type":"input_text","text":"hi "},{"type":"input_tag","id":"ent","text":"Doc","data":{"k":1},"interactive":false}],"attachments":[{"id":"atc","name":"a.png","mime_type":"image/png","thread_id":"t","type":"image","preview_url":"https://p/"},{"id":"f","name":"f.txt","mime_type":"text/plain","type":"file"}],"inference_options":{"tool_choice":{"id":"tool"},"model":"m"}}',
    assistant_message:
      '{"id":"a1","thread_id":"thr_deb2b399","created_at":"2025-01-01T00:00:00","type":"assistant_message","content":[{"annotations":[],"text":"Hi","type":"output_text"}]}',
    'pending client_tool_call (output omitted)':
      '{"id":"c","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"client_tool_call","status":"pending","call_id":"call","name":"n","arguments":{}}',
    'completed client_tool_call':
      '{"id":"tc_1","thread_id":"thr_06b7d686","created_at":"2025-01-02T03:04:05","type":"client_tool_call","status":"completed","call_id":"call_1","name":"get_sel","arguments":{"a":1},"output":{"sel":[1,2]}}',
    'widget with an action config':
      '{"id":"w1","thread_id":"thr_c528af7e","created_at":"2025-01-02T03:04:05","type":"widget","widget":{"type":"Card","children":[{"type":"Text","value":"x"},{"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"k":1},"handler":"server","loadingBehavior":"auto","streaming":true}}]},"copy_text":"copy"}',
    'generated_image without an image':
      '{"id":"g","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"generated_image"}',
    end_of_turn: '{"id":"eot","thread_id":"thr_c528af7e","created_at":"2025-01-02T03:04:05","type":"end_of_turn"}',
    hidden_context_item:
      '{"id":"h","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"hidden_context_item","content":{"a":1}}',
    sdk_hidden_context:
      '{"id":"s","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"sdk_hidden_context","content":"x"}',
    task: '{"id":"tsk_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"task","task":{"status_indicator":"complete","type":"custom","title":"t","content":"c"}}',
    'reasoning workflow with every task type':
      '{"id":"wf_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"workflow","workflow":{"type":"reasoning","tasks":[{"status_indicator":"none","type":"thought","content":"c"},{"status_indicator":"none","type":"custom","title":"x","icon":"search"},{"status_indicator":"none","type":"web_search","queries":["q"],"sources":[{"title":"A","type":"url","url":"https://a"}]},{"status_indicator":"none","type":"file","sources":[{"title":"F","type":"file","filename":"f.pdf"}]},{"status_indicator":"none","type":"image"}],"summary":{"duration":3},"expanded":false}}',
    'custom workflow with a custom summary':
      '{"id":"wf_2","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"workflow","workflow":{"type":"custom","tasks":[],"summary":{"title":"Done","icon":"check"},"expanded":true}}',
    'structured_input, pending':
      '{"id":"si_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"structured_input","status":"pending","inputs":[{"id":"q1","question":"Pick","type":"multiple_choice","options":[{"value":"A"},{"value":"B"}],"multiple":false},{"id":"q2","question":"Why?","type":"freeform","description":"d"}]}',
    'structured_input, answered':
      '{"id":"si_1","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"structured_input","status":"answered","inputs":[{"id":"q1","question":"Pick","answer":{"values":["A"],"skipped":false},"type":"multiple_choice","options":[{"value":"A"},{"value":"B"}],"multiple":false},{"id":"q2","question":"Why?","answer":{"values":[],"skipped":true},"type":"freeform","description":"d"}]}',
  };
  for (const [name, json] of Object.entries(samples)) {
    test(name, () => expect(roundTripItem(json)).toBe(json));
  }

  test('an entity annotation writes interactive and data defaults', () => {
    const json =
      '{"id":"a","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"assistant_message","content":[{"annotations":[{"type":"annotation","source":{"title":"E","type":"entity","id":"e","interactive":false,"data":{}},"index":1}],"text":"x","type":"output_text"}]}';
    expect(roundTripItem(json)).toBe(json);
  });
});

describe('captured stream events and item updates round-trip byte for byte (§3.3)', () => {
  const samples = [
    '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.added","content_index":0,"content":{"annotations":[],"text":"","type":"output_text"}}}',
    '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.annotation_added","content_index":0,"annotation_index":0,"annotation":{"type":"annotation","source":{"title":"f","type":"file","filename":"f"}}}}',
    '{"type":"thread.item.updated","item_id":"a","update":{"type":"assistant_message.content_part.done","content_index":0,"content":{"annotations":[],"text":"full","type":"output_text"}}}',
    '{"type":"thread.item.updated","item_id":"message_1","update":{"type":"widget.streaming_text.value_delta","component_id":"x","delta":"He","done":false}}',
    '{"type":"thread.item.updated","item_id":"w","update":{"type":"workflow.task.added","task_index":0,"task":{"status_indicator":"none","type":"thought","content":"t"}}}',
    '{"type":"thread.item.updated","item_id":"g","update":{"type":"generated_image.updated","image":{"id":"ig","url":"data:..."},"progress":0.5}}',
    '{"type":"error","code":"stream.error","allow_retry":true}',
    '{"type":"error","code":"custom","message":"nope","allow_retry":true}',
    '{"type":"progress_update","icon":"search","text":"x"}',
    '{"type":"notice","level":"warning","message":"m","title":"t"}',
    '{"type":"stream_options","stream_options":{"allow_cancel":false}}',
    '{"type":"thread.item.removed","item_id":"x"}',
    '{"type":"thread.item.updated","item_id":"a1","update":{"type":"assistant_message.content_part.text_delta","content_index":0,"delta":"Hi"}}',
    '{"type":"progress_update","text":"working"}',
    '{"type":"notice","level":"info","message":"note"}',
    '{"type":"client_effect","name":"fx","data":{}}',
  ];
  for (const json of samples) {
    test(json, () => expect(roundTripEvent(json)).toBe(json));
  }

  test('a bare error event writes its defaults: code custom, allow_retry false', () => {
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'error' }))).toBe(
      '{"type":"error","code":"custom","allow_retry":false}',
    );
  });

  test('client_effect data defaults to {} and is always written', () => {
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'client_effect', name: 'fx' }))).toBe(
      '{"type":"client_effect","name":"fx","data":{}}',
    );
  });
});

describe('null fields are omitted at every depth (§2.1 rule 1)', () => {
  test('null model fields disappear, nested ones too', () => {
    const item = ThreadItem.parse({
      id: 'u',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'user_message',
      content: [{ type: 'input_tag', id: 'e', text: 'Doc', data: {}, group: null }],
      attachments: [
        {
          id: 'f',
          name: 'f',
          mime_type: 'text/plain',
          type: 'file',
          thread_id: null,
          upload_descriptor: null,
          metadata: null,
        },
      ],
      quoted_text: null,
      inference_options: { tool_choice: null, model: null },
    });
    expect(itemToJson(item)).toBe(
      '{"id":"u","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"user_message","content":[{"type":"input_tag","id":"e","text":"Doc","data":{},"interactive":false}],"attachments":[{"id":"f","name":"f","mime_type":"text/plain","type":"file"}],"inference_options":{}}',
    );
  });

  test('null annotation index, source fields, task fields and progress icon are omitted', () => {
    const item = ThreadItem.parse({
      id: 'a',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'assistant_message',
      content: [
        {
          text: 'x',
          annotations: [
            {
              type: 'annotation',
              index: null,
              source: { type: 'url', title: 'T', url: 'https://a/b', description: null, attribution: null },
            },
          ],
        },
      ],
    });
    expect(itemToJson(item)).toBe(
      '{"id":"a","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"assistant_message","content":[{"annotations":[{"type":"annotation","source":{"title":"T","type":"url","url":"https://a/b"}}],"text":"x","type":"output_text"}]}',
    );
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'progress_update', icon: null, text: 'x' }))).toBe(
      '{"type":"progress_update","text":"x"}',
    );
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'error', code: 'custom', message: null }))).toBe(
      '{"type":"error","code":"custom","allow_retry":false}',
    );
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'notice', level: 'info', message: 'm', title: null }))).toBe(
      '{"type":"notice","level":"info","message":"m"}',
    );
  });

  test('a client tool call with output null has no output key', () => {
    const item = ThreadItem.parse({
      id: 'c',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'client_tool_call',
      call_id: 'x',
      name: 'n',
      arguments: {},
      output: null,
    });
    expect(itemToJson(item)).not.toContain('output');
  });

  test('a page without a cursor has no after key', () => {
    expect(toWireJson(PageOf(ThreadItem), { data: [], has_more: false, after: null })).toBe(
      '{"data":[],"has_more":false}',
    );
  });
});

describe('nulls inside free-form values are data and are kept (§2.1 rule 1, caveat)', () => {
  test('tool arguments and nested output keep their nulls', () => {
    const item = ThreadItem.parse({
      id: 'c',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'client_tool_call',
      status: 'completed',
      call_id: 'x',
      name: 'n',
      arguments: { a: null, b: [null, { c: null }] },
      output: { rows: [{ v: null }], next: null },
    });
    expect(itemToJson(item)).toContain(
      '"arguments":{"a":null,"b":[null,{"c":null}]},"output":{"rows":[{"v":null}],"next":null}',
    );
  });

  test('hidden context content keeps its nulls', () => {
    const item = ThreadItem.parse({
      id: 'h',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'hidden_context_item',
      content: { a: null, list: [null] },
    });
    expect(itemToJson(item)).toContain('"content":{"a":null,"list":[null]}');
  });

  test('input tag data and client effect data keep their nulls', () => {
    const item = ThreadItem.parse({
      id: 'u',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'user_message',
      content: [{ type: 'input_tag', id: 'e', text: 'Doc', data: { k: null } }],
      inference_options: {},
    });
    expect(itemToJson(item)).toContain('"data":{"k":null}');
    expect(eventToJson(ThreadStreamEvent.parse({ type: 'client_effect', name: 'fx', data: { x: null } }))).toBe(
      '{"type":"client_effect","name":"fx","data":{"x":null}}',
    );
  });
});

describe('non-null defaults are always written (§2.1 rule 2)', () => {
  test('defaults filled on parse are written: [], {}, false, "none", "pending", active status', () => {
    const workflow = ThreadItem.parse({
      id: 'w',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'workflow',
      workflow: { type: 'custom', tasks: [{ type: 'web_search' }, { type: 'file' }] },
    });
    expect(itemToJson(workflow)).toBe(
      '{"id":"w","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"workflow","workflow":{"type":"custom","tasks":[{"status_indicator":"none","type":"web_search","queries":[],"sources":[]},{"status_indicator":"none","type":"file","sources":[]}],"expanded":false}}',
    );
    const call = ThreadItem.parse({
      id: 'c',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'client_tool_call',
      call_id: 'x',
      name: 'n',
      arguments: {},
    });
    expect(itemToJson(call)).toContain('"status":"pending"');
    const user = ThreadItem.parse({
      id: 'u',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'user_message',
      content: [],
      inference_options: {},
    });
    expect(itemToJson(user)).toContain('"attachments":[],"inference_options":{}');
    const si = ThreadItem.parse({
      id: 's',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'structured_input',
      inputs: [{ id: 'q', question: 'Q', type: 'multiple_choice', options: [], answer: {} }],
    });
    expect(itemToJson(si)).toBe(
      '{"id":"s","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"structured_input","status":"pending","inputs":[{"id":"q","question":"Q","answer":{"values":[],"skipped":false},"type":"multiple_choice","options":[],"multiple":false}]}',
    );
    const attachment = Attachment.parse({
      id: 'a',
      name: 'a',
      mime_type: 'text/plain',
      type: 'file',
      upload_descriptor: { url: 'https://u/x', method: 'POST' },
    });
    expect(toWireJson(Attachment, attachment)).toBe(
      '{"id":"a","name":"a","mime_type":"text/plain","upload_descriptor":{"url":"https://u/x","method":"POST","headers":{}},"type":"file"}',
    );
  });
});

describe('attachment metadata is never written (§2.1 rule 4)', () => {
  test('not on an attachment, nor inside a user message', () => {
    const attachment = Attachment.parse({
      id: 'a',
      name: 'a.png',
      mime_type: 'image/png',
      type: 'image',
      preview_url: 'https://p/a',
      metadata: { source: 'test' },
    });
    expect(attachment.metadata).toEqual({ source: 'test' });
    expect(toWireJson(Attachment, attachment)).toBe(
      '{"id":"a","name":"a.png","mime_type":"image/png","type":"image","preview_url":"https://p/a"}',
    );
    const item = ThreadItem.parse({
      id: 'u',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'user_message',
      content: [],
      inference_options: {},
      attachments: [
        { ...attachment },
        { id: 'f', name: 'f', mime_type: 'text/plain', type: 'file', metadata: { secret: 1 } },
      ],
    });
    expect(itemToJson(item)).not.toContain('metadata');
    expect(itemToJson(item)).not.toContain('secret');
  });
});

describe('thread responses (§2.3)', () => {
  const stored: ThreadMetadata = {
    title: 'x',
    id: 't',
    created_at: '2025-01-02T03:04:05',
    status: { type: 'closed', reason: 'done' },
    allowed_image_domains: ['a.com'],
    metadata: { secret: true },
  };

  test('the captured closed thread: metadata {} and an empty items page', () => {
    expect(toWireJson(Thread, toThreadResponse(stored))).toBe(
      '{"title":"x","id":"t","created_at":"2025-01-02T03:04:05","status":{"type":"closed","reason":"done"},"allowed_image_domains":["a.com"],"metadata":{},"items":{"data":[],"has_more":false}}',
    );
  });

  test('the captured locked thread without title or image domains: both keys omitted', () => {
    expect(
      toWireJson(
        Thread,
        toThreadResponse({ id: 't', created_at: '2025-01-02T03:04:05', status: { type: 'locked' }, metadata: {} }),
      ),
    ).toBe(
      '{"id":"t","created_at":"2025-01-02T03:04:05","status":{"type":"locked"},"metadata":{},"items":{"data":[],"has_more":false}}',
    );
  });

  test('only the client-visible fields are copied; stray keys of the source do not leak', () => {
    const response = toThreadResponse({ ...stored, extra: 1 } as ThreadMetadata);
    expect(Object.keys(response)).toEqual([
      'title',
      'id',
      'created_at',
      'status',
      'allowed_image_domains',
      'metadata',
      'items',
    ]);
    expect(response.metadata).toEqual({});
  });

  test('a full thread keeps its page (cursor included) with hidden items removed', () => {
    const visible = ThreadItem.parse({ id: 'e', thread_id: 't', created_at: now(), type: 'end_of_turn' });
    const hidden = ThreadItem.parse({
      id: 'h',
      thread_id: 't',
      created_at: now(),
      type: 'hidden_context_item',
      content: 'x',
    });
    const sdk = ThreadItem.parse({
      id: 's',
      thread_id: 't',
      created_at: now(),
      type: 'sdk_hidden_context',
      content: 'x',
    });
    const response = toThreadResponse({
      ...stored,
      items: { data: [hidden, visible, sdk], has_more: true, after: 's' },
    });
    expect(response.items).toEqual({ data: [visible], has_more: true, after: 's' });
  });
});

test('our own timestamps are Date#toISOString() strings (deliberate difference from the naive local times of Python)', () => {
  expect(now()).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
});

describe('widget action payloads', () => {
  test('nulls inside an action payload are data and are kept; unset props are dropped', async () => {
    const { ThreadItem, itemToJson } = await import('../../src/protocol/index.ts');
    const item = ThreadItem.parse({
      id: 'w',
      thread_id: 't',
      created_at: '2025-01-02T03:04:05',
      type: 'widget',
      widget: {
        type: 'Card',
        children: [
          {
            type: 'Button',
            label: 'Go',
            color: null,
            onClickAction: { type: 'go', payload: { keep: null, nested: { also: null } } },
          },
        ],
      },
    });
    expect(itemToJson(item)).toBe(
      '{"id":"w","thread_id":"t","created_at":"2025-01-02T03:04:05","type":"widget","widget":{"type":"Card","children":[{"type":"Button","label":"Go","onClickAction":{"type":"go","payload":{"keep":null,"nested":{"also":null}}}}]}}',
    );
  });
});
