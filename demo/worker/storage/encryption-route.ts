/**
 * The demo-only encryption route, answered in the worker before the ChatKit handler, on the page's
 * fetch shim like the settings and data routes: `GET` says whether the chats are encrypted and
 * locked; `POST` unlocks them, encrypts them, changes the passphrase or decrypts them (see
 * {@link EncryptionRequest}), or deletes them to start over; changing and decrypting need the current passphrase, so that a tab left unlocked
 * is not enough to change or remove it. Passphrases arrive in the body and go no further than the
 * store that derives the key from them.
 */
import { EncryptionKeyError } from 'chatkit-local/indexeddb';
import { z } from 'zod';
import { ENCRYPTION_PATH, MIN_PASSPHRASE_LENGTH, type EncryptionRequest } from '../../encryption-setting.ts';
import { json, methodNotAllowed } from '../json-response.ts';
import { EncryptionStateError, type ChatStorage } from './chat-storage.ts';
import { ChatsLockedError, lockedResponse } from './locked.ts';

/** Whether `request` is for the encryption route. */
export function isEncryptionRequest(request: Request): boolean {
  return new URL(request.url).pathname === ENCRYPTION_PATH;
}

const NewPassphrase = z
  .string()
  .min(MIN_PASSPHRASE_LENGTH, `passphrase: use at least ${MIN_PASSPHRASE_LENGTH} characters`)
  .max(1000, 'passphrase: use at most 1000 characters');

const CurrentPassphrase = z
  .string()
  .min(1, 'current: enter your current passphrase')
  .max(1000, 'current: use at most 1000 characters');

const Body = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('unlock'),
    passphrase: z.string().min(1, 'passphrase: enter your passphrase').max(1000),
  }),
  z.object({ action: z.literal('encrypt'), passphrase: NewPassphrase }),
  z.object({ action: z.literal('change'), current: CurrentPassphrase, passphrase: NewPassphrase }),
  z.object({ action: z.literal('decrypt'), current: CurrentPassphrase }),
  z.object({ action: z.literal('start-over') }),
]);

/** Answers a request for the encryption route on `storage`. */
export async function handleEncryptionRequest<TContext>(
  request: Request,
  storage: ChatStorage<TContext>,
): Promise<Response> {
  if (request.method === 'GET') return json(200, await storage.status());
  if (request.method !== 'POST') return methodNotAllowed(request.method, ['GET', 'POST']);
  let body: EncryptionRequest;
  try {
    const parsed = Body.safeParse(await request.json());
    if (!parsed.success) return invalid(messageOf(parsed.error));
    body = parsed.data;
  } catch {
    return invalid('The body must be JSON.');
  }
  try {
    switch (body.action) {
      case 'unlock':
        return json(200, await storage.unlock(body.passphrase));
      case 'encrypt':
        return json(200, await storage.encrypt(body.passphrase));
      case 'change':
        return json(200, await storage.changePassphrase(body.current, body.passphrase));
      case 'decrypt':
        return json(200, await storage.decrypt(body.current));
      case 'start-over':
        return json(200, await storage.startOver());
    }
  } catch (error) {
    if (error instanceof EncryptionKeyError) {
      return json(403, {
        error: 'wrong_passphrase',
        message:
          body.action === 'unlock'
            ? 'passphrase: this passphrase does not open your chats. Nothing was changed; try again.'
            : 'current: this is not your current passphrase. Nothing was changed; try again.',
      });
    }
    if (error instanceof ChatsLockedError) return lockedResponse();
    if (error instanceof EncryptionStateError) return json(409, { error: 'conflict', message: error.message });
    throw error;
  }
}

function invalid(message: string): Response {
  return json(400, { error: 'invalid_request', message });
}

/** The first problem, naming its field (the schema's own messages already do for the passphrase). */
function messageOf(error: z.ZodError): string {
  const issue = error.issues[0]!;
  const field = issue.path.join('.');
  return field && !issue.message.startsWith(`${field}:`) ? `${field}: ${issue.message}` : issue.message;
}
