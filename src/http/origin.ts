/**
 * The handler's defence against cross-site request forgery. A browser lets any page send a POST to
 * any origin without asking first when the body is `text/plain`, form-encoded or multipart, and it
 * attaches that origin's cookies; a cookie-authenticated deployment would then run requests (and
 * model calls) another site chose. Browsers mark every such request with an `Origin` header, which
 * a page cannot forge, so a state-changing request that carries one must come from the handler's own
 * origin or one the deployment lists. Requests without `Origin` (servers, command-line clients, the
 * in-browser fetch shim, whose requests never reach the network) are not browser form posts and pass.
 */
import { HttpError } from './responses.ts';

/** Methods that never change anything here, so another origin may send them. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The normalised origins of an `allowedOrigins` option (`https://app.example.com`).
 * @throws {TypeError} for an entry that is not a bare origin (a path, a query or no scheme).
 */
export function parseAllowedOrigins(entries: readonly string[] = []): Set<string> {
  const origins = new Set<string>();
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    if (!url || url.origin === 'null' || url.pathname !== '/' || url.search || url.hash || url.username) {
      throw new TypeError(
        `allowedOrigins: ${JSON.stringify(entry)} is not an origin; write scheme, host and port only, like "https://app.example.com".`,
      );
    }
    origins.add(url.origin);
  }
  return origins;
}

/**
 * Refuses a state-changing request sent by a page on another origin.
 * @param request The incoming request; its URL gives the handler's own origin.
 * @param allowed Other origins whose pages may call the handler ({@link parseAllowedOrigins}).
 * @throws {HttpError} 403 naming the origin and the option that would allow it.
 */
export function checkRequestOrigin(request: Request, allowed: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const origin = request.headers.get('origin');
  if (origin === null) return;
  if (origin === new URL(request.url).origin || allowed.has(origin)) return;
  throw new HttpError(
    403,
    `Requests from pages on ${origin} are not accepted here. If that page is yours, add its origin to the handler's allowedOrigins option.`,
  );
}
