/**
 * Page reads take one batched request where the browser offers one, and a cursor elsewhere; both
 * paths must give the same pages.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import { readPage, type RecordIndex } from '../../src/store/indexeddb/paging.ts';

interface Row {
  id: string;
  scope: string;
  createdMs: number;
  seq: number;
}
const name = `chatkit-paging-${crypto.randomUUID()}`;
let db: IDBPDatabase;

beforeAll(async () => {
  db = await openDB(name, 1, {
    upgrade(database) {
      database
        .createObjectStore('rows', { keyPath: ['scope', 'id'] })
        .createIndex('byCreated', ['scope', 'createdMs', 'seq']);
    },
  });
  const tx = db.transaction('rows', 'readwrite');
  // 25 rows, with runs of equal timestamps that only seq orders.
  for (let seq = 0; seq < 25; seq++)
    void tx.store.put({ scope: 's', id: `r${seq}`, createdMs: Math.floor(seq / 3), seq });
  void tx.store.put({ scope: 'other', id: 'x', createdMs: 1, seq: 99 });
  await tx.done;
});
afterAll(async () => {
  db.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = resolve;
  });
});

/** Every page in `order`, following the cursors, reading through `index`. */
async function allPages(index: () => RecordIndex<Row>, order: 'asc' | 'desc', limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let position: Row | null = null;
  for (;;) {
    const page = await readPage(index(), ['s'], position, { order, limit }, (row) => row.id);
    pages.push(page.data);
    if (!page.has_more) return pages;
    expect(page.after).toBe(page.data.at(-1));
    position = (await db.get('rows', ['s', page.after!])) as Row;
  }
}

describe('readPage', () => {
  const batched = () => db.transaction('rows').store.index('byCreated') as unknown as RecordIndex<Row>;
  // A plain object hides the native index, so the cursor path runs.
  const cursorOnly = () => {
    const index = db.transaction('rows').store.index('byCreated');
    return {
      openCursor: index.openCursor.bind(index),
      getAll: index.getAll.bind(index),
    } as unknown as RecordIndex<Row>;
  };
  const ids = Array.from({ length: 25 }, (_, seq) => `r${seq}`);

  for (const order of ['asc', 'desc'] as const) {
    for (const limit of [1, 4, 5, 25, 30]) {
      test(`${order}, limit ${limit}: batched and cursor reads give the same pages, covering every row once`, async () => {
        const viaBatch = await allPages(batched, order, limit);
        const viaCursor = await allPages(cursorOnly, order, limit);
        expect(viaBatch).toEqual(viaCursor);
        expect(viaBatch.flat()).toEqual(order === 'asc' ? ids : [...ids].reverse());
        expect(viaBatch.every((page) => page.length <= limit)).toBe(true);
      });
    }
  }
});
