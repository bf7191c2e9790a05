/** Streaming controls: stop, retry, error events, and Markdown rendering. */
import { expect, test } from './fixtures.ts';

test('stop leaves the partial reply in the history, also after a reload', async ({ demo, page }) => {
  await demo.submit('/long');
  const reply = demo.items('assistant_message');
  await expect(reply).toContainText('Every request the chat makes');
  await page.getByRole('button', { name: 'Stop' }).click();
  await demo.idle();

  await expect(reply.locator('[data-streaming]')).toHaveCount(0);
  await expect(reply.locator('.stopped-mark')).toHaveText('Stopped');
  const partial = (await reply.locator('.assistant-body').innerText()).trim();
  expect(partial).toContain('How this demo works');
  expect(partial).not.toContain('What to try next');

  // The worker stores the partial reply once it has handled the stop. A reload before then ends a
  // dedicated worker first; what the store must hold is checked after it has had the chance.
  await expect.poll(() => demo.storedItemTypes()).toContain('sdk_hidden_context');

  await demo.reload();
  const stored = (await demo.items('assistant_message').locator('.assistant-body').innerText()).trim();
  // The server keeps what it had streamed when the page stopped reading: at least what was shown.
  expect(stored.startsWith(partial.slice(0, -40))).toBe(true);
  expect(stored).not.toContain('What to try next');
  // The note for a model that the user stopped the reply is stored, never shown.
  await expect(page.locator('.item[data-item-type="sdk_hidden_context"]')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Send' })).toBeVisible();
});

test('retry replaces the last answer with a new one', async ({ demo }) => {
  await demo.send('Please answer twice');
  const before = await demo.items('assistant_message').getAttribute('data-item-id');
  await demo.items('assistant_message').getByRole('button', { name: 'Retry' }).click();
  await demo.idle();
  await expect(demo.items('assistant_message')).toHaveCount(1);
  await expect(demo.items('assistant_message')).not.toHaveAttribute('data-item-id', before!);
  await expect(demo.items('assistant_message')).toContainText('Please answer twice');
  await expect(demo.items('user_message')).toHaveCount(1);
});

test('an error event is shown, and its retry succeeds', async ({ demo, page }) => {
  await demo.send('/error');
  const error = page.locator('.error-banner');
  await expect(error).toContainText('The demo failed on purpose');
  await error.getByRole('button', { name: 'Retry' }).click();
  await demo.idle();
  await expect(error).toHaveCount(0);
  await expect(demo.items('assistant_message').last()).toContainText('Attempt 2 worked');
});

test('Markdown replies render as formatted text', async ({ demo, page }) => {
  await demo.send('/markdown');
  const reply = demo.items('assistant_message');
  await expect(reply.getByRole('heading', { name: 'Markdown, rendered safely' })).toBeVisible();
  await expect(reply.locator('strong').first()).toHaveText('Markdown');
  await expect(reply.locator('ol > li')).toHaveCount(3);
  await expect(reply.locator('ul ul, ol ul').first()).toContainText('bullet points');
  await expect(reply.locator('li.md-task input[type="checkbox"]')).toHaveCount(2);
  await expect(reply.getByRole('table')).toContainText('IndexedDB');
  await expect(reply.locator('pre code')).toContainText('createChatKitFetch');
  await expect(reply.getByRole('link', { name: 'ChatKit docs' })).toHaveAttribute(
    'href',
    'https://openai.github.io/chatkit-js/',
  );
  await expect(reply.getByRole('link', { name: 'mailto:hello@example.com' })).toHaveAttribute(
    'href',
    'mailto:hello@example.com',
  );
  await expect(reply.locator('.md-inert-link')).toHaveText('this one');
  // Raw HTML in the text is shown as text.
  await expect(reply).toContainText('<b>not bold</b>');
  await expect(page.locator('.assistant-body b')).toHaveCount(0);
});
