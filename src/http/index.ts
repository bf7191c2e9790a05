/** The web-standard `Request -> Response` handler. */
export * from './handler.ts';
export { HttpError, INTERNAL_ERROR_MESSAGE } from './responses.ts';
export {
  createThumbnailMaker,
  blobToDataUrl,
  DEFAULT_MAX_SOURCE_PIXELS,
  type ImagePreviewMaker,
  type ThumbnailOptions,
} from './image-preview.ts';
export { readImageSize, type ImageSize } from './image-size.ts';
