/**
 * The demo-only settings route, answered in the worker before the ChatKit handler: `GET` returns
 * the setting without the key, `PUT` changes it. It rides on the page's existing fetch shim, so it
 * needs no second channel to the worker and leaves the library untouched; like every request under
 * the ChatKit URL, it never reaches the network.
 */
import { SETTINGS_PATH } from '../../responder-settings.ts';
import { applyUpdate, InvalidSettingsError, parseUpdate, toView } from './settings-record.ts';
import type { ResponderSettingsStore } from './settings-store.ts';
import { json, methodNotAllowed } from '../json-response.ts';

/** Whether `request` is for the settings route. */
export function isSettingsRequest(request: Request): boolean {
  return new URL(request.url).pathname === SETTINGS_PATH;
}

/** Where the route keeps the setting: a {@link ResponderSettingsStore}, or any stand-in. */
export type SettingsStorage = Pick<ResponderSettingsStore, 'load' | 'save'>;

/** Answers a request for the settings route. */
export async function handleSettingsRequest(request: Request, store: SettingsStorage): Promise<Response> {
  switch (request.method) {
    case 'GET':
      return json(200, toView(await store.load()));
    case 'PUT': {
      let body: unknown;
      try {
        body = await request.json();
      } catch {
        return json(400, { error: 'invalid_request', message: 'The body must be JSON.' });
      }
      try {
        const next = applyUpdate(await store.load(), parseUpdate(body));
        await store.save(next);
        return json(200, toView(next));
      } catch (error) {
        if (error instanceof InvalidSettingsError)
          return json(400, { error: 'invalid_request', message: error.message });
        throw error;
      }
    }
    default:
      return methodNotAllowed(request.method, ['GET', 'PUT']);
  }
}
