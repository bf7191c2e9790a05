/**
 * An image's pixel size read from its header, without decoding it: PNG (IHDR), JPEG (SOF), GIF
 * (logical screen and first frame), WebP (VP8, VP8L, VP8X) and AVIF (`ispe` properties). A 1.5 MB
 * PNG can declare 20000x20000 pixels, 1.6 GB once decoded; the preview maker reads this first and
 * leaves such images alone. The format is recognised by its signature, as a browser's decoder does,
 * whatever MIME type the upload declared.
 */

/** The pixel size of an image. */
export interface ImageSize {
  width: number;
  height: number;
}

/**
 * The size an image declares in its header, or null when the bytes are not one of the formats above
 * or the header is cut short or malformed (callers must then not decode the image).
 * @param bytes The start of the file; 64 KiB is enough for every format but a JPEG with large
 *   metadata segments, whose frame header may come later.
 */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size =
    pngSize(bytes, view) ??
    jpegSize(bytes, view) ??
    gifSize(bytes, view) ??
    webpSize(bytes, view) ??
    avifSize(bytes, view);
  return size && size.width > 0 && size.height > 0 ? size : null;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset + length > bytes.length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function pngSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (bytes.length < 24 || ascii(bytes, 1, 3) !== 'PNG' || bytes[0] !== 0x89) return null;
  if (ascii(bytes, 12, 4) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) return null;
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RSTn, SOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame header
    const length = view.getUint16(at + 2);
    // SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (at + 9 > bytes.length) return null;
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return null;
}

function gifSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  const signature = ascii(bytes, 0, 6);
  if (signature !== 'GIF87a' && signature !== 'GIF89a') return null;
  if (bytes.length < 13) return null;
  let width = view.getUint16(6, true);
  let height = view.getUint16(8, true);
  const flags = bytes[10]!;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  // Decoders grow the canvas to fit the first frame, so its rectangle counts too.
  while (at < bytes.length) {
    const block = bytes[at]!;
    if (block === 0x2c) {
      if (at + 9 > bytes.length) return null;
      const left = view.getUint16(at + 1, true);
      const top = view.getUint16(at + 3, true);
      width = Math.max(width, left + view.getUint16(at + 5, true));
      height = Math.max(height, top + view.getUint16(at + 7, true));
      return { width, height };
    }
    if (block !== 0x21) return null; // the trailer, or not a GIF block: no frame to decode
    at += 2; // introducer and label
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at]! + 1; // data sub-blocks
    at += 1; // block terminator
  }
  return null;
}

function webpSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP' || bytes.length < 30) return null;
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') {
    const width = 1 + (view.getUint32(24, true) & 0xffffff);
    const height = 1 + (view.getUint32(26, true) >>> 8);
    return { width, height };
  }
  if (chunk === 'VP8 ') {
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return null;
    const bits = view.getUint32(21, true);
    return { width: 1 + (bits & 0x3fff), height: 1 + ((bits >>> 14) & 0x3fff) };
  }
  return null;
}

/** AVIF: the largest `ispe` (image spatial extent) property of the `meta` box, so no item is bigger. */
function avifSize(bytes: Uint8Array, view: DataView): ImageSize | null {
  if (ascii(bytes, 4, 4) !== 'ftyp') return null;
  const ftypSize = view.getUint32(0);
  const brands: string[] = [];
  for (let at = 8; at + 4 <= Math.min(ftypSize, bytes.length); at += 4) if (at !== 12) brands.push(ascii(bytes, at, 4));
  if (!brands.includes('avif') && !brands.includes('avis')) return null;
  let largest: ImageSize | null = null;
  const walk = (start: number, end: number, depth: number) => {
    let at = start;
    while (at + 8 <= end && depth < 8) {
      let size = view.getUint32(at);
      const type = ascii(bytes, at + 4, 4);
      let header = 8;
      if (size === 1) {
        if (at + 16 > end) return;
        size = Number(view.getBigUint64(at + 8));
        header = 16;
      } else if (size === 0) {
        size = end - at;
      }
      if (size < header) return;
      const boxEnd = Math.min(at + size, end);
      if (type === 'meta')
        walk(at + header + 4, boxEnd, depth + 1); // a full box: version and flags first
      else if (type === 'iprp' || type === 'ipco') walk(at + header, boxEnd, depth + 1);
      else if (type === 'ispe' && at + header + 12 <= boxEnd) {
        const width = view.getUint32(at + header + 4);
        const height = view.getUint32(at + header + 8);
        if (!largest || width * height > largest.width * largest.height) largest = { width, height };
      }
      at += size;
    }
  };
  walk(0, bytes.length, 0);
  return largest;
}
