/**
 * The raw contents of an IndexedDB database, read with the browser's own API (not the code under test):
 * every object store's keys and values, with Blobs, ArrayBuffers and typed arrays turned into their
 * bytes so two dumps compare byte for byte, and a search for text or bytes stored in clear.
 */

/** A value as stored, with binary parts made comparable. */
export type RawValue = unknown;

/** Every record of every object store: `{ store: [{ key, value }] }`, stores and records in key order. */
export type RawDump = Record<string, Array<{ key: RawValue; value: RawValue }>>;

function settled<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens `name` at its current version (never creating or upgrading it). */
async function openExisting(name: string): Promise<IDBDatabase> {
  const request = indexedDB.open(name);
  request.onupgradeneeded = () => {
    request.transaction?.abort();
  };
  return settled(request);
}

/** Blobs, buffers and typed arrays as `{ blob | bytes }` objects of plain numbers; everything else copied. */
async function materialize(value: unknown): Promise<RawValue> {
  if (value instanceof Blob) return { blob: value.type, bytes: [...new Uint8Array(await value.arrayBuffer())] };
  if (value instanceof ArrayBuffer) return { bytes: [...new Uint8Array(value)] };
  if (ArrayBuffer.isView(value)) {
    return { bytes: [...new Uint8Array(value.buffer, value.byteOffset, value.byteLength)] };
  }
  if (Array.isArray(value)) return Promise.all(value.map(materialize));
  if (value && typeof value === 'object') {
    const entries = await Promise.all(
      Object.entries(value).map(async ([key, inner]) => [key, await materialize(inner)] as const),
    );
    return Object.fromEntries(entries);
  }
  return value;
}

/** Reads every record of the database `name`. */
export async function dumpDatabase(name: string): Promise<RawDump> {
  const db = await openExisting(name);
  try {
    const stores = [...db.objectStoreNames];
    const tx = db.transaction(stores, 'readonly');
    const raw = await Promise.all(
      stores.map(async (store) => {
        const [keys, values] = await Promise.all([
          settled(tx.objectStore(store).getAllKeys()),
          settled(tx.objectStore(store).getAll()),
        ]);
        return [store, keys.map((key, i) => ({ key, value: values[i] }))] as const;
      }),
    );
    const dump: RawDump = {};
    for (const [store, records] of raw) {
      dump[store] = await Promise.all(
        records.map(async ({ key, value }) => ({ key: await materialize(key), value: await materialize(value) })),
      );
    }
    return dump;
  } finally {
    db.close();
  }
}

/** Every string and every byte sequence in a dump (keys included). */
function collect(value: RawValue, strings: string[], bytes: number[][]): void {
  if (typeof value === 'string') strings.push(value);
  else if (Array.isArray(value)) for (const inner of value) collect(inner, strings, bytes);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, RawValue>;
    const binary = Array.isArray(record.bytes) && record.bytes.every((b) => typeof b === 'number');
    if (binary) bytes.push(record.bytes as number[]);
    for (const [key, inner] of Object.entries(record)) {
      strings.push(key);
      if (!(binary && key === 'bytes')) collect(inner, strings, bytes);
    }
  }
}

function containsBytes(haystack: readonly number[], needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * Which of `needles` appear in clear anywhere in the dump: a text as a substring of any stored string,
 * or as its UTF-8 bytes inside any stored bytes; bytes inside any stored bytes.
 */
export function foundInClear(dump: RawDump, needles: ReadonlyArray<string | Uint8Array>): Array<string | Uint8Array> {
  const strings: string[] = [];
  const bytes: number[][] = [];
  collect(dump, strings, bytes);
  const encoder = new TextEncoder();
  return needles.filter((needle) => {
    const asBytes = typeof needle === 'string' ? encoder.encode(needle) : needle;
    if (typeof needle === 'string' && strings.some((text) => text.includes(needle))) return true;
    return bytes.some((sequence) => containsBytes(sequence, asBytes));
  });
}

/** The records of a dump whose key starts with `scope` (every record key begins with its scope). */
export function recordsOfScope(dump: RawDump, scope: string): Array<{ store: string; key: RawValue }> {
  return Object.entries(dump).flatMap(([store, records]) =>
    records.filter(({ key }) => Array.isArray(key) && key[0] === scope).map(({ key }) => ({ store, key })),
  );
}
