/** The user's data: "Export all" saves the chats as a file, "Import" brings them back in another browser. */
import { readFileSync } from 'node:fs';
import { Demo, expect, test } from './fixtures.ts';

test('Export all saves the chats as a file that Import brings back in another browser', async ({
  demo,
  page,
  browser,
}) => {
  await demo.send('Hello from the export test');
  await expect(demo.threadRows).toHaveCount(1);
  const title = await demo.threadRows.first().locator('.thread-title').innerText();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export all' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^chatkit-local-demo-\d{4}-\d{2}-\d{2}\.json$/);
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, 'utf8')) as { threads: { items: { type: string }[] }[] };
  expect(exported.threads).toHaveLength(1);
  expect(exported.threads[0]!.items.map((item) => item.type)).toContain('user_message');
  await expect(demo.toast(/saved as chatkit-local-demo-/)).toBeVisible();

  // Another browser profile: a context of its own, so an empty IndexedDB.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  try {
    const second = new Demo(await other.newPage());
    await second.open();
    await expect(second.threadRows).toHaveCount(0);

    // A file that is not an export is refused, and nothing appears.
    const [refusedChooser] = await Promise.all([
      second.page.waitForEvent('filechooser'),
      second.page.getByRole('button', { name: 'Import…' }).click(),
    ]);
    await refusedChooser.setFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"a":1}') });
    await expect(second.toast(/^Import failed: /)).toBeVisible();
    await expect(second.threadRows).toHaveCount(0);

    const [chooser] = await Promise.all([
      second.page.waitForEvent('filechooser'),
      second.page.getByRole('button', { name: 'Import…' }).click(),
    ]);
    await chooser.setFiles(file);
    await expect(second.toast(/^Imported 1 thread, /)).toBeVisible();
    await expect(second.threadRows).toHaveCount(1);
    await expect(second.threadRows.first().locator('.thread-title')).toHaveText(title);
    await second.threadRows.first().click();
    await expect(second.items('user_message')).toContainText('Hello from the export test');
    await expect(second.items('assistant_message').first()).toBeVisible();
  } finally {
    await other.close();
  }
});
