/**
 * `ResponseStreamConverter`: the overridable conversions `streamAgentResponse` applies to what the
 * model streams (generated images and citations), as the Python SDK's `ResponseStreamConverter`.
 */
import type { Annotation } from '../protocol/sources.ts';
import type { ResponsesContainerFileCitation, ResponsesFileCitation, ResponsesUrlCitation } from './responses-types.ts';

/** A value, or a promise of it: every conversion may be asynchronous (an upload, a lookup). */
export type MaybePromise<T> = T | Promise<T>;

/** Options of {@link ResponseStreamConverter}. */
export interface ResponseStreamConverterOptions {
  /**
   * How many partial images an image generation streams (the `partial_images` you asked the image
   * tool for). With it, partial image `i` reports progress `i / partialImages`; without it, 0.
   */
  partialImages?: number | null | undefined;
}

/**
 * Turns streamed model output into ChatKit values. Subclass it and pass an instance as
 * `streamAgentResponse(context, result, { converter })` to, say, upload generated images instead of
 * storing them as `data:` URLs, or to resolve file citations to titles. Every method may return a
 * promise.
 */
export class ResponseStreamConverter {
  /** The expected number of partial images per generated image (see the constructor option). */
  partialImages: number | null;

  /** A converter; `partialImages` sets the progress scale of partial images. */
  constructor(options: ResponseStreamConverterOptions = {}) {
    this.partialImages = options.partialImages ?? null;
  }

  /**
   * The URL stored for a generated image (partial or final). The default is a `data:image/png`
   * URL, which puts the whole image in the thread's storage; override it to upload the bytes and
   * return a link.
   * @param imageId - the image generation call's id; the same for every partial image of one image.
   * @param base64Image - the image, base64-encoded.
   * @param _partialImageIndex - the partial image's index from 0; absent for the final image.
   */
  base64ImageToUrl(imageId: string, base64Image: string, _partialImageIndex?: number | null): MaybePromise<string> {
    return `data:image/png;base64,${base64Image}`;
  }

  /**
   * The progress (0..1) a partial image reports: `index / partialImages` capped at 1, or 0 when
   * {@link partialImages} is unset or not positive.
   */
  partialImageIndexToProgress(partialImageIndex: number): number {
    if (this.partialImages === null || this.partialImages <= 0) return 0;
    return Math.min(1, partialImageIndex / this.partialImages);
  }

  /** A file citation as an annotation: a file source titled by its filename; none without a filename. */
  fileCitationToAnnotation(citation: ResponsesFileCitation): MaybePromise<Annotation | null> {
    if (!citation.filename) return null;
    return {
      type: 'annotation',
      source: { type: 'file', filename: citation.filename, title: citation.filename },
      index: citation.index,
    };
  }

  /** A container file citation as an annotation at its end index; none without a filename. */
  containerFileCitationToAnnotation(citation: ResponsesContainerFileCitation): MaybePromise<Annotation | null> {
    if (!citation.filename) return null;
    return {
      type: 'annotation',
      source: { type: 'file', filename: citation.filename, title: citation.filename },
      index: citation.end_index,
    };
  }

  /** A URL citation as an annotation with a URL source, at its end index. */
  urlCitationToAnnotation(citation: ResponsesUrlCitation): MaybePromise<Annotation | null> {
    return {
      type: 'annotation',
      source: { type: 'url', url: citation.url, title: citation.title },
      index: citation.end_index,
    };
  }
}
