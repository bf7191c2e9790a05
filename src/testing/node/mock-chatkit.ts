/**
 * `mockChatKit(page, { url })`: answers a page's ChatKit requests from a server running in the test
 * process, without changing the app.
 */
import type { BrowserContext, ConsoleMessage, Page, Route } from '@playwright/test';
import type { ChatKitServer } from '../../server/server.ts';
import type { Store } from '../../store/types.ts';
import type { TestClockOptions } from '../determinism/clock.ts';
import type { Seed } from '../determinism/seeded-ids.ts';
import { MockCore, type ContextOption, type MockCoreOptions, type MockHandlerOptions } from '../mock-core.ts';
import type { RecordedResponse } from '../record/responses.ts';
import type { Rule } from '../script/rules.ts';
import { ScriptedChatKitServer } from '../script/scripted-server.ts';
import type { Step } from '../script/steps.ts';
import { LocalServer, type TlsOptions } from './local-server.ts';

/** Options of {@link mockChatKit}. */
export interface MockChatKitOptions<TContext = unknown> {
  /**
   * The absolute URL of the app's ChatKit endpoint (`http://localhost:3000/api/chatkit`). Requests to
   * it and under it (uploads, attachment bytes) are answered; nothing else is touched.
   */
  url: string;
  /** The server that answers (default: a {@link ScriptedChatKitServer} following `script`). */
  server?: ChatKitServer<TContext> | undefined;
  /** The default server's rules (ignored with `server`). */
  script?: Rule[] | undefined;
  /** What the default server answers when no rule matches (default: an echo). */
  fallback?: Step[] | undefined;
  /** Seeds the default server's ids (default 1). */
  seed?: Seed | undefined;
  /** The default server's clock (default: from 2025-01-01T00:00:00Z, 1 s per reading). */
  clock?: TestClockOptions | undefined;
  /**
   * The request context handed to the server: a value, or a function of the `Request` (which has the
   * URL, headers and cookies the page sent). A context that is itself a function must be returned
   * by one. Seeding helpers use the value (or the context you pass them).
   */
  context?: ContextOption<TContext> | undefined;
  /** Options passed on to `createChatKitHandler` (upload limits, image previews...). */
  handler?: MockHandlerOptions<TContext> | undefined;
  /**
   * A certificate to serve an https endpoint with: Playwright sends a routed request on only over
   * the same protocol, so an https endpoint needs an https local server. Any self-signed pair works
   * with the browser context's `ignoreHTTPSErrors: true`.
   */
  tls?: TlsOptions | undefined;
}

/**
 * A running mock: what the page sent, how each response ended, the store, and the helpers to seed
 * and read it. Closed by {@link ChatKitMock.close}, or when the page or context it routes closes.
 */
export class ChatKitMock<TContext = unknown> extends MockCore<TContext> {
  /** The endpoint URL it answers. */
  readonly url: string;
  /**
   * Problems the mock noticed that explain failing requests (also written to the console), such as
   * Chromium refusing the page access to the mock's loopback server.
   */
  readonly warnings: string[] = [];
  private closing: Promise<void> | null = null;

  /** @internal Made by {@link mockChatKit}. */
  constructor(
    core: MockCoreOptions<TContext>,
    url: string,
    private readonly stop: () => Promise<void>,
  ) {
    super(core);
    this.url = url;
  }

  /** The server's store: seed it before the page loads, read it to assert. */
  get store(): Store<TContext> {
    return this.server.store;
  }

  /** Every streamed response that has ended, in the order they ended. */
  get responses(): readonly RecordedResponse[] {
    return this.log.responses;
  }

  /**
   * Stops answering: removes the route and closes the local server (a stream still open ends as if
   * the page had gone away). Safe to call more than once.
   */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }
}

/**
 * Answers every ChatKit request `target` (a Playwright `Page` or `BrowserContext`) makes to
 * `options.url` and under it (JSON requests, event streams, two-phase and direct uploads,
 * attachment bytes) from `options.server`, running in the test process; by default a scripted server
 * with seeded ids and timestamps. Streams reach the page progressively as a real
 * `text/event-stream`, so a test can stop one mid-way.
 *
 * Call it before the page loads the app. Requests are routed to a server on 127.0.0.1 with
 * `route.continue({ url })`, invisibly to the page: a same-origin endpoint needs nothing more; a
 * cross-origin one gets CORS headers for the page's origin (Playwright answers preflights itself).
 *
 * @example
 * const chatkit = await mockChatKit(page, { url: 'http://localhost:3000/api/chatkit', script: [on('hi', reply('Hello!'))] });
 * await page.goto('http://localhost:3000/');
 */
