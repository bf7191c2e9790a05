/**
 * The page's side of the demo's encryption route: what it sends (one POST per action, to the route,
 * the passphrase in the body), and how it reads the worker's refusals (a passphrase problem is
 * marked as such, for the field that shows it).
 */
import { describe, expect, test } from 'vitest';
import { ENCRYPTION_PATH } from '../../demo/encryption-setting.ts';
import { createEncryptionClient, EncryptionRefusal } from '../../demo/encryption-client.ts';

/** A fetch that records each request and answers with `answer`. */
function fakeFetch(answer: () => Response) {
  const sent: { url: string; method: string; body: unknown }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : null,
    });
    return answer();
  }) as typeof globalThis.fetch;
  return { fetch, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

async function refusal(promise: Promise<unknown>): Promise<EncryptionRefusal> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EncryptionRefusal);
  return error as EncryptionRefusal;
}

describe('demo encryption client', () => {
  test('sends each action as one POST to the route, the passphrase in the body', async () => {
    const { fetch, sent } = fakeFetch(() => json(200, { encrypted: true, locked: false }));
    const client = createEncryptionClient(fetch);
    expect(await client.status()).toEqual({ encrypted: true, locked: false });
    await client.unlock('one passphrase');
    await client.encrypt('two passphrase');
    await client.change('two passphrase', 'three passphrase');
    await client.decrypt('three passphrase');
    await client.startOver();
    expect(sent).toEqual([
      { url: ENCRYPTION_PATH, method: 'GET', body: null },
      { url: ENCRYPTION_PATH, method: 'POST', body: { action: 'unlock', passphrase: 'one passphrase' } },
      { url: ENCRYPTION_PATH, method: 'POST', body: { action: 'encrypt', passphrase: 'two passphrase' } },
      {
        url: ENCRYPTION_PATH,
        method: 'POST',
        body: { action: 'change', current: 'two passphrase', passphrase: 'three passphrase' },
      },
      { url: ENCRYPTION_PATH, method: 'POST', body: { action: 'decrypt', current: 'three passphrase' } },
      { url: ENCRYPTION_PATH, method: 'POST', body: { action: 'start-over' } },
    ]);
  });

  test.each([
    ['passphrase', 'this passphrase does not open your chats.', 'This passphrase does not open your chats.'],
    ['current', 'this is not your current passphrase.', 'This is not your current passphrase.'],
  ] as const)('a refusal about the %s field names it, with the message ready to show', async (field, said, shown) => {
    const { fetch } = fakeFetch(() => json(403, { error: 'wrong_passphrase', message: `${field}: ${said}` }));
    const error = await refusal(createEncryptionClient(fetch).unlock('wrong'));
    expect(error).toMatchObject({ field, status: 403 });
    expect(error.message).toBe(shown);
  });

  test('other refusals keep their message; an answer without one gets the status', async () => {
    const conflict = fakeFetch(() => json(409, { error: 'conflict', message: 'Encryption is already on.' }));
    expect(await refusal(createEncryptionClient(conflict.fetch).encrypt('a passphrase'))).toMatchObject({
      field: null,
      status: 409,
      message: 'Encryption is already on.',
    });
    const broken = fakeFetch(() => new Response('oops', { status: 500 }));
    expect((await refusal(createEncryptionClient(broken.fetch).status())).message).toBe('The request failed (500).');
  });
});
