/**
 * What a testing-kit mock records: each request as a test reads it (uploads included), each streamed
 * response with its events and how it ended, and the seeding and reading helpers.
 */
import { describe, expect, test } from 'vitest';
import { describeRequest } from '../../src/testing/record/requests.ts';
import { ResponseLog } from '../../src/testing/record/responses.ts';
import { assistantMessage, on, pause, reply, userMessage } from '../../src/testing/script.ts';
import { collect, createdThreadId, ENDPOINT, scriptedMock } from './testing-harness.ts';

const BASE = '/api/chatkit';

describe('describeRequest', () => {
  test('an endpoint request is its type and params; the request stays readable', async () => {
    const body = JSON.stringify({ type: 'threads.list', params: { limit: 5 } });
    const request = new Request(ENDPOINT, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-user': 'ada' },
    });
    expect(await describeRequest(request, BASE)).toEqual({
      type: 'threads.list',
      params: { limit: 5 },
      method: 'POST',
      url: ENDPOINT,
      headers: { 'content-type': 'application/json', 'x-user': 'ada' },
    });
    expect(await request.text()).toBe(body);
  });

  test('a body that is not a ChatKit request has an empty type and the text as params', async () => {
    const described = await describeRequest(new Request(ENDPOINT, { method: 'POST', body: 'not json' }), BASE);
    expect(described).toMatchObject({ type: '', params: 'not json' });
  });

  test('uploads and downloads appear as attachments.upload, attachments.direct_upload and attachments.content', async () => {
    const form = new FormData();
    form.append('file', new File(['12345'], 'notes.txt', { type: 'text/plain' }));
    const multipart = await describeRequest(
      new Request(`${ENDPOINT}/attachments/atc_1/upload`, { method: 'PUT', body: form }),
      BASE,
    );
    expect(multipart).toMatchObject({
      type: 'attachments.upload',
      params: { attachment_id: 'atc_1', name: 'notes.txt', mime_type: 'text/plain', size: 5 },
    });
    const raw = await describeRequest(
      new Request(`${ENDPOINT}/attachments/atc_2/upload`, {
        method: 'PUT',
        body: new Uint8Array(7),
        headers: { 'content-type': 'image/png' },
      }),
      BASE,
    );
    expect(raw).toMatchObject({
      type: 'attachments.upload',
      params: { attachment_id: 'atc_2', mime_type: 'image/png', size: 7 },
    });
    const direct = await describeRequest(new Request(`${ENDPOINT}/attachments`, { method: 'POST', body: form }), BASE);
    expect(direct).toMatchObject({
      type: 'attachments.direct_upload',
      params: { name: 'notes.txt', mime_type: 'text/plain', size: 5 },
    });
    const content = await describeRequest(new Request(`${ENDPOINT}/attachments/atc%201/content`), BASE);
    expect(content).toMatchObject({ type: 'attachments.content', method: 'GET', params: { attachment_id: 'atc 1' } });
  });
});

describe('ResponseLog', () => {
  test('next() walks the ended responses in order, waiting for one that has not ended yet', async () => {
    const log = new ResponseLog();
    const request = { type: 'threads.create', params: {}, method: 'POST', url: ENDPOINT, headers: {} };
    log.track(request, new Response('{}', { status: 404 }));
    log.track({ ...request, type: 'threads.list' }, new Response('{}'));
    const first = await log.next();
    expect(first).toMatchObject({ type: 'threads.create', status: 404, outcome: 'failed', events: [] });
    const second = log.next();
    let settled = false;
    void second.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: {"type":"progress_update","text":"a"}\n\n'));
        controller.close();
      },
    });
    const tracked = log.track({ ...request, params: { thread_id: 'thr_1' } }, new Response(body));
    expect(await tracked.text()).toBe('data: {"type":"progress_update","text":"a"}\n\n');
    expect(await second).toMatchObject({
      outcome: 'completed',
      threadId: 'thr_1',
      events: [{ type: 'progress_update', text: 'a' }],
    });
    expect(log.responses).toHaveLength(2);
  });
});

describe('the mock core', () => {
  test('records every request in order, and what the user sent', async () => {
    const { client, core } = scriptedMock();
    const threadId = createdThreadId(await collect(client.createThread('one')));
    await collect(client.addUserMessage(threadId, 'two'));
    await client.listThreads();
    expect(core.requests.map((request) => request.type)).toEqual([
      'threads.create',
      'threads.add_user_message',
      'threads.list',
    ]);
    expect(core.sentMessages().map(({ threadId: id, text }) => ({ id, text }))).toEqual([
      { id: null, text: 'one' },
      { id: threadId, text: 'two' },
    ]);
    expect(core.sentMessages()[1]?.input).toEqual({
      content: [{ type: 'input_text', text: 'two' }],
      attachments: [],
      inference_options: {},
    });
  });

  test('nextResponse gives a response that is still streaming once it ends', async () => {
    const { client, core } = scriptedMock({ script: [on('hold', reply(['a', pause(), 'b']))] });
    const next = core.nextResponse();
    const done = collect(client.createThread('hold'));
    core.resume();
    const response = await next;
    expect(response.outcome).toBe('completed');
    expect(response.events.at(-1)).toMatchObject({ type: 'thread.item.done', item: { content: [{ text: 'ab' }] } });
    expect(response.events).toEqual(await done);
  });

  test('seeded threads, items and attachments are served like any others', async () => {
    const { client, core } = scriptedMock();
    const file = await core.seedAttachment({
      name: 'photo.png',
      mimeType: 'image/png',
      bytes: new Uint8Array([1, 2, 3]),
    });
    const { thread, items } = await core.seedThread({
      title: 'Holiday',
      metadata: { owner: 'ada' },
      items: [userMessage('Look', { attachments: [file] }), assistantMessage('Nice!')],
    });
    expect(thread).toMatchObject({
      title: 'Holiday',
      created_at: '2025-01-01T00:00:00.000Z',
      metadata: { owner: 'ada' },
    });
    const loaded = await client.getThread(thread.id);
    expect(loaded.title).toBe('Holiday');
    // The wire leaves out null fields (the attachment's cleared upload descriptor); the rest is as stored.
    expect(loaded.items.data).toMatchObject(items.map(({ id, type, created_at }) => ({ id, type, created_at })));
    expect(items[0]).toMatchObject({ attachments: [{ id: file.id, thread_id: thread.id, type: 'image' }] });
    expect(file).toMatchObject({ preview_url: `${ENDPOINT}/attachments/${file.id}/content`, upload_descriptor: null });
    const bytes = await core.handler(new Request(`${ENDPOINT}/attachments/${file.id}/content`));
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await core.threads()).map((entry) => entry.id)).toEqual([thread.id]);
    expect(await core.snapshot()).toEqual([{ ...thread, items }]);
  });

  test('a bad seed is refused with the field it gets wrong, and stores nothing', async () => {
    const { core } = scriptedMock();
    await expect(
      core.seedThread({ title: 'x', items: [{ type: 'assistant_message', content: [{ text: 3 }] } as never] }),
    ).rejects.toThrow(/Invalid seed: items\[0\]\.content\.0\.text/);
    expect(await core.threads()).toEqual([]);
  });
});
