/**
 * The composer: a growing text box, attachments (picked, pasted or dropped; checked against the
 * `composer.attachments` limits, uploaded at once, images shown as previews), the tool and model
 * pickers, a quoted reply, and one button that sends, or stops the response in flight. Enter sends,
 * Shift+Enter starts a new line (Escape, anywhere in the element, stops: see element.ts).
 */
import type { ComposerOption, ModelOption, ToolOption } from '../official-types.ts';
import { h } from '../dom.ts';
import { icon, widgetIcon } from '../icons.ts';
import { format, type ChatKitLocalStrings } from '../strings.ts';
import { safeImageSrc } from '../urls.ts';
import type { Attachment, UserMessageContent } from '../wire.ts';

/** A message as the composer hands it over. */
export interface ComposedMessage {
  content: UserMessageContent[];
  attachments: Attachment[];
  quotedText: string | null;
  toolChoice: { id: string } | null;
  model: string | null;
}

/** What the composer asks of the chat. */
export interface ComposerHost {
  onSend(message: ComposedMessage): void;
  onStop(): void;
  upload(file: File): Promise<Attachment>;
  discard(attachment: Attachment): void;
  onError(message: string): void;
  /** The selected tool changed (by the user or `setValue`). */
  onToolChange(toolId: string | null): void;
}

/** What the composer shows: the `composer` option and the strings. */
export interface ComposerSettings {
  composer: ComposerOption | undefined;
  strings: ChatKitLocalStrings;
}

/** A value for {@link Composer.setValue}: the official `setComposerValue` parameters. */
export interface ComposerValue {
  text?: string | undefined;
  content?: UserMessageContent[] | undefined;
  reply?: string | undefined;
  attachments?: Attachment[] | undefined;
  files?: File[] | undefined;
  selectedToolId?: string | null | undefined;
  selectedModelId?: string | undefined;
}

interface PendingAttachment {
  key: number;
  name: string;
  attachment: Attachment | null;
}

const MAX_ROWS_PX = 200;
/** The official element's defaults for `composer.attachments`. */
const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;
const DEFAULT_MAX_COUNT = 10;
let nextKey = 0;

export class Composer {
  readonly element: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly fileInput: HTMLInputElement;
  private readonly attachButton: HTMLButtonElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly tray: HTMLElement;
  private readonly tags: HTMLElement;
  private readonly replyElement: HTMLElement;
  private readonly pickers: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly hint: HTMLElement;
  private settings: ComposerSettings;
  private attachments: PendingAttachment[] = [];
  private tagContent: UserMessageContent[] = [];
  private reply: string | null = null;
  private toolId: string | null = null;
  private modelId: string | null = null;
  private busy = false;
  private canStop = false;
  private disabledReason: string | null = null;

  constructor(
    private readonly host: ComposerHost,
    settings: ComposerSettings,
  ) {
    this.settings = settings;
    this.textarea = h('textarea', { class: 'composer-input', rows: 1 });
    this.fileInput = h('input', { type: 'file', multiple: true, hidden: true, 'aria-hidden': 'true', tabindex: '-1' });
    this.attachButton = h('button', { type: 'button', class: 'icon-button' }, icon('paperclip'));
    this.sendButton = h('button', { type: 'submit', class: 'send-button' });
    this.tray = h('div', { class: 'attachment-tray', hidden: true });
    this.tags = h('div', { class: 'composer-tags', hidden: true });
    this.replyElement = h('div', { class: 'composer-reply', hidden: true });
    this.pickers = h('div', { class: 'composer-pickers', hidden: true });
    this.notice = h('div', { class: 'composer-notice', hidden: true, role: 'status' });
    this.hint = h('p', { class: 'composer-hint', id: `composer-hint-${++nextKey}` });
    this.form = h(
      'form',
      { class: 'composer' },
      this.replyElement,
      this.tray,
      this.tags,
      h('div', { class: 'composer-row' }, this.attachButton, this.textarea, this.sendButton),
      this.pickers,
      this.fileInput,
    );
    this.textarea.setAttribute('aria-describedby', this.hint.id);
    this.element = h('div', { class: 'composer-area' }, this.notice, this.form, this.hint);
    this.listen();
    this.configure(settings);
  }

