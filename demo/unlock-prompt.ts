/**
 * The prompt the page shows before the chat when the chats are encrypted: one labelled passphrase
 * field. A wrong passphrase is said next to the field (announced, the field marked invalid) and
 * changes nothing; the right one lets the page go on to mount the chat. The passphrase goes to the
 * worker only, and the field is emptied once the chats open: it is never stored anywhere. For a
 * forgotten passphrase, "Forgot your passphrase?" offers the only way on: deleting the encrypted
 * chats and starting over, empty.
 */
import type { EncryptionControls } from './encryption-client.ts';
import { h } from './dom.ts';

/**
 * Resolves once the chats can be read: at once when they are not encrypted (or this worker is
 * already unlocked, by another tab), else after the user has given the right passphrase in a
 * prompt shown in `root`.
 */
export async function unlockChats(controls: EncryptionControls, root: HTMLElement): Promise<void> {
  if (!(await controls.status()).locked) return;
  await new Promise<void>((resolve) => {
    root.replaceChildren(unlockForm(controls, resolve));
    root.querySelector('input')?.focus();
  });
  root.replaceChildren();
}

function unlockForm(controls: EncryptionControls, unlocked: () => void): HTMLElement {
  const input = h('input', {
    id: 'unlock-passphrase',
    type: 'password',
    required: true,
    autocomplete: 'current-password',
    spellcheck: 'false',
    'aria-describedby': 'unlock-error',
  });
  // Present from the start, so that screen readers announce the text it gets.
  const error = h('p', { id: 'unlock-error', class: 'unlock-error', role: 'alert' });
  const button = h('button', { type: 'submit', class: 'unlock-button' }, 'Unlock');
  const form = h(
    'form',
    { class: 'unlock-card', novalidate: true, 'aria-labelledby': 'unlock-title', 'aria-describedby': 'unlock-text' },
    h('h1', { id: 'unlock-title' }, 'Your chats are locked'),
    h(
      'p',
      { id: 'unlock-text' },
      'They are encrypted in this browser. Enter your passphrase to open them; it is not saved anywhere.',
    ),
    h('label', { for: 'unlock-passphrase' }, 'Passphrase'),
    input,
    error,
    button,
    h(
      'p',
      { class: 'unlock-note' },
      'Without the passphrase nobody can read these chats, this demo included: there is no way to recover it.',
    ),
    startOverPart(controls, unlocked, (message) => {
      error.textContent = message;
    }),
  );

  const showError = (message: string) => {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    input.select();
  };
  input.addEventListener('input', () => {
    error.textContent = '';
    input.removeAttribute('aria-invalid');
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const passphrase = input.value;
    if (!passphrase) return showError('Enter your passphrase.');
    button.disabled = true;
    button.textContent = 'Unlocking…';
    form.setAttribute('aria-busy', 'true');
    controls.unlock(passphrase).then(
      () => {
        input.value = '';
        unlocked();
      },
      (refusal: unknown) => {
        button.disabled = false;
        button.textContent = 'Unlock';
        form.removeAttribute('aria-busy');
        showError(refusal instanceof Error ? refusal.message : String(refusal));
      },
    );
  });
  return h('main', { class: 'unlock' }, form);
}

/**
 * "Forgot your passphrase?": a disclosure that explains what starting over deletes, and does it.
 * @param started called once the chats were deleted and the demo can go on, empty.
 * @param failed shows why it could not be done.
 */
function startOverPart(controls: EncryptionControls, started: () => void, failed: (message: string) => void) {
  const confirm = h('button', { type: 'button', class: 'unlock-start-over-button' }, 'Delete the chats and start over');
  const panel = h(
    'div',
    { id: 'unlock-start-over', class: 'unlock-start-over', hidden: true },
    h(
      'p',
      null,
      'Nobody can open these chats without the passphrase. You can delete them, with the settings saved with them (a model key included), and start again with an empty demo. This cannot be undone.',
    ),
    confirm,
  );
  const toggle = h(
    'button',
    { type: 'button', class: 'unlock-forgot', 'aria-expanded': 'false', 'aria-controls': 'unlock-start-over' },
    'Forgot your passphrase?',
  );
  toggle.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    toggle.setAttribute('aria-expanded', String(!panel.hidden));
  });
  confirm.addEventListener('click', () => {
    confirm.disabled = true;
    confirm.textContent = 'Deleting…';
    controls.startOver().then(started, (refusal: unknown) => {
      confirm.disabled = false;
      confirm.textContent = 'Delete the chats and start over';
      failed(refusal instanceof Error ? refusal.message : String(refusal));
    });
  });
  return h('div', { class: 'unlock-forgot-part' }, toggle, panel);
}
