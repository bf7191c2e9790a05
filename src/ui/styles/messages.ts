/** The conversation. (CSS, adopted by the shadow root; see ./index.ts). */
export const messagesCss = `
/* The conversation: messages, Markdown, workflows, tool calls, questions, notices and errors. */
.item {
  margin: 0 0 20px;
}
.item:is(
  [data-item-type='widget'],
  [data-item-type='workflow'],
  [data-item-type='task'],
  [data-item-type='client_tool_call'],
  [data-item-type='structured_input'],
  [data-item-type='generated_image']
) {
  margin-left: 40px;
}

.user-message {
  display: flex;
  flex-direction: column;
  align-items: flex-end;
  gap: 6px;
}
.user-text {
  max-width: 82%;
  padding: 9px 15px;
  border-radius: 20px;
  background: var(--user-bubble);
  white-space: pre-wrap;
  overflow-wrap: anywhere;
}
.quoted {
  margin: 0;
  max-width: 82%;
  padding: 4px 10px;
  border-left: 3px solid var(--border-strong);
  color: var(--text-muted);
  font-size: 14px;
}
.tag {
  color: var(--accent);
  font-weight: 500;
}
.message-attachments {
  display: flex;
  flex-wrap: wrap;
  justify-content: flex-end;
  gap: 8px;
}
.attachment-thumb {
  padding: 0;
  border: 1px solid var(--border);
  border-radius: 14px;
  overflow: hidden;
  background: var(--surface-2);
}
.attachment-thumb img {
  display: block;
  max-width: 220px;
  max-height: 180px;
}
.attachment-chip {
  display: inline-flex;
  align-items: center;
  gap: 8px;
  padding: 8px 12px;
  border-radius: 12px;
  border: 1px solid var(--border);
  background: var(--surface);
  font-size: 14px;
}

.assistant-message {
  display: grid;
  grid-template-columns: 28px minmax(0, 1fr);
  gap: 12px;
}
.avatar {
  display: grid;
  place-items: center;
  width: 28px;
  height: 28px;
  border-radius: 50%;
  background: var(--accent-soft);
  color: var(--accent);
}
.avatar .icon {
  width: 16px;
  height: 16px;
}
.assistant-main {
  min-width: 0;
  padding-top: 2px;
}
.message-actions {
  display: flex;
  gap: 2px;
  margin: 4px 0 0 -6px;
  opacity: 0;
  transition: opacity 0.15s;
}
.item:hover .message-actions,
.message-actions:focus-within,
.item[data-latest] .message-actions {
  opacity: 1;
}
.item:not([data-latest]) .retry-button {
  display: none;
}
.cursor {
  display: inline-block;
  width: 0.55em;
  height: 1.05em;
  margin-left: 2px;
  border-radius: 2px;
  vertical-align: text-bottom;
  background: currentColor;
  animation: blink 1s steps(2) infinite;
}
/* A reply the user stopped says so, under what it had written. */
.stopped-mark {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  margin: 8px 0 0;
  padding: 2px 10px 2px 8px;
  border: 1px solid var(--border);
  border-radius: 999px;
  color: var(--text-muted);
  font-size: 13px;
}
.stopped-mark .icon {
  width: 14px;
  height: 14px;
}
.sources {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  margin: 8px 0 0;
  padding: 0;
  list-style: none;
  font-size: 13px;
}
.source {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 3px 10px;
  border-radius: 999px;
  background: var(--surface-2);
}
.source a {
  color: inherit;
  text-decoration: none;
}
.source a:hover {
  text-decoration: underline;
}

/* Markdown */
.markdown {
  overflow-wrap: anywhere;
}
.markdown > :first-child {
  margin-top: 0;
}
.markdown > :last-child {
  margin-bottom: 0;
}
.markdown p {
  margin: 0.55em 0;
}
.markdown :is(h1, h2, h3, h4, h5, h6) {
  margin: 1.1em 0 0.45em;
  line-height: 1.3;
  font-weight: 650;
}
.markdown h1 {
  font-size: 1.45em;
}
.markdown h2 {
  font-size: 1.25em;
}
.markdown h3 {
  font-size: 1.1em;
}
.markdown :is(h4, h5, h6) {
  font-size: 1em;
}
.markdown :is(ul, ol) {
  margin: 0.5em 0;
  padding-left: 1.5em;
}
.markdown li {
  margin: 0.2em 0;
}
.markdown li > p {
  margin: 0.2em 0;
}
.markdown li.md-task {
  list-style: none;
  margin-left: -1.3em;
}
.markdown li.md-task > input {
  margin: 0 0.45em 0 0;
  vertical-align: middle;
}
.markdown li.md-task > p:first-of-type {
  display: inline;
}
.markdown blockquote {
  margin: 0.7em 0;
  padding: 0.1em 0 0.1em 14px;
  border-left: 3px solid var(--border-strong);
  color: var(--text-muted);
}
.markdown hr {
  border: 0;
  border-top: 1px solid var(--border);
  margin: 1.2em 0;
}
.markdown a {
  color: var(--accent);
  text-underline-offset: 2px;
}
.markdown :not(pre) > code {
  padding: 0.12em 0.38em;
  border-radius: 6px;
  background: var(--surface-3);
}
.markdown img {
  max-width: 100%;
  border-radius: 10px;
}
.md-inert-link {
  text-decoration: underline dotted;
  text-underline-offset: 2px;
  color: var(--text-muted);
  cursor: not-allowed;
}
.md-inert-image {
  display: inline-block;
  padding: 0 6px;
  border-radius: 6px;
  border: 1px dashed var(--border-strong);
  color: var(--text-muted);
  font-size: 0.9em;
}
.md-code {
  margin: 0.8em 0;
  border: 1px solid var(--border);
  border-radius: 12px;
  overflow: hidden;
  background: var(--surface-2);
}
.md-code-bar {
  display: flex;
  align-items: center;
  justify-content: space-between;
  padding: 4px 6px 4px 12px;
  font-size: 12px;
  color: var(--text-muted);
  border-bottom: 1px solid var(--border-subtle);
}
.md-code-copy {
  border: 0;
  background: none;
  color: inherit;
  font-size: 12px;
  padding: 2px 8px;
  border-radius: 6px;
}
.md-code-copy:hover {
  background: var(--surface-3);
}
.md-code pre {
  margin: 0;
  padding: 12px 14px;
  overflow-x: auto;
  line-height: 1.5;
}
.md-table {
  margin: 0.8em 0;
  overflow-x: auto;
}
.md-table table {
  border-collapse: collapse;
  font-size: 14px;
}
.md-table :is(th, td) {
  padding: 6px 12px;
  border: 1px solid var(--border);
  text-align: left;
}
.md-table th {
  background: var(--surface-2);
  font-weight: 600;
}

/* Workflows and tasks */
.workflow-details,
.task-item {
  border: 1px solid var(--border);
  border-radius: 14px;
  background: var(--surface);
}
.workflow-details > summary {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 10px 14px;
  cursor: pointer;
  list-style: none;
  font-size: 14px;
  color: var(--text-muted);
}
.workflow-details > summary::-webkit-details-marker {
  display: none;
}
.workflow-title {
  flex: 1;
  font-weight: 500;
  color: var(--text);
}
.workflow-details .chevron {
  transition: transform 0.15s;
}
.workflow-details[open] .chevron {
  transform: rotate(180deg);
}
.tasks {
  list-style: none;
  margin: 0;
  padding: 2px 14px 12px;
}
.task-item .tasks {
  padding-top: 12px;
}
.task {
  position: relative;
  display: grid;
  grid-template-columns: 20px minmax(0, 1fr);
  gap: 10px;
  padding: 6px 0;
}
.task:not(:last-child)::before {
  content: '';
  position: absolute;
  left: 9px;
  top: 28px;
  bottom: -6px;
  width: 2px;
  background: var(--border-subtle);
}
.task > .spinner {
  margin: 4px 3px;
  color: var(--accent);
}
.task-done,
.task-dot {
  display: grid;
  place-items: center;
  width: 20px;
  height: 20px;
  border-radius: 50%;
}
.task-done {
  background: color-mix(in srgb, var(--c-success) 16%, transparent);
  color: var(--c-success);
}
.task-done .icon {
  width: 13px;
  height: 13px;
  stroke-width: 2.6;
}
.task-dot {
  color: var(--text-faint);
}
.task-dot .icon {
  width: 14px;
  height: 14px;
}
.task-title {
  font-size: 14px;
  font-weight: 550;
}
.task-content {
  font-size: 14px;
  color: var(--text-muted);
}
.task-queries {
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
  margin-top: 4px;
}
.chip {
  display: inline-flex;
  align-items: center;
  gap: 4px;
  padding: 2px 8px;
  border-radius: 999px;
  background: var(--surface-2);
  font-size: 12.5px;
}
.chip .icon {
  width: 13px;
  height: 13px;
}

/* Client tool calls and generated images */
.tool-call {
  border: 1px solid var(--border-subtle);
  border-radius: 12px;
  background: var(--surface-2);
  font-size: 14px;
}
.tool-call > summary {
  display: flex;
  align-items: center;
  gap: 8px;
  padding: 8px 12px;
  cursor: pointer;
  color: var(--text-muted);
}
.tool-call-body {
  padding: 0 12px 10px;
  font-size: 12px;
}
.tool-call pre {
  margin: 4px 0 8px;
  padding: 8px 10px;
  border-radius: 8px;
  background: var(--surface);
  overflow-x: auto;
}
.generated-image {
  margin: 0;
}
.generated-image img {
  display: block;
  max-width: min(100%, 360px);
  border-radius: 14px;
  border: 1px solid var(--border-subtle);
}
.generated-image.is-pending img {
  filter: blur(6px);
}
.image-placeholder {
  display: grid;
  place-items: center;
  width: 240px;
  height: 240px;
  border-radius: 14px;
  background: var(--surface-2);
  color: var(--text-faint);
}
.generated-image figcaption {
  display: flex;
  align-items: center;
  gap: 8px;
  margin-top: 8px;
  font-size: 13px;
  color: var(--text-muted);
}

/* Structured input */
.structured-input {
  max-width: 560px;
  padding: 16px;
  border: 1px solid var(--border);
  border-radius: 16px;
  background: var(--surface);
  box-shadow: var(--shadow);
}
.structured-input fieldset {
  margin: 0 0 14px;
  padding: 0;
  border: 0;
}
.structured-input legend {
  margin-bottom: 8px;
  padding: 0;
  font-weight: 600;
}
.options {
  display: flex;
  flex-wrap: wrap;
  gap: 8px;
}
.option {
  display: inline-flex;
  align-items: center;
  gap: 6px;
  padding: 6px 12px;
  border-radius: 999px;
  border: 1px solid var(--border);
  cursor: pointer;
  font-size: 14px;
}
.option:has(input:checked) {
  border-color: var(--accent);
  background: var(--accent-soft);
}
.option input {
  margin: 0;
  accent-color: var(--accent);
}
.structured-input :is(textarea, input[type='text']) {
  width: 100%;
  margin-top: 8px;
  padding: 8px 10px;
  border-radius: 10px;
  border: 1px solid var(--border);
  background: var(--surface);
  resize: vertical;
}
.form-actions {
  display: flex;
  justify-content: flex-end;
  gap: 8px;
}
.structured-input.answered {
  box-shadow: none;
  background: var(--surface-2);
}
.answered-title {
  display: flex;
  align-items: center;
  gap: 6px;
  margin-bottom: 6px;
  font-weight: 600;
  color: var(--c-success);
}
.structured-input dl {
  margin: 0;
  font-size: 14px;
}
.structured-input dt {
  color: var(--text-muted);
}
.structured-input dd {
  margin: 0 0 6px;
}

/* Notices, errors, start screen */
.notice,
.error-banner {
  display: flex;
  align-items: flex-start;
  gap: 10px;
  margin: 0 0 14px 40px;
  padding: 10px 14px;
  border-radius: 12px;
  border: 1px solid;
  font-size: 14px;
}
.notice .icon,
.error-banner .icon {
  margin-top: 2px;
}
.notice[data-level='info'] {
  --tone: var(--c-info);
}
.notice[data-level='warning'] {
  --tone: var(--c-warning);
}
.notice[data-level='danger'],
.error-banner {
  --tone: var(--c-danger);
}
.notice,
.error-banner {
  border-color: color-mix(in srgb, var(--tone) 35%, transparent);
  background: color-mix(in srgb, var(--tone) 9%, var(--bg));
}
.notice > .icon,
.error-banner > .icon {
  color: var(--tone);
}
.notice-title {
  font-weight: 600;
}
.error-banner {
  align-items: center;
}
.error-text {
  flex: 1;
}

.start-screen {
  display: flex;
  flex-direction: column;
  align-items: center;
  text-align: center;
  padding: 8vh 0 24px;
}
.start-badge {
  display: grid;
  place-items: center;
  width: 48px;
  height: 48px;
  border-radius: 14px;
  background: var(--accent-soft);
  color: var(--accent);
}
.start-badge .icon {
  width: 26px;
  height: 26px;
}
.start-screen h2 {
  margin: 16px 0 6px;
  font-size: 24px;
  font-weight: 650;
  letter-spacing: -0.015em;
}
.start-screen > p {
  max-width: 460px;
  margin: 0 0 24px;
}
/* Without a description, the prompts keep the same distance from the greeting. */
.start-screen h2 + .suggestions {
  margin-top: 18px;
}
.suggestions {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
  gap: 10px;
  width: 100%;
  margin: 0;
  padding: 0;
  list-style: none;
}
.suggestions > li {
  display: grid;
}
.suggestion {
  display: grid;
  grid-template-columns: auto 1fr;
  align-items: center;
  gap: 2px 10px;
  padding: 12px 14px;
  border-radius: 14px;
  border: 1px solid var(--border);
  background: var(--surface);
  text-align: left;
  transition:
    border-color 0.15s,
    background 0.15s;
}
.suggestion:hover {
  border-color: var(--border-strong);
  background: var(--surface-2);
}
.suggestion .icon {
  grid-row: span 2;
  color: var(--accent);
}
.suggestion span {
  font-weight: 550;
  font-size: 14px;
}
.suggestion code {
  font-size: 12px;
  color: var(--text-faint);
}

@media (max-width: 760px) {
  .item:is(
    [data-item-type='widget'],
    [data-item-type='workflow'],
    [data-item-type='task'],
    [data-item-type='client_tool_call'],
    [data-item-type='structured_input'],
    [data-item-type='generated_image']
  ) {
    margin-left: 0;
  }
  .notice,
  .error-banner {
    margin-left: 0;
  }
  .user-text {
    max-width: 92%;
  }
  .assistant-message {
    grid-template-columns: minmax(0, 1fr);
  }
  .avatar {
    display: none;
  }
}
.structured-input fieldset > .muted {
  margin: -4px 0 0;
  font-size: 14px;
}

/* An item whose view failed to render: a quiet note in its place. */
.item-error {
  display: flex;
  align-items: center;
  gap: 8px;
  color: var(--text-muted);
  font-size: 13px;
}
`;
