/**
 * The page's side of the data route: "Export all" saves the user's chats as a JSON file, "Import"
 * adds the chats of such a file. Requests go through the chat's own fetch, so to the worker.
 */
import { DATA_PATH } from './data-paths.ts';

/** What an import added, as the worker reports it. */
export interface ImportReport {
  threads: number;
  items: number;
  files: number;
}

/** Export, import and delete-all for the demo's settings dialog. */
export interface DataControls {
  /** Downloads every thread, item and file as one JSON file; resolves to the file's name. */
  exportAll(): Promise<string>;
  /** Imports a file made by {@link DataControls.exportAll}; rejects with the worker's message when it refuses it. */
  importFile(file: Blob): Promise<ImportReport>;
}

/** {@link DataControls} over `fetch` (the one `createChatKitFetch` returns). */
export function createDataControls(fetch: typeof globalThis.fetch): DataControls {
  return {
    async exportAll() {
      const response = await fetch(DATA_PATH, { cache: 'no-store' });
      if (!response.ok) throw new Error(await messageOf(response, 'The export failed'));
      const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'chats.json';
      // A download, never a page: the file is saved, not opened in the app's origin.
      const url = URL.createObjectURL(await response.blob());
      const link = Object.assign(document.createElement('a'), { href: url, download: name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return name;
    },
    async importFile(file) {
      const response = await fetch(DATA_PATH, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: file,
      });
      if (!response.ok) throw new Error(await messageOf(response, 'The import failed'));
      return (await response.json()) as ImportReport;
    },
  };
}

async function messageOf(response: Response, fallback: string): Promise<string> {
  const body = (await response.json().catch(() => null)) as { message?: unknown } | null;
  return typeof body?.message === 'string' ? body.message : `${fallback} (${response.status}).`;
}
