/**
 * What every widget component renderer gets: the theme, a way to render children, and a way to
 * dispatch the actions a component declares (with form values and the loading state it asks for).
 */
import type { ChatKitLocalStrings } from '../strings.ts';
import type { ActionConfig, WidgetComponent } from '../wire.ts';
import type { JsonObject } from './form-values.ts';
import { mergePayload } from './form-values.ts';
import type { Theme } from './style.ts';

/** The page side of a rendered widget. */
export interface WidgetHost {
  theme: Theme;
  strings: ChatKitLocalStrings;
  /** Identifies the widget across re-renders (its item id), for the state kept in `expandedLists`. */
  key: string;
  /** Lists the user expanded ("show more"), by list key; kept when the widget renders again. */
  expandedLists: Set<string>;
  /** Runs an action (the payload already holds the form values); resolves when it is handled. */
  onAction(action: ActionConfig): Promise<void>;
}

/** How a component shows that its action is running when `loadingBehavior` is `auto`. */
export type LoadingMode = 'self' | 'container' | 'none';

/** Passed to every component renderer. */
export interface RenderContext {
  readonly theme: Theme;
  readonly strings: ChatKitLocalStrings;
  /** A key for the next list of this widget, the same on every rendering of the same widget. */
  listKey(): string;
  /** Lists the user expanded (see {@link WidgetHost.expandedLists}). */
  readonly expandedLists: Set<string>;
  /** Renders a `children` prop (one component, a list, or nothing). */
  renderChildren(children: unknown): Node[];
  /** A DOM id for a form field, unique to this widget (for `<label for>`). */
  fieldId(name: string): string;
  /** Dispatches `action` (if it is one) from `source`. */
  dispatch(action: unknown, source: HTMLElement, options?: { values?: JsonObject; loading?: LoadingMode }): void;
}

/** Renders one component. */
export type ComponentRenderer = (node: WidgetComponent, context: RenderContext) => Node;

/** A widget's `ActionConfig` with its defaults filled in, or null if `value` is not an action. */
export function normaliseAction(value: unknown): ActionConfig | null {
  if (!value || typeof value !== 'object') return null;
  const raw = value as Partial<ActionConfig>;
  if (typeof raw.type !== 'string' || raw.type === '') return null;
  return {
    type: raw.type,
    payload: raw.payload ?? null,
    handler: raw.handler === 'client' ? 'client' : 'server',
    loadingBehavior: raw.loadingBehavior ?? 'auto',
    streaming: raw.streaming !== false,
  };
}

let widgetCount = 0;

/** The context for one widget root rendered into `root`. */
export function createContext(
  host: WidgetHost,
  root: () => HTMLElement,
  render: (node: unknown, context: RenderContext) => Node | null,
): RenderContext {
  const prefix = `w${++widgetCount}`;
  let lists = 0;
  const context: RenderContext = {
    theme: host.theme,
    strings: host.strings,
    listKey: () => `${host.key}#list${++lists}`,
    expandedLists: host.expandedLists,
    renderChildren(children) {
      const list = Array.isArray(children) ? children : children ? [children] : [];
      return list.map((child) => render(child, context)).filter((node): node is Node => node !== null);
    },
    fieldId: (name) => `${prefix}-${name.replace(/[^\w-]/g, '_')}`,
    dispatch(value, source, options = {}) {
      const action = normaliseAction(value);
      if (!action) return;
      const config: ActionConfig = { ...action, payload: mergePayload(action.payload, options.values ?? {}) };
      const mode = action.loadingBehavior === 'auto' ? (options.loading ?? 'self') : action.loadingBehavior;
      const target = mode === 'container' ? root() : mode === 'self' ? source : null;
      if (target) setLoading(target, true);
      void host.onAction(config).finally(() => {
        if (target) setLoading(target, false);
      });
    },
  };
  return context;
}

/** Marks an element (and the controls inside it) as busy. */
function setLoading(element: HTMLElement, loading: boolean): void {
  element.toggleAttribute('aria-busy', loading);
  element.classList.toggle('is-loading', loading);
  const controls = element.matches('button, input, select, textarea')
    ? [element]
    : [...element.querySelectorAll<HTMLButtonElement>('button, input, select, textarea')];
  for (const control of controls as (HTMLButtonElement | HTMLInputElement)[]) {
    if (loading) {
      if (!control.disabled) {
        control.disabled = true;
        control.dataset.loadingDisabled = '';
      }
    } else if ('loadingDisabled' in control.dataset) {
      control.disabled = false;
      delete control.dataset.loadingDisabled;
    }
  }
}