export async function mockChatKit<TContext = unknown>(
  target: Page | BrowserContext,
  options: MockChatKitOptions<TContext>,
): Promise<ChatKitMock<TContext>> {
  const endpoint = endpointOf(options.url);
  if (endpoint.protocol === 'https:' && !options.tls) {
    throw new TypeError(
      `url: ${options.url} is https, so mockChatKit needs a certificate (\`tls: { key, cert }\`) to serve it; ` +
        'any self-signed pair works with the context option `ignoreHTTPSErrors: true`.',
    );
  }
  const basePath = endpoint.pathname;
  const server =
    options.server ??
    new ScriptedChatKitServer<TContext>({
      script: options.script,
      fallback: options.fallback,
      seed: options.seed,
      clock: options.clock,
      baseUrl: endpoint.href,
    });
  const coreOptions = { server, basePath, context: options.context, handler: options.handler };
  // The handler is the mock's own (it records before it answers); the server needs it first.
  let mock: ChatKitMock<TContext> | null = null;
  const local = await LocalServer.start((request) => mock!.handler(request), endpoint.origin, options.tls);

  const isEndpoint = (url: URL) =>
    url.origin === endpoint.origin &&
    (url.pathname === basePath || url.pathname.startsWith(basePath === '/' ? '/' : `${basePath}/`));
  const route = async (routed: Route) => {
    const request = routed.request();
    const to = local.expect({ url: request.url(), headers: request.headers() });
    // A page that closed meanwhile has nothing left to answer.
    await routed.continue({ url: to }).catch(() => undefined);
  };

  const stop = async () => {
    await target.unroute(isEndpoint, route).catch(() => undefined);
    await local.close();
  };
  mock = new ChatKitMock<TContext>(coreOptions, endpoint.href, stop);
  await target.route(isEndpoint, route);
  onClose(target, () => void mock.close());
  explainLocalNetworkRefusal(target, endpoint, (warning) => {
    mock.warnings.push(warning);
    console.warn(`chatkit-local/testing: ${warning}`);
  });
  return mock;
}

/**
 * Watches the page's console for Chromium refusing a request to the endpoint because the page may
 * not reach a loopback address (Local Network Access): the request only fails with "Failed to
 * fetch" on the page, so `warn` says why and what to do, once.
 */
function explainLocalNetworkRefusal(
  target: Page | BrowserContext,
  endpoint: URL,
  warn: (warning: string) => void,
): void {
  const listener = (message: ConsoleMessage) => {
    const text = message.text();
    if (!text.includes('more-private address space') || !text.includes(endpoint.origin)) return;
    warn(
      `Chromium refused the page's request to ${endpoint.href}, which the mock answers from 127.0.0.1: ` +
        'a page may reach a loopback address only from a loopback origin (serve the app from localhost) ' +
        "or as a secure context granted the permission (context.grantPermissions(['local-network-access']) on an https page).",
    );
    if (isPage(target)) target.off('console', listener);
    else target.off('console', listener);
  };
  if (isPage(target)) target.on('console', listener);
  else target.on('console', listener);
}

/** The endpoint as a URL without query, fragment or trailing slash. */
function endpointOf(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(
      `url: ${url} is not an absolute URL; give the endpoint in full, e.g. http://localhost:3000/api/chatkit.`,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`url: ${url} must be an http or https URL.`);
  }
  parsed.search = '';
  parsed.hash = '';
  parsed.pathname = parsed.pathname.replace(/\/+$/, '') || '/';
  return parsed;
}

/** Runs `callback` when the page or context closes. */
function onClose(target: Page | BrowserContext, callback: () => void): void {
  if (isPage(target)) target.once('close', callback);
  else target.once('close', callback);
}

function isPage(target: Page | BrowserContext): target is Page {
  return typeof (target as Page).mainFrame === 'function';
}
