/**
 * The stored responder setting and its rules: what a change from the page may contain, how it is
 * merged with what is saved (where the key is kept or dropped), and what the page gets to see.
 * No storage here, so the rules are tested on their own.
 */
import { z } from 'zod';
import {
  DEFAULT_BASE_URL,
  DEFAULT_MODEL,
  type ModelApi,
  type ResponderKind,
  type ResponderSettingsUpdate,
  type ResponderSettingsView,
} from '../../responder-settings.ts';

/** The setting as the worker keeps it, key included. */
export interface StoredResponderSettings {
  responder: ResponderKind;
  baseURL: string;
  model: string;
  api: ModelApi;
  /** The user's key, or null (local servers usually need none). */
  apiKey: string | null;
}

/** A model responder's part of the setting: what the model code needs. */
export type ModelSettings = Omit<StoredResponderSettings, 'responder'>;

/** Before the user changes anything: the scripted assistant, and OpenAI prefilled for a model. */
export const DEFAULT_SETTINGS: StoredResponderSettings = {
  responder: 'scripted',
  baseURL: DEFAULT_BASE_URL,
  model: DEFAULT_MODEL,
  api: 'responses',
  apiKey: null,
};

/** Thrown for a change the worker refuses; the message names the field. */
export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
}

/**
 * An http(s) base URL without query or fragment (the client appends paths such as
 * `/chat/completions` to it), in its normal form with no trailing slash.
 */
export function normalizeBaseURL(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new InvalidSettingsError('model.baseURL: not a URL (example: http://localhost:11434/v1)');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new InvalidSettingsError('model.baseURL: must start with http:// or https://');
  if (url.username || url.password)
    throw new InvalidSettingsError(
      'model.baseURL: must not contain a user name or password (put the key in the API key field)',
    );
  if (url.search || url.hash) throw new InvalidSettingsError('model.baseURL: must not have a query or a fragment');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

const Responder = z.enum(['scripted', 'model']);
const Api = z.enum(['responses', 'chat_completions']);

const Update = z.object({
  responder: Responder,
  model: z.object({
    baseURL: z.string().max(2000),
    model: z.string().trim().max(200),
    api: Api,
    apiKey: z.string().trim().max(4000).optional(),
    forgetApiKey: z.boolean().optional(),
  }),
});

const Stored = z.object({
  responder: Responder,
  baseURL: z.string(),
  model: z.string(),
  api: Api,
  apiKey: z.string().nullable(),
});

/** Checks a change sent by the page. @throws {InvalidSettingsError} naming the first bad field. */
export function parseUpdate(body: unknown): ResponderSettingsUpdate {
  const parsed = Update.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InvalidSettingsError(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  }
  const update = parsed.data;
  // A model name is only needed once a model answers; switching to scripted keeps whatever was typed.
  if (update.responder === 'model' && !update.model.model)
    throw new InvalidSettingsError('model.model: enter the model name');
  return update;
}

/** Reads what IndexedDB returned; anything unreadable counts as never set. */
export function readStored(value: unknown): StoredResponderSettings {
  const parsed = Stored.safeParse(value);
  return parsed.success ? parsed.data : { ...DEFAULT_SETTINGS };
}

/**
 * The setting after `update`. The saved key is kept only while the base URL stays on the same
 * origin: a key entered for one server must never be sent to another one typed in later.
 * Switching to the scripted assistant always works: model fields it cannot use keep their saved
 * values instead of blocking the switch.
 * @throws {InvalidSettingsError} for a model setting with a bad base URL.
 */
export function applyUpdate(
  current: StoredResponderSettings,
  update: ResponderSettingsUpdate,
): StoredResponderSettings {
  if (update.responder === 'scripted') {
    try {
      return { ...applyModelUpdate(current, update), responder: 'scripted' };
    } catch (error) {
      if (error instanceof InvalidSettingsError) return { ...current, responder: 'scripted' };
      throw error;
    }
  }
  return { ...applyModelUpdate(current, update), responder: 'model' };
}

function applyModelUpdate(current: StoredResponderSettings, update: ResponderSettingsUpdate): ModelSettings {
  const baseURL = normalizeBaseURL(update.model.baseURL);
  let apiKey: string | null;
  if (update.model.apiKey) apiKey = update.model.apiKey;
  else if (update.model.forgetApiKey) apiKey = null;
  else apiKey = originOf(baseURL) === originOf(current.baseURL) ? current.apiKey : null;
  return { baseURL, model: update.model.model, api: update.model.api, apiKey };
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/** What the page may see: everything but the key. */
export function toView(settings: StoredResponderSettings): ResponderSettingsView {
  return {
    responder: settings.responder,
    model: { baseURL: settings.baseURL, model: settings.model, api: settings.api, hasApiKey: settings.apiKey !== null },
  };
}
