/**
 * `chatkit-local/testing` (Node): a deterministic, scriptable ChatKit backend for an app's
 * Playwright suite. `mockChatKit(page, { url })` answers the app's ChatKit requests from a server in
 * the test process, with no change to the app. Playwright is an optional peer dependency, used only
 * by this entry. For component tests in a browser, see `chatkit-local/testing/browser`.
 */
export { mockChatKit, ChatKitMock, type MockChatKitOptions } from './testing/node/mock-chatkit.ts';
export type { TlsOptions } from './testing/node/local-server.ts';
export type { ContextOption, MockHandlerOptions, SentMessage } from './testing/mock-core.ts';
export * from './testing/script.ts';
