/** Screenshots of the main views in both themes, desktop and phone, written to test-results/screenshots/. */
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

for (const theme of ['light', 'dark'] as const) {
  test(`main views in the ${theme} theme, desktop`, async ({ demo, page }) => {
    await demo.open(`/?theme=${theme}`);
    await expect(page.locator('.app')).toHaveAttribute('data-theme', theme);
    const shots = [await demo.screenshot(`start-${theme}`)];

    await demo.send('Hi! What can you show me?');
    await demo.send('/widget');
    await demo.items('widget').getByRole('button', { name: 'Count: 0' }).click();
    await expect(demo.items('widget').getByRole('button', { name: 'Count: 1' })).toBeVisible();
    await demo.send('/workflow');
    await demo.items('workflow').locator('summary').click();
    await demo.items('assistant_message').last().getByRole('button', { name: 'Good response' }).click();
    await expect(demo.toast('Thanks for your feedback')).toBeVisible();
    await expect(demo.toast('Thanks for your feedback')).toBeHidden();
    shots.push(await demo.screenshot(`conversation-${theme}`));

    for (const shot of shots) expect(existsSync(shot), shot).toBe(true);
  });

  test(`widgets in the ${theme} theme, desktop`, async ({ demo, page }) => {
    await demo.open(`/?theme=${theme}`);
    await expect(page.locator('.app')).toHaveAttribute('data-theme', theme);
    for (const command of ['/list', '/chart', '/table', '/image']) await demo.send(command);
    expect(existsSync(await demo.screenshot(`widgets-${theme}`))).toBe(true);
  });

  test(`Markdown and forms in the ${theme} theme, desktop`, async ({ demo, page }) => {
    await demo.open(`/?theme=${theme}`);
    await expect(page.locator('.app')).toHaveAttribute('data-theme', theme);
    await demo.send('/markdown');
    const shots = [await demo.screenshot(`markdown-${theme}`)];

    await page.getByRole('button', { name: 'New chat' }).first().click();
    await demo.send('/form');
    await demo.send('/question');
    shots.push(await demo.screenshot(`forms-${theme}`));

    for (const shot of shots) expect(existsSync(shot), shot).toBe(true);
  });

  test.describe(() => {
    test.use({ viewport: { width: 390, height: 780 } });

    test(`main views in the ${theme} theme, phone`, async ({ demo, page }) => {
      await demo.open(`/?theme=${theme}`);
      await expect(page.locator('.app')).toHaveAttribute('data-theme', theme);
      const shots = [await demo.screenshot(`mobile-start-${theme}`)];

      await demo.send('/widget');
      await demo.send('/form');
      shots.push(await demo.screenshot(`mobile-${theme}`));

      await demo.submit('/long');
      await expect(demo.items('assistant_message').last()).toContainText('How this demo works');
      await page.getByRole('button', { name: 'Stop' }).click();
      await demo.idle();
      shots.push(await demo.screenshot(`mobile-stopped-${theme}`));

      await page.getByRole('button', { name: 'Show chats' }).click();
      await expect(demo.history).toBeInViewport();
      shots.push(await demo.screenshot(`mobile-history-${theme}`));

      for (const shot of shots) expect(existsSync(shot), shot).toBe(true);
    });
  });
}
