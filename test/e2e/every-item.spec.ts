/**
 * The element renders every thread item type and every widget component of the vocabulary, and
 * nothing of the items a user never sees. What the server stored is read back and compared with
 * what is on screen, so an item type or a component that silently renders nothing fails here.
 */
import { WIDGET_COMPONENTS } from '../../src/protocol/widget-components.ts';
import { expect, test, type Demo } from './fixtures.ts';

/** Item types that are context for a model or markers, never shown. */
const HIDDEN_TYPES = ['end_of_turn', 'hidden_context_item', 'sdk_hidden_context'];

/** Where each widget component shows in the element, once rendered. */
const RENDERED: Record<keyof typeof WIDGET_COMPONENTS, string> = {
  Card: '.w-card',
  ListView: '.w-list',
  Basic: '.w-basic',
  ListViewItem: '.w-list-item',
  Text: '.w-text',
  Title: '.w-title',
  Caption: '.w-caption',
  Markdown: '.w-markdown',
  Badge: '.w-badge',
  Box: '.w-box',
  Row: '.w-box.w-row',
  Col: '.w-box.w-col',
  Form: 'form.w-form',
  Divider: '.w-divider',
  Spacer: '.w-spacer',
  Transition: '.w-transition',
  Icon: 'svg.w-icon',
  Image: 'img.w-image',
  Chart: '.w-chart svg',
  Table: '.w-table table',
  'Table.Row': '.w-table tr',
  'Table.Cell': '.w-table td',
  Button: 'button.w-button',
  Select: 'select.w-select',
  DatePicker: 'input.w-date',
  Checkbox: '.w-checkbox input[type="checkbox"]',
  Input: 'input.w-input',
  Label: 'label.w-label',
  RadioGroup: '.w-radio-group input[type="radio"]',
  Textarea: 'textarea.w-textarea',
};

/** Every stored item the user may see has a view of its type, and no hidden one has any. */
async function expectStoredItemsRendered(demo: Demo): Promise<string[]> {
  const stored = await demo.storedItems();
  const rendered = await demo.page
    .locator('.messages .item')
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-item-id')} ${item.getAttribute('data-item-type')}`),
    );
  expect(rendered).toEqual(
    stored.filter((item) => !HIDDEN_TYPES.includes(item.type)).map((item) => `${item.id} ${item.type}`),
  );
  return stored.map((item) => item.type);
}

test('every item type a user sees is rendered, from quoted messages to generated images', async ({ demo, page }) => {
  // A reply to a quoted passage (composer value set by the page, then sent from the keyboard).
  await page.evaluate(() =>
    document
      .querySelector('chatkit-local-chat')!
      .setComposerValue({ text: 'What about this?', reply: 'the quoted words' }),
  );
  await expect(page.locator('.composer-reply')).toContainText('the quoted words');
  await demo.composer.press('Enter');
  await demo.idle();
  await expect(demo.items('user_message').locator('blockquote.quoted')).toHaveText('the quoted words');
  await expect(demo.items('assistant_message').locator('.assistant-body blockquote')).toHaveText('What about this?');

  await demo.send('/workflow');
  await demo.send('/image');
  await demo.send('/tool');

  // A workflow, a task item and an image task together show every task type.
  await demo.items('workflow').locator('summary').click();
  const taskTypes = await page
    .locator('.task')
    .evaluateAll((tasks) => tasks.map((task) => task.getAttribute('data-task-type')));
  expect([...new Set(taskTypes)].sort()).toEqual(['custom', 'file', 'image', 'thought', 'web_search']);
  await expect(page.locator('.task[data-task-type="image"]')).toContainText('Drew a sunset in the worker');
  // An annotated reply lists its source.
  await expect(page.locator('.assistant-message .sources').getByRole('link', { name: 'ChatKit docs' })).toBeVisible();
  await expect(demo.items('generated_image').getByRole('img')).toBeVisible();
  await expect(demo.items('client_tool_call').locator('.tool-call')).toHaveAttribute('data-status', 'completed');

  const types = await expectStoredItemsRendered(demo);
  expect(new Set(types)).toEqual(
    new Set(['user_message', 'assistant_message', 'workflow', 'task', 'generated_image', 'client_tool_call']),
  );
});

test('every widget component of the vocabulary is rendered; hidden items are not', async ({ demo, page }) => {
  for (const command of ['/widget', '/form', '/list', '/chart', '/table', '/notice']) await demo.send(command);

  // What the server sent covers the whole registry...
  const used = new Set<string>();
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (!node || typeof node !== 'object') return;
    const { type, children } = node as { type?: unknown; children?: unknown };
    if (typeof type === 'string') used.add(type);
    collect(children);
  };
  const stored = await demo.storedItems();
  for (const item of stored) collect(item.widget);
  expect([...used].sort()).toEqual(Object.keys(WIDGET_COMPONENTS).sort());

  // ...and each component has its view (none fell back to the placeholder of unknown components).
  const missing = await page
    .locator('.messages')
    .evaluate(
      (messages, rendered) =>
        Object.entries(rendered).flatMap(([type, selector]) => (messages.querySelector(selector) ? [] : [type])),
      RENDERED,
    );
  expect(missing).toEqual([]);
  await expect(page.locator('.messages .w-unknown')).toHaveCount(0);
  const table = demo.items('widget').getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['Days', 'Lunch', 'Dinner']);
  await expect(table.getByRole('row').last()).toContainText('closed');

  // /notice ends with a hidden context item and an end-of-turn marker: stored, not shown.
  await expectStoredItemsRendered(demo);
  expect(await demo.storedItemTypes()).toEqual(expect.arrayContaining(['hidden_context_item', 'end_of_turn']));
  await expect(page.locator(HIDDEN_TYPES.map((type) => `.item[data-item-type="${type}"]`).join(', '))).toHaveCount(0);
});
