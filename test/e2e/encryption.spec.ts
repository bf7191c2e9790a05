/**
 * Encryption at rest as a setting: turned on in the settings dialog, the chats and the model key
 * leave nothing readable in the browser's IndexedDB; a reload asks for the passphrase, refuses a
 * wrong one and opens the earlier chat with the right one; the passphrase changes, and turning
 * encryption off brings the chats back in clear. A forgotten passphrase can be given up: the chats
 * are deleted and the demo starts over.
 */
import { seriousViolations } from './axe.ts';
import { rawDatabases } from './raw-databases.ts';
import { expect, test } from './fixtures.ts';

const SECRET_TEXT = 'Picnic plans: meet at the old oak';
const API_KEY = 'sk-test-e2e-encryption-SECRET-42';
const PASSPHRASE = 'correct horse battery staple';

test('encryption on: nothing readable on disk, a reload asks for the passphrase; then changed, then off', async ({
  demo,
  page,
}) => {
  await demo.send(SECRET_TEXT);
  await expect(demo.items('assistant_message').first()).toBeVisible();

  // A model key to protect (saved only: no message goes to the model).
  await page.getByRole('button', { name: /^Settings:/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByRole('radio', { name: /^Model/ }).check();
  await dialog.getByRole('button', { name: 'Ollama' }).click();
  await dialog.getByLabel('API key').fill(API_KEY);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();

  // In clear so far: the scan below sees the text and the key (so its silence later means something).
  const before = await rawDatabases(page);
  expect(before['chatkit-local-demo']).toContain(SECRET_TEXT);
  expect(before['chatkit-local-demo-settings']).toContain(API_KEY);

  await page.getByRole('button', { name: /^Settings:/ }).click();
  const section = dialog.getByRole('group', { name: 'Encryption at rest' });
  await expect(section).toContainText('Off:');
  // No passphrase yet, so none to ask for.
  await expect(section.getByLabel('Current passphrase')).toBeHidden();
  await section.getByLabel('New passphrase').fill(PASSPHRASE);
  await section.getByLabel('Repeat the passphrase').fill('something else');
  await section.getByRole('button', { name: 'Turn on encryption' }).click();
  await expect(section.getByText('The two passphrases differ.')).toBeVisible();
  await section.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await section.getByLabel('Repeat the passphrase').press('Enter');
  await expect(demo.toast(/^Encryption on/)).toBeVisible();
  await expect(dialog).toBeHidden();

  // The chats moved to a new encrypted database; the old one is gone; neither text nor key is in clear.
  const after = await rawDatabases(page);
  const names = Object.keys(after);
  expect(names).not.toContain('chatkit-local-demo');
  const chats = names.filter((name) => name.startsWith('chatkit-local-demo-chats-'));
  expect(chats).toHaveLength(1);
  expect(after[chats[0]!]).not.toContain(SECRET_TEXT);
  expect(after['chatkit-local-demo-settings']).not.toContain(API_KEY);
  for (const text of Object.values(after)) {
    expect(text).not.toContain(SECRET_TEXT);
    expect(text).not.toContain(API_KEY);
  }
  // ...nor in the page's other storage.
  const elsewhere = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }) + document.cookie);
  expect(elsewhere).not.toContain(PASSPHRASE);

  await page.reload();
  const passphrase = page.getByLabel('Passphrase');
  await expect(page.getByRole('heading', { name: 'Your chats are locked' })).toBeVisible();
  await expect(passphrase).toBeFocused();
  await expect(page.locator('chatkit-local-chat')).toHaveCount(0);

  await passphrase.fill('not my passphrase');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toHaveText(/does not open your chats.*Nothing was changed/);
  await expect(passphrase).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('chatkit-local-chat')).toHaveCount(0);

  await passphrase.fill(PASSPHRASE);
  await passphrase.press('Enter');
  await expect(page.locator('chatkit-local-chat[data-ready]')).toBeAttached();
  await expect(demo.threadRows).toHaveCount(1);
  await demo.threadRows.first().click();
  await expect(demo.items('user_message')).toContainText(SECRET_TEXT);
  await expect(page.getByRole('button', { name: /^Settings:/ })).toContainText('llama3.2');

  // A new passphrase, then encryption off: the chats are back in clear and the demo no longer asks.
  await page.getByRole('button', { name: /^Settings:/ }).click();
  await expect(section).toContainText('On:');
  // An unlocked tab is not enough: the current passphrase is asked for, and checked.
  const current = section.getByLabel('Current passphrase');
  await expect(current).toBeVisible();
  await current.fill('not the passphrase');
  await section.getByLabel('New passphrase').fill('a brand new passphrase');
  await section.getByLabel('Repeat the passphrase').fill('a brand new passphrase');
  await section.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(section.getByText('This is not your current passphrase. Nothing was changed')).toBeVisible();
  await expect(current).toHaveAttribute('aria-invalid', 'true');
  await expect(current).toBeFocused();
  await current.fill(PASSPHRASE);
  await section.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(demo.toast('Passphrase changed')).toBeVisible();
  await page.getByRole('button', { name: /^Settings:/ }).click();
  await section.getByLabel('Current passphrase').fill('a brand new passphrase');
  await section.getByRole('button', { name: 'Turn off encryption' }).click();
  await expect(demo.toast(/^Encryption off/)).toBeVisible();
  const plain = await rawDatabases(page);
  const plainChats = Object.keys(plain).filter((name) => name.startsWith('chatkit-local-demo-chats-'));
  expect(plainChats).toHaveLength(1);
  expect(plainChats[0]).not.toBe(chats[0]);
  expect(plain[plainChats[0]!]).toContain(SECRET_TEXT);
  await demo.reload();
  await expect(demo.items('user_message')).toContainText(SECRET_TEXT);
});

test('a forgotten passphrase: the locked page offers to delete the encrypted chats and start over', async ({
  demo,
  page,
}) => {
  await demo.send(SECRET_TEXT);
  await page.getByRole('button', { name: /^Settings:/ }).click();
  const section = page.getByRole('dialog', { name: 'Settings' }).getByRole('group', { name: 'Encryption at rest' });
  await section.getByLabel('New passphrase').fill(PASSPHRASE);
  await section.getByLabel('Repeat the passphrase').fill(PASSPHRASE);
  await section.getByRole('button', { name: 'Turn on encryption' }).click();
  await expect(demo.toast(/^Encryption on/)).toBeVisible();
  const encrypted = Object.keys(await rawDatabases(page)).filter((name) =>
    name.startsWith('chatkit-local-demo-chats-'),
  );
  expect(encrypted).toHaveLength(1);

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your chats are locked' })).toBeVisible();
  const forgot = page.getByRole('button', { name: 'Forgot your passphrase?' });
  const startOver = page.getByRole('button', { name: 'Delete the chats and start over' });
  await expect(startOver).toBeHidden();
  await forgot.click();
  await expect(forgot).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText('This cannot be undone.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await startOver.click();

  // The demo goes on, empty and in clear; the encrypted database is gone.
  await expect(page.locator('chatkit-local-chat[data-ready]')).toBeAttached();
  await expect(demo.threadRows).toHaveCount(0);
  const after = Object.keys(await rawDatabases(page));
  expect(after).not.toContain(encrypted[0]);
  await page.getByRole('button', { name: /^Settings:/ }).click();
  await expect(section).toContainText('Off:');
  await demo.reload();
  await expect(page.getByRole('heading', { name: 'Your chats are locked' })).toHaveCount(0);
});
