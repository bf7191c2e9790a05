/**
 * What a first-time user of the demo ran into, each checked where it happened: the selection a
 * client tool reads, a list row's action, Escape, the phone's start screen, where notices and
 * toasts go, the mark on a stopped reply, and which message of a turn carries its actions.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** Whether two boxes overlap. */
async function overlap(a: Locator, b: Locator): Promise<boolean> {
  const [first, second] = [await a.boundingBox(), await b.boundingBox()];
  if (!first || !second) throw new Error('an element to compare is not rendered');
  return (
    first.x < second.x + second.width &&
    second.x < first.x + first.width &&
    first.y < second.y + second.height &&
    second.y < first.y + first.height
  );
}

test('/selection reads the text selected before typing the command', async ({ demo }) => {
  await demo.send('Pick some words from this');
  await demo.items('user_message').selectText();
  // Typing the command means clicking into the composer, which clears the selection.
  await demo.composer.click();
  await demo.send('/selection');
  await expect(demo.items('client_tool_call')).toContainText('get_selection');
  await expect(demo.items('assistant_message').last()).toContainText('You had selected:');
  await expect(demo.items('assistant_message').last().locator('blockquote')).toHaveText('Pick some words from this');
});

test('a row action keeps an expanded list expanded and marks the row that was picked', async ({ demo }) => {
  await demo.send('/list');
  const list = demo.items('widget');
  const rows = list.getByRole('listitem');
  await list.getByRole('button', { name: 'Show 2 more' }).click();
  await expect(rows.filter({ visible: true })).toHaveCount(5);
  // The last row was hidden before the list was expanded.
  await list.getByRole('button', { name: /Black bean tacos/ }).click();
  await demo.idle();
  await expect(demo.items('assistant_message').last()).toContainText('Good choice: Black bean tacos');
  await expect(rows.filter({ visible: true })).toHaveCount(5);
  await expect(list.getByText('Picked', { exact: true })).toHaveCount(1);
  await expect(list.getByRole('button', { name: /Black bean tacos/ })).toContainText('Picked');
});

test('Escape stops a reply wherever the focus is in the element, and the reply says it was stopped', async ({
  demo,
  page,
}) => {
  await demo.submit('/long');
  const reply = demo.items('assistant_message');
  await expect(reply).toContainText('How this demo works');
  // The focus on a header button, far from the composer.
  await page.getByRole('button', { name: 'Switch to dark theme' }).focus();
  await page.keyboard.press('Escape');
  await demo.idle();
  await expect(reply).not.toContainText('What to try next');
  await expect(reply.locator('.stopped-mark')).toHaveText('Stopped');
  await expect(page.locator('.stopped-mark')).toHaveCount(1);
});

test('notices come before the reply that announces them; toasts stay clear of the message actions', async ({
  demo,
  page,
}) => {
  await demo.send('/notice');
  const reply = demo.items('assistant_message').last();
  await expect(reply).toContainText('You just saw two');
  const notices = page.locator('.notice');
  await expect(notices).toHaveCount(2);
  for (const notice of await notices.all()) {
    expect(
      await notice.evaluate(
        (element, replyElement) => !!(element.compareDocumentPosition(replyElement) & Node.DOCUMENT_POSITION_FOLLOWING),
        await reply.elementHandle(),
      ),
    ).toBe(true);
  }

  // On a desktop, then on a phone (a second toast, stacked under the first if it is still there).
  const toasts = demo.toast('Thanks for your feedback');
  await reply.getByRole('button', { name: 'Good response' }).click();
  await expect(toasts.last()).toBeVisible();
  expect(await overlap(toasts.last(), reply.locator('.message-actions')), 'on a desktop').toBe(false);
  await page.setViewportSize({ width: 390, height: 780 });
  await reply.getByRole('button', { name: 'Bad response' }).click();
  await expect(toasts.last()).toBeVisible();
  expect(await overlap(toasts.last(), reply.locator('.message-actions')), 'on a phone').toBe(false);
});

test('only the last message of a turn carries the copy and feedback actions', async ({ demo }) => {
  // One turn: a message, the client tool call, and the message after the tool's output.
  await demo.send('/tool');
  const messages = demo.items('assistant_message');
  await expect(messages).toHaveCount(2);
  await expect(messages.first().locator('.message-actions')).toHaveCount(0);
  await expect(messages.last().getByRole('button', { name: 'Copy' })).toBeVisible();
  await expect(messages.last().getByRole('button', { name: 'Good response' })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 640 } });

  test('the start screen opens at its top', async ({ demo, page }) => {
    await expect(page.getByRole('heading', { name: 'What can I help with today?' })).toBeInViewport();
    const scroll = await demo.conversation.evaluate((element) => ({
      top: element.scrollTop,
      overflows: element.scrollHeight > element.clientHeight,
    }));
    // The prompts do not fit: there is somewhere to scroll to, and the view is at the top.
    expect(scroll).toEqual({ top: 0, overflows: true });
  });
});

test('the conversation follows a reply whose picture grows after it is shown', async ({ demo, page }) => {
  await demo.send('/widget');
  await demo.send('/image');
  await expect(demo.items('generated_image').getByRole('img')).toBeVisible();
  await expect(demo.items('assistant_message').last()).toBeInViewport();
  await expect(page.locator('.jump-button')).toBeHidden();
});
