/** The composer. (CSS, adopted by the shadow root; see ./index.ts). */
export const composerCss = `
/* The composer, docked under the conversation. */
.composer-area {
  width: 100%;
  max-width: 800px;
  margin: 0 auto;
  padding: 0 24px 12px;
  flex: none;
}
.composer {
  padding: 6px;
  border: 1px solid var(--border);
  border-radius: 22px;
  background: var(--surface);
  box-shadow: var(--shadow);
  transition:
    border-color 0.15s,
    box-shadow 0.15s;
}
.composer:focus-within {
  border-color: color-mix(in srgb, var(--accent) 55%, var(--border));
}
.composer.is-dropping {
  border-style: dashed;
  border-color: var(--accent);
}
.composer-row {
  display: flex;
  align-items: flex-end;
  gap: 4px;
}
.composer-row > .icon-button {
  margin: 2px;
  width: 36px;
  height: 36px;
  border-radius: 50%;
}
.composer-input {
  flex: 1;
  min-width: 0;
  max-height: 200px;
  padding: 9px 4px;
  border: 0;
  outline: none;
  background: transparent;
  resize: none;
  line-height: 1.45;
}
.composer-input::placeholder {
  color: var(--text-faint);
}
.send-button {
  display: grid;
  place-items: center;
  flex: none;
  width: 36px;
  height: 36px;
  margin: 2px;
  border: 0;
  border-radius: 50%;
  background: var(--accent);
  color: var(--accent-contrast);
}
.send-button:disabled {
  background: var(--surface-3);
  color: var(--text-faint);
  opacity: 1;
}
.send-button.is-stop {
  background: var(--text);
  color: var(--bg);
}
.send-button.is-stop .icon {
  fill: currentColor;
  width: 14px;
  height: 14px;
}
.composer-hint {
  margin: 6px 0 0;
  text-align: center;
  font-size: 12px;
  color: var(--text-faint);
}
.composer-notice {
  margin-bottom: 8px;
  padding: 8px 12px;
  border-radius: 10px;
  background: var(--surface-2);
  font-size: 14px;
  color: var(--text-muted);
  text-align: center;
}

.attachment-tray {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
  padding: 4px 4px 8px;
}
.attachment-pill {
  display: flex;
  align-items: center;
  gap: 8px;
  max-width: 260px;
  padding: 4px;
  border-radius: 12px;
  background: var(--surface-2);
  border: 1px solid var(--border-subtle);
}
.attachment-preview {
  display: grid;
  place-items: center;
  width: 40px;
  height: 40px;
  flex: none;
  overflow: hidden;
  border-radius: 8px;
  background: var(--surface-3);
  color: var(--text-muted);
}
.attachment-preview img {
  width: 100%;
  height: 100%;
  object-fit: cover;
}
.attachment-name {
  min-width: 0;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
  font-size: 13px;
}

@media (max-width: 760px) {
  .composer-area {
    padding: 0 10px 10px;
  }
  .composer-hint {
    display: none;
  }
}

/* The tool and model pickers, the quoted reply and the tags. */
.composer-pickers {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
  padding: 6px 4px 0;
}
.composer-select,
.composer-tool {
  height: 30px;
  padding: 0 10px;
  border: 1px solid var(--border);
  border-radius: 999px;
  background: var(--surface);
  font-size: 13px;
}
.composer-tool {
  display: inline-flex;
  align-items: center;
  gap: 6px;
}
.composer-tool .icon {
  width: 15px;
  height: 15px;
}
.composer-tool[aria-pressed='true'] {
  border-color: var(--accent);
  background: var(--accent-soft);
  color: var(--text-strong);
}
.composer-reply,
.composer-tags {
  display: flex;
  align-items: center;
  gap: 6px;
  padding: 4px 6px;
  font-size: 13px;
  color: var(--text-muted);
}
.composer-reply-text {
  flex: 1;
  min-width: 0;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
.composer-tag {
  padding: 2px 8px;
  border-radius: 999px;
  background: var(--accent-soft);
  color: var(--text-strong);
}
`;
