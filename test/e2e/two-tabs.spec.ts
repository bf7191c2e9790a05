/**
 * Two tabs of the demo (two pages on one SharedWorker and one IndexedDB) write to the same thread at
 * the same time: nothing is lost or duplicated, the order is stable, and after a reload both tabs
 * show every message. And each tab shows the other's new threads and messages live, without a reload.
 * A tab reloaded mid-reply, while another keeps the shared worker alive, gets the whole reply.
 */
import { Demo, expect, test } from './fixtures.ts';

test('two tabs sending to one thread at once lose and duplicate nothing', async ({ demo, page, context }) => {
  await demo.send('echo shared start');
  const threadUrl = page.url();
  expect(threadUrl).toMatch(/#\/t\/thr_/);

  const other = await context.newPage();
  const errors: string[] = [];
  other.on('pageerror', (error) => errors.push(error.message));
  const second = new Demo(other);
  await second.open(new URL(threadUrl).pathname + new URL(threadUrl).search + new URL(threadUrl).hash);
  await expect(second.items('user_message')).toHaveText(['echo shared start']);

  const rounds = 4;
  for (let round = 0; round < rounds; round++) {
    // Both tabs send in the same turn of the test, so their requests overlap in the workers.
    await Promise.all([demo.submit(`from tab A ${round}`), second.submit(`from tab B ${round}`)]);
    await Promise.all([demo.idle(), second.idle()]);
  }

  await Promise.all([demo.reload(), second.reload()]);
  const expected = ['echo shared start'];
  const shownA = await demo.items('user_message').allTextContents();
  const shownB = await second.items('user_message').allTextContents();
  expect(shownB).toEqual(shownA);
  for (let round = 0; round < rounds; round++) expected.push(`from tab A ${round}`, `from tab B ${round}`);
  expect([...shownA].sort()).toEqual([...expected].sort());
  // Every message got exactly one reply, in both tabs.
  await expect(demo.items('assistant_message')).toHaveCount(expected.length);
  await expect(second.items('assistant_message')).toHaveCount(expected.length);
  expect(errors).toEqual([]);
});

for (const [workers, path] of [
  ['on one SharedWorker', '/?theme=light'],
  ['on dedicated workers (the fallback)', '/?theme=light&worker=dedicated'],
] as const) {
  test.describe(workers, () => {
    test.use({ demoPath: path });

    test("tab B shows tab A's new thread and messages live, without a reload", async ({ demo, page, context }) => {
      const other = await context.newPage();
      const errors: string[] = [];
      other.on('pageerror', (error) => errors.push(error.message));
      const second = new Demo(other);
      await second.open(path);

      // A new thread in tab A appears in tab B's history.
      await demo.send('echo live start');
      const threadId = /#\/t\/(thr_[^/?#]+)/.exec(page.url())?.[1];
      expect(threadId).toBeTruthy();
      await expect(second.threadRows).toHaveCount(1);

      // Tab B opens it; the next message sent in tab A, and its reply, show up in tab B.
      await second.threadRows.first().click();
      await expect(second.items('user_message')).toHaveText(['echo live start']);
      await demo.send('echo typed in tab A');
      await expect(second.items('user_message')).toHaveText(['echo live start', 'echo typed in tab A']);
      await expect(second.items('assistant_message')).toHaveCount(2);
      await expect(second.items('assistant_message').last()).toContainText('typed in tab A');
      expect(other.url()).toContain(threadId!);
      expect(errors).toEqual([]);
    });
  });
}

test('a tab reloaded mid-reply shows the whole reply, which the shared worker ran to its end', async ({
  demo,
  context,
}) => {
  // Two tabs, a reload and the whole of /long (see below): twice a test's usual share of time.
  test.setTimeout(60_000);
  // The other tab keeps the SharedWorker (and the reply in it) alive across the reload.
  const other = await context.newPage();
  await new Demo(other).open('/?theme=light');

  await demo.submit('/long');
  const reply = demo.items('assistant_message');
  await expect(reply).toContainText('Every request the chat makes');
  expect(await reply.innerText()).not.toContain('What to try next');
  await demo.reload();

  // Stored in full (a cancelled reply would stop short), and shown as it arrives through watch().
  // The whole of /long streams for about 6 s at its pace (12 ms a word), twice that on a busy machine.
  await expect(reply).toContainText('each one keeps working after a reload.', { timeout: 30_000 });
  await expect(reply).toHaveCount(1);
  await expect(demo.items('user_message')).toHaveText(['/long']);
});
