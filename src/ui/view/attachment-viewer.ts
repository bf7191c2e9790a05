/**
 * Opening an attachment without ever making it a page of the app's origin. A `blob:` URL opened in a
 * tab is a document of this origin, with all of its IndexedDB (the settings key included): an
 * uploaded HTML or SVG file would run script there, and even under a strict policy a
 * `<meta http-equiv=refresh>` would navigate the tab elsewhere. So a raster image (served by the
 * handler as `image/png`, `image/jpeg`, `image/gif`, `image/webp` or `image/avif`) is shown in an
 * `<img>` inside this page, which can never run it, and every other file is saved as a download.
 */
import { h } from '../dom.ts';
import { icon } from '../icons.ts';
import type { ChatKitLocalStrings } from '../strings.ts';
import type { Attachment } from '../wire.ts';

/** Types an `<img>` may show; SVG is not one (the handler serves it as a download too). */
const PREVIEWABLE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** Shows image attachments in a dialog and saves every other file. */
export class AttachmentViewer {
  /** The dialog; append it inside the themed app. */
  readonly element: HTMLDialogElement;
  private readonly image: HTMLImageElement;
  private readonly caption: HTMLElement;
  private readonly saveLink: HTMLAnchorElement;
  private url: string | null = null;

  /** @param strings the labels of the dialog and its buttons */
  constructor(strings: ChatKitLocalStrings) {
    this.image = h('img', { class: 'attachment-viewer-image', alt: '' });
    this.caption = h('span', { class: 'attachment-viewer-name' });
    this.saveLink = h('a', { class: 'button', download: '' }, strings.download);
    const close = h(
      'button',
      {
        type: 'button',
        class: 'icon-button',
        'aria-label': strings.closePreview,
        title: strings.closePreview,
        onclick: () => this.element.close(),
      },
      icon('close'),
    );
    this.element = h(
      'dialog',
      { class: 'attachment-viewer', 'aria-label': strings.attachmentPreview },
      h('div', { class: 'attachment-viewer-bar' }, this.caption, h('span', { class: 'spacer' }), this.saveLink, close),
      this.image,
    );
    this.element.addEventListener('close', () => this.release());
  }

  /**
   * Opens `attachment` from the stored bytes in `response` (the handler's answer for its content).
   * The `Content-Type` the handler chose decides: only a safe raster type is shown.
   */
  async open(attachment: Attachment, response: Response): Promise<void> {
    const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const bytes = await response.arrayBuffer();
    if (PREVIEWABLE.has(type)) {
      this.release();
      this.url = URL.createObjectURL(new Blob([bytes], { type }));
      this.image.src = this.url;
      this.image.alt = attachment.name;
      this.caption.textContent = attachment.name;
      this.saveLink.href = this.url;
      this.saveLink.download = attachment.name;
      this.element.showModal();
      return;
    }
    saveFile(attachment.name, bytes);
  }

  private release(): void {
    if (this.url) URL.revokeObjectURL(this.url);
    this.url = null;
    this.image.removeAttribute('src');
  }
}

/**
 * Saves bytes as a file. The blob is typed `application/octet-stream` and the link carries
 * `download`, so the browser writes it to disk instead of rendering it.
 */
export function saveFile(name: string, bytes: ArrayBuffer): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const link = h('a', { href: url, download: name || 'attachment' });
  link.click();
  // Released later, not at once: the browser reads the blob after this click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
