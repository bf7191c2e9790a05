/**
 * The `theme` option as CSS: the color scheme, and custom properties set on the element's frame
 * (accent, surfaces, grays, radius, density, fonts). The same custom properties, set by the page on
 * the element (`chatkit-local-chat { --ck-accent: teal }`), theme it without any option; an option
 * wins over the page's value.
 */
import type { FontObject, GrayscaleOptions, ThemeOption } from './official-types.ts';

/** The custom properties a page may set on the element, each documented in the README. */
export const THEME_PROPERTIES = [
  '--ck-accent',
  '--ck-accent-contrast',
  '--ck-background',
  '--ck-surface',
  '--ck-sidebar',
  '--ck-text',
  '--ck-text-muted',
  '--ck-border',
  '--ck-font-family',
  '--ck-font-family-mono',
  '--ck-font-size',
] as const;

/** The radius and density presets, as the stylesheet names them. */
const RADII = new Set(['pill', 'round', 'soft', 'sharp']);
const DENSITIES = new Set(['compact', 'normal', 'spacious']);

/** How strongly the accent tints soft backgrounds, by `accent.level`. */
const ACCENT_LEVEL_MIX = ['8%', '14%', '20%', '28%'];

/**
 * The custom properties and attributes for `theme` in `scheme`: what goes on the frame element.
 * Values that are not plain colours or font names are dropped, so an option can never bring in a
 * `url(…)` or break out of its declaration.
 */
export function themeStyle(
  theme: ThemeOption,
  scheme: 'light' | 'dark',
): { properties: Record<string, string>; radius: string; density: string } {
  const properties: Record<string, string> = {};
  const set = (name: string, value: string | null | undefined) => {
    if (value) properties[name] = value;
  };
  const accent = theme.color?.accent;
  if (accent) {
    set('--ck-accent', cssColor(accent.primary));
    set('--accent-mix', ACCENT_LEVEL_MIX[accent.level] ?? null);
  }
  const surface = theme.color?.surface;
  if (surface) {
    const background = cssColor(surface.background);
    set('--ck-background', background);
    set('--ck-surface', background);
    set('--ck-sidebar', background);
    set('--ck-text', cssColor(surface.foreground));
  }
  if (theme.color?.grayscale) Object.assign(properties, grayscale(theme.color.grayscale, scheme));
  const typography = theme.typography;
  if (typography) {
    if (typeof typography.baseSize === 'number' && typography.baseSize >= 10 && typography.baseSize <= 24)
      set('--ck-font-size', `${typography.baseSize}px`);
    set('--ck-font-family', fontFamily(typography.fontFamily));
    set('--ck-font-family-mono', fontFamily(typography.fontFamilyMono));
  }
  return {
    properties,
    radius: theme.radius && RADII.has(theme.radius) ? theme.radius : 'pill',
    density: theme.density && DENSITIES.has(theme.density) ? theme.density : 'normal',
  };
}

/**
 * Neutral colours from a hue: `tint` (0-9) sets how much of the hue the grays carry, `shade` (-4..4)
 * darkens or lightens them a little.
 */
function grayscale(options: GrayscaleOptions, scheme: 'light' | 'dark'): Record<string, string> {
  const hue = Number.isFinite(options.hue) ? ((options.hue % 360) + 360) % 360 : 0;
  const saturation = Math.min(9, Math.max(0, options.tint)) * 2.2;
  const shift = Math.min(4, Math.max(-4, options.shade ?? 0)) * 1.2;
  const gray = (lightness: number) =>
    `hsl(${hue} ${saturation.toFixed(1)}% ${Math.min(100, Math.max(0, lightness + shift)).toFixed(1)}%)`;
  const light: Record<string, number> = {
    '--ck-background': 100,
    '--ck-sidebar': 97,
    '--surface-2': 95.5,
    '--surface-3': 92,
    '--user-bubble': 94,
    '--ck-border': 89,
    '--border-subtle': 93,
    '--border-strong': 79,
    '--ck-text-muted': 38,
  };
  const dark: Record<string, number> = {
    '--ck-background': 8,
    '--ck-sidebar': 10,
    '--surface-2': 15,
    '--surface-3': 19,
    '--user-bubble': 17,
    '--ck-border': 20,
    '--border-subtle': 16,
    '--border-strong': 29,
    '--ck-text-muted': 68,
  };
  const palette = scheme === 'dark' ? dark : light;
  return Object.fromEntries(Object.entries(palette).map(([name, lightness]) => [name, gray(lightness)]));
}

/** A colour the browser accepts, with nothing that could load a resource; else null. */
export function cssColor(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  if (/url\s*\(|image|var\s*\(|[;{}]/i.test(value)) return null;
  return typeof CSS !== 'undefined' && CSS.supports('color', value) ? value.trim() : null;
}

/** A font-family list made only of names (quoted or bare words), else null. */
function fontFamily(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return /^[\w\s,'"-]+$/.test(value) && !/[;{}()]/.test(value) ? value : null;
}

const loadedFonts = new Set<string>();

/**
 * Loads the `typography.fontSources` webfonts into the document (once each). They come from the URLs
 * the app gives, so an offline app simply gives none. Failures are reported, never thrown.
 */
export function loadFontSources(sources: readonly FontObject[] | undefined, onError: (error: Error) => void): void {
  if (!sources || typeof FontFace === 'undefined') return;
  for (const source of sources) {
    const key = JSON.stringify(source);
    if (loadedFonts.has(key) || typeof source.family !== 'string' || typeof source.src !== 'string') continue;
    loadedFonts.add(key);
    const descriptors: FontFaceDescriptors = {};
    if (source.weight !== undefined) descriptors.weight = String(source.weight);
    if (source.style) descriptors.style = source.style;
    if (source.display) descriptors.display = source.display;
    if (source.unicodeRange) descriptors.unicodeRange = source.unicodeRange;
    const face = new FontFace(source.family, `url(${JSON.stringify(source.src)})`, descriptors);
    document.fonts.add(face);
    face.load().catch((error: unknown) => {
      onError(new Error(`The font ${source.family} could not be loaded: ${String(error)}`));
    });
  }
}
