import { describe, expect, test } from 'vitest';
import { useTestWorkers } from './support/test-workers.ts';
import { ChatKitClient, createChatKitFetch } from '../../src/client.ts';

const startWorker = useTestWorkers();

function client() {
  const worker = startWorker();
  return new ChatKitClient({ fetch: createChatKitFetch({ worker }) });
}

async function pngOf(width: number, height: number): Promise<File> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#c00';
  context.fillRect(0, 0, width, height);
  return new File([await canvas.convertToBlob({ type: 'image/png' })], 'photo.png', { type: 'image/png' });
}

async function sizeOf(url: string): Promise<[number, number]> {
  const bitmap = await createImageBitmap(await (await fetch(url)).blob());
  return [bitmap.width, bitmap.height];
}

/** Loads `src` in an `<img>` inside a sandboxed (opaque-origin) iframe and reports its width. */
function widthInCrossOriginFrame(src: string): Promise<number> {
  const frame = document.createElement('iframe');
  frame.sandbox.add('allow-scripts');
  frame.srcdoc = `<img src="${src}"><script>
    const img = document.querySelector('img');
    const report = () => parent.postMessage({ width: img.naturalWidth }, '*');
    img.complete ? report() : (img.onload = report, img.onerror = report);
  </script>`;
  return new Promise((resolve) => {
    window.addEventListener('message', function onMessage(event) {
      if (event.source !== frame.contentWindow) return;
      window.removeEventListener('message', onMessage);
      frame.remove();
      resolve((event.data as { width: number }).width);
    });
    document.body.append(frame);
  });
}

describe('image previews made in the worker', () => {
  test('a two-phase image upload gets a data: thumbnail no larger than 256px', async () => {
    const attachment = await client().uploadAttachment(await pngOf(1024, 512));
    expect(attachment.type).toBe('image');
    const preview = attachment.type === 'image' ? attachment.preview_url : '';
    expect(preview).toMatch(/^data:image\/(webp|png);base64,/);
    expect(await sizeOf(preview)).toEqual([256, 128]);
    expect(await widthInCrossOriginFrame(preview)).toBe(256);
  });

  test('a direct image upload gets one too, and the stored message carries it', async () => {
    const chat = client();
    const attachment = await chat.uploadAttachment(await pngOf(40, 30), {
      type: 'direct',
      uploadUrl: '/chatkit/attachments',
    });
    const preview = attachment.type === 'image' ? attachment.preview_url : '';
    expect(await sizeOf(preview)).toEqual([40, 30]);
    const events = [];
    for await (const event of chat.createThread({ content: 'echo: look', attachments: [attachment.id] }))
      events.push(event);
    const message = events[1];
    expect(
      message?.type === 'thread.item.done' && message.item.type === 'user_message' && message.item.attachments[0],
    ).toMatchObject({ preview_url: preview });
  });

  test('an undecodable image is stored with its content URL as the preview', async () => {
    const corrupt = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], 'broken.png', { type: 'image/png' });
    const attachment = await client().uploadAttachment(corrupt);
    expect(attachment).toMatchObject({ type: 'image', preview_url: `/chatkit/attachments/${attachment.id}/content` });
  });
});
