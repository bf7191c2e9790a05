/** Design tokens for both themes, base typography and the shared controls. (CSS, adopted by the shadow root; see ./index.ts). */
export const themeCss = `
/* Design tokens for both themes, base typography and the shared controls. System fonts only: the
   page loads nothing from another host. */
:host {
  display: block;
  height: 100%;
  --font: var(--ck-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
  --mono: var(--ck-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace);
  --radius: 12px;
}

.app[data-theme='light'],
.widget[data-theme='light'] {
  color-scheme: light;
  --bg: var(--ck-background, #ffffff);
  --sidebar: var(--ck-sidebar, #f7f7f8);
  --surface: var(--ck-surface, #ffffff);
  --surface-2: #f4f4f6;
  --surface-3: #ebebef;
  --surface-raised: #ffffff;
  --user-bubble: #f0f0f4;
  --text: var(--ck-text, #1c1c1f);
  --text-strong: #09090b;
  --text-muted: var(--ck-text-muted, #5f5f69);
  --text-faint: #6b6b75;
  --border: var(--ck-border, #e2e2e7);
  --border-subtle: #ededf0;
  --border-strong: #c8c8cf;
  --accent: var(--ck-accent, #5750d8);
  --accent-contrast: var(--ck-accent-contrast, #ffffff);
  --c-success: #13683f;
  --c-warning: #9a4708;
  --c-caution: #765300;
  --c-danger: #b42222;
  --c-info: #0a5bb3;
  --c-discovery: #6a3bc4;
  --alpha-5: rgb(0 0 0 / 5%);
  --alpha-10: rgb(0 0 0 / 10%);
  --alpha-20: rgb(0 0 0 / 20%);
  --shadow: 0 1px 2px rgb(16 16 24 / 6%), 0 6px 20px rgb(16 16 24 / 6%);
}

.app[data-theme='dark'],
.widget[data-theme='dark'] {
  color-scheme: dark;
  --bg: var(--ck-background, #131316);
  --sidebar: var(--ck-sidebar, #18181c);
  --surface: var(--ck-surface, #1c1c21);
  --surface-2: #232329;
  --surface-3: #2d2d34;
  --surface-raised: #24242a;
  --user-bubble: #2a2a31;
  --text: var(--ck-text, #e7e7ec);
  --text-strong: #ffffff;
  --text-muted: var(--ck-text-muted, #a3a3ad);
  --text-faint: #8f8f99;
  --border: var(--ck-border, #303037);
  --border-subtle: #26262c;
  --border-strong: #46464f;
  --accent: var(--ck-accent, #8d88ff);
  --accent-contrast: var(--ck-accent-contrast, #111114);
  --c-success: #46c186;
  --c-warning: #f0a73d;
  --c-caution: #e0bb47;
  --c-danger: #ff7070;
  --c-info: #62acff;
  --c-discovery: #b895ff;
  --alpha-5: rgb(255 255 255 / 5%);
  --alpha-10: rgb(255 255 255 / 10%);
  --alpha-20: rgb(255 255 255 / 20%);
  --shadow: 0 1px 2px rgb(0 0 0 / 30%), 0 8px 24px rgb(0 0 0 / 25%);
}

.app {
  --accent-soft: color-mix(in srgb, var(--accent) var(--accent-mix, 14%), transparent);
  background: var(--bg);
  color: var(--text);
  font: var(--ck-font-size, 15px) / 1.55 var(--font);
  -webkit-font-smoothing: antialiased;
}

*,
*::before,
*::after {
  box-sizing: border-box;
}
[hidden] {
  display: none !important;
}
button,
input,
select,
textarea {
  font: inherit;
  color: inherit;
}
button {
  cursor: pointer;
}
button:disabled {
  cursor: default;
  opacity: 0.5;
}
:focus-visible {
  outline: 2px solid var(--accent);
  outline-offset: 2px;
}
code,
pre {
  font-family: var(--mono);
  font-size: 0.88em;
}
.muted {
  color: var(--text-muted);
}

.icon {
  width: 18px;
  height: 18px;
  flex: none;
  fill: none;
  stroke: currentColor;
  stroke-width: 1.8;
  stroke-linecap: round;
  stroke-linejoin: round;
}

.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 6px;
  padding: 8px 14px;
  border-radius: 10px;
  border: 1px solid transparent;
  font-weight: 500;
  line-height: 1.2;
  background: var(--surface-2);
  transition:
    background 0.15s,
    border-color 0.15s;
}
.button.primary {
  background: var(--accent);
  color: var(--accent-contrast);
}
.button.primary:hover:not(:disabled) {
  background: color-mix(in srgb, var(--accent) 88%, var(--text));
}
.button.secondary {
  background: var(--surface);
  border-color: var(--border);
}
.button.secondary:hover:not(:disabled) {
  background: var(--surface-2);
}
.button.ghost {
  background: transparent;
  color: var(--text-muted);
}
.button.ghost:hover:not(:disabled) {
  background: var(--surface-3);
  color: var(--text);
}
.button.danger {
  background: var(--c-danger);
  color: #fff;
}
.button.small {
  padding: 5px 10px;
  font-size: 13px;
  border-radius: 8px;
}

.icon-button {
  display: inline-grid;
  place-items: center;
  width: 32px;
  height: 32px;
  flex: none;
  border: 0;
  border-radius: 8px;
  background: transparent;
  color: var(--text-muted);
}
.icon-button:hover:not(:disabled) {
  background: var(--surface-3);
  color: var(--text);
}
.icon-button[aria-pressed='true'] {
  color: var(--accent);
  background: var(--accent-soft);
}
.icon-button.small {
  width: 28px;
  height: 28px;
}
.icon-button.small .icon {
  width: 16px;
  height: 16px;
}

.spinner {
  display: inline-block;
  flex: none;
  width: 14px;
  height: 14px;
  border-radius: 50%;
  border: 2px solid currentColor;
  border-right-color: transparent;
  opacity: 0.75;
  animation: spin 0.8s linear infinite;
}
@keyframes spin {
  to {
    transform: rotate(360deg);
  }
}
@keyframes blink {
  50% {
    opacity: 0;
  }
}
@media (prefers-reduced-motion: reduce) {
  .spinner,
  .cursor {
    animation: none;
  }
}
`;
