/** The frame: history, header, conversation, composer. (CSS, adopted by the shadow root; see ./index.ts). */
export const layoutCss = `
/* The frame: sidebar with the history, top bar, conversation, composer; a drawer on narrow screens. */
.app {
  position: relative;
  display: grid;
  grid-template-columns: 272px minmax(0, 1fr);
  height: 100%;
  overflow: hidden;
}

.sidebar {
  display: flex;
  flex-direction: column;
  gap: 12px;
  min-height: 0;
  padding: 14px 10px 12px;
  background: var(--sidebar);
  border-right: 1px solid var(--border-subtle);
}
.brand {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 4px 8px;
  font-weight: 650;
  letter-spacing: -0.01em;
}
.brand-mark {
  display: grid;
  place-items: center;
  width: 28px;
  height: 28px;
  border-radius: 8px;
  background: var(--accent);
  color: var(--accent-contrast);
}
.brand-mark .icon {
  width: 16px;
  height: 16px;
}
.new-chat {
  justify-content: flex-start;
  margin: 0 2px;
}
.sidebar-footer {
  margin: 0;
  padding: 8px;
  font-size: 12px;
  line-height: 1.4;
  border-top: 1px solid var(--border-subtle);
}

.thread-list {
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  padding: 0 2px;
}
.sidebar-heading {
  margin: 4px 8px 6px;
  font-size: 12px;
  font-weight: 600;
  color: var(--text-faint);
  text-transform: uppercase;
  letter-spacing: 0.04em;
}
.threads {
  list-style: none;
  margin: 0;
  padding: 0;
  display: flex;
  flex-direction: column;
  gap: 2px;
}
.thread-row {
  display: flex;
  align-items: center;
  gap: 2px;
  border-radius: 10px;
  padding-right: 4px;
}
.thread-row:hover,
.thread-row[data-current] {
  background: var(--surface-3);
}
.thread-row .icon-button {
  opacity: 0;
}
.thread-row:hover .icon-button,
.thread-row:focus-within .icon-button,
.thread-row[data-current] .icon-button {
  opacity: 1;
}
.thread-link {
  flex: 1;
  min-width: 0;
  display: flex;
  flex-direction: column;
  align-items: flex-start;
  padding: 7px 10px;
  border: 0;
  background: none;
  text-align: left;
  border-radius: 10px;
}
.thread-title {
  max-width: 100%;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
  font-size: 14px;
}
.thread-row[data-current] .thread-title {
  font-weight: 600;
}
.thread-date {
  font-size: 11.5px;
  color: var(--text-muted);
}
.thread-row.confirming {
  flex-wrap: wrap;
  gap: 6px;
  padding: 8px 10px;
  background: color-mix(in srgb, var(--c-danger) 10%, var(--surface));
}
.confirm-text {
  flex: 1 0 100%;
  font-size: 13px;
  overflow-wrap: anywhere;
}
.thread-row.editing {
  padding: 2px;
}
.rename-input {
  width: 100%;
  padding: 7px 10px;
  border-radius: 8px;
  border: 1px solid var(--accent);
  background: var(--surface);
  outline: none;
  font-size: 14px;
}
.empty-history {
  margin: 4px 8px;
  font-size: 13px;
}
.load-more {
  width: 100%;
  margin-top: 6px;
  font-size: 13px;
}

.main {
  display: flex;
  flex-direction: column;
  min-width: 0;
  min-height: 0;
}
.topbar {
  display: flex;
  align-items: center;
  gap: 6px;
  height: 54px;
  flex: none;
  padding: 0 14px;
  border-bottom: 1px solid var(--border-subtle);
}
.topbar-title {
  flex: 1;
  min-width: 0;
  margin: 0 6px;
  font-size: 15px;
  font-weight: 600;
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
.menu-button {
  display: none;
}

.messages {
  flex: 1;
  min-height: 0;
  overflow-y: auto;
  scroll-behavior: auto;
  outline: none;
}
.column {
  max-width: 800px;
  margin: 0 auto;
  padding: 28px 24px 8px;
}
.progress {
  display: flex;
  align-items: center;
  gap: 8px;
  width: 100%;
  max-width: 800px;
  margin: 0 auto;
  padding: 2px 28px 8px;
  font-size: 13px;
  color: var(--text-muted);
}

.scrim {
  display: none;
}
.toasts {
  position: absolute;
  left: 50%;
  /* Under the header, clear of the message actions and the composer at the bottom. */
  top: 64px;
  transform: translateX(-50%);
  z-index: 40;
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 8px;
  pointer-events: none;
}
.toast {
  padding: 8px 14px;
  border-radius: 10px;
  background: var(--text);
  color: var(--bg);
  font-size: 14px;
  box-shadow: var(--shadow);
}

/* The history closed on a wide screen (hideHistory), or disabled (history.enabled: false). */
.app[data-history-hidden] {
  grid-template-columns: minmax(0, 1fr);
}
.app[data-history-hidden] .sidebar {
  display: none;
}
.header-action:empty {
  display: none;
}
::slotted([slot='header-end']) {
  display: inline-flex;
  align-items: center;
  gap: 6px;
}

/* The conversation and the button that jumps back to its newest message. */
.messages-frame {
  position: relative;
  display: flex;
  flex-direction: column;
  flex: 1;
  min-height: 0;
}
.jump-button {
  position: absolute;
  left: 50%;
  bottom: 12px;
  transform: translateX(-50%);
  display: grid;
  place-items: center;
  width: 36px;
  height: 36px;
  padding: 0;
  border: 1px solid var(--border);
  border-radius: 999px;
  background: var(--surface-raised);
  color: var(--text);
  box-shadow: var(--shadow);
}
.disclaimer {
  width: 100%;
  max-width: 800px;
  margin: 0 auto;
  padding: 0 28px 10px;
  font-size: 12px;
  line-height: 1.4;
  text-align: center;
  color: var(--text-muted);
}
.disclaimer[data-high-contrast] {
  color: var(--text);
}
.disclaimer p {
  margin: 0;
}

/* theme.radius (pill, the default, is what the rules above draw) and theme.density. */
.app[data-radius='round'] :is(.composer, .button, .suggestion, .send-button, .toast, .notice, .error-banner) {
  border-radius: 14px;
}
.app[data-radius='soft'] :is(.composer, .button, .suggestion, .send-button, .toast, .notice, .error-banner) {
  border-radius: 8px;
}
.app[data-radius='sharp'] :is(.composer, .button, .suggestion, .send-button, .toast, .notice, .error-banner) {
  border-radius: 3px;
}
.app[data-density='compact'] .item {
  margin-bottom: 12px;
}
.app[data-density='compact'] .column {
  padding-top: 16px;
}
.app[data-density='spacious'] .item {
  margin-bottom: 28px;
}

@media (max-width: 760px) {
  .app {
    grid-template-columns: minmax(0, 1fr);
  }
  .sidebar {
    position: absolute;
    inset: 0 auto 0 0;
    z-index: 30;
    width: min(300px, 86vw);
    transform: translateX(-105%);
    transition: transform 0.2s ease;
    box-shadow: var(--shadow);
  }
  .app[data-sidebar-open] .sidebar {
    transform: none;
  }
  .app[data-sidebar-open] .scrim {
    display: block;
    position: absolute;
    inset: 0;
    z-index: 20;
    background: rgb(0 0 0 / 35%);
  }
  .menu-button {
    display: inline-grid;
  }
  .column {
    padding: 18px 14px 8px;
  }
  .progress {
    padding: 2px 18px 8px;
  }
  .thread-row .icon-button {
    opacity: 1;
  }
}
`;
