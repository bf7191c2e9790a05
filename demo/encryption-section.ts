/**
 * The settings dialog's "Encryption at rest" section: turn encryption on with a passphrase, change
 * it, or turn it off; the last two ask for the current passphrase, so that a tab left unlocked is
 * not enough. Each is a request of its own, done at once (the chats move to a new database), not
 * part of the dialog's Save. Its fields belong to a form of their own (the HTML `form`
 * attribute), so Enter in them runs this section's action rather than the dialog's Save.
 */
import { EncryptionRefusal, type EncryptionControls } from './encryption-client.ts';
import { MIN_PASSPHRASE_LENGTH, type EncryptionStatus } from './encryption-setting.ts';
import { h } from './dom.ts';
import { field, fieldError, showFieldError } from './form-field.ts';

/** What the section asks of the dialog. */
export interface EncryptionSectionHost {
  controls: EncryptionControls;
  /** An action succeeded; `message` says what changed. */
  onChanged(status: EncryptionStatus, message: string): void;
}

type FieldName = 'current' | 'passphrase' | 'repeat';

let nextSectionId = 0;

/** The section: put `element` in the dialog's body and `form` anywhere in the dialog outside its form. */
export class EncryptionSection {
  readonly element: HTMLFieldSetElement;
  /** The empty form the fields and buttons submit to. */
  readonly form: HTMLFormElement;
  private readonly inputs: Record<FieldName, HTMLInputElement>;
  private readonly errors: Record<FieldName, HTMLElement>;
  private readonly state: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly submitButton: HTMLButtonElement;
  private readonly offButton: HTMLButtonElement;
  /** The current passphrase's field, shown while encryption is on. */
  private readonly currentField: HTMLElement;
  private status: EncryptionStatus = { encrypted: false, locked: false };

  constructor(private readonly host: EncryptionSectionHost) {
    const id = (name: string) => `encryption-${nextSectionId}-${name}`;
    nextSectionId += 1;
    const formId = id('form');
    this.form = h('form', { id: formId, novalidate: true });

    this.inputs = {
      current: h('input', {
        id: id('current'),
        form: formId,
        type: 'password',
        autocomplete: 'current-password',
        spellcheck: 'false',
        'aria-describedby': id('current-error'),
      }),
      passphrase: h('input', {
        id: id('passphrase'),
        form: formId,
        type: 'password',
        autocomplete: 'new-password',
        spellcheck: 'false',
        'aria-describedby': `${id('hint')} ${id('passphrase-error')}`,
      }),
      repeat: h('input', {
        id: id('repeat'),
        form: formId,
        type: 'password',
        autocomplete: 'new-password',
        spellcheck: 'false',
        'aria-describedby': id('repeat-error'),
      }),
    };
    this.errors = {
      current: fieldError(id('current-error')),
      passphrase: fieldError(id('passphrase-error')),
      repeat: fieldError(id('repeat-error')),
    };
    this.state = h('p', { class: 'field-hint' });
    this.progress = h('p', { class: 'field-hint', role: 'status' });
    this.submitButton = h('button', { type: 'submit', form: formId, class: 'button secondary small' });
    this.offButton = h(
      'button',
      { type: 'button', class: 'button ghost small', onclick: () => void this.run('decrypt') },
      'Turn off encryption',
    );
    this.currentField = field(id('current'), 'Current passphrase', this.inputs.current, this.errors.current);

    this.element = h(
      'fieldset',
      { class: 'settings-encryption' },
      h('legend', { class: 'settings-legend' }, 'Encryption at rest'),
      this.state,
      this.currentField,
      field(
        id('passphrase'),
        'New passphrase',
        this.inputs.passphrase,
        h(
          'p',
          { class: 'field-hint', id: id('hint') },
          `At least ${MIN_PASSPHRASE_LENGTH} characters. You enter it each time you open the demo; without it nobody can read your chats, so keep an export somewhere safe.`,
        ),
        this.errors.passphrase,
      ),
      field(id('repeat'), 'Repeat the passphrase', this.inputs.repeat, this.errors.repeat),
      h('div', { class: 'encryption-actions' }, this.submitButton, this.offButton),
      this.progress,
    );

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.run(this.status.encrypted ? 'change' : 'encrypt');
    });
    for (const [name, input] of Object.entries(this.inputs) as [FieldName, HTMLInputElement][])
      input.addEventListener('input', () => this.setError(name, null));
  }

  /** Shows `status` with empty fields (the dialog calls this each time it opens). */
  show(status: EncryptionStatus): void {
    this.status = status;
    this.state.textContent = status.encrypted
      ? 'On: your chats, their files and the API key are encrypted in this browser.'
      : 'Off: your chats, their files and the API key are stored in clear in this browser. Encrypt them with a passphrase:';
    this.submitButton.textContent = status.encrypted ? 'Change passphrase' : 'Turn on encryption';
    this.offButton.hidden = !status.encrypted;
    this.currentField.hidden = !status.encrypted;
    this.progress.textContent = '';
    this.clear();
  }

  /** Empties the passphrase fields (so a passphrase never stays in the page). */
  clear(): void {
    for (const name of Object.keys(this.inputs) as FieldName[]) {
      this.inputs[name].value = '';
      this.setError(name, null);
    }
  }

  private async run(action: 'encrypt' | 'change' | 'decrypt'): Promise<void> {
    const current = this.inputs.current.value;
    const passphrase = this.inputs.passphrase.value;
    if (action !== 'encrypt' && !this.checkCurrent(current)) return;
    if (action !== 'decrypt' && !this.checkFields(passphrase)) return;
    this.element.disabled = true;
    this.progress.textContent =
      action === 'encrypt'
        ? 'Encrypting your chats…'
        : action === 'change'
          ? 'Changing the passphrase…'
          : 'Decrypting your chats…';
    try {
      const { controls } = this.host;
      const status =
        action === 'encrypt'
          ? await controls.encrypt(passphrase)
          : action === 'change'
            ? await controls.change(current, passphrase)
            : await controls.decrypt(current);
      this.clear();
      this.progress.textContent = '';
      this.host.onChanged(
        status,
        action === 'encrypt'
          ? 'Encryption on: your chats and API key are encrypted in this browser'
          : action === 'change'
            ? 'Passphrase changed'
            : 'Encryption off: your chats are stored in clear again',
      );
      this.show(status);
    } catch (error) {
      this.element.disabled = false;
      this.progress.textContent = '';
      if (error instanceof EncryptionRefusal && error.field !== null) {
        this.setError(error.field, error.message);
        this.inputs[error.field].focus();
      } else {
        this.progress.textContent = error instanceof Error ? error.message : String(error);
      }
    } finally {
      this.element.disabled = false;
    }
  }

  /** The current passphrase must be given (the worker checks that it is the right one). */
  private checkCurrent(current: string): boolean {
    if (current !== '') return true;
    this.setError('current', 'Enter your current passphrase.');
    this.inputs.current.focus();
    return false;
  }

  /** The page's own checks of a new passphrase (the worker checks the length again). */
  private checkFields(passphrase: string): boolean {
    if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
      this.setError('passphrase', `Use at least ${MIN_PASSPHRASE_LENGTH} characters.`);
      this.inputs.passphrase.focus();
      return false;
    }
    if (this.inputs.repeat.value !== passphrase) {
      this.setError('repeat', 'The two passphrases differ.');
      this.inputs.repeat.focus();
      return false;
    }
    return true;
  }

  private setError(name: FieldName, message: string | null): void {
    showFieldError(this.inputs[name], this.errors[name], message);
  }
}
