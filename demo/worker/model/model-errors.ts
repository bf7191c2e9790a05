/**
 * A failed model call as one sentence for the chat: what went wrong and what to check in Settings.
 * Never the key: a server's own message is included only where it helps, and scrubbed of anything
 * key-like first (OpenAI's 401 message, for one, quotes part of the key).
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { ModelSettings } from '../settings/settings-record.ts';

const MAX_DETAIL = 300;

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

/** `text` without the key, without anything shaped like an OpenAI key, and not too long. */
export function scrub(text: string, settings: Pick<ModelSettings, 'apiKey'>): string {
  let out = settings.apiKey ? text.split(settings.apiKey).join('[key]') : text;
  out = out.replace(/\bsk-[\w*-]{4,}/g, '[key]');
  return out.length > MAX_DETAIL ? `${out.slice(0, MAX_DETAIL - 1)}…` : out;
}
