/** Visually hidden text and the attachment preview. (CSS, adopted by the shadow root; see ./index.ts). */
export const dialogsCss = `
/* Text only assistive technology reads, and the attachment preview. */
.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  margin: -1px;
  padding: 0;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
  border: 0;
}

/* The attachment preview: an image shown in the page (never a tab of this origin). */
.attachment-viewer {
  max-width: min(960px, calc(100vw - 24px));
  max-height: calc(100dvh - 24px);
  padding: 0;
  border: 1px solid var(--border);
  border-radius: 16px;
  background: var(--surface);
  color: var(--text);
  box-shadow: var(--shadow);
}
.attachment-viewer::backdrop {
  background: rgb(0 0 0 / 60%);
}
.attachment-viewer-bar {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 8px 8px 8px 16px;
}
.attachment-viewer-bar .spacer {
  flex: 1;
}
.attachment-viewer-name {
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
.attachment-viewer-image {
  display: block;
  max-width: 100%;
  max-height: calc(100dvh - 90px);
  margin: 0 auto;
  object-fit: contain;
}
`;
