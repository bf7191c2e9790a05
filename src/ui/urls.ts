/**
 * Which URLs the UI may use. Text from the model, the user or a widget decides nothing by itself:
 * links keep an `href` only for http(s) and mailto, and images load only from `data:` and `blob:`
 * URLs, so rendering a message can never run script nor make a request to another host.
 */

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_DATA_URL = /^data:image\/(png|jpe?g|gif|webp|avif|bmp|svg\+xml)[;,]/i;

/** The URL to put in an `href`, or null when the link must be rendered inert. */
export function safeLinkHref(raw: string): string | null {
  // Browsers ignore ASCII control characters and whitespace inside a scheme ("java\tscript:"), so
  // strip them before judging it.
  const cleaned = raw.replace(/[\u0000-\u0020\u007f]+/g, '');
  if (!/^[a-z][a-z0-9+.-]*:/i.test(cleaned)) return null; // relative links go nowhere useful here
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return null;
  }
  return LINK_SCHEMES.has(url.protocol) ? url.href : null;
}

/** The URL to put in an `<img src>`, or null when the image must not be loaded. */
export function safeImageSrc(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const cleaned = raw.trim();
  if (IMAGE_DATA_URL.test(cleaned)) return cleaned;
  if (/^blob:/i.test(cleaned)) {
    try {
      return new URL(cleaned.slice(5)).origin === location.origin ? cleaned : null;
    } catch {
      return null;
    }
  }
  return null;
}
