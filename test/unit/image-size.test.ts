/**
 * `readImageSize` on hand-made headers of every format it reads: the size a decoder would allocate,
 * or null when it cannot be known (then the image is not decoded).
 */
import { describe, expect, test } from 'vitest';
import { readImageSize } from '../../src/index.ts';

const bytes = (...parts: (number[] | string)[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));
const u32be = (n: number) => [n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u16be = (n: number) => [n >>> 8, n & 0xff];
const u16le = (n: number) => [n & 0xff, n >>> 8];
const u24le = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff];

function box(type: string, ...content: number[][]): number[] {
  const body = content.flat();
  return [...u32be(8 + body.length), ...[...type].map((c) => c.charCodeAt(0)), ...body];
}

describe('readImageSize', () => {
  test('PNG: the IHDR size', () => {
    const png = bytes([0x89], 'PNG\r\n\x1a\n', u32be(13), 'IHDR', u32be(20_000), u32be(15_000), [8, 6, 0, 0, 0]);
    expect(readImageSize(png)).toEqual({ width: 20_000, height: 15_000 });
  });

  test('JPEG: the frame header after metadata segments, skipping fill bytes', () => {
    const app1 = [0xff, 0xe1, ...u16be(2 + 100), ...new Array<number>(100).fill(0x41)];
    const dqt = [0xff, 0xdb, ...u16be(4), 0, 0];
    const sof2 = [0xff, 0xff, 0xc2, ...u16be(11), 8, ...u16be(3000), ...u16be(4000), 1, 1, 0x11, 0];
    expect(readImageSize(bytes([0xff, 0xd8], app1, dqt, sof2))).toEqual({ width: 4000, height: 3000 });
    // A DHT (C4) is not a frame header; scan data before any frame header means none.
    expect(readImageSize(bytes([0xff, 0xd8], [0xff, 0xc4, ...u16be(2)], [0xff, 0xda, 0, 2]))).toBeNull();
  });

  test('GIF: the logical screen, grown to fit the first frame', () => {
    const screen = ['GIF89a', u16le(10), u16le(10), [0x80, 0, 0], new Array<number>(6).fill(0)];
    const extension = [0x21, 0xf9, 4, 0, 0, 0, 0, 0];
    const frame = [0x2c, ...u16le(5), ...u16le(7), ...u16le(30_000), ...u16le(20), 0];
    expect(readImageSize(bytes(...screen, extension, frame))).toEqual({ width: 30_005, height: 27 });
    expect(readImageSize(bytes(...screen, [0x3b]))).toBeNull();
  });

  test('WebP: VP8X canvas, lossy VP8 and lossless VP8L frames', () => {
    const riff = (chunk: string, payload: number[]) =>
      bytes('RIFF', [0, 0, 0, 0], 'WEBP', chunk, [0, 0, 0, 0], payload, new Array<number>(16).fill(0));
    expect(readImageSize(riff('VP8X', [0, 0, 0, 0, ...u24le(16_383), ...u24le(9_999)]))).toEqual({
      width: 16_384,
      height: 10_000,
    });
    expect(readImageSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(640), ...u16le(480)]))).toEqual({
      width: 640,
      height: 480,
    });
    const packed = (800 - 1) | ((600 - 1) << 14);
    expect(
      readImageSize(riff('VP8L', [0x2f, packed & 0xff, (packed >>> 8) & 0xff, (packed >>> 16) & 0xff, packed >>> 24])),
    ).toEqual({
      width: 800,
      height: 600,
    });
  });

  test('AVIF: the largest ispe property', () => {
    const ispe = (width: number, height: number) => box('ispe', [0, 0, 0, 0], u32be(width), u32be(height));
    const file = bytes(
      box(
        'ftyp',
        [...'avif'].map((c) => c.charCodeAt(0)),
        u32be(0),
        [...'mif1'].map((c) => c.charCodeAt(0)),
      ),
      box(
        'meta',
        [0, 0, 0, 0],
        box('hdlr', new Array<number>(12).fill(0)),
        box('iprp', box('ipco', ispe(512, 512), ispe(40_000, 30_000))),
      ),
    );
    expect(readImageSize(file)).toEqual({ width: 40_000, height: 30_000 });
    // HEIC shares the container but browsers do not decode it.
    const heic = bytes(
      box(
        'ftyp',
        [...'heic'].map((c) => c.charCodeAt(0)),
        u32be(0),
      ),
    );
    expect(readImageSize(heic)).toBeNull();
  });

  test('anything else, cut-short headers and zero sizes give null', () => {
    expect(readImageSize(bytes('BM', new Array<number>(60).fill(0)))).toBeNull();
    expect(readImageSize(bytes('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(readImageSize(bytes([0x89], 'PNG\r\n\x1a\n', u32be(13), 'IH'))).toBeNull();
    expect(readImageSize(bytes([0x89], 'PNG\r\n\x1a\n', u32be(13), 'IHDR', u32be(0), u32be(10)))).toBeNull();
    expect(readImageSize(new Uint8Array(0))).toBeNull();
  });
});
