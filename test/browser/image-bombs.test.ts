/**
 * Decompression bombs in real Chromium: a small file that declares a huge image must be stored
 * without a thumbnail, never decoded (a 20000x20000 PNG of 50 KB would take 1.6 GB to decode).
 * Ordinary images of every format the header reader knows still get theirs.
 */
import { describe, expect, test } from 'vitest';
import { createThumbnailMaker, DEFAULT_MAX_SOURCE_PIXELS } from '../../src/index.ts';
import { ChatKitClient, createChatKitFetch } from '../../src/client.ts';
import { useTestWorkers } from './support/test-workers.ts';

const startWorker = useTestWorkers();

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/**
 * A zlib stream of `size` zero bytes, written directly: a literal zero, then matches of 258 bytes at
 * distance 1 (fixed Huffman codes), so a 50 MB image body costs a few hundred KB and no compressor.
 */
function zlibZeros(size: number): Uint8Array {
  const out: number[] = [0x78, 0x01];
  let bitBuffer = 0;
  let bitCount = 0;
  const bits = (value: number, count: number) => {
    bitBuffer |= value << bitCount;
    bitCount += count;
    while (bitCount >= 8) {
      out.push(bitBuffer & 0xff);
      bitBuffer >>>= 8;
      bitCount -= 8;
    }
  };
  // Huffman codes go most significant bit first into the least-significant-first bit stream.
  const code = (value: number, count: number) => {
    let reversed = 0;
    for (let i = 0; i < count; i++) reversed |= ((value >> i) & 1) << (count - 1 - i);
    bits(reversed, count);
  };
  bits(1, 1); // final block
  bits(1, 2); // fixed Huffman codes
  const literalZero = () => code(0b00110000, 8);
  literalZero();
  let left = size - 1;
  for (; left >= 258; left -= 258) {
    code(0b11000101, 8); // length 258
    code(0, 5); // distance 1
  }
  for (; left > 0; left--) literalZero();
  code(0, 7); // end of block
  if (bitCount > 0) out.push(bitBuffer & 0xff);
  const adler = (((size % 65521) << 16) | 1) >>> 0; // every byte is zero: a stays 1, b counts them
  out.push(adler >>> 24, (adler >>> 16) & 0xff, (adler >>> 8) & 0xff, adler & 0xff);
  return Uint8Array.from(out);
}

/**
 * A valid PNG of `width` x `height` black pixels, 1 bit each, so the file stays tiny while a decoder
 * must still allocate 4 bytes for every pixel.
 */
function blackPng(width: number, height: number): File {
  const compressed = zlibZeros((1 + Math.ceil(width / 8)) * height); // per row: filter byte 0, zero bits
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter method, no interlace
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', compressed),
    pngChunk('IEND', new Uint8Array(0)),
  ];
  return new File(parts, 'bomb.png', { type: 'image/png' });
}

async function canvasImage(type: string, width: number, height: number): Promise<Blob> {
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d')!;
  context.fillStyle = '#08c';
  context.fillRect(0, 0, width, height);
  return canvas.convertToBlob({ type, quality: 0.9 });
}

/** A 1x1 GIF, written out by hand (Chromium cannot encode GIF). */
const TINY_GIF = Uint8Array.from(atob('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=='), (char) =>
  char.charCodeAt(0),
);

/** `jpeg` with its frame header rewritten to declare `width` x `height`. */
async function jpegDeclaring(jpeg: Blob, width: number, height: number): Promise<Blob> {
  const bytes = new Uint8Array(await jpeg.arrayBuffer());
  const view = new DataView(bytes.buffer);
  for (let at = 2; at < bytes.length;) {
    const marker = bytes[at + 1]!;
    if (marker === 0xc0 || marker === 0xc2) {
      view.setUint16(at + 5, height);
      view.setUint16(at + 7, width);
      return new Blob([bytes], { type: 'image/jpeg' });
    }
    at += 2 + view.getUint16(at + 2);
  }
  throw new Error('no frame header');
}

describe('decompression bombs', () => {
  test('a 20000x20000 PNG is uploaded and kept, without a thumbnail', async () => {
    const bomb = blackPng(20_000, 20_000);
    expect(bomb.size).toBeLessThan(1_000_000);
    const fetch = createChatKitFetch({ worker: startWorker() });
    const client = new ChatKitClient({ fetch });
    const attachment = await client.uploadAttachment(bomb);
    expect(attachment).toMatchObject({ type: 'image', name: 'bomb.png' });
    // No data: thumbnail: the preview stays the stored file's own URL.
    expect(attachment.type === 'image' && attachment.preview_url).toBe(`/chatkit/attachments/${attachment.id}/content`);
    const stored = await fetch(`/chatkit/attachments/${attachment.id}/content`);
    expect((await stored.arrayBuffer()).byteLength).toBe(bomb.size);
  });

  test('the thumbnail maker refuses declared sizes over the limit, before decoding', async () => {
    const make = createThumbnailMaker();
    expect(await make(blackPng(20_000, 20_000))).toBeNull();
    const jpeg = await canvasImage('image/jpeg', 16, 16);
    expect(await make(await jpegDeclaring(jpeg, 60_000, 60_000))).toBeNull();
    // Just over the default limit, in a real file.
    const side = Math.ceil(Math.sqrt(DEFAULT_MAX_SOURCE_PIXELS)) + 1;
    expect(await make(blackPng(side, side))).toBeNull();
    // The limit is an option.
    expect(await createThumbnailMaker({ maxSourcePixels: 15 * 15 })(await canvasImage('image/png', 16, 16))).toBeNull();
  });

  test('ordinary PNG, JPEG, WebP and GIF images still get a thumbnail', async () => {
    const make = createThumbnailMaker();
    for (const type of ['image/png', 'image/jpeg', 'image/webp']) {
      expect(await make(await canvasImage(type, 600, 300)), type).toMatch(/^data:image\//);
    }
    expect(await make(new Blob([TINY_GIF], { type: 'image/gif' }))).toMatch(/^data:image\//);
    // A real decode of the generated PNG, to show it is a valid image.
    expect(await make(blackPng(1200, 900))).toMatch(/^data:image\//);
  });

  test('a file whose format is not recognised from its bytes is not decoded', async () => {
    const make = createThumbnailMaker();
    // A valid 1x1 BMP labelled as PNG: the browser would sniff and decode it, but its size is not
    // read here, so it is not decoded.
    const bmp = new Uint8Array(58);
    const view = new DataView(bmp.buffer);
    bmp.set([0x42, 0x4d]);
    view.setUint32(2, 58, true);
    view.setUint32(10, 54, true);
    view.setUint32(14, 40, true);
    view.setInt32(18, 1, true);
    view.setInt32(22, 1, true);
    view.setUint16(26, 1, true);
    view.setUint16(28, 24, true);
    view.setUint32(34, 4, true);
    bmp.set([0, 0, 255], 54);
    expect(await createImageBitmap(new Blob([bmp])).then((bitmap) => bitmap.width)).toBe(1);
    expect(await make(new Blob([bmp], { type: 'image/png' }))).toBeNull();
  });
});
