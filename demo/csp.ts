/**
 * The offline demo's Content Security Policy: the browser itself refuses any request to another
 * host (scripts, workers, fetches, images, fonts, frames), on top of the UI's own URL checks.
 * Added from script because the official-component mode must load OpenAI's CDN instead.
 */
const POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Enforces the policy for everything the page loads from now on. */
export function enforceOfflinePolicy(): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = POLICY;
  document.head.prepend(meta);
}
