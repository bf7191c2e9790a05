/**
 * A failed model call as one sentence for the chat: what went wrong and what to check in Settings.
 * Never the key: a server's own message is included only where it helps, and scrubbed of anything
 * key-like first (OpenAI's 401 message, for one, quotes part of the key).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ModelSettings } from '../settings/settings-record.ts';

const MAX_DETAIL = 300;

/** Below this length a key spaced out could match ordinary text, so only its exact forms are removed. */
const MIN_SPACED_KEY = 8;

/** Characters a server (or a proxy's error page) may have put between the key's characters. */
const SPACING = '[\\s\\u00ad\\u200b-\\u200d\\u2060\\ufeff]*';

/** The key with any spacing between its characters. */
function spacedOut(key: string): RegExp {
  return new RegExp([...key].map((char) => char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join(SPACING), 'g');
}

/**
 * The key as is and the parts of its base64 encodings (standard and URL-safe) that depend on the
 * key alone, for each of the three alignments it can have inside a longer encoded string
 * (`user:key` in a Basic auth header).
 */
function encodedForms(key: string): string[] {
  const bytes = new TextEncoder().encode(key);
  const forms = [key];
  for (let offset = 0; offset < 3; offset++) {
    const padded = new Uint8Array(offset + bytes.length);
    padded.set(bytes, offset);
    const base64 = btoa(String.fromCharCode(...padded));
    // Characters made only of the key's bits: from the first whole sextet after the offset to the last.
    const core = base64.slice(Math.ceil((8 * offset) / 6), Math.floor((8 * (offset + bytes.length)) / 6));
    if (core.length >= MIN_SPACED_KEY) forms.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return forms;
}

/** The chat's message for `error`, thrown by a model call made with `settings`. */
export function modelErrorMessage(error: unknown, settings: ModelSettings): string {
  const where = settings.baseURL;
  if (error instanceof APIConnectionTimeoutError)
    return `The model at ${where} did not answer in time. Try again, or check the server.`;
  if (error instanceof APIConnectionError) {
    return `Could not reach the model at ${where}. Check that the server is running and that it allows requests from this page (CORS).`;
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const detail = serverDetail(error, settings);
    switch (error.status) {
      case 401:
        return settings.apiKey
          ? `The model server at ${where} refused the API key (401). Check the key in Settings.`
          : `The model server at ${where} needs an API key (401). Add one in Settings.`;
      case 403:
        return `The model server at ${where} refused access (403)${detail}. Check the key and the model in Settings.`;
      case 404:
        return `The model server at ${where} has no model "${settings.model}" on the ${apiName(settings)} API (404)${detail}. Check the model name and the API in Settings.`;
      case 429:
        return `The model server at ${where} is rate-limiting or out of quota (429)${detail}. Wait a moment and retry.`;
      default:
        return `The model server at ${where} answered with an error (${error.status})${detail}.`;
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  return `The model run failed: ${scrub(message, settings)}`;
}

function apiName(settings: ModelSettings): string {
  return settings.api === 'chat_completions' ? 'Chat Completions' : 'Responses';
}

/** `: <the server's own message>` when it sent one, scrubbed and shortened. */
function serverDetail(error: { error?: unknown }, settings: ModelSettings): string {
  const body = error.error as { message?: unknown } | null | undefined;
  const text = typeof body?.message === 'string' ? body.message.trim() : '';
  return text ? `: ${scrub(text, settings)}` : '';
}

/**
 * `text` without the key (as is, spaced out, or base64-encoded as in a Basic auth header), without
 * anything shaped like an OpenAI key, and not too long.
 */
export function scrub(text: string, settings: Pick<ModelSettings, 'apiKey'>): string {
  let out = text;
  const key = settings.apiKey;
  if (key) {
    for (const form of encodedForms(key)) out = out.split(form).join('[key]');
    if (key.length >= MIN_SPACED_KEY) out = out.replace(spacedOut(key), '[key]');
  }
  out = out.replace(/\bsk-[\w*-]{4,}/g, '[key]');
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}
