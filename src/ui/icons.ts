/**
 * Inline SVG icons (24×24, stroked with `currentColor`), built as DOM nodes so the page loads no
 * icon font or image from anywhere. `widgetIcon` maps ChatKit's icon names onto this set.
 */

const SVG = 'http://www.w3.org/2000/svg';

/** The drawing of each icon: SVG path data. */
const PATHS = {
  plus: 'M12 5v14M5 12h14',
  menu: 'M4 6h16M4 12h16M4 18h16',
  sun: 'M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  pencil: 'M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4',
  trash: 'M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13M10 11v6M14 11v6',
  paperclip: 'M20 11.5l-8 8a5 5 0 0 1-7-7l8.5-8.5a3.5 3.5 0 0 1 5 5L10 17.5a2 2 0 0 1-3-3l7.5-7.5',
  send: 'M12 19V5M6 11l6-6 6 6',
  stop: 'M7 7h10v10H7z',
  retry: 'M4 12a8 8 0 1 0 2.3-5.7M4 4v5h5',
  thumbsUp: 'M7 11v9H4v-9h3zM7 11l4-7a2 2 0 0 1 3 2l-1 4h5a2 2 0 0 1 2 2.3l-1.2 6A2 2 0 0 1 16.8 20H7',
  thumbsDown: 'M7 13V4H4v9h3zM7 13l4 7a2 2 0 0 0 3-2l-1-4h5a2 2 0 0 0 2-2.3l-1.2-6A2 2 0 0 0 16.8 4H7',
  copy: 'M9 9h11v11H9zM5 15H4V4h11v1',
  close: 'M6 6l12 12M18 6L6 18',
  check: 'M5 12.5l4.5 4.5L19 7',
  sparkle:
    'M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8zM19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z',
  file: 'M6 3h8l4 4v14H6zM14 3v4h4',
  image: 'M4 5h16v14H4zM4 16l5-5 4 4 2-2 5 5M15.5 9.5a1 1 0 1 0 0-.01',
  tool: 'M14.5 5.5a4 4 0 0 0-5 5L4 16l4 4 5.5-5.5a4 4 0 0 0 5-5l-2.5 2.5-2.5-.5-.5-2.5z',
  info: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 11v6M12 7.5v.5',
  warning: 'M12 4L2.5 20h19zM12 10v5M12 17.5v.5',
  alert: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v6M12 16.5v.5',
  chevronDown: 'M6 9l6 6 6-6',
  chevronRight: 'M9 6l6 6-6 6',
  search: 'M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14zM16 16l4.5 4.5',
  globe: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM3 12h18M12 3c3 3.5 3 14.5 0 18M12 3c-3 3.5-3 14.5 0 18',
  calendar: 'M4 6h16v14H4zM4 10h16M8 3v4M16 3v4',
  clock: 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18zM12 7v5l3 2',
  star: 'M12 3.5l2.6 5.4 5.9.8-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.8z',
  bolt: 'M13 2L4 14h7l-1 8 9-12h-7z',
  lightbulb: 'M9 18h6M10 21h4M12 3a6 6 0 0 0-3.5 10.9c.6.5 1 1.2 1 2.1h5c0-.9.4-1.6 1-2.1A6 6 0 0 0 12 3z',
  map: 'M12 21s-6-5.5-6-11a6 6 0 0 1 12 0c0 5.5-6 11-6 11zM12 8a2 2 0 1 0 0 4a2 2 0 1 0 0-4z',
  user: 'M12 4a4 4 0 1 0 0 8a4 4 0 1 0 0-8zM4 21a8 8 0 0 1 16 0',
  mail: 'M3 6h18v12H3zM3 6l9 7 9-7',
  book: 'M5 4h11a3 3 0 0 1 3 3v13H8a3 3 0 0 1-3-3zM5 17a3 3 0 0 1 3-3h11',
  chart: 'M4 20V4M4 20h16M8 16v-5M12 16V8M16 16v-3',
  dot: 'M12 10a2 2 0 1 0 0 4a2 2 0 1 0 0-4z',
  dots: 'M5 12h.01M12 12h.01M19 12h.01',
  settings: 'M4 7h10M18 7h2M4 17h4M12 17h8M14 5v4M8 15v4',
  play: 'M7 4l13 8-13 8z',
  external: 'M14 4h6v6M20 4l-9 9M18 14v6H4V6h6',
  cube: 'M12 3l8 4.5v9L12 21l-8-4.5v-9zM4 7.5l8 4.5 8-4.5M12 12v9',
  phone: 'M5 4h4l2 5-2.5 1.5a11 11 0 0 0 5 5L15 13l5 2v4a1 1 0 0 1-1 1A16 16 0 0 1 4 5a1 1 0 0 1 1-1z',
  spinner: 'M12 3a9 9 0 1 1-9 9',
  sidebar: 'M4 5h16v14H4zM9 5v14',
  home: 'M4 11l8-7 8 7v9H4z',
  back: 'M15 6l-6 6 6 6',
  expand: 'M4 10V4h6M20 14v6h-6M4 4l6 6M20 20l-6-6',
  collapse: 'M10 4v6H4M14 20v-6h6M10 10L4 4M14 14l6 6',
  grid: 'M4 4h7v7H4zM13 4h7v7h-7zM4 13h7v7H4zM13 13h7v7h-7z',
  share: 'M12 4v12M7 9l5-5 5 5M5 14v6h14v-6',
  arrowDown: 'M12 5v14M6 13l6 6 6-6',
  quote: 'M6 10h4v7H4v-5a5 5 0 0 1 3-5M16 10h4v7h-6v-5a5 5 0 0 1 3-5',
  mic: 'M12 4a3 3 0 0 0-3 3v5a3 3 0 0 0 6 0V7a3 3 0 0 0-3-3zM6 11a6 6 0 0 0 12 0M12 17v3',
} as const;

