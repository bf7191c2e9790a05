/**
 * The page's side of the settings route: reads and changes the responder setting through the same
 * fetch the chat uses, so the request goes to the worker and never to the network.
 */
import { SETTINGS_PATH, type ResponderSettingsUpdate, type ResponderSettingsView } from './responder-settings.ts';

/** What the settings dialog needs: read the setting, change it. */
export interface ResponderSettingsSource {
  load(): Promise<ResponderSettingsView>;
  /** Saves `update`; resolves to the setting as saved. Rejects with the worker's message when it refuses. */
  save(update: ResponderSettingsUpdate): Promise<ResponderSettingsView>;
}

/** A {@link ResponderSettingsSource} over `fetch` (the one `createChatKitFetch` returns). */
export function createSettingsClient(fetch: typeof globalThis.fetch): ResponderSettingsSource {
  return {
    async load() {
      return answer(await fetch(SETTINGS_PATH, { cache: 'no-store' }));
    },
    async save(update) {
      return answer(
        await fetch(SETTINGS_PATH, {
          method: 'PUT',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(update),
        }),
      );
    },
  };
}

async function answer(response: Response): Promise<ResponderSettingsView> {
  const body = (await response.json().catch(() => null)) as (ResponderSettingsView & { message?: unknown }) | null;
  if (!response.ok || !body) {
    throw new Error(
      typeof body?.message === 'string' ? body.message : `The settings could not be read (${response.status}).`,
    );
  }
  return body;
}
