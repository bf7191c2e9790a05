/**
 * The Agents SDK model for the user's setting: an OpenAI client bound to the chosen base URL, on
 * the Responses or the Chat Completions API.
 */
import { OpenAIChatCompletionsModel, OpenAIResponsesModel, type Model } from '@openai/agents';
// `openai` comes with `@openai/agents` (its dependency). Importing it here is the only way to pass
// `dangerouslyAllowBrowser`: the SDK's OpenAIProvider builds its client without that option.
import OpenAI from 'openai';
import type { ModelSettings } from '../settings/settings-record.ts';

/** Stands in for a missing key: the client insists on one, but no Authorization header is sent. */
const NO_KEY = 'no-key';

/**
 * A `fetch` that only reaches URLs under `baseURL`. The client only calls paths below it anyway;
 * this makes "the key is sent only to the base URL" hold whatever the client (or a future version
 * of it) tries. Redirects are refused, not followed: a base URL answering 307/308 would otherwise
 * send the conversation (a 307 keeps the body) to any URL, and in a worker a redirect cannot be
 * inspected before it is followed (`redirect: 'manual'` gives an opaque response).
 */
export function fetchOnlyUnder(
  baseURL: string,
  fetchImpl: typeof fetch = globalThis.fetch.bind(globalThis),
): typeof fetch {
  const base = new URL(baseURL);
  const prefix = `${base.pathname.replace(/\/+$/, '')}/`;
  return (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.origin !== base.origin || !url.pathname.startsWith(prefix)) {
      return Promise.reject(
        new TypeError(`Refused a request outside the model's base URL (${url.origin}${url.pathname}).`),
      );
    }
    return fetchImpl(input, { ...init, redirect: 'error' });
  };
}

/** The model the agent runs on, from the user's setting. */
export function createModel(settings: ModelSettings): Model {
  const client = new OpenAI({
    apiKey: settings.apiKey ?? NO_KEY,
    // Without a key, send no Authorization header at all (local servers need none).
    defaultHeaders: settings.apiKey ? undefined : { Authorization: null },
    baseURL: settings.baseURL,
    // The key is the user's own, typed into this page and sent only to the endpoint they chose;
    // that is the case this option exists for.
    dangerouslyAllowBrowser: true,
    fetch: fetchOnlyUnder(settings.baseURL),
    // One retry for a dropped connection or a 429/5xx; after that the chat shows the error and a Retry button.
    maxRetries: 1,
  });
  return settings.api === 'chat_completions'
    ? new OpenAIChatCompletionsModel(client, settings.model)
    : new OpenAIResponsesModel(client, settings.model);
}
