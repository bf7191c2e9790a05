/** Widgets rendered from JSON. (CSS, adopted by the shadow root; see ./index.ts). */
export const widgetsCss = `
/* Widgets rendered from JSON (class names 'w-…', one per component). */
.widget {
  display: flex;
  flex-direction: column;
  gap: 6px;
  color: var(--text);
}
.widget[data-theme] {
  background: transparent;
}
.widget.is-loading {
  opacity: 0.6;
  pointer-events: none;
  transition: opacity 0.15s;
}
.w-status {
  display: flex;
  align-items: center;
  gap: 6px;
  font-size: 13px;
  color: var(--text-muted);
}
.w-status .icon {
  width: 15px;
  height: 15px;
}
.w-favicon {
  width: 16px;
  height: 16px;
  border-radius: 4px;
}

.w-card,
.w-list {
  width: 100%;
  border: 1px solid var(--border);
  border-radius: 18px;
  background: var(--surface);
  box-shadow: var(--shadow);
  overflow: hidden;
}
.w-card[data-size='sm'] {
  max-width: 320px;
}
.w-card[data-size='md'],
.w-list {
  max-width: 460px;
}
.w-card[data-size='lg'] {
  max-width: 600px;
}
.w-card[data-size='full'] {
  max-width: none;
}
.w-card-body {
  display: flex;
  flex-direction: column;
  gap: 10px;
  padding: 16px;
}
.w-card-footer {
  display: flex;
  justify-content: flex-end;
  gap: 8px;
  padding: 12px 16px;
  border-top: 1px solid var(--border-subtle);
}
.w-collapsed > summary {
  padding: 12px 16px;
  cursor: pointer;
  color: var(--text-muted);
  font-size: 14px;
}
.w-basic {
  display: flex;
  flex-direction: column;
  gap: 8px;
}

.w-list-item + .w-list-item {
  border-top: 1px solid var(--border-subtle);
}
.w-list-item-content {
  padding: 12px 16px;
}
.w-list-item-content.is-clickable {
  cursor: pointer;
}
.w-list-item-content.is-clickable:hover {
  background: var(--surface-2);
}
.w-list-item-content.is-clickable:focus-visible {
  outline-offset: -2px;
}
.w-list-item-content[aria-busy] {
  opacity: 0.6;
}
.w-list-more {
  width: 100%;
  padding: 10px;
  border: 0;
  border-top: 1px solid var(--border-subtle);
  background: none;
  color: var(--accent);
  font-size: 14px;
}

.w-box {
  display: flex;
  min-width: 0;
}
.w-col {
  flex-direction: column;
  gap: 8px;
}
.w-row {
  flex-direction: row;
  align-items: center;
  gap: 8px;
}
.w-form {
  margin: 0;
}
.w-spacer {
  flex: 1 1 auto;
}
.w-divider {
  width: 100%;
  margin: 2px 0;
  border: 0;
  border-top: 1px solid var(--border);
}
.w-divider.w-flush {
  margin-inline: -16px;
  width: calc(100% + 32px);
}
.w-transition {
  display: contents;
}
.w-unknown {
  padding: 6px 10px;
  border: 1px dashed var(--border-strong);
  border-radius: 8px;
  font-size: 12px;
  color: var(--text-muted);
}

.w-text,
.w-title,
.w-caption {
  margin: 0;
  min-width: 0;
  overflow-wrap: anywhere;
}
.w-text[data-size='xs'] {
  font-size: 12px;
}
.w-text[data-size='sm'] {
  font-size: 13.5px;
}
.w-text[data-size='lg'] {
  font-size: 17px;
}
.w-text[data-size='xl'] {
  font-size: 20px;
}
.w-title {
  font-size: 17px;
  font-weight: 650;
  line-height: 1.3;
  letter-spacing: -0.01em;
}
.w-title[data-size='sm'] {
  font-size: 15px;
}
.w-title[data-size='lg'] {
  font-size: 20px;
}
.w-title[data-size='xl'] {
  font-size: 24px;
}
.w-title[data-size='2xl'] {
  font-size: 28px;
}
.w-title[data-size='3xl'] {
  font-size: 32px;
}
.w-title[data-size='4xl'] {
  font-size: 38px;
}
.w-title[data-size='5xl'] {
  font-size: 46px;
}
.w-caption {
  font-size: 13px;
  color: var(--text-muted);
}
.w-caption[data-size='sm'] {
  font-size: 12px;
}
.w-caption[data-size='lg'] {
  font-size: 14px;
}
[data-weight='normal'] {
  font-weight: 400;
}
[data-weight='medium'] {
  font-weight: 500;
}
[data-weight='semibold'] {
  font-weight: 600;
}
[data-weight='bold'] {
  font-weight: 700;
}
.w-truncate {
  overflow: hidden;
  white-space: nowrap;
  text-overflow: ellipsis;
}
.w-clamp {
  display: -webkit-box;
  -webkit-box-orient: vertical;
  -webkit-line-clamp: var(--lines);
  overflow: hidden;
}
.w-markdown {
  font-size: 14.5px;
}
.is-streaming::after {
  content: '▍';
  margin-left: 1px;
  animation: blink 1s steps(2) infinite;
}

.w-badge,
.w-button {
  --tone: var(--text-muted);
}
[data-color='primary'] {
  --tone: var(--accent);
  --tone-contrast: var(--accent-contrast);
}
[data-color='secondary'] {
  --tone: var(--text-muted);
  --tone-contrast: var(--bg);
}
[data-color='success'] {
  --tone: var(--c-success);
  --tone-contrast: #fff;
}
[data-color='warning'] {
  --tone: var(--c-warning);
  --tone-contrast: #fff;
}
[data-color='caution'] {
  --tone: var(--c-caution);
  --tone-contrast: #fff;
}
[data-color='danger'] {
  --tone: var(--c-danger);
  --tone-contrast: #fff;
}
[data-color='info'] {
  --tone: var(--c-info);
  --tone-contrast: #fff;
}
[data-color='discovery'] {
  --tone: var(--c-discovery);
  --tone-contrast: #fff;
}

.w-badge {
  display: inline-flex;
  align-items: center;
  width: fit-content;
  padding: 2px 8px;
  border-radius: 6px;
  font-size: 12px;
  font-weight: 550;
  line-height: 1.5;
  white-space: nowrap;
}
.w-badge[data-size='md'] {
  font-size: 13px;
  padding: 3px 10px;
}
.w-badge[data-size='lg'] {
  font-size: 14px;
  padding: 4px 12px;
}
.w-badge[data-pill] {
  border-radius: 999px;
}
.w-badge[data-variant='soft'] {
  color: var(--tone);
  background: color-mix(in srgb, var(--tone) 14%, transparent);
}
.w-badge[data-variant='solid'] {
  color: var(--tone-contrast);
  background: var(--tone);
}
.w-badge[data-variant='outline'] {
  color: var(--tone);
  border: 1px solid color-mix(in srgb, var(--tone) 50%, transparent);
}

.w-button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 6px;
  width: fit-content;
  padding: 7px 14px;
  border-radius: 10px;
  border: 1px solid transparent;
  font-size: 14px;
  font-weight: 550;
  line-height: 1.3;
  white-space: nowrap;
  transition:
    background 0.15s,
    border-color 0.15s,
    filter 0.15s;
}
.w-button .icon {
  width: 16px;
  height: 16px;
}
.w-button[data-size$='xs'],
.w-button[data-size='sm'] {
  padding: 4px 10px;
  font-size: 13px;
}
.w-button[data-size='lg'],
.w-button[data-size$='xl'] {
  padding: 10px 18px;
  font-size: 15px;
}
.w-button[data-pill] {
  border-radius: 999px;
}
.w-button[data-block] {
  width: 100%;
}
.w-button[data-uniform] {
  padding: 7px;
  aspect-ratio: 1;
}
.w-button[data-variant='solid'] {
  background: var(--tone);
  color: var(--tone-contrast);
}
.w-button[data-variant='solid'][data-color='secondary'] {
  background: var(--surface-3);
  color: var(--text);
}
.w-button[data-variant='soft'] {
  background: color-mix(in srgb, var(--tone) 13%, transparent);
  color: var(--tone);
}
.w-button[data-variant='soft'][data-color='secondary'] {
  background: var(--surface-2);
  color: var(--text);
}
.w-button[data-variant='outline'] {
  border-color: color-mix(in srgb, var(--tone) 45%, var(--border));
  background: transparent;
  color: var(--tone);
}
.w-button[data-variant='outline'][data-color='secondary'] {
  border-color: var(--border);
  color: var(--text);
}
.w-button[data-variant='ghost'] {
  background: transparent;
  color: var(--tone);
}
.w-button:hover:not(:disabled) {
  filter: brightness(1.06);
}
.w-button[data-variant='ghost']:hover:not(:disabled),
.w-button[data-variant='outline']:hover:not(:disabled) {
  background: var(--surface-2);
}
.w-button[aria-busy] {
  cursor: progress;
}
.w-button[aria-busy]::before {
  content: '';
  width: 12px;
  height: 12px;
  border-radius: 50%;
  border: 2px solid currentColor;
  border-right-color: transparent;
  animation: spin 0.8s linear infinite;
}

.w-field {
  width: 100%;
  padding: 8px 11px;
  border-radius: 10px;
  border: 1px solid var(--border);
  background: var(--surface);
  color: var(--text);
  outline: none;
}
.w-field:focus {
  border-color: var(--accent);
  box-shadow: 0 0 0 3px var(--accent-soft);
}
.w-field[data-variant='soft'] {
  background: var(--surface-2);
  border-color: transparent;
}
.w-field[data-pill] {
  border-radius: 999px;
}
.w-field:invalid:not(:placeholder-shown) {
  border-color: var(--c-danger);
}
.w-textarea {
  resize: vertical;
  min-height: 64px;
}
.w-text-edit {
  padding: 4px 8px;
}
.w-label {
  font-size: 13px;
  font-weight: 550;
  color: var(--text-muted);
}
.w-checkbox,
.w-radio {
  display: inline-flex;
  align-items: center;
  gap: 8px;
  font-size: 14px;
  cursor: pointer;
}
.w-checkbox input,
.w-radio input {
  margin: 0;
  width: 16px;
  height: 16px;
  accent-color: var(--accent);
}
.w-radio-group {
  display: flex;
  flex-wrap: wrap;
  gap: 6px 16px;
}

.w-icon {
  width: 18px;
  height: 18px;
}
.w-icon[data-size='xs'] {
  width: 12px;
  height: 12px;
}
.w-icon[data-size='sm'] {
  width: 15px;
  height: 15px;
}
.w-icon[data-size='lg'] {
  width: 22px;
  height: 22px;
}
.w-icon[data-size='xl'] {
  width: 26px;
  height: 26px;
}
.w-icon[data-size='2xl'] {
  width: 32px;
  height: 32px;
}
.w-icon[data-size='3xl'] {
  width: 40px;
  height: 40px;
}

.w-image {
  display: block;
  max-width: 100%;
  object-fit: cover;
  border-radius: 12px;
}
.w-image.w-framed {
  border: 1px solid var(--border);
}
.w-image.w-flush {
  border-radius: 0;
}
.w-image-blocked {
  display: flex;
  align-items: center;
  justify-content: center;
  gap: 8px;
  min-height: 72px;
  padding: 12px;
  border: 1px dashed var(--border-strong);
  background: var(--surface-2);
  color: var(--text-muted);
  font-size: 13px;
}

.w-chart {
  margin: 0;
}
.w-chart-svg {
  display: block;
  width: 100%;
  height: auto;
  overflow: visible;
}
.w-chart-grid {
  stroke: var(--border);
  stroke-width: 1;
}
.w-chart-label {
  fill: var(--text-muted);
  font-size: 11px;
  font-family: var(--font);
}
.w-chart-legend {
  display: flex;
  flex-wrap: wrap;
  gap: 12px;
  margin-top: 6px;
  font-size: 12.5px;
  color: var(--text-muted);
}
.w-chart-legend > span {
  display: inline-flex;
  align-items: center;
  gap: 6px;
}
.w-chart-swatch {
  width: 10px;
  height: 10px;
  border-radius: 3px;
}
.w-table {
  width: 100%;
  overflow-x: auto;
}
.w-table table {
  width: 100%;
  border-collapse: collapse;
}
.w-table :is(th, td) {
  padding: 6px 10px;
  border-bottom: 1px solid var(--border-subtle);
  text-align: start;
  vertical-align: top;
}
.w-table th {
  color: var(--text-muted);
  font-size: 0.92em;
  font-weight: 600;
  border-bottom-color: var(--border);
}
.w-table tbody tr:last-child > :is(th, td) {
  border-bottom: 0;
}
`;