/** An icon's name. */
export type IconKey = keyof typeof PATHS;

/** An SVG icon, hidden from assistive technology (its button carries the label). */
export function icon(name: IconKey, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', PATHS[name]);
  svg.appendChild(path);
  return svg;
}

/** ChatKit icon names (widgets, workflow summaries, progress updates) onto the local set. */
const CHATKIT_ICONS: Record<string, IconKey> = {
  agent: 'sparkle',
  analytics: 'chart',
  atom: 'cube',
  batch: 'cube',
  bolt: 'bolt',
  'book-open': 'book',
  'book-closed': 'book',
  'book-clock': 'book',
  bug: 'warning',
  calendar: 'calendar',
  chart: 'chart',
  check: 'check',
  'check-circle': 'check',
  'check-circle-filled': 'check',
  'chevron-left': 'chevronRight',
  'chevron-right': 'chevronRight',
  'circle-question': 'info',
  clock: 'clock',
  compass: 'globe',
  confetti: 'sparkle',
  cube: 'cube',
  desktop: 'settings',
  document: 'file',
  dot: 'dot',
  'dots-horizontal': 'dots',
  'dots-vertical': 'dots',
  'empty-circle': 'dot',
  'external-link': 'external',
  globe: 'globe',
  keys: 'settings',
  lab: 'bolt',
  images: 'image',
  info: 'info',
  lifesaver: 'info',
  lightbulb: 'lightbulb',
  mail: 'mail',
  'map-pin': 'map',
  maps: 'map',
  mobile: 'phone',
  name: 'user',
  notebook: 'book',
  'notebook-pencil': 'pencil',
  'page-blank': 'file',
  phone: 'phone',
  play: 'play',
  plus: 'plus',
  profile: 'user',
  'profile-card': 'user',
  reload: 'retry',
  star: 'star',
  'star-filled': 'star',
  search: 'search',
  sparkle: 'sparkle',
  'sparkle-double': 'sparkle',
  'square-code': 'file',
  'square-image': 'image',
  'square-text': 'file',
  suitcase: 'cube',
  'settings-slider': 'settings',
  user: 'user',
  wreath: 'star',
  write: 'pencil',
  'write-alt': 'pencil',
  'write-alt2': 'pencil',
};

/** The official element's header icon names onto the local set. */
const HEADER_ICONS: Record<string, IconKey> = {
  'sidebar-left': 'sidebar',
  'sidebar-right': 'sidebar',
  'sidebar-open-left': 'sidebar',
  'sidebar-open-right': 'sidebar',
  'sidebar-open-left-alt': 'sidebar',
  'sidebar-open-right-alt': 'sidebar',
  'sidebar-floating-left': 'sidebar',
  'sidebar-floating-right': 'sidebar',
  'sidebar-floating-open-left': 'sidebar',
  'sidebar-floating-open-right': 'sidebar',
  'sidebar-collapse-left': 'sidebar',
  'sidebar-collapse-right': 'sidebar',
  'collapse-left': 'back',
  'collapse-right': 'chevronRight',
  'open-left': 'back',
  'open-right': 'chevronRight',
  'double-chevron-left': 'back',
  'double-chevron-right': 'chevronRight',
  home: 'home',
  'home-alt': 'home',
  'back-small': 'back',
  'back-large': 'back',
  'expand-large': 'expand',
  'collapse-large': 'collapse',
  'expand-small': 'expand',
  'collapse-small': 'collapse',
  star: 'star',
  'star-filled': 'star',
  bug: 'warning',
  'chat-temporary': 'clock',
  'settings-cog': 'settings',
  grid: 'grid',
  'dots-horizontal': 'dots',
  'dots-vertical': 'dots',
  'dots-horizontal-circle': 'dots',
  'dots-vertical-circle': 'dots',
  menu: 'menu',
  'menu-inverted': 'menu',
  hamburger: 'menu',
  history: 'clock',
  'book-open': 'book',
  compose: 'pencil',
  share: 'share',
  'light-mode': 'sun',
  'dark-mode': 'moon',
  close: 'close',
};

/** The local icon for a header icon name. */
export function headerIcon(name: string, className = 'icon'): SVGSVGElement {
  return icon((Object.hasOwn(HEADER_ICONS, name) ? HEADER_ICONS[name] : undefined) ?? 'dots', className);
}

/** The local icon for a ChatKit icon name (vendor and Lucide names fall back to a dot). */
export function widgetIcon(name: string | null | undefined, className = 'icon'): SVGSVGElement {
  return icon((Object.hasOwn(CHATKIT_ICONS, name ?? '') ? CHATKIT_ICONS[name!] : undefined) ?? 'dot', className);
}
