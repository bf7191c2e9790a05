/**
 * The settings dialog: who answers (the scripted assistant or a model), and for a model its
 * OpenAI-compatible endpoint, key, name and API. A native modal `<dialog>`, so focus moves into it,
 * stays there, and Escape closes it; focus then returns to the button that opened it.
 *
 * The key field starts empty every time: the worker never sends a saved key back, only whether one
 * exists, so a typed key lives in the page only until it is saved.
 */
import {
  MODEL_PRESETS,
  SETTINGS_DATABASE,
  type ModelApi,
  type ModelPreset,
  type ResponderKind,
  type ResponderSettingsUpdate,
  type ResponderSettingsView,
} from './responder-settings.ts';
import type { ResponderSettingsSource } from './settings-client.ts';
import type { EncryptionControls } from './encryption-client.ts';
import { EncryptionSection } from './encryption-section.ts';
import { h, icon } from './dom.ts';
import { field, fieldError, showFieldError } from './form-field.ts';

/** What the dialog asks of the chat. */
export interface SettingsDialogHost {
  source: ResponderSettingsSource;
  /** The setting was saved (the dialog has closed). */
  onSaved(view: ResponderSettingsView): void;
  /** The encryption setting: at rest, for the chats and this dialog's key. */
  encryption: EncryptionControls;
  /** Encryption was turned on or off, or its passphrase changed (the dialog has closed); `message` says which. */
  onEncryptionChanged(message: string): void;
}

/** The worker names the field a message is about (`model.baseURL: ...`); each maps to an input. */
type FieldName = 'baseURL' | 'model' | 'apiKey';

let nextDialogId = 0;

/** The dialog; append `element` inside the themed app, then call `open`. */
export class SettingsDialog {
  readonly element: HTMLDialogElement;
  private readonly form: HTMLFormElement;
  private readonly responderInputs: Record<ResponderKind, HTMLInputElement>;
  private readonly apiInputs: Record<ModelApi, HTMLInputElement>;
  private readonly modelSection: HTMLFieldSetElement;
  private readonly scriptedNote: HTMLElement;
  private readonly inputs: Record<FieldName, HTMLInputElement>;
  private readonly errors: Record<FieldName, HTMLElement>;
  private readonly keyStatus: HTMLElement;
  private readonly forgetKeyButton: HTMLButtonElement;
  private readonly formError: HTMLElement;
  private readonly saveButton: HTMLButtonElement;
  private readonly encryption: EncryptionSection;
  private view: ResponderSettingsView | null = null;
  private forgetKey = false;
  private opener: HTMLElement | null = null;

