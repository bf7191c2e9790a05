/**
 * A tiny DOM builder. Every piece of text goes in as a text node, never as markup, so nothing a
 * server or a user writes can become HTML.
 */

/** What `h` accepts as a child: nodes, text, or nothing. */
export type Child = Node | string | number | null | undefined | false | Child[];

/** Attributes and listeners for {@link h}: `on…` keys take listeners, the rest become attributes. */
export type Props = Record<
  string,
  string | number | boolean | null | undefined | EventListener | ((event: never) => void)
>;

/**
 * Creates an element. `props` keys starting with `on` add listeners (`onclick`), `class` sets the
 * class name, booleans toggle attributes, null/undefined/false are skipped.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props?: Props | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props) {
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key.startsWith('on') && typeof value === 'function') {
        element.addEventListener(key.slice(2), value as EventListener);
      } else if (value === true) {
        element.setAttribute(key, '');
      } else {
        element.setAttribute(key, String(value));
      }
    }
  }
  append(element, children);
  return element;
}

/** Appends children (flattening arrays, turning text into text nodes). */
export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else
      parent.appendChild(
        typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
      );
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element | DocumentFragment, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** A function that runs `fn` at most once per animation frame, with the latest arguments. */
export function perFrame<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void {
  let scheduled = false;
  let latest: A;
  return (...args: A) => {
    latest = args;
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      fn(...latest);
    });
  };
}

/**
 * Runs `update` (which may rebuild part of `scope`) and then gives focus back to the element with the
 * same `data-focus-key` as the one focused before, so re-rendering never throws a keyboard user out.
 */
export function keepFocus(scope: ParentNode & Node, update: () => void): void {
  const root = scope.getRootNode() as Document | ShadowRoot;
  const active = root.activeElement as HTMLElement | null;
  const key = active && scope.contains(active) ? active.dataset.focusKey : undefined;
  update();
  if (key && !(active && active.isConnected)) {
    scope.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`)?.focus();
  }
}
