/**
 * axe-core on the chat element's main views, light and dark: the start screen, a conversation with
 * widgets, a workflow and forms, and the history (beside the chat, and as a phone's drawer). No
 * serious or critical violation may be found; axe looks inside the element's open shadow root.
 */
import { seriousViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violation, ${theme} theme`, async ({ demo, page }) => {
    // Three axe runs over the whole page and the element's shadow tree, plus four replies: about
    // 15 s on an idle 2-core machine, past the default 30 s when other suites load it.
    test.setTimeout(60_000);
    await demo.open(`/?theme=${theme}`);
    await expect(page.locator('.app')).toHaveAttribute('data-theme', theme);
    expect(await seriousViolations(page), 'the start screen').toEqual([]);

    await demo.send('/widget');
    await demo.send('/workflow');
    await demo.items('workflow').locator('summary').click();
    await demo.send('/form');
    expect(await seriousViolations(page), 'a conversation with widgets').toEqual([]);

    await page.setViewportSize({ width: 390, height: 780 });
    await page.getByRole('button', { name: 'Show chats' }).click();
    await expect(demo.history).toBeInViewport();
    expect(await seriousViolations(page), 'the history open on a phone').toEqual([]);
  });
}
