/**
 * The element's options and methods as an app uses them at run time: `setOptions` with a theme
 * (colour scheme, accent, radius, density), strings and a locale, and `showHistory`/`hideHistory`
 * with their events.
 */
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures.ts';

/** The relative luminance (0-1) of an element's computed background colour. */
async function backgroundLuminance(element: Locator): Promise<number> {
  const color = await element.evaluate((node) => getComputedStyle(node).backgroundColor);
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test('setOptions applies a theme, strings and a locale, and changes them back', async ({ demo, page }) => {
  await demo.send('Theme me');
  const app = page.locator('.app');
  expect(await backgroundLuminance(app)).toBeGreaterThan(0.8);

  await page.evaluate(() => {
    const chat = document.querySelector('chatkit-local-chat')!;
    chat.setOptions({
      ...chat.options!,
      theme: {
        colorScheme: 'dark',
        radius: 'sharp',
        density: 'compact',
        color: { accent: { primary: '#0f766e', level: 2 } },
      },
      locale: 'ar',
      strings: { newChat: 'Start over' },
    });
  });
  await expect(app).toHaveAttribute('data-theme', 'dark');
  expect(await backgroundLuminance(app)).toBeLessThan(0.2);
  await expect(app).toHaveAttribute('dir', 'rtl');
  await expect(page.getByRole('button', { name: 'Start over' }).first()).toBeVisible();
  await demo.composer.fill('An accent-coloured send button');
  const send = page.getByRole('button', { name: 'Send' });
  await expect(send).toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(page.locator('.composer')).toHaveCSS('border-radius', '3px');
  await expect(demo.items('user_message')).toHaveCSS('margin-bottom', '12px');
  // The messages already shown follow the new theme too.
  expect(await backgroundLuminance(demo.items('user_message').locator('.user-text'))).toBeLessThan(0.3);

  await page.evaluate(() => {
    const chat = document.querySelector('chatkit-local-chat')!;
    chat.setOptions({ ...chat.options!, theme: { colorScheme: 'light' }, locale: 'en', strings: {} });
  });
  await expect(app).toHaveAttribute('data-theme', 'light');
  expect(await backgroundLuminance(app)).toBeGreaterThan(0.8);
  await expect(app).toHaveAttribute('dir', 'ltr');
  await expect(page.getByRole('button', { name: 'New chat' }).first()).toBeVisible();
  await expect(send).not.toHaveCSS('background-color', 'rgb(15, 118, 110)');
  await expect(page.locator('.composer')).not.toHaveCSS('border-radius', '3px');
});

test('showHistory and hideHistory open and close the history, and say so in events', async ({ demo, page }) => {
  await page.evaluate(() => {
    const chat = document.querySelector('chatkit-local-chat')!;
    const seen: string[] = [];
    (window as unknown as { historyEvents: string[] }).historyEvents = seen;
    for (const type of ['chatkit.history.open', 'chatkit.history.close'])
      chat.addEventListener(type, () => seen.push(type));
  });
  const events = () => page.evaluate(() => (window as unknown as { historyEvents: string[] }).historyEvents);

  await expect(demo.history).toBeVisible();
  await page.evaluate(() => document.querySelector('chatkit-local-chat')!.hideHistory());
  await expect(demo.history).toBeHidden();
  await page.evaluate(() => document.querySelector('chatkit-local-chat')!.showHistory());
  await expect(demo.history).toBeVisible();
  expect(await events()).toEqual(['chatkit.history.close', 'chatkit.history.open']);

  // On a phone the history is a drawer, opened and closed the same way.
  await page.setViewportSize({ width: 390, height: 780 });
  await expect(demo.history).not.toBeInViewport();
  await page.evaluate(() => document.querySelector('chatkit-local-chat')!.showHistory());
  await expect(demo.history).toBeInViewport();
  await page.keyboard.press('Escape');
  await expect(demo.history).not.toBeInViewport();
  expect(await events()).toEqual([
    'chatkit.history.close',
    'chatkit.history.open',
    'chatkit.history.open',
    'chatkit.history.close',
  ]);
});
