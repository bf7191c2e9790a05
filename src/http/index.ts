/** The web-standard `Request -> Response` handler. */
export * from './handler.ts';
export { HttpError, INTERNAL_ERROR_MESSAGE } from './responses.ts';
export { createThumbnailMaker, blobToDataUrl, type ImagePreviewMaker, type ThumbnailOptions } from './image-preview.ts';
