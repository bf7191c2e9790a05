/**
 * The setting that makes a real model answer through the Agents SDK bridge. The model is a fake
 * OpenAI-compatible endpoint on the page's own origin (see fake-model.ts); the key must reach it
 * and nothing else.
 */
import type { BrowserContext, Page, Request, Route } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { FAKE_BASE_PATH, fakeModel, streamReply, streamResponsesReply } from './fake-model.ts';
import { solidPng } from './png.ts';
import { rawDatabases } from './raw-databases.ts';

const API_KEY = 'sk-test-e2e-0123456789-SECRET';

// Playwright routes a dedicated worker's requests but not a SharedWorker's, and the fake model is a
// route: these tests run the demo on its dedicated-worker fallback.
test.use({ demoPath: '/?theme=light&worker=dedicated' });

interface ModelChoice {
  baseURL: string;
  apiKey?: string;
  model: string;
  api: 'Responses' | 'Chat Completions';
}

function settingsButton(page: Page) {
  return page.getByRole('button', { name: /^Settings:/ });
}

/** Who answers, as the settings button shows it. */
function responderName(page: Page) {
  return settingsButton(page).locator('.responder-name');
}

function settingsDialog(page: Page) {
  return page.getByRole('dialog', { name: 'Settings' });
}

/** Picks a model in the settings dialog and saves. */
async function chooseModel(page: Page, choice: ModelChoice): Promise<void> {
  await settingsButton(page).click();
  const dialog = settingsDialog(page);
  await dialog.getByRole('radio', { name: /^Model/ }).check();
  await dialog.getByRole('textbox', { name: 'API base URL' }).fill(choice.baseURL);
  if (choice.apiKey !== undefined) await dialog.getByLabel('API key').fill(choice.apiKey);
  await dialog.getByRole('textbox', { name: 'Model', exact: true }).fill(choice.model);
  await dialog.getByRole('radio', { name: choice.api }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(responderName(page)).toHaveText(choice.model);
}

/** The fake model on this origin, with the key, on Chat Completions (what local servers offer). */
function fakeChoice(page: Page): ModelChoice {
  return {
    baseURL: new URL(FAKE_BASE_PATH, page.url()).href,
    apiKey: API_KEY,
    model: 'fake-model',
    api: 'Chat Completions',
  };
}

/** Every request the browser makes (page and workers), as text to search for the key. */
function recordRequests(context: BrowserContext): { request: Request; text: string }[] {
  const seen: { request: Request; text: string }[] = [];
  context.on('request', (request) => {
    seen.push({
      request,
      text: [request.url(), JSON.stringify(request.headers()), request.postData() ?? ''].join('\n'),
    });
  });
  return seen;
}

/** Everything the page itself keeps outside IndexedDB, plus every IndexedDB database but the settings one. */
async function pageStorageText(page: Page): Promise<string> {
  const { 'chatkit-local-demo-settings': _settings, ...databases } = await rawDatabases(page);
  const elsewhere = await page.evaluate(() =>
    [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie].join('\n'),
  );
  return [elsewhere, ...Object.values(databases)].join('\n');
}

/** The record the worker saved in its settings database. */
async function savedSettings(page: Page): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    () =>
      new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
        const open = indexedDB.open('chatkit-local-demo-settings');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('settings').objectStore('settings').get('responder');
          get.onsuccess = () => {
            db.close();
            resolve(get.result as Record<string, unknown> | undefined);
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

test('the dialog works from the keyboard and the setting survives a reload; the key stays in the worker’s IndexedDB', async ({
  demo,
  page,
  context,
}) => {
  const requests = recordRequests(context);
  await expect(responderName(page)).toHaveText('Scripted');
  await demo.send('Hello, script');
  await expect(demo.items('assistant_message')).toContainText('Hello, script');

  // Opened from the keyboard, it starts on the current choice; Escape closes it and gives the focus back.
  await settingsButton(page).focus();
  await page.keyboard.press('Enter');
  const dialog = settingsDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: /^Scripted \(offline\)/ })).toBeChecked();
  await expect(dialog.getByRole('radio', { name: /^Scripted \(offline\)/ })).toBeFocused();
  await expect(dialog.getByRole('textbox', { name: 'API base URL' })).toBeHidden();
  await page.keyboard.press('ArrowRight');
  await expect(dialog.getByRole('radio', { name: /^Model/ })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'API base URL' })).toHaveValue('https://api.openai.com/v1');
  await expect(dialog.getByRole('radio', { name: 'Responses' })).toBeChecked();
  await expect(dialog).toContainText('kept in this browser’s IndexedDB');
  await expect(dialog).toContainText('sends it only to the base URL above');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(settingsButton(page)).toBeFocused();
  await expect(responderName(page)).toHaveText('Scripted');

  // The worker checks what the page sends.
  await settingsButton(page).click();
  await dialog.getByRole('radio', { name: /^Model/ }).check();
  await dialog.getByRole('textbox', { name: 'API base URL' }).fill('ftp://example.test/v1');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.locator('.field-error').first()).toHaveText('Must start with http:// or https://');
  await expect(dialog.getByRole('textbox', { name: 'API base URL' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await chooseModel(page, fakeChoice(page));
  await expect(demo.toast('Settings saved: fake-model answers from now on')).toBeVisible();
  await expect(page.locator('.sidebar-footer')).toHaveText(/answers from fake-model at 127\.0\.0\.1:\d+$/);

  await demo.reload();
  await expect(responderName(page)).toHaveText('fake-model');
  await settingsButton(page).click();
  await expect(dialog.getByRole('radio', { name: /^Model/ })).toBeChecked();
  await expect(dialog.getByRole('textbox', { name: 'API base URL' })).toHaveValue(
    fakeChoice(page).baseURL.replace(/\/$/, ''),
  );
  await expect(dialog.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('fake-model');
  await expect(dialog.getByRole('radio', { name: 'Chat Completions' })).toBeChecked();
  // The key is never sent back to the page: the field is empty and says one is saved.
  await expect(dialog.getByLabel('API key')).toHaveValue('');
  await expect(dialog).toContainText('A key is saved. Leave this empty to keep it.');
  await page.keyboard.press('Escape');

  // Where the key is: the worker's settings database, and nowhere else.
  expect(await savedSettings(page)).toMatchObject({
    responder: 'model',
    apiKey: API_KEY,
    model: 'fake-model',
    api: 'chat_completions',
  });
  expect(await pageStorageText(page)).not.toContain(API_KEY);
  expect(requests.filter(({ text }) => text.includes(API_KEY)).map(({ request }) => request.url())).toEqual([]);
  // Only the scripted assistant answered, so nothing of the model was loaded or called.
  expect(requests.map(({ request }) => request.url()).filter((url) => /model-responder|fake-llm/.test(url))).toEqual(
    [],
  );
});

test('a model on an OpenAI-compatible endpoint streams a reply, which is stored and survives a reload', async ({
  demo,
  page,
  context,
}) => {
  const requests = recordRequests(context);
  const fake = await fakeModel(page, streamReply(['Hello', ' from', ' the', ' **fake**', ' model.']));
  await chooseModel(page, fakeChoice(page));

  await demo.send('Hi model');
  const reply = demo.items('assistant_message');
  await expect(reply).toHaveCount(1);
  await expect(reply.locator('.assistant-body')).toHaveText('Hello from the fake model.');
  await expect(reply.locator('strong')).toHaveText('fake');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hi model');

  // One streamed Chat Completions request, with the key, the model and the conversation.
  expect(fake.calls).toHaveLength(1);
  const [first] = fake.calls;
  expect(new URL(first!.request.url()).pathname).toBe(`${FAKE_BASE_PATH}/chat/completions`);
  expect(first!.request.headers().authorization).toBe(`Bearer ${API_KEY}`);
  expect(first!.body).toMatchObject({ model: 'fake-model', stream: true });
  expect(first!.body.messages?.at(-1)).toMatchObject({ role: 'user', content: [{ type: 'text', text: 'Hi model' }] });

  // The next turn sends the history back, and an image attachment as its data: preview.
  await page
    .getByRole('form', { name: 'Composer' })
    .locator('input[type="file"]')
    .setInputFiles([
      { name: 'dot.png', mimeType: 'image/png', buffer: solidPng(16, 16, [20, 160, 90]) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not read') },
    ]);
  await expect(page.locator('.attachment-tray .attachment-pill[data-state="ready"]')).toHaveCount(2);
  await demo.send('What is in this picture?');
  await expect(reply).toHaveCount(2);
  expect(fake.calls).toHaveLength(2);
  const messages = fake.calls[1]!.body.messages!;
  expect(messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'user']);
  expect(messages[2]).toMatchObject({
    role: 'assistant',
    content: [{ type: 'text', text: 'Hello from the **fake** model.' }],
  });
  const parts = messages[3]!.content as { type: string; text?: string; image_url?: { url: string } }[];
  expect(parts[0]).toEqual({ type: 'text', text: 'What is in this picture?' });
  expect(parts.find((part) => part.type === 'image_url')?.image_url?.url).toMatch(/^data:image\//);
  expect(parts.find((part) => part.text?.includes('notes.txt'))?.text).toContain('not available to you');

  // The key went to the model's base URL (in the Authorization header) and nowhere else.
  const withKey = requests.filter(({ text }) => text.includes(API_KEY)).map(({ request }) => request);
  expect(withKey.length).toBe(2);
  for (const request of withKey) {
    expect(new URL(request.url()).pathname.startsWith(`${FAKE_BASE_PATH}/`)).toBe(true);
    expect(request.url() + (request.postData() ?? '')).not.toContain(API_KEY);
  }

  await demo.reload();
  await expect(demo.items('assistant_message')).toHaveCount(2);
  await expect(demo.items('assistant_message').first().locator('.assistant-body')).toHaveText(
    'Hello from the fake model.',
  );
  expect(fake.calls).toHaveLength(2);
});

test('the Responses API works too, through the bridge as it is', async ({ demo, page }) => {
  const fake = await fakeModel(page, streamResponsesReply(['Answered', ' on', ' the', ' Responses', ' API.']));
  await chooseModel(page, { ...fakeChoice(page), api: 'Responses' });
  await demo.send('Which API?');
  await expect(demo.items('assistant_message').locator('.assistant-body')).toHaveText('Answered on the Responses API.');
  await demo.send('And again?');
  await expect(demo.items('assistant_message')).toHaveCount(2);

  expect(fake.calls.map((call) => new URL(call.request.url()).pathname)).toEqual([
    `${FAKE_BASE_PATH}/responses`,
    `${FAKE_BASE_PATH}/responses`,
  ]);
  expect(fake.calls[0]!.body).toMatchObject({ model: 'fake-model', stream: true });
  // The second request carries the first answer back as model input.
  expect(JSON.stringify(fake.calls[1]!.body.input)).toContain('Answered on the Responses API.');
  await demo.reload();
  await expect(demo.items('assistant_message').first().locator('.assistant-body')).toHaveText(
    'Answered on the Responses API.',
  );
});

test('stop aborts the model request', async ({ demo, page, context }) => {
  const held: Route[] = [];
  const fake = await fakeModel(page, (route) => {
    // Never answered: the model is "thinking" until the page stops it.
    held.push(route);
  });
  await chooseModel(page, fakeChoice(page));

  await demo.submit('Take your time');
  const call = await fake.next();
  const failed = context.waitForEvent('requestfailed', (request) => request === call.request);
  await page.getByRole('button', { name: 'Stop' }).click();
  expect((await failed).failure()?.errorText).toContain('ERR_ABORTED');
  await demo.idle();
  await expect(page.locator('.error-banner')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(demo.items('user_message')).toHaveText('Take your time');
  expect(held).toHaveLength(1);
});

test('a refused key and an unreachable server are explained in the chat, without the key', async ({ demo, page }) => {
  let refuse = true;
  await fakeModel(page, (route) =>
    refuse
      ? route.fulfill({
          status: 401,
          contentType: 'application/json',
          body: JSON.stringify({
            error: {
              message: `Incorrect API key provided: ${API_KEY}.`,
              type: 'invalid_request_error',
              code: 'invalid_api_key',
            },
          }),
        })
      : route.abort('connectionrefused'),
  );
  await chooseModel(page, fakeChoice(page));

  await demo.send('Hello?');
  const error = page.locator('.error-banner');
  await expect(error).toContainText('refused the API key (401). Check the key in Settings.');
  await expect(error).not.toContainText(API_KEY);
  await expect(error).not.toContainText('sk-');

  refuse = false;
  await error.getByRole('button', { name: 'Retry' }).click();
  await demo.idle();
  await expect(page.locator('.error-banner')).toContainText('Could not reach the model at');
  await expect(page.locator('.error-banner')).toContainText('CORS');
});

test('switching back to Scripted answers offline again and keeps the model fields', async ({ demo, page }) => {
  const fake = await fakeModel(page, streamReply(['From the model.']));
  await chooseModel(page, fakeChoice(page));
  await demo.send('First, the model');
  await expect(demo.items('assistant_message')).toHaveText('From the model.');

  await settingsButton(page).click();
  const dialog = settingsDialog(page);
  await dialog.getByRole('radio', { name: /^Scripted/ }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(responderName(page)).toHaveText('Scripted');
  await expect(page.locator('.sidebar-footer')).toHaveText(/no network$/);

  await demo.send('/help');
  await expect(demo.items('assistant_message').last()).toContainText('I am a scripted assistant');
  expect(fake.calls).toHaveLength(1);

  await settingsButton(page).click();
  await dialog.getByRole('radio', { name: /^Model/ }).check();
  await expect(dialog.getByRole('textbox', { name: 'Model', exact: true })).toHaveValue('fake-model');
  await expect(dialog).toContainText('A key is saved.');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the settings dialog in the ${theme} theme`, async ({ demo, page }) => {
    await demo.open(`/?theme=${theme}&worker=dedicated`);
    await settingsButton(page).click();
    await settingsDialog(page)
      .getByRole('radio', { name: /^Model/ })
      .check();
    await expect(settingsDialog(page)).toBeInViewport();
    await demo.screenshot(`settings-${theme}`);
    await page.setViewportSize({ width: 390, height: 780 });
    await expect(settingsDialog(page).getByRole('button', { name: 'Save' })).toBeVisible();
    await demo.screenshot(`settings-mobile-${theme}`);
  });
}

test('a redirect from the model URL is refused: the conversation never reaches the other URL', async ({
  demo,
  page,
  context,
}) => {
  // The base URL answers every call with a 307 to a path outside it (another origin in a real
  // attack; the same origin here, since the test refuses any request off the page's origin).
  const fake = await fakeModel(page, (route) =>
    route.fulfill({ status: 307, headers: { location: '/elsewhere/v1/chat/completions' } }),
  );
  // A redirect's next hop is not routed by Playwright, so watch every request instead.
  const elsewhere: string[] = [];
  context.on('request', (request) => {
    if (request.url().includes('/elsewhere/')) elsewhere.push(request.url());
  });
  await chooseModel(page, fakeChoice(page));

  await demo.send('A secret conversation');
  await expect(page.locator('.error-banner')).toContainText('Could not reach the model at');
  expect(fake.calls.length).toBeGreaterThan(0);
  expect(elsewhere).toEqual([]);
  await expect(demo.items('assistant_message')).toHaveCount(0);
});
