/** The web-standard `Request -> Response` handler. */
export * from './handler.ts';
export { HttpError, INTERNAL_ERROR_MESSAGE } from './responses.ts';