  constructor(private readonly host: SettingsDialogHost) {
    const id = (name: string) => `settings-${nextDialogId}-${name}`;
    nextDialogId += 1;

    this.responderInputs = {
      scripted: radio('responder', 'scripted'),
      model: radio('responder', 'model'),
    };
    this.apiInputs = {
      responses: radio('api', 'responses'),
      chat_completions: radio('api', 'chat_completions'),
    };
    this.inputs = {
      baseURL: h('input', {
        id: id('base-url'),
        type: 'url',
        required: true,
        spellcheck: 'false',
        autocomplete: 'off',
        inputmode: 'url',
        placeholder: 'https://api.openai.com/v1',
        'aria-describedby': `${id('base-url-hint')} ${id('base-url-error')}`,
      }),
      apiKey: h('input', {
        id: id('api-key'),
        type: 'password',
        autocomplete: 'off',
        spellcheck: 'false',
        'aria-describedby': `${id('api-key-hint')} ${id('api-key-error')}`,
      }),
      model: h('input', {
        id: id('model'),
        type: 'text',
        required: true,
        spellcheck: 'false',
        autocomplete: 'off',
        placeholder: 'gpt-4.1-mini',
        'aria-describedby': id('model-error'),
      }),
    };
    this.errors = {
      baseURL: fieldError(id('base-url-error')),
      apiKey: fieldError(id('api-key-error')),
      model: fieldError(id('model-error')),
    };
    this.keyStatus = h('span', { id: id('api-key-hint') });
    this.forgetKeyButton = h(
      'button',
      { type: 'button', class: 'button ghost small', onclick: () => this.markKeyForgotten() },
      'Forget saved key',
    );
    this.formError = h('p', { class: 'settings-error', role: 'alert', hidden: true });
    this.saveButton = h('button', { type: 'submit', class: 'button primary' }, 'Save');

    this.encryption = new EncryptionSection({
      controls: host.encryption,
      onChanged: (_status, message) => {
        this.close();
        host.onEncryptionChanged(message);
      },
    });

    this.scriptedNote = h(
      'p',
      { class: 'settings-note' },
      icon('info'),
      h(
        'span',
        null,
        'The scripted assistant runs in this tab: no model, no network. Its slash commands (type /help) show every feature of the chat.',
      ),
    );

    this.modelSection = h(
      'fieldset',
      { class: 'settings-model' },
      h('legend', { class: 'settings-legend' }, 'Model'),
      h(
        'div',
        { class: 'settings-presets', role: 'group', 'aria-label': 'Fill in for' },
        h('span', { class: 'muted', 'aria-hidden': 'true' }, 'Fill in for'),
        MODEL_PRESETS.map((preset) =>
          h(
            'button',
            { type: 'button', class: 'button secondary small', onclick: () => this.applyPreset(preset) },
            preset.label,
          ),
        ),
      ),
      field(
        id('base-url'),
        'API base URL',
        this.inputs.baseURL,
        h(
          'p',
          { class: 'field-hint', id: id('base-url-hint') },
          'Any OpenAI-compatible endpoint: OpenAI, or a server on your machine such as Ollama (http://localhost:11434/v1) or LM Studio (http://localhost:1234/v1).',
        ),
        this.errors.baseURL,
      ),
      field(
        id('api-key'),
        'API key',
        this.inputs.apiKey,
        h('p', { class: 'field-hint' }, this.keyStatus, this.forgetKeyButton),
        this.errors.apiKey,
      ),
      field(id('model'), 'Model', this.inputs.model, this.errors.model),
      h(
        'fieldset',
        { class: 'field' },
        h('legend', { class: 'field-label' }, 'API'),
        h(
          'div',
          { class: 'segmented' },
          h('label', { class: 'segment' }, this.apiInputs.responses, h('span', null, 'Responses')),
          h('label', { class: 'segment' }, this.apiInputs.chat_completions, h('span', null, 'Chat Completions')),
        ),
        h('p', { class: 'field-hint' }, 'Local servers usually offer only Chat Completions.'),
      ),
      h(
        'div',
        { class: 'settings-note' },
        icon('info'),
        h(
          'div',
          null,
          h(
            'p',
            null,
            'Where your key goes: it is kept in this browser’s IndexedDB (database “',
            SETTINGS_DATABASE,
            '”; encrypted when encryption at rest is on, below), not in localStorage or a cookie, and it is not shown again. The chat’s worker sends it only to the base URL above, with each model request. Changing the base URL to another host forgets it.',
          ),
          h(
            'p',
            null,
            'The server must accept requests from this page (CORS): for Ollama, allow this origin in OLLAMA_ORIGINS; in LM Studio, turn on CORS.',
          ),
        ),
      ),
    );

    this.form = h(
      'form',
      { class: 'settings-form', novalidate: true },
      h(
        'header',
        { class: 'settings-header' },
        h('h2', { id: id('title') }, 'Settings'),
        h(
          'button',
          { type: 'button', class: 'icon-button', 'aria-label': 'Close', title: 'Close', onclick: () => this.close() },
          icon('close'),
        ),
      ),
      h(
        'div',
        { class: 'settings-body' },
        h(
          'fieldset',
          { class: 'settings-responder' },
          h('legend', { class: 'settings-legend' }, 'Who answers'),
          h(
            'div',
            { class: 'choice-cards' },
            choiceCard(
              this.responderInputs.scripted,
              'Scripted (offline)',
              'The built-in demo assistant. Nothing leaves this tab.',
            ),
            choiceCard(
              this.responderInputs.model,
              'Model',
              'A real model through the Agents SDK, on an endpoint you choose.',
            ),
          ),
        ),
        this.scriptedNote,
        this.modelSection,
        this.encryption.element,
        this.formError,
      ),
      h(
        'footer',
        { class: 'settings-footer' },
        h('button', { type: 'button', class: 'button ghost', onclick: () => this.close() }, 'Cancel'),
        this.saveButton,
      ),
    );

    this.element = h(
      'dialog',
      { class: 'settings-dialog', 'aria-labelledby': id('title') },
      this.form,
      this.encryption.form,
    );
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    for (const input of Object.values(this.responderInputs))
      input.addEventListener('change', () => this.showResponder());
    for (const [name, input] of Object.entries(this.inputs) as [FieldName, HTMLInputElement][]) {
      input.addEventListener('input', () => this.setFieldError(name, null));
    }
    this.inputs.apiKey.addEventListener('input', () => this.showKeyStatus());
    // Focus goes back to whatever opened the dialog, however it closed (Escape included).
    this.element.addEventListener('close', () => {
      this.inputs.apiKey.value = '';
      this.encryption.clear();
      this.opener?.focus();
      this.opener = null;
    });
  }

  /** Loads the current setting and opens the dialog; `opener` gets the focus back on close. */
  async open(opener: HTMLElement): Promise<void> {
    const [view, encryption] = await Promise.all([this.host.source.load(), this.host.encryption.status()]);
    this.view = view;
    this.opener = opener;
    this.fill(this.view);
    this.encryption.show(encryption);
    this.element.showModal();
    this.responderInputs[this.view.responder].focus();
  }

