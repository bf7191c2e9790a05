/**
 * The demo's responder setting: what the worker accepts from the page, when it keeps or drops the
 * saved key, what the page gets back (never the key), and the route that serves it.
 */
import { describe, expect, test } from 'vitest';
import type { ResponderSettingsUpdate } from '../../demo/responder-settings.ts';
import {
  applyUpdate,
  DEFAULT_SETTINGS,
  InvalidSettingsError,
  normalizeBaseURL,
  parseUpdate,
  readStored,
  toView,
  type StoredResponderSettings,
} from '../../demo/worker/settings/settings-record.ts';
import { handleSettingsRequest, isSettingsRequest } from '../../demo/worker/settings/settings-route.ts';

const KEY = 'sk-unit-0123456789';

const openAI: StoredResponderSettings = {
  responder: 'model',
  baseURL: 'https://api.openai.com/v1',
  model: 'gpt-4.1-mini',
  api: 'responses',
  apiKey: KEY,
};

function update(
  model: Partial<ResponderSettingsUpdate['model']> = {},
  responder: ResponderSettingsUpdate['responder'] = 'model',
): ResponderSettingsUpdate {
  return {
    responder,
    model: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', api: 'responses', ...model },
  };
}

describe('base URL', () => {
  test('is kept in normal form, without a trailing slash', () => {
    expect(normalizeBaseURL(' http://LOCALHOST:11434/v1/ ')).toBe('http://localhost:11434/v1');
    expect(normalizeBaseURL('https://api.openai.com/v1')).toBe('https://api.openai.com/v1');
    expect(normalizeBaseURL('http://127.0.0.1:1234')).toBe('http://127.0.0.1:1234');
  });

  test.each([
    ['localhost:11434/v1', /^model\.baseURL: must start with http/],
    ['not a url', /^model\.baseURL: not a URL/],
    ['ftp://example.com/v1', /^model\.baseURL: must start with http/],
    ['https://user:secret@example.com/v1', /user name or password/],
    ['https://example.com/v1?api-version=1', /query or a fragment/],
  ])('refuses %s', (raw, message) => {
    expect(() => normalizeBaseURL(raw)).toThrow(InvalidSettingsError);
    expect(() => normalizeBaseURL(raw)).toThrow(message);
  });
});

describe('a change from the page', () => {
  test('is checked field by field', () => {
    expect(() => parseUpdate({ responder: 'robot', model: update().model })).toThrow(/^responder: /);
    expect(() => parseUpdate({ responder: 'model', model: { ...update().model, api: 'completions' } })).toThrow(
      /^model\.api: /,
    );
    expect(() => parseUpdate(null)).toThrow(/^body: /);
    expect(() => parseUpdate(update({ model: '  ' }))).toThrow('model.model: enter the model name');
    // A scripted setting needs no model name.
    expect(parseUpdate(update({ model: '' }, 'scripted')).responder).toBe('scripted');
    expect(parseUpdate(update({ apiKey: `  ${KEY}  ` })).model.apiKey).toBe(KEY);
  });

  test('a new key replaces the saved one; no key keeps it on the same host', () => {
    expect(applyUpdate(openAI, update({ apiKey: 'sk-new-key-000' })).apiKey).toBe('sk-new-key-000');
    expect(applyUpdate(openAI, update()).apiKey).toBe(KEY);
    expect(applyUpdate(openAI, update({ baseURL: 'https://api.openai.com/v1/' })).apiKey).toBe(KEY);
    expect(applyUpdate(openAI, update({ forgetApiKey: true })).apiKey).toBeNull();
  });

  test('moving the base URL to another host drops the saved key, so it is never sent there', () => {
    const local = applyUpdate(
      openAI,
      update({ baseURL: 'http://localhost:11434/v1', api: 'chat_completions', model: 'llama3.2' }),
    );
    expect(local).toEqual({
      responder: 'model',
      baseURL: 'http://localhost:11434/v1',
      model: 'llama3.2',
      api: 'chat_completions',
      apiKey: null,
    });
    // Unless a key for the new host comes with the change.
    expect(applyUpdate(openAI, update({ baseURL: 'https://llm.example.com/v1', apiKey: 'other' })).apiKey).toBe(
      'other',
    );
  });

  test('switching to scripted always works, keeping model fields it cannot use', () => {
    expect(applyUpdate(openAI, update({ baseURL: 'nonsense' }, 'scripted'))).toEqual({
      ...openAI,
      responder: 'scripted',
    });
    expect(() => applyUpdate(openAI, update({ baseURL: 'nonsense' }))).toThrow(InvalidSettingsError);
  });

  test('the page sees everything but the key', () => {
    expect(toView(openAI)).toEqual({
      responder: 'model',
      model: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4.1-mini', api: 'responses', hasApiKey: true },
    });
    expect(JSON.stringify(toView(openAI))).not.toContain(KEY);
    expect(toView(DEFAULT_SETTINGS).model.hasApiKey).toBe(false);
  });

  test('an unreadable stored record counts as never set', () => {
    expect(readStored(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(readStored({ responder: 'model' })).toEqual(DEFAULT_SETTINGS);
    expect(readStored(openAI)).toEqual(openAI);
  });
});

describe('the route', () => {
  const URL_ = 'http://localhost/chatkit/demo/settings';

  function memoryStorage(initial: StoredResponderSettings = DEFAULT_SETTINGS) {
    const storage = {
      saved: initial,
      async load() {
        return storage.saved;
      },
      async save(settings: StoredResponderSettings) {
        storage.saved = settings;
      },
    };
    return storage;
  }

  test('is recognised by its path only', () => {
    expect(isSettingsRequest(new Request(URL_))).toBe(true);
    expect(isSettingsRequest(new Request('http://localhost/chatkit'))).toBe(false);
    expect(isSettingsRequest(new Request('http://localhost/chatkit/demo/settings/x'))).toBe(false);
  });

  test('GET answers the setting without the key, uncached', async () => {
    const response = await handleSettingsRequest(new Request(URL_), memoryStorage(openAI));
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toEqual(toView(openAI));
  });

  test('PUT saves a change and answers it; a bad one is refused with the field named', async () => {
    const storage = memoryStorage();
    const put = (body: string) => handleSettingsRequest(new Request(URL_, { method: 'PUT', body }), storage);

    const saved = await put(JSON.stringify(update({ apiKey: KEY })));
    expect(saved.status).toBe(200);
    expect(await saved.json()).toMatchObject({ responder: 'model', model: { hasApiKey: true } });
    expect(storage.saved.apiKey).toBe(KEY);

    const refused = await put(JSON.stringify(update({ baseURL: 'ftp://x' })));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: 'invalid_request',
      message: 'model.baseURL: must start with http:// or https://',
    });
    expect((await put('{')).status).toBe(400);
    expect(storage.saved.apiKey).toBe(KEY);
  });

  test('other methods get 405', async () => {
    const response = await handleSettingsRequest(new Request(URL_, { method: 'DELETE' }), memoryStorage());
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, PUT');
  });
});