  /** Applies new settings (the options changed); what was typed stays. */
  configure(settings: ComposerSettings): void {
    this.settings = settings;
    const { strings } = settings;
    const attachments = settings.composer?.attachments;
    this.form.setAttribute('aria-label', strings.composer);
    this.textarea.setAttribute('aria-label', strings.message);
    this.attachButton.setAttribute('aria-label', strings.addAttachments);
    this.attachButton.title = strings.addAttachments;
    this.attachButton.hidden = !attachments?.enabled;
    this.fileInput.accept = acceptAttribute(attachments?.accept);
    this.hint.textContent = strings.keyboardHint;
    const tools = settings.composer?.tools ?? [];
    if (this.toolId && !tools.some((tool) => tool.id === this.toolId)) this.selectTool(null);
    const models = settings.composer?.models ?? [];
    if (!models.some((model) => model.id === this.modelId && !model.disabled)) {
      this.modelId = (models.find((model) => model.default && !model.disabled) ?? null)?.id ?? null;
    }
    this.renderPickers();
    this.renderTray();
    this.renderReply();
  }

  /** Puts the keyboard focus in the text box. */
  focus(): void {
    this.textarea.focus();
  }

  /** Sets the composer's content without sending (the official `setComposerValue`). */
  setValue(value: ComposerValue): void {
    if (value.content !== undefined) {
      this.tagContent = value.content.filter((part) => part.type === 'input_tag');
      this.textarea.value = value.content
        .filter((part) => part.type === 'input_text')
        .map((part) => part.text)
        .join('');
    } else if (value.text !== undefined) {
      this.textarea.value = value.text;
    }
    if (value.reply !== undefined) this.reply = value.reply || null;
    if (value.attachments !== undefined) {
      this.attachments = value.attachments.map((attachment) => ({
        key: ++nextKey,
        name: attachment.name,
        attachment,
      }));
    }
    if (value.files) this.addFiles(value.files);
    if (value.selectedToolId !== undefined) this.selectTool(value.selectedToolId);
    if (value.selectedModelId !== undefined) this.modelId = value.selectedModelId;
    this.renderPickers();
    this.renderTray();
    this.renderReply();
    this.resize();
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

  private listen(): void {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.busy) this.host.onStop();
      else this.send();
    });
    this.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        if (!this.busy) this.send();
      }
    });
    this.textarea.addEventListener('input', () => this.resize());
    this.textarea.addEventListener('paste', (event) => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length > 0 && this.settings.composer?.attachments?.enabled) {
        event.preventDefault();
        this.addFiles(files);
      }
    });
    this.form.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files') && this.settings.composer?.attachments?.enabled) {
        event.preventDefault();
        this.form.classList.add('is-dropping');
      }
    });
    this.form.addEventListener('dragleave', () => this.form.classList.remove('is-dropping'));
    this.form.addEventListener('drop', (event) => {
      this.form.classList.remove('is-dropping');
      if (event.dataTransfer?.files.length && this.settings.composer?.attachments?.enabled) {
        event.preventDefault();
        this.addFiles([...event.dataTransfer.files]);
      }
    });
    this.attachButton.addEventListener('click', () => this.fileInput.click());
    this.fileInput.addEventListener('change', () => {
      this.addFiles([...(this.fileInput.files ?? [])]);
      this.fileInput.value = '';
    });
  }

  private send(): void {
    if (!this.canSend()) return;
    const text = this.textarea.value.trim();
    const content: UserMessageContent[] = [...this.tagContent];
    if (text !== '') content.push({ type: 'input_text', text });
    const message: ComposedMessage = {
      content,
      attachments: this.attachments.map((pending) => pending.attachment!),
      quotedText: this.reply,
      toolChoice: this.toolId ? { id: this.toolId } : null,
      model: this.modelId,
    };
    this.attachments = [];
    this.tagContent = [];
    this.reply = null;
    this.textarea.value = '';
    const tool = this.tools().find((candidate) => candidate.id === this.toolId);
    if (tool && !tool.persistent) this.selectTool(null);
    this.resize();
    this.renderTray();
    this.renderReply();
    this.renderPickers();
    this.host.onSend(message);
  }

  private canSend(): boolean {
    const uploading = this.attachments.some((pending) => !pending.attachment);
    const hasContent = this.textarea.value.trim() !== '' || this.attachments.length > 0 || this.tagContent.length > 0;
    return !this.busy && this.disabledReason === null && !uploading && hasContent;
  }

  /** Uploads the files the limits allow; says why for each one refused. */
  private addFiles(files: File[]): void {
    const { strings } = this.settings;
    const limits = this.settings.composer?.attachments;
    const maxCount = limits?.maxCount ?? DEFAULT_MAX_COUNT;
    for (const file of files) {
      if (this.attachments.length >= maxCount) {
        this.host.onError(format(strings.tooManyAttachments, { count: maxCount, name: file.name }));
        continue;
      }
      if (!accepts(limits?.accept, file)) {
        this.host.onError(format(strings.fileTypeRefused, { name: file.name }));
        continue;
      }
      const maxBytes = maxBytesFor(limits?.maxSize, file.type);
      if (file.size > maxBytes) {
        this.host.onError(format(strings.fileTooLarge, { name: file.name, size: formatBytes(maxBytes) }));
        continue;
      }
      const pending: PendingAttachment = { key: ++nextKey, name: file.name, attachment: null };
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
          const message = error instanceof Error ? error.message : String(error);
          this.host.onError(format(strings.attachFailed, { name: file.name, message }));
          this.renderTray();
        },
      );
    }
    this.renderTray();
  }

  private tools(): ToolOption[] {
    return this.settings.composer?.tools ?? [];
  }

  private selectTool(toolId: string | null): void {
    const next = toolId && this.tools().some((tool) => tool.id === toolId) ? toolId : null;
    if (next === this.toolId) return;
    this.toolId = next;
    this.renderPickers();
    this.host.onToolChange(next);
  }

  /** The tool and model pickers: pinned tools as toggle buttons, the rest and the models as selects. */
  private renderPickers(): void {
    const { strings } = this.settings;
    const tools = this.tools();
    const models: ModelOption[] = this.settings.composer?.models ?? [];
    const selected = tools.find((tool) => tool.id === this.toolId);
    this.textarea.placeholder =
      selected?.placeholderOverride ?? this.settings.composer?.placeholder ?? strings.placeholder;
    this.pickers.hidden = tools.length === 0 && models.length === 0;
    const pinned = tools.filter((tool) => tool.pinned);
    const menu = tools.filter((tool) => !tool.pinned);
    const toolSelect =
      menu.length > 0
        ? h(
            'select',
            {
              class: 'composer-select',
              'aria-label': strings.tools,
              'data-focus-key': 'tools',
              onchange: (event: Event) => this.selectTool((event.target as HTMLSelectElement).value || null),
            },
            h('option', { value: '' }, strings.tools),
            menu.map((tool) =>
              h('option', { value: tool.id, selected: tool.id === this.toolId }, tool.shortLabel ?? tool.label),
            ),
          )
        : null;
    const modelSelect =
      models.length > 0
        ? h(
            'select',
            {
              class: 'composer-select',
              'aria-label': strings.model,
              onchange: (event: Event) => {
                this.modelId = (event.target as HTMLSelectElement).value || null;
              },
            },
            models.map((model) =>
              h(
                'option',
                { value: model.id, selected: model.id === this.modelId, disabled: model.disabled ?? false },
                model.label,
              ),
            ),
          )
        : null;
    this.pickers.replaceChildren(
      ...pinned.map((tool) =>
        h(
          'button',
          {
            type: 'button',
            class: 'composer-tool',
            'aria-pressed': String(tool.id === this.toolId),
            onclick: () => this.selectTool(tool.id === this.toolId ? null : tool.id),
          },
          widgetIcon(tool.icon),
          h('span', null, tool.shortLabel ?? tool.label),
        ),
      ),
      ...(toolSelect ? [toolSelect] : []),
      ...(modelSelect ? [modelSelect] : []),
    );
  }

  private renderReply(): void {
    const { strings } = this.settings;
    this.replyElement.hidden = this.reply === null;
    this.replyElement.replaceChildren(
      ...(this.reply === null
        ? []
        : [
            icon('quote'),
            h('span', { class: 'composer-reply-text' }, format(strings.replyingTo, { text: this.reply })),
            h(
              'button',
              {
                type: 'button',
                class: 'icon-button small',
                'aria-label': strings.removeReply,
                title: strings.removeReply,
                onclick: () => {
                  this.reply = null;
                  this.renderReply();
                  this.focus();
                },
              },
              icon('close'),
            ),
          ]),
    );
    this.tags.hidden = this.tagContent.length === 0;
    this.tags.replaceChildren(
      ...this.tagContent.map((tag) =>
        h('span', { class: 'composer-tag' }, `@${tag.type === 'input_tag' ? tag.text : ''}`),
      ),
    );
  }

  private renderTray(): void {
    const { strings } = this.settings;
    this.tray.hidden = this.attachments.length === 0;
    this.tray.setAttribute('aria-label', strings.attachments);
    this.tray.replaceChildren(
      ...this.attachments.map((pending) => {
        const { attachment, name } = pending;
        const preview = attachment?.type === 'image' ? safeImageSrc(attachment.preview_url) : null;
        let thumb: Element;
        if (!attachment) {
          thumb = h('span', { class: 'spinner', role: 'img', 'aria-label': format(strings.uploading, { name }) });
        } else if (preview) {
          const image = h('img', { alt: '' });
          image.src = preview;
          thumb = image;
        } else {
          thumb = icon('file');
        }
        const label = format(strings.removeAttachment, { name });
        return h(
          'div',
          { class: 'attachment-pill', 'data-state': attachment ? 'ready' : 'uploading', title: name },
          h('span', { class: 'attachment-preview' }, thumb),
          h('span', { class: 'attachment-name' }, name),
          h(
            'button',
            {
              type: 'button',
              class: 'icon-button small',
              'aria-label': label,
              title: label,
              onclick: () => {
                this.attachments = this.attachments.filter((candidate) => candidate !== pending);
                if (pending.attachment) this.host.discard(pending.attachment);
                this.renderTray();
                this.focus();
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
    const { strings } = this.settings;
    const disabled = this.disabledReason !== null;
    this.textarea.disabled = disabled;
    this.attachButton.disabled = disabled;
    const stopping = this.busy;
    this.sendButton.replaceChildren(icon(stopping ? 'stop' : 'send'));
    this.sendButton.setAttribute('aria-label', stopping ? strings.stop : strings.send);
    this.sendButton.title = stopping ? strings.stopTitle : strings.sendTitle;
    this.sendButton.classList.toggle('is-stop', stopping);
    this.sendButton.disabled = stopping ? !this.canStop : !this.canSend();
  }
}

/** The file input's `accept`: the MIME types and extensions of `composer.attachments.accept`. */
function acceptAttribute(accept: Record<string, string[]> | undefined): string {
  if (!accept) return '';
  return Object.entries(accept)
    .flatMap(([type, extensions]) => [type, ...extensions])
    .join(',');
}

/** Whether `file` is one `accept` allows (by MIME type pattern or extension); no `accept` allows all. */
function accepts(accept: Record<string, string[]> | undefined, file: File): boolean {
  if (!accept || Object.keys(accept).length === 0) return true;
  const name = file.name.toLowerCase();
  return Object.entries(accept).some(
    ([type, extensions]) =>
      mimeMatches(type, file.type) || extensions.some((extension) => name.endsWith(extension.toLowerCase())),
  );
}

function mimeMatches(pattern: string, type: string): boolean {
  const wanted = pattern.toLowerCase();
  const actual = type.toLowerCase();
  if (wanted === '*' || wanted === '*/*') return true;
  if (wanted.endsWith('/*')) return actual.startsWith(wanted.slice(0, -1));
  return wanted === actual;
}

/**
 * The size limit for a file of `type`: a number applies to all; a record picks the most specific
 * matching pattern (exact type, then `type/*`), then its `"*"` or `""` entry, then the default.
 */
export function maxBytesFor(maxSize: number | Record<string, number> | undefined, type: string): number {
  if (typeof maxSize === 'number') return maxSize;
  if (!maxSize) return DEFAULT_MAX_BYTES;
  const actual = type.toLowerCase();
  const entries = Object.entries(maxSize).map(([pattern, bytes]) => [pattern.toLowerCase(), bytes] as const);
  const exact = entries.find(([pattern]) => pattern === actual);
  if (exact) return exact[1];
  const family = entries.find(([pattern]) => pattern.endsWith('/*') && actual.startsWith(pattern.slice(0, -1)));
  if (family) return family[1];
  const fallback = entries.find(([pattern]) => pattern === '*' || pattern === '' || pattern === '*/*');
  return fallback ? fallback[1] : DEFAULT_MAX_BYTES;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
