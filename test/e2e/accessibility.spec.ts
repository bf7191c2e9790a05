/**
 * axe-core on the chat element's main views, light and dark: the start screen, a conversation with
 * widgets, a workflow and forms, and the history (beside the chat, and as a phone's drawer). No
 * serious or critical violation may be found; axe looks inside the element's open shadow root.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** The serious and critical violations axe finds on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the demo's Content Security Policy does not apply.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return (violations as Violation[])
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(node.target)}`,
      ),
    );
}

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