  /** Closes without saving. */
  close(): void {
    if (this.element.open) this.element.close();
  }

  private fill(view: ResponderSettingsView): void {
    this.responderInputs[view.responder].checked = true;
    this.apiInputs[view.model.api].checked = true;
    this.inputs.baseURL.value = view.model.baseURL;
    this.inputs.model.value = view.model.model;
    this.inputs.apiKey.value = '';
    this.forgetKey = false;
    for (const name of Object.keys(this.inputs) as FieldName[]) this.setFieldError(name, null);
    this.formError.hidden = true;
    this.showResponder();
    this.showKeyStatus();
  }

  private get responder(): ResponderKind {
    return this.responderInputs.model.checked ? 'model' : 'scripted';
  }

  private showResponder(): void {
    const model = this.responder === 'model';
    this.modelSection.hidden = !model;
    // A disabled fieldset also keeps its required fields out of the way while hidden.
    this.modelSection.disabled = !model;
    this.scriptedNote.hidden = model;
  }

  private showKeyStatus(): void {
    const saved = this.view?.model.hasApiKey === true && !this.forgetKey;
    const typing = this.inputs.apiKey.value.trim() !== '';
    this.keyStatus.textContent = typing
      ? saved
        ? 'Saving replaces the saved key.'
        : 'Saved when you press Save.'
      : saved
        ? 'A key is saved. Leave this empty to keep it.'
        : this.forgetKey
          ? 'The saved key will be removed when you press Save.'
          : 'Optional for servers on your machine.';
    this.inputs.apiKey.placeholder = saved ? '•••••••• (saved)' : 'sk-…';
    this.forgetKeyButton.hidden = !saved;
  }

  private markKeyForgotten(): void {
    this.forgetKey = true;
    this.showKeyStatus();
    this.inputs.apiKey.focus();
  }

  private applyPreset(preset: ModelPreset): void {
    this.inputs.baseURL.value = preset.baseURL;
    this.apiInputs[preset.api].checked = true;
    if (preset.model) this.inputs.model.value = preset.model;
    this.setFieldError('baseURL', null);
    this.inputs.baseURL.focus();
  }

  private async save(): Promise<void> {
    if (!this.checkFields()) return;
    const apiKey = this.inputs.apiKey.value.trim();
    const update: ResponderSettingsUpdate = {
      responder: this.responder,
      model: {
        baseURL: this.inputs.baseURL.value.trim(),
        model: this.inputs.model.value.trim(),
        api: this.apiInputs.chat_completions.checked ? 'chat_completions' : 'responses',
        ...(apiKey ? { apiKey } : {}),
        ...(this.forgetKey ? { forgetApiKey: true } : {}),
      },
    };
    this.saveButton.disabled = true;
    this.saveButton.textContent = 'Saving…';
    try {
      const saved = await this.host.source.save(update);
      this.close();
      this.host.onSaved(saved);
    } catch (error) {
      this.showSaveError(error instanceof Error ? error.message : String(error));
    } finally {
      this.saveButton.disabled = false;
      this.saveButton.textContent = 'Save';
    }
  }

  /** The browser's own checks of the visible fields, shown next to them; the worker checks again. */
  private checkFields(): boolean {
    if (this.responder !== 'model') return true;
    let firstBad: HTMLInputElement | null = null;
    for (const name of ['baseURL', 'model'] as const) {
      const input = this.inputs[name];
      const message = input.validity.valueMissing
        ? 'Required.'
        : input.validity.typeMismatch
          ? 'Enter a full URL, such as http://localhost:11434/v1.'
          : null;
      this.setFieldError(name, message);
      if (message) firstBad ??= input;
    }
    firstBad?.focus();
    return firstBad === null;
  }

  /** A refusal of the worker: next to its field when it names one, else above the buttons. */
  private showSaveError(message: string): void {
    const match = /^model\.(baseURL|model|apiKey): (.*)$/s.exec(message);
    if (match) {
      const name = match[1] as FieldName;
      this.setFieldError(
        name,
        match[2]!.replace(/^./, (first) => first.toUpperCase()),
      );
      this.inputs[name].focus();
      return;
    }
    this.formError.textContent = message;
    this.formError.hidden = false;
  }

  private setFieldError(name: FieldName, message: string | null): void {
    showFieldError(this.inputs[name], this.errors[name], message);
  }
}

function radio(name: string, value: string): HTMLInputElement {
  return h('input', { type: 'radio', name, value });
}

function choiceCard(input: HTMLInputElement, title: string, text: string): HTMLElement {
  return h(
    'label',
    { class: 'choice-card' },
    input,
    h('span', null, h('span', { class: 'choice-title' }, title), h('span', { class: 'choice-text' }, text)),
  );
}
