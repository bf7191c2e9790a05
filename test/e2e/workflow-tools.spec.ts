/** Workflows, client tool calls, structured input, progress updates, notices, effects and generated images. */
import { expect, test } from './fixtures.ts';

test('a workflow shows its tasks as they run, then a summary', async ({ demo, page }) => {
  const seen = await demo.watch({ loadingTask: '.task[data-status="loading"]', progress: '.progress:not([hidden])' });
  await demo.send('/workflow');
  // While it ran: a task in progress, and the progress line.
  expect(await seen()).toEqual({
    loadingTask: expect.stringContaining('Read the request'),
    progress: 'Step 1 of 5: Read the request',
  });

  const workflow = demo.items('workflow');
  await expect(workflow.locator('summary')).toContainText(/Worked for \d+s/);
  // Done, it is collapsed; opening it shows every task, complete.
  await workflow.locator('summary').click();
  await expect(workflow.locator('.task')).toHaveCount(5);
  await expect(workflow.locator('.task[data-status="complete"]')).toHaveCount(5);
  await expect(workflow.locator('.task-title')).toHaveText([
    'Read the request',
    'Plan',
    'Looked things up',
    'Checked the files',
    'Write the answer',
  ]);
  await expect(workflow.getByRole('link', { name: 'ChatKit docs' })).toHaveAttribute(
    'href',
    'https://openai.github.io/chatkit-js/',
  );
  await expect(demo.items('task')).toContainText('Saved the plan to your notes');
  await expect(demo.items('assistant_message').last().locator('.sources')).toContainText('ChatKit docs');
  await expect(page.getByRole('status').filter({ hasText: /Step/ })).toHaveCount(0);
});

test('the page answers a client tool call', async ({ demo, page }) => {
  await demo.send('/tool');
  const call = demo.items('client_tool_call');
  await expect(call).toContainText('Ran get_time in this page');
  await expect(call).toHaveAttribute('data-item-type', 'client_tool_call');
  await expect(call.locator('.tool-call')).toHaveAttribute('data-status', 'completed');
  const reply = demo.items('assistant_message').last();
  await expect(reply).toContainText('Your browser says it is');
  await expect(reply).toContainText(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone));

  // The output was stored with the call.
  await demo.reload();
  await demo.items('client_tool_call').locator('summary').click();
  await expect(demo.items('client_tool_call').locator('.tool-output')).toContainText('"timeZone"');
});

test('a structured-input question is answered and stays answered', async ({ demo }) => {
  await demo.send('/question');
  const form = demo.items('structured_input');
  await expect(form.getByRole('group', { name: 'Which feature should I explain next?' })).toBeVisible();
  await form.getByLabel('Workflows').check();
  await form.getByRole('textbox', { name: 'Anything else you would like to know?' }).fill('How do tasks stream?');
  await form.getByRole('button', { name: 'Submit answers' }).click();
  await demo.idle();

  await expect(form).toContainText('Answered');
  await expect(form.locator('dd')).toHaveText(['Workflows', 'How do tasks stream?']);
  const reply = demo.items('assistant_message').last();
  await expect(reply).toContainText('Which feature should I explain next? Workflows');
  await expect(reply).toContainText('How do tasks stream?');

  await demo.reload();
  await expect(demo.items('structured_input')).toContainText('Answered');
  await expect(demo.items('structured_input').getByRole('button', { name: 'Submit answers' })).toHaveCount(0);
});

test('progress updates, notices and a client effect', async ({ demo, page }) => {
  const seen = await demo.watch({ progress: '.progress:not([hidden])' });
  await demo.send('/notice');
  expect((await seen()).progress).toBe('Checking your settings…');
  await expect(page.locator('.notice[data-level="info"]')).toContainText('Heads up');
  await expect(page.locator('.notice[data-level="info"] strong')).toHaveText('info');
  await expect(page.locator('.notice[data-level="warning"]')).toContainText('warning notice');
  await expect(demo.toast('A client_effect event reached the page')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Checking' })).toHaveCount(0);
});

test('a generated image appears in steps', async ({ demo, page }) => {
  const seen = await demo.watch({ pending: '.generated-image.is-pending' });
  await demo.send('/image');
  expect((await seen()).pending).toMatch(/Making an image… \d+%/);
  await expect(demo.items('generated_image').locator('img')).toHaveAttribute('src', /^data:image\/svg\+xml;base64,/);
  await expect(page.locator('.generated-image.is-pending')).toHaveCount(0);
});
