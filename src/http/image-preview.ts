/**
 * Image previews as small `data:` URLs, made where the bytes are (the worker): a preview that needs
 * no server works offline and from the official ChatKit UI's cross-origin iframe alike.
 */

import { readImageSize } from './image-size.ts';

/** Makes a preview URL for an uploaded image, or null when none can be made. */
export type ImagePreviewMaker = (image: Blob) => Promise<string | null>;

/** Options of {@link createThumbnailMaker}. */
export interface ThumbnailOptions {
  /** The longest side of the thumbnail in pixels (default 256). */
  maxSize?: number | undefined;
  /** The thumbnail's format (default `image/webp`, falling back to PNG where unsupported). */
  type?: string | undefined;
  /** Lossy quality between 0 and 1 (default 0.8). */
  quality?: number | undefined;
  /**
   * The largest image, in pixels (width x height), decoded to make a thumbnail (default
   * {@link DEFAULT_MAX_SOURCE_PIXELS}). Decoding takes about 4 bytes a pixel whatever the file's
   * size, so a small file declaring a huge size (a decompression bomb) would take gigabytes; such
   * an image, or one whose size cannot be read from its header, is stored without a thumbnail.
   */
  maxSourcePixels?: number | undefined;
}

/**
 * 32 megapixels (about 128 MB while decoding): a 24-megapixel camera photo gets its thumbnail, a
 * 20000x20000 PNG does not.
 */
export const DEFAULT_MAX_SOURCE_PIXELS = 32_000_000;

/** How much of a file is read to find its size: enough for a JPEG's metadata segments. */
const HEADER_BYTES = 512 * 1024;

/**
 * A {@link ImagePreviewMaker} drawing a thumbnail with `createImageBitmap` and `OffscreenCanvas`
 * (available in browsers and their workers). Where they are missing it returns null for every image;
 * a corrupt or undecodable image also gives null, never an error. Only PNG, JPEG, GIF, WebP and AVIF
 * files whose header declares at most `maxSourcePixels` are decoded (see {@link readImageSize}).
 */
export function createThumbnailMaker(options: ThumbnailOptions = {}): ImagePreviewMaker {
  const maxSize = options.maxSize ?? 256;
  const type = options.type ?? 'image/webp';
  const quality = options.quality ?? 0.8;
  const maxSourcePixels = options.maxSourcePixels ?? DEFAULT_MAX_SOURCE_PIXELS;
  return async (image) => {
    if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas !== 'function') return null;
    // Checked before decoding: the decoder allocates the declared size, whatever the file holds.
    const size = readImageSize(new Uint8Array(await image.slice(0, HEADER_BYTES).arrayBuffer()));
    if (!size || size.width * size.height > maxSourcePixels) return null;
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(image);
    } catch {
      return null;
    }
    try {
      const scale = Math.min(1, maxSize / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) return null;
      context.drawImage(bitmap, 0, 0, width, height);
      return await blobToDataUrl(await canvas.convertToBlob({ type, quality }));
    } catch {
      return null;
    } finally {
      bitmap.close();
    }
  };
}

/** A `data:` URL holding a Blob's bytes. */
export async function blobToDataUrl(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:${blob.type || 'application/octet-stream'};base64,${btoa(binary)}`;
}
