/**
 * The Web Crypto primitives of encryption at rest, and their parameters:
 * - values are sealed with AES-GCM (256-bit data key, a fresh random 96-bit IV per value, 128-bit tag)
 *   and additional data naming the record (its kind, scope and ids), so a sealed value moved to another
 *   record, scope or database key fails to open instead of showing up there;
 * - the data key is random, generated once per database, and stored only wrapped (AES-GCM, its own
 *   random IV) by a wrapping key: one derived from the passphrase with PBKDF2-HMAC-SHA-256
 *   ({@link PBKDF2_ITERATIONS} iterations by default, a random {@link SALT_BYTES}-byte salt per
 *   database, new at each passphrase change), or an AES-GCM `CryptoKey` the app manages;
 * - keys in memory are non-extractable; the data key is made extractable only for the moment of
 *   re-wrapping it under a new passphrase.
 * Random IVs keep AES-GCM safe for about 2^32 values per data key (NIST SP 800-38D), far beyond what a
 * chat history writes.
 */

/** PBKDF2 iterations for a new passphrase (OWASP's 2023 figure for PBKDF2-HMAC-SHA-256). */
export const PBKDF2_ITERATIONS = 600_000;
/** Bytes of PBKDF2 salt. */
export const SALT_BYTES = 16;
/** Bytes of AES-GCM IV. */
export const IV_BYTES = 12;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** UTF-8 bytes of `text`. */
export const utf8 = (text: string): Uint8Array<ArrayBuffer> => encoder.encode(text);
/** The text of UTF-8 `bytes`. */
export const fromUtf8 = (bytes: BufferSource): string => decoder.decode(bytes);

/** `length` random bytes. */
export const randomBytes = (length: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(length));

/** Additional data bound to the wrapped data key. */
const WRAP_CONTEXT = utf8('chatkit-local data key, format 1');

/**
 * The wrapping key for `passphrase` (NFC-normalised, so the same passphrase typed on different systems
 * matches): PBKDF2-HMAC-SHA-256 with `salt` and `iterations`, giving an AES-GCM-256 key that can only
 * wrap and unwrap.
 */
export async function deriveWrappingKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', utf8(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as Uint8Array<ArrayBuffer>, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A new random data key (AES-GCM-256), extractable so that it can be wrapped. */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
}

/** `dataKey` wrapped by `wrappingKey` under a fresh IV. */
export async function wrapDataKey(
  dataKey: CryptoKey,
  wrappingKey: CryptoKey,
): Promise<{ iv: Uint8Array<ArrayBuffer>; wrappedKey: ArrayBuffer }> {
  const iv = randomBytes(IV_BYTES);
  const wrappedKey = await crypto.subtle.wrapKey('raw', dataKey, wrappingKey, {
    name: 'AES-GCM',
    iv,
    additionalData: WRAP_CONTEXT,
  });
  return { iv, wrappedKey };
}

/**
 * The data key from its wrapped form.
 * @throws {DOMException} `OperationError` when `wrappingKey` is not the key that wrapped it (a wrong passphrase).
 */
export function unwrapDataKey(
  wrapped: { iv: Uint8Array; wrappedKey: ArrayBuffer },
  wrappingKey: CryptoKey,
  extractable: boolean,
): Promise<CryptoKey> {
  return crypto.subtle.unwrapKey(
    'raw',
    wrapped.wrappedKey,
    wrappingKey,
    { name: 'AES-GCM', iv: wrapped.iv as Uint8Array<ArrayBuffer>, additionalData: WRAP_CONTEXT },
    { name: 'AES-GCM', length: 256 },
    extractable,
    ['encrypt', 'decrypt'],
  );
}

/** `plaintext` sealed under `key`, bound to `context`: the IV followed by ciphertext and tag. */
export async function seal(key: CryptoKey, plaintext: BufferSource, context: Uint8Array): Promise<ArrayBuffer> {
  const iv = randomBytes(IV_BYTES);
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: context as Uint8Array<ArrayBuffer> },
    key,
    plaintext,
  );
  const sealed = new Uint8Array(IV_BYTES + ciphertext.byteLength);
  sealed.set(iv);
  sealed.set(new Uint8Array(ciphertext), IV_BYTES);
  return sealed.buffer;
}

/**
 * The plaintext of a value {@link seal} made.
 * @throws {DOMException} `OperationError` when the key or the context differs, or the value was altered.
 */
export function unseal(key: CryptoKey, sealed: ArrayBuffer, context: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: new Uint8Array(sealed, 0, IV_BYTES), additionalData: context as Uint8Array<ArrayBuffer> },
    key,
    new Uint8Array(sealed, IV_BYTES),
  );
}
