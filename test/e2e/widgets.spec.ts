/** Widgets rendered from JSON, and each way their actions travel. */
import { expect, test } from './fixtures.ts';

test('widget actions: streamed, synchronous and handled by the page', async ({ demo, page }) => {
  await demo.send('/widget');
  const card = demo.items('widget');
  await expect(card.getByRole('heading', { name: 'Weekend in Lisbon' })).toBeVisible();
  await expect(card.locator('.w-badge')).toHaveText(['streamed', 'sync', 'client']);
  await expect(card.locator('img.w-image')).toHaveAttribute('src', /^data:image\/svg\+xml/);
  // The intro text was streamed into the card (widget.streaming_text.value_delta).
  await expect(card.locator('[data-component-id="intro"]')).toContainText('action path');

  // streaming: false -> threads.sync_custom_action; the answer replaces the widget.
  await card.getByRole('button', { name: 'Count: 0' }).click();
  await expect(card.getByRole('button', { name: 'Count: 1' })).toBeVisible();
  await card.getByRole('button', { name: 'Count: 1' }).click();
  await expect(card.getByRole('button', { name: 'Count: 2' })).toBeVisible();

  // A streamed threads.custom_action: the server replaces the card and replies.
  await card.getByRole('button', { name: 'Like' }).click();
  await demo.idle();
  await expect(card.getByRole('button', { name: 'Liked' })).toBeVisible();
  await expect(demo.items('assistant_message').last()).toContainText('Liked!');

  // handler: "client" -> handled in the page, no request to the server.
  await card.getByRole('button', { name: 'Copy summary' }).click();
  await expect(demo.toast(/handled by the page/i)).toBeVisible();

  await demo.reload();
  await expect(demo.items('widget').getByRole('button', { name: 'Liked' })).toBeVisible();
  await expect(demo.items('widget').getByRole('button', { name: 'Count: 2' })).toBeVisible();
  await expect(page.locator('.messages .w-unknown')).toHaveCount(0);
});

test('a form widget sends its fields in the action payload, nested by name', async ({ demo, page }) => {
  await demo.send('/form');
  const form = demo.items('widget');
  // A required field must be filled first: nothing is sent.
  await form.getByRole('button', { name: 'Book table' }).click();
  expect(
    await form.getByLabel('Name', { exact: true }).evaluate((input: HTMLInputElement) => input.validity.valueMissing),
  ).toBe(true);
  await expect(demo.conversation).toHaveAttribute('aria-busy', 'false');

  await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
  await form.getByLabel('Email', { exact: true }).fill('ada@example.com');
  await form.getByLabel('Date', { exact: true }).fill('2031-07-14');
  await form.getByLabel('Party size').selectOption('4');
  await form.getByLabel('Terrace').check();
  await form.getByRole('textbox', { name: 'Allergies, occasion…' }).fill('Window seat');
  await form.getByLabel('Send me the menu by email').check();
  await form.getByRole('button', { name: 'Book table' }).click();
  await demo.idle();

  const payload = JSON.parse(await demo.items('assistant_message').last().locator('pre code').innerText()) as unknown;
  expect(payload).toEqual({
    form: 'table-booking',
    guest: { name: 'Ada Lovelace', email: 'ada@example.com', newsletter: true },
    booking: { date: '2031-07-14', size: '4', seating: 'terrace' },
    notes: 'Window seat',
  });
  await expect(form).toContainText('Table for 4');
  await expect(form.getByRole('button', { name: 'Book table' })).toHaveCount(0);
  await expect(page.locator('.w-card form')).toHaveCount(0);
});

test('a card’s cancel action, a list view with clickable rows, and a chart', async ({ demo, page }) => {
  await demo.send('/form');
  await demo.items('widget').getByRole('button', { name: 'Not now' }).click();
  await demo.idle();
  await expect(demo.items('widget')).toContainText('Booking dismissed.');

  await demo.send('/list');
  const list = demo.items('widget').last();
  const rows = list.getByRole('listitem');
  await expect(rows.filter({ visible: true })).toHaveCount(3);
  await list.getByRole('button', { name: 'Show 2 more' }).click();
  await expect(rows.filter({ visible: true })).toHaveCount(5);
  await list.getByRole('button', { name: /Lemon risotto/ }).press('Enter');
  await demo.idle();
  await expect(demo.items('assistant_message').last()).toContainText('Good choice: Lemon risotto');
  await expect(list.getByRole('button', { name: /Lemon risotto/ })).toContainText('Picked');

  await demo.send('/chart');
  const chart = demo.items('widget').last();
  await expect(chart.getByRole('img', { name: /Chart of Sent, Received/ })).toBeVisible();
  await expect(chart.locator('rect')).toHaveCount(7);
  await expect(chart.locator('polyline')).toHaveCount(1);
  await expect(page.locator('.messages .w-unknown')).toHaveCount(0);
});
