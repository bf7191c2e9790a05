import { describe, expect, test } from 'vitest';
import { EventStreamParser, parseEventStream, type ServerSentEvent } from '../../src/client/sse.ts';

function parseAll(...pieces: string[]): ServerSentEvent[] {
  const parser = new EventStreamParser();
  return pieces.flatMap((piece) => parser.push(piece));
}

const data = (events: ServerSentEvent[]) => events.map((event) => event.data);

describe('EventStreamParser (WHATWG event stream rules)', () => {
  test('one event per blank line, with "data: " stripped of one space', () => {
    expect(data(parseAll('data: {"a":1}\n\ndata:  two spaces\n\n'))).toEqual(['{"a":1}', ' two spaces']);
  });

  test('LF, CRLF and CR line ends, including a CRLF split across pieces', () => {
    expect(data(parseAll('data: a\r\n\r\ndata: b\r\rdata: c\r', '\n\r\n'))).toEqual(['a', 'b', 'c']);
  });

  test('a CRLF split by an empty piece is still one line end', () => {
    // An empty piece between the CR and the LF must not make the LF a second (blank) line.
    expect(parseAll('data: a\r', '', '\ndata: b\r\n\r\n')).toEqual([
      { event: 'message', data: 'a\nb', lastEventId: '' },
    ]);
  });

  test('events and lines split at any point across pieces', () => {
    const text = 'data: {"type":"notice","message":"héllo"}\n\ndata: x\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      expect(data(parseAll(text.slice(0, cut), text.slice(cut)))).toEqual(['{"type":"notice","message":"héllo"}', 'x']);
    }
  });

  test('several data lines join with a newline; comments and unknown fields are ignored', () => {
    const events = parseAll(': keep-alive\ndata: line 1\nretry: 10\nfoo: bar\ndata: line 2\n\n');
    expect(events).toEqual([{ event: 'message', data: 'line 1\nline 2', lastEventId: '' }]);
  });

  test('event and id fields are reported; an id with NUL is ignored', () => {
    const events = parseAll('event: update\nid: 7\ndata: x\n\nid: bad\0id\ndata: y\n\n');
    expect(events).toEqual([
      { event: 'update', data: 'x', lastEventId: '7' },
      { event: 'message', data: 'y', lastEventId: '7' },
    ]);
  });

  test('a leading BOM is dropped, a blank line with no data dispatches nothing', () => {
    expect(data(parseAll('\uFEFFdata: first\n\n\n\nevent: x\n\n'))).toEqual(['first']);
  });

  test('a field name alone means an empty value', () => {
    expect(data(parseAll('data\n\n'))).toEqual(['']);
  });

  test('an event left without its blank line at the end of the stream is discarded', async () => {
    const body = new Blob(['data: complete\n\ndata: cut off']).stream();
    const events: string[] = [];
    for await (const event of parseEventStream(body)) events.push(event.data);
    expect(events).toEqual(['complete']);
  });

  test('multi-byte characters split between chunks decode intact', async () => {
    const bytes = new TextEncoder().encode('data: ☃\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 7));
        controller.enqueue(bytes.slice(7));
        controller.close();
      },
    });
    const events: string[] = [];
    for await (const event of parseEventStream(body)) events.push(event.data);
    expect(events).toEqual(['☃']);
  });

  test('aborting the signal ends the iteration with the abort reason', async () => {
    const abort = new AbortController();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('data: one\n\n'));
      },
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const event of parseEventStream(body, abort.signal)) {
          seen.push(event.data);
          abort.abort(new DOMException('stop', 'AbortError'));
        }
      })(),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['one']);
  });
});
