/**
 * The composer: a growing text box, attachments (picked, pasted or dropped; uploaded at once, images
 * shown as previews), and one button that sends, or stops the response in flight. Enter sends,
 * Shift+Enter starts a new line, Escape stops.
 */
import type { Attachment } from 'chatkit-local';
import { h } from './dom.ts';
import { icon } from './icons.ts';
import { safeImageSrc } from './urls.ts';

/** What the composer asks of the chat. */
export interface ComposerHost {
  onSend(text: string, attachments: Attachment[]): void;
  onStop(): void;
  upload(file: File): Promise<Attachment>;
  discard(attachment: Attachment): void;
  onError(message: string): void;
}

interface PendingAttachment {
  key: number;
  file: File;
  attachment: Attachment | null;
  failed: boolean;
}

const MAX_ROWS_PX = 200;
let nextKey = 0;

export class Composer {
  readonly element: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly attachButton: HTMLButtonElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly tray: HTMLElement;
  private readonly notice: HTMLElement;
  private attachments: PendingAttachment[] = [];
  private busy = false;
  private canStop = false;
  private disabledReason: string | null = null;

  constructor(private readonly host: ComposerHost) {
    this.textarea = h('textarea', {
      class: 'composer-input',
      rows: 1,
      placeholder: 'Ask anything, or type /help',
      'aria-label': 'Message',
    });
    this.fileInput = h('input', { type: 'file', multiple: true, hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
    this.attachButton = h(
      'button',
      { type: 'button', class: 'icon-button', 'aria-label': 'Add attachments', title: 'Add attachments' },
      icon('paperclip'),
    );
    this.sendButton = h('button', { type: 'submit', class: 'send-button' });
    this.tray = h('div', { class: 'attachment-tray', hidden: true });
    this.notice = h('div', { class: 'composer-notice', hidden: true, role: 'status' });
    const form = h(
      'form',
      { class: 'composer', 'aria-label': 'Composer' },
      this.tray,
      h('div', { class: 'composer-row' }, this.attachButton, this.textarea, this.sendButton),
      this.fileInput,
    );
    this.element = h(
      'div',
      { class: 'composer-area' },
      this.notice,
      form,
      h(
        'p',
        { class: 'composer-hint' },
        'Runs entirely in your browser. Enter to send · Shift+Enter for a new line · Esc to stop',
      ),
    );

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.busy) this.host.onStop();
      else this.send();
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (!this.busy) this.send();
      } else if (event.key === 'Escape' && this.busy) {
        event.preventDefault();
        this.host.onStop();
      }
    });
    this.textarea.addEventListener('input', () => this.resize());
    this.textarea.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length > 0) {
        event.preventDefault();
        this.addFiles(files);
      }
    });
    form.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) {
        event.preventDefault();
        form.classList.add('is-dropping');
      }
    });
    form.addEventListener('dragleave', () => form.classList.remove('is-dropping'));
    form.addEventListener('drop', (event) => {
      form.classList.remove('is-dropping');
      if (event.dataTransfer?.files.length) {
        event.preventDefault();
        this.addFiles([...event.dataTransfer.files]);
      }
    });
    this.attachButton.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      this.addFiles([...(this.fileInput.files ?? [])]);
      this.fileInput.value = '';
    });
    this.update();
  }

  /** Puts the keyboard focus in the text box. */
  focus(): void {
    this.textarea.focus();
  }

  /** Sets the text box's content. */
  setText(text: string): void {
    this.textarea.value = text;
    this.resize();
    this.update();
  }

  /** A response is streaming (`canStop`: the server allows stopping it). */
  setBusy(busy: boolean, canStop: boolean): void {
    this.busy = busy;
    this.canStop = canStop;
    this.update();
  }

  /** Disables the composer with a reason (a locked or closed thread), or enables it (null). */
  setDisabled(reason: string | null): void {
    this.disabledReason = reason;
    this.notice.hidden = reason === null;
    this.notice.textContent = reason ?? '';
    this.update();
  }

  private send(): void {
    const text = this.textarea.value.trim();
    if (!this.canSend()) return;
    const attachments = this.attachments.map((pending) => pending.attachment!);
    this.attachments = [];
    this.textarea.value = '';
    this.resize();
    this.renderTray();
    this.host.onSend(text, attachments);
  }

  private canSend(): boolean {
    const uploading = this.attachments.some((pending) => !pending.attachment);
    const hasContent = this.textarea.value.trim() !== '' || this.attachments.length > 0;
    return !this.busy && this.disabledReason === null && !uploading && hasContent;
  }

  private addFiles(files: File[]): void {
    for (const file of files) {
      const pending: PendingAttachment = { key: ++nextKey, file, attachment: null, failed: false };
      this.attachments.push(pending);
      this.host.upload(file).then(
        (attachment) => {
          pending.attachment = attachment;
          // Removed while uploading: the server copy is not needed either.
          if (!this.attachments.includes(pending)) this.host.discard(attachment);
          this.renderTray();
        },
        (error: unknown) => {
          this.attachments = this.attachments.filter((candidate) => candidate !== pending);
          this.host.onError(`Could not attach ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
          this.renderTray();
        },
      );
    }
    this.renderTray();
  }

  private renderTray(): void {
    this.tray.hidden = this.attachments.length === 0;
    this.tray.replaceChildren(
      ...this.attachments.map((pending) => {
        const { attachment, file } = pending;
        const preview = attachment?.type === 'image' ? safeImageSrc(attachment.preview_url) : null;
        let thumb: Element;
        if (!attachment) {
          thumb = h('span', { class: 'spinner', 'aria-label': 'Uploading' });
        } else if (preview) {
          const image = h('img', { alt: '' });
          image.src = preview;
          thumb = image;
        } else {
          thumb = icon('file');
        }
        return h(
          'div',
          { class: 'attachment-pill', 'data-state': attachment ? 'ready' : 'uploading', title: file.name },
          h('span', { class: 'attachment-preview' }, thumb),
          h('span', { class: 'attachment-name' }, file.name),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button small',
              'aria-label': `Remove ${file.name}`,
              onclick: () => {
                this.attachments = this.attachments.filter((candidate) => candidate !== pending);
                if (pending.attachment) this.host.discard(pending.attachment);
                this.renderTray();
              },
            },
            icon('close'),
          ),
        );
      }),
    );
    this.update();
  }

  private resize(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(this.textarea.scrollHeight, MAX_ROWS_PX)}px`;
    this.update();
  }

  private update(): void {
    const disabled = this.disabledReason !== null;
    this.textarea.disabled = disabled;
    this.attachButton.disabled = disabled;
    const stopping = this.busy;
    this.sendButton.replaceChildren(icon(stopping ? 'stop' : 'send'));
    this.sendButton.setAttribute('aria-label', stopping ? 'Stop' : 'Send');
    this.sendButton.title = stopping ? 'Stop (Esc)' : 'Send (Enter)';
    this.sendButton.classList.toggle('is-stop', stopping);
    this.sendButton.disabled = stopping ? !this.canStop : !this.canSend();
  }
}
