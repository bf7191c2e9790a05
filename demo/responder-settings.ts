/**
 * The demo's responder setting as the page and the worker exchange it: who answers (the scripted
 * assistant or a model) and, for a model, where it lives. Plain types and constants only, so the
 * page bundle pays nothing for importing them.
 *
 * The API key travels one way: the page may send a new one, but the worker never sends it back
 * (the page learns only whether one is saved), so it exists in page memory only while it is typed.
 */

/**
 * The demo-only route for the setting. It sits under the ChatKit URL because the page's fetch shim
 * sends exactly those URLs to the worker, which answers this one before the ChatKit handler sees it.
 */
export const SETTINGS_PATH = '/chatkit/demo/settings';

/** The IndexedDB database (in this browser, on this origin) that holds the setting and the key. */
export const SETTINGS_DATABASE = 'chatkit-local-demo-settings';

/** Who answers a message. */
export type ResponderKind = 'scripted' | 'model';

/** Which OpenAI-compatible API the model is called through. */
export type ModelApi = 'responses' | 'chat_completions';

/** Where the model lives, as the page sees it: no key, only whether one is saved. */
export interface ModelSettingsView {
  baseURL: string;
  model: string;
  api: ModelApi;
  hasApiKey: boolean;
}

/** The setting as the route returns it. */
export interface ResponderSettingsView {
  responder: ResponderKind;
  model: ModelSettingsView;
}

/** What the page sends to change the setting. */
export interface ResponderSettingsUpdate {
  responder: ResponderKind;
  model: {
    baseURL: string;
    model: string;
    api: ModelApi;
    /** A new key; left out (or empty) keeps the saved one, unless the base URL moves to another host. */
    apiKey?: string;
    /** Removes the saved key. */
    forgetApiKey?: boolean;
  };
}

/** OpenAI's API; any OpenAI-compatible base URL works. */
export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

/** A small OpenAI model that streams on both APIs. */
export const DEFAULT_MODEL = 'gpt-4.1-mini';

/** A common endpoint, one click away in the dialog. */
export interface ModelPreset {
  label: string;
  baseURL: string;
  api: ModelApi;
  /** A model to suggest; left out where the server decides (LM Studio's loaded model). */
  model?: string;
}

/** OpenAI, and the two usual local servers (which offer Chat Completions). */
export const MODEL_PRESETS: readonly ModelPreset[] = [
  { label: 'OpenAI', baseURL: DEFAULT_BASE_URL, api: 'responses', model: DEFAULT_MODEL },
  { label: 'Ollama', baseURL: 'http://localhost:11434/v1', api: 'chat_completions', model: 'llama3.2' },
  { label: 'LM Studio', baseURL: 'http://localhost:1234/v1', api: 'chat_completions' },
];
