/** Message text is data, never markup: HTML, script and javascript: links render inert. */
import { expect, test } from './fixtures.ts';

const HOSTILE = [
  '<img src=x onerror="window.__xss = \'img\'">',
  "<script>window.__xss = 'script'</script>",
  "[click me](javascript:window.__xss='link')",
  '<a href="javascript:window.__xss=\'a\'">raw link</a>',
  '![tracker](https://tracker.invalid/pixel.png)',
  "[also inert](  JaVaScRiPt:window.__xss='case')",
].join('\n');

test('a message with HTML, script and javascript: links renders inert', async ({ demo, page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await demo.send(HOSTILE);

  // The user's own bubble shows exactly what was typed.
  await expect(demo.items('user_message')).toHaveText(HOSTILE);
  // The echo renders it as Markdown: the HTML stays text, the links and the image stay inert.
  const reply = demo.items('assistant_message');
  await expect(reply).toContainText('<img src=x onerror=');
  await expect(reply).toContainText('<script>');
  await expect(page.locator('.messages img')).toHaveCount(0);
  await expect(page.locator('.messages script')).toHaveCount(0);
  await expect(page.locator('[href^="javascript" i], [href*="script:" i]')).toHaveCount(0);
  await expect(page.locator('[onerror]')).toHaveCount(0);
  const inert = reply.locator('.md-inert-link');
  await expect(inert).toHaveText(['click me', 'also inert']);
  await expect(reply.locator('.md-inert-image')).toHaveText('[image: tracker]');

  await inert.first().click();
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // Stored and reloaded, it is just as inert.
  await demo.reload();
  await expect(demo.items('assistant_message')).toContainText('<img src=x onerror=');
  await expect(page.locator('.messages img')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
});

test('the page forbids requests to other hosts with a Content Security Policy', async ({ demo, page }) => {
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute(
    'content',
    /connect-src 'self'/,
  );
  // Nothing of the official ChatKit UI is loaded unless asked for.
  await expect(page.locator('openai-chatkit')).toHaveCount(0);
  expect(
    await page.evaluate(() =>
      [...document.scripts].map((script) => script.src).filter((src) => !src.startsWith(location.origin)),
    ),
  ).toEqual([]);
  await demo.send('still fine');
});

test('pathological Markdown renders quickly and bounded, and the thread still opens after a reload', async ({
  demo,
  page,
}) => {
  // Each broke or froze the hand-written renderer: a stack overflow that left the thread unopenable,
  // and seconds of work. (The demo streams its echo word by word, so these are single words; the
  // browser tests render every pathological input at full size.)
  const inputs = ['>'.repeat(20_000), '['.repeat(20_000)];
  for (const input of inputs) await demo.send(input);
  const replies = demo.items('assistant_message');
  await expect(replies).toHaveCount(inputs.length);
  for (const reply of await replies.all()) await expect(reply).toContainText('You said');
  const deepest = () =>
    page.evaluate(() => {
      const root = document.querySelector('chatkit-local-chat')!.shadowRoot!.querySelector('.items')!;
      let max = 0;
      for (const element of root.querySelectorAll('*')) {
        let depth = 0;
        for (let at: Element | null = element; at && at !== root; at = at.parentElement) depth += 1;
        max = Math.max(max, depth);
      }
      return max;
    });
  expect(await deepest()).toBeLessThan(40);

  await demo.reload();
  await expect(demo.items('assistant_message')).toHaveCount(inputs.length);
  await expect(demo.items('user_message')).toHaveCount(inputs.length);
  await demo.send('still here');
  await expect(demo.items('assistant_message').last()).toContainText('still here');
});
