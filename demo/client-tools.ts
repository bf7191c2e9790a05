/**
 * The page's side of the demo: client tools the assistant may call (answered here, in the page,
 * with `threads.add_client_tool_output`), and widget actions marked `handler: "client"`.
 */

/**
 * The text the user selected last, outside text fields. Typing `/selection` means clicking into the
 * composer first, which clears the selection before the tool runs: the tool reads this instead.
 */
let lastSelection = '';
document.addEventListener('selectionchange', () => {
  const text = pageSelection();
  if (text) lastSelection = text;
});

/** The text selected on the page, outside text fields (what is being typed is not a selection to read). */
function pageSelection(): string {
  let focused = document.activeElement;
  while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
  const inField =
    (focused instanceof HTMLTextAreaElement || focused instanceof HTMLInputElement) &&
    focused.selectionStart !== focused.selectionEnd;
  return inField ? '' : (document.getSelection()?.toString().trim() ?? '');
}

/** Client tools by name: each takes the call's arguments and returns its output. */
export const clientTools: Record<string, (args: Record<string, unknown>) => Record<string, unknown>> = {
  /** The browser's clock and time zone. */
  get_time: () => {
    const date = new Date();
    return {
      time: date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
      iso: date.toISOString(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
  },
  /** The text the user has selected on the page (now, or last before moving to the composer); read once. */
  get_selection: () => {
    const text = pageSelection() || lastSelection;
    lastSelection = '';
    return { text };
  },
};

/** A widget action handled by the page; `notify` shows a short message. */
export async function handleClientAction(
  action: { type: string; payload?: unknown },
  notify: (message: string) => void,
): Promise<void> {
  const payload = (action.payload ?? {}) as Record<string, unknown>;
  if (action.type === 'demo.copy') {
    const text = typeof payload.text === 'string' ? payload.text : '';
    try {
      await navigator.clipboard.writeText(text);
      notify('Copied to the clipboard (handled by the page)');
    } catch {
      notify('Handled by the page (the clipboard is not available here)');
    }
    return;
  }
  notify(`The page has no handler for “${action.type}”`);
}
