/** Conversations and the history: streaming replies, titles, reloads, new/rename/delete, feedback, keyboard use. */
import { expect, test } from './fixtures.ts';

test('a reply streams in, the thread gets a title, and a reload keeps threads and messages', async ({ demo, page }) => {
  const seen = await demo.watch({ streaming: '.assistant-message[data-streaming] .assistant-body p' });
  await demo.send('Hello from the end-to-end test');
  // The reply was shown while it streamed: its first words, before it was complete.
  const partial = (await seen()).streaming;
  expect(partial && 'You said:'.startsWith(partial)).toBe(true);

  await expect(demo.items('user_message')).toHaveText('Hello from the end-to-end test');
  const reply = demo.items('assistant_message');
  await expect(reply).toContainText('You said:');
  await expect(reply.locator('blockquote')).toHaveText('Hello from the end-to-end test');
  await expect(demo.threadRows).toHaveCount(1);
  await expect(demo.threadRows.first()).toContainText('Hello from the end-to-end test');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hello from the end-to-end test');
  await expect(page).toHaveURL(/#\/t\/thr_/);

  await demo.send('And a second message');
  await demo.reload();
  await expect(demo.items('user_message')).toHaveText(['Hello from the end-to-end test', 'And a second message']);
  await expect(demo.items('assistant_message')).toHaveCount(2);
  await expect(demo.items('assistant_message').last()).toContainText('And a second message');
  await expect(demo.threadRows).toHaveCount(1);
});

test('threads are created, renamed and deleted, and the history survives a reload', async ({ demo, page }) => {
  await demo.send('First chat');
  await page.getByRole('button', { name: 'New chat' }).first().click();
  await expect(page.getByRole('heading', { name: 'What can I help with today?' })).toBeVisible();
  await demo.send('Second chat');
  await expect(demo.threadRows.locator('.thread-title')).toHaveText(['Second chat', 'First chat']);

  // Rename the first chat from the keyboard: Enter saves.
  await demo.history.getByRole('button', { name: 'Rename “First chat”' }).click();
  const title = demo.history.getByRole('textbox', { name: 'Chat title' });
  await expect(title).toBeFocused();
  await title.fill('Renamed chat');
  await title.press('Enter');
  await expect(demo.threadRows.locator('.thread-title')).toHaveText(['Second chat', 'Renamed chat']);

  // Escape cancels a rename.
  await demo.history.getByRole('button', { name: 'Rename “Second chat”' }).click();
  await demo.history.getByRole('textbox', { name: 'Chat title' }).fill('Not kept');
  await demo.history.getByRole('textbox', { name: 'Chat title' }).press('Escape');
  await expect(demo.threadRows.locator('.thread-title')).toHaveText(['Second chat', 'Renamed chat']);

  // Delete the open chat: it asks first, then the new-chat view opens.
  await demo.history.getByRole('button', { name: 'Delete “Second chat”' }).click();
  await demo.history.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(demo.threadRows).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'What can I help with today?' })).toBeVisible();

  await demo.reload();
  await expect(demo.threadRows.locator('.thread-title')).toHaveText(['Renamed chat']);
  await demo.history.getByRole('button', { name: /^Renamed chat/ }).click();
  await expect(demo.items('user_message')).toHaveText('First chat');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renamed chat');
});

test('thumbs up and down send feedback', async ({ demo }) => {
  await demo.send('Rate this');
  const reply = demo.items('assistant_message');
  const up = reply.getByRole('button', { name: 'Good response' });
  const down = reply.getByRole('button', { name: 'Bad response' });
  await up.click();
  await expect(up).toHaveAttribute('aria-pressed', 'true');
  await expect(demo.toast('Thanks for your feedback')).toBeVisible();
  await down.click();
  await expect(down).toHaveAttribute('aria-pressed', 'true');
  await expect(up).toHaveAttribute('aria-pressed', 'false');
});

test('the chat works from the keyboard alone', async ({ demo, page }) => {
  // The composer has the focus on load; Shift+Enter is a new line, Enter sends.
  await expect(demo.composer).toBeFocused();
  await page.keyboard.type('Line one');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('Line two');
  await page.keyboard.press('Enter');
  await demo.idle();
  await expect(demo.items('user_message')).toHaveText('Line one\nLine two');

  // Escape stops a streaming reply.
  await expect(demo.composer).toBeFocused();
  await page.keyboard.type('/long');
  await page.keyboard.press('Enter');
  await expect(demo.items('assistant_message').last()).toContainText('How this demo works');
  await page.keyboard.press('Escape');
  await demo.idle();
  await expect(demo.items('assistant_message').last()).not.toContainText('What to try next');

  // Buttons (here: New chat and a suggestion) work with Enter.
  await page.getByRole('button', { name: 'New chat' }).first().focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /Show a widget/ }).focus();
  await page.keyboard.press('Enter');
  await demo.idle();
  await expect(demo.items('widget')).toContainText('Weekend in Lisbon');
});

test('on a narrow screen the history is a drawer', async ({ demo, page }) => {
  await page.setViewportSize({ width: 390, height: 780 });
  await demo.send('Small screens too');
  await page.getByRole('button', { name: 'New chat' }).last().click();
  await expect(demo.history).not.toBeInViewport();
  await page.getByRole('button', { name: 'Show chats' }).click();
  await expect(demo.history).toBeInViewport();
  await demo.history.getByRole('button', { name: /^Small screens too/ }).click();
  await expect(demo.history).not.toBeInViewport();
  await expect(demo.items('user_message')).toHaveText('Small screens too');
});
