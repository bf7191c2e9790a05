/** Screenshots of the main views in both themes, written to test-results/screenshots/. */
import { existsSync } from 'node:fs';
import { expect, test } from './fixtures.ts';

for (const theme of ['light', 'dark'] as const) {
  test(`main views in the ${theme} theme`, async ({ demo, page }) => {
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

    await page.getByRole('button', { name: 'New chat' }).first().click();
    await demo.send('/markdown');
    shots.push(await demo.screenshot(`markdown-${theme}`));

    await page.getByRole('button', { name: 'New chat' }).first().click();
    await demo.send('/form');
    await demo.send('/question');
    shots.push(await demo.screenshot(`forms-${theme}`));

    await page.setViewportSize({ width: 390, height: 780 });
    shots.push(await demo.screenshot(`mobile-${theme}`));
    await page.getByRole('button', { name: 'Show chats' }).click();
    await expect(demo.history).toBeInViewport();
    shots.push(await demo.screenshot(`mobile-history-${theme}`));

    for (const shot of shots) expect(existsSync(shot), shot).toBe(true);
  });
}
