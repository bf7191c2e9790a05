/**
 * "Export all" and "Import" in the history's footer: the user's chats as a JSON file they keep, and
 * back (here, or in another browser). The work is the store's; see `data-client.ts` and the worker's
 * data route.
 */
import type { DataControls } from './data-client.ts';
import { h } from './dom.ts';

/** What the buttons need of the chat: to say what happened, and to show imported threads. */
export interface DataButtonsHost {
  showToast(message: string): void;
  fetchUpdates(): Promise<void>;
}

/** The buttons, as one labelled group. */
export function dataButtons(controls: DataControls, chat: DataButtonsHost): HTMLElement {
  const picker = h('input', { type: 'file', accept: 'application/json,.json', hidden: true, tabindex: -1 });
  const exportButton = h('button', { type: 'button', class: 'data-button' }, 'Export all');
  const importButton = h('button', { type: 'button', class: 'data-button' }, 'Import…');

  exportButton.addEventListener('click', () => {
    controls.exportAll().then(
      (name) => chat.showToast(`Your chats were saved as ${name}`),
      (error: unknown) => chat.showToast(`Export failed: ${messageOf(error)}`),
    );
  });
  importButton.addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    controls.importFile(file).then(
      (report) => {
        chat.showToast(
          `Imported ${count(report.threads, 'thread')}, ${count(report.items, 'item')}, ${count(report.files, 'file')}`,
        );
        void chat.fetchUpdates();
      },
      (error: unknown) => chat.showToast(`Import failed: ${messageOf(error)}`),
    );
  });
  return h(
    'div',
    { class: 'data-actions', role: 'group', 'aria-label': 'Your chats' },
    exportButton,
    importButton,
    picker,
  );
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
