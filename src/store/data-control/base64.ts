/**
 * Base64 (RFC 4648, standard alphabet, with padding) for attachment bytes in exports. Written over
 * `btoa`/`atob`, which every supported runtime has (browsers, workers, Node 20+), in chunks so a large
 * file never builds an argument list the engine refuses.
 */

/** Bytes per `String.fromCharCode` call: well under engines' argument limits. */
const CHUNK = 0x8000;

/** The base64 text of `bytes`. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}

/**
 * The bytes of base64 `text`.
 * @throws {DOMException} (`InvalidCharacterError`) when `text` is not base64.
 */
export function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How many bytes base64 `text` of valid shape decodes to. */
export function decodedLength(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

/** Whether `text` has the shape of padded base64 (the alphabet, a length that is a multiple of 4). */
export function isBase64(text: string): boolean {
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
}

/** The SHA-256 digest of `bytes` as 64 lowercase hex digits. */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
