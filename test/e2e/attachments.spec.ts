/** Attachments: two-phase uploads into the worker, previews, and files kept with the message. */
import { expect, test } from './fixtures.ts';
import { solidPng } from './png.ts';

test('attachments upload with previews, are sent, and survive a reload', async ({ demo, page }) => {
  await page
    .getByRole('form', { name: 'Composer' })
    .locator('input[type="file"]')
    .setInputFiles([
      { name: 'sunset.png', mimeType: 'image/png', buffer: solidPng(48, 32, [240, 120, 40]) },
      { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Remember the milk') },
      { name: 'extra.txt', mimeType: 'text/plain', buffer: Buffer.from('Not needed') },
    ]);
  const tray = page.locator('.attachment-tray');
  await expect(tray.locator('.attachment-pill[data-state="ready"]')).toHaveCount(3);
  // The image preview is a data: thumbnail made in the worker.
  await expect(tray.locator('.attachment-pill', { hasText: 'sunset.png' }).locator('img')).toHaveAttribute(
    'src',
    /^data:image\//,
  );
  await tray.getByRole('button', { name: 'Remove extra.txt' }).click();
  await expect(tray.locator('.attachment-pill')).toHaveCount(2);

  await demo.send('Two files for you');
  const message = demo.items('user_message');
  await expect(message.getByRole('button', { name: 'Open attachment sunset.png' }).locator('img')).toHaveAttribute(
    'src',
    /^data:image\//,
  );
  await expect(message.getByRole('button', { name: 'Open attachment notes.txt' })).toContainText('notes.txt');
  await expect(demo.items('assistant_message')).toContainText('I received 2 attachments');
  await expect(demo.items('assistant_message')).toContainText('sunset.png');
  await expect(tray).toBeHidden();

  await demo.reload();
  await expect(
    demo.items('user_message').getByRole('button', { name: 'Open attachment sunset.png' }).locator('img'),
  ).toHaveAttribute('src', /^data:image\//);
  await expect(demo.items('user_message').getByRole('button', { name: 'Open attachment notes.txt' })).toBeVisible();

  // The bytes are stored in the worker and served through the same fetch.
  const text = await page.evaluate(async () => {
    // The fetch the page gave the element (api.fetch): it reaches the worker.
    const chat = document.querySelector('chatkit-local-chat') as unknown as {
      options: { api: { fetch: typeof fetch } };
    };
    const workerFetch = chat.options.api.fetch;
    const list = await workerFetch('/chatkit', {
      method: 'POST',
      body: JSON.stringify({ type: 'threads.list', params: {} }),
    });
    const thread = ((await list.json()) as { data: { id: string }[] }).data[0]!;
    const items = await workerFetch('/chatkit', {
      method: 'POST',
      body: JSON.stringify({ type: 'items.list', params: { thread_id: thread.id, order: 'asc' } }),
    });
    const message = ((await items.json()) as { data: { type: string; attachments?: { id: string; name: string }[] }[] })
      .data[0]!;
    const file = message.attachments!.find((attachment) => attachment.name === 'notes.txt')!;
    return (await workerFetch(`/chatkit/attachments/${file.id}/content`)).text();
  });
  expect(text).toBe('Remember the milk');
});

test('opening a file never makes it a page of the app: HTML downloads, an image shows in the page', async ({
  demo,
  page,
  context,
}) => {
  const hostile = [
    '<meta http-equiv="refresh" content="0;url=https://attacker.invalid/">',
    '<script>localStorage.setItem("pwned", "yes"); indexedDB.open("chatkit-local-demo-settings");</script>',
  ].join('\n');
  await page
    .getByRole('form', { name: 'Composer' })
    .locator('input[type="file"]')
    .setInputFiles([
      { name: 'page.html', mimeType: 'text/html', buffer: Buffer.from(hostile) },
      {
        name: 'vector.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
      },
      { name: 'sunset.png', mimeType: 'image/png', buffer: solidPng(48, 32, [240, 120, 40]) },
    ]);
  await expect(page.locator('.attachment-tray .attachment-pill[data-state="ready"]')).toHaveCount(3);
  await demo.send('Files to open');
  const message = demo.items('user_message');
  const opened: string[] = [];
  context.on('page', (other) => opened.push(other.url()));

  for (const name of ['page.html', 'vector.svg']) {
    const download = page.waitForEvent('download');
    await message.getByRole('button', { name: `Open attachment ${name}` }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toBe(name);
    expect(saved.url()).toMatch(/^blob:/);
  }

  await message.getByRole('button', { name: 'Open attachment sunset.png' }).click();
  const preview = page.getByRole('dialog', { name: 'Attachment preview' });
  await expect(preview.locator('img')).toHaveAttribute('src', /^blob:/);
  expect(await preview.locator('img').evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(48);
  await preview.getByRole('button', { name: 'Close preview' }).click();

  await expect(preview).toBeHidden();

  expect(opened).toEqual([]);
  expect(context.pages()).toHaveLength(1);
  expect(await page.evaluate(() => localStorage.getItem('pwned'))).toBeNull();
});
