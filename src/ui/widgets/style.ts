/**
 * Widget props that become inline styles: colours, spacing, sizes, borders, radii. Every value is
 * checked before it reaches a style property, so a widget can never smuggle `url(…)` (a request to
 * another host) or anything else that is not a plain colour or length into the page.
 */

/** The theme a widget renders in (a root's `theme` prop may force one). */
export type Theme = 'light' | 'dark';

const SPACING_UNIT_PX = 4;
const LENGTH = /^(?:-?\d+(?:\.\d+)?(?:px|%|rem|em|vh|vw|ch|fr)?|auto|fit-content|min-content|max-content)$/;

/** Hues of the primitive colour tokens (`blue-500`...). */
const HUES: Record<string, [hue: number, saturation: number]> = {
  red: [0, 78],
  orange: [24, 90],
  amber: [38, 92],
  yellow: [50, 90],
  lime: [84, 75],
  green: [142, 65],
  emerald: [158, 70],
  teal: [174, 70],
  cyan: [190, 80],
  sky: [200, 85],
  blue: [220, 85],
  indigo: [240, 70],
  violet: [258, 78],
  purple: [272, 72],
  fuchsia: [292, 75],
  pink: [330, 78],
  rose: [350, 80],
  gray: [220, 9],
  slate: [215, 16],
  zinc: [240, 5],
  neutral: [0, 0],
  stone: [25, 6],
};
const SHADES: Record<string, number> = {
  50: 97,
  100: 94,
  200: 87,
  300: 77,
  400: 65,
  500: 55,
  600: 46,
  700: 38,
  800: 30,
  900: 22,
  950: 14,
};

/** Semantic tokens, as CSS variables the stylesheet defines for both themes. */
const TOKENS: Record<string, string> = {
  prose: 'var(--text)',
  primary: 'var(--text)',
  emphasis: 'var(--text-strong)',
  secondary: 'var(--text-muted)',
  tertiary: 'var(--text-faint)',
  success: 'var(--c-success)',
  warning: 'var(--c-warning)',
  danger: 'var(--c-danger)',
  caution: 'var(--c-caution)',
  info: 'var(--c-info)',
  discovery: 'var(--c-discovery)',
  surface: 'var(--surface)',
  'surface-secondary': 'var(--surface-2)',
  'surface-tertiary': 'var(--surface-3)',
  'surface-elevated': 'var(--surface-raised)',
  'surface-elevated-secondary': 'var(--surface-2)',
  default: 'var(--border)',
  subtle: 'var(--border-subtle)',
  strong: 'var(--border-strong)',
  'alpha-5': 'var(--alpha-5)',
  'alpha-10': 'var(--alpha-10)',
  'alpha-20': 'var(--alpha-20)',
};

/**
 * `record[key]` when `key` is the record's own property, else undefined. Widget data picks the keys,
 * and a plain lookup of `constructor` or `__proto__` would find `Object.prototype`'s members.
 */
export function ownValue<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** A colour prop (token, primitive token, `{light, dark}` or CSS colour) as a CSS value; null if unusable. */
export function colorValue(value: unknown, theme: Theme): string | null {
  if (value && typeof value === 'object') {
    const themed = (value as Record<string, unknown>)[theme];
    return typeof themed === 'string' ? colorValue(themed, theme) : null;
  }
  if (typeof value !== 'string' || value === '') return null;
  const token = ownValue(TOKENS, value);
  if (token) return token;
  const primitive = /^([a-z]+)-(\d{2,3})$/.exec(value);
  const hues = primitive && ownValue(HUES, primitive[1]!);
  const shade = primitive && ownValue(SHADES, primitive[2]!);
  if (hues && typeof shade === 'number') {
    const [hue, saturation] = hues;
    return `hsl(${hue} ${saturation}% ${shade}%)`;
  }
  return isPlainColor(value) ? value : null;
}

/** A CSS colour with no function that could fetch anything. */
function isPlainColor(value: string): boolean {
  return !/url\s*\(|image|var\s*\(|[;{}]/i.test(value) && typeof CSS !== 'undefined' && CSS.supports('color', value);
}

/** A length prop: numbers are px, strings must be a plain CSS length. */
export function lengthValue(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value}px`;
  if (typeof value === 'string' && LENGTH.test(value.trim())) return value.trim();
  return null;
}

/** A spacing prop: numbers are spacing units (4px), strings plain CSS lengths. */
export function spacingValue(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return `${value * SPACING_UNIT_PX}px`;
  return lengthValue(value);
}

/** Applies a padding or margin prop (a value or `{top, right, bottom, left, x, y}`). */
export function applySpacing(style: CSSStyleDeclaration, property: 'padding' | 'margin', value: unknown): void {
  if (value && typeof value === 'object') {
    const sides = value as Record<string, unknown>;
    const side = (name: 'top' | 'right' | 'bottom' | 'left', axis: 'x' | 'y') =>
      spacingValue(sides[name] ?? sides[axis]);
    for (const [name, axis] of [
      ['top', 'y'],
      ['right', 'x'],
      ['bottom', 'y'],
      ['left', 'x'],
    ] as const) {
      const length = side(name, axis);
      if (length) style.setProperty(`${property}-${name}`, length);
    }
    return;
  }
  const length = spacingValue(value);
  if (length) style.setProperty(property, length);
}

const RADII: Record<string, string> = {
  none: '0',
  '2xs': '2px',
  xs: '4px',
  sm: '6px',
  md: '8px',
  lg: '12px',
  xl: '16px',
  '2xl': '20px',
  '3xl': '24px',
  '4xl': '32px',
  full: '9999px',
  '100%': '100%',
};

/** A radius token as CSS. */
export function radiusValue(value: unknown): string | null {
  return typeof value === 'string' ? (ownValue(RADII, value) ?? null) : null;
}

/** Applies a border prop: a px number, `{size, color, style}`, or such per edge / axis. */
export function applyBorder(style: CSSStyleDeclaration, value: unknown, theme: Theme): void {
  const edge = (border: unknown): string | null => {
    if (typeof border === 'number') return `${border}px solid var(--border)`;
    if (!border || typeof border !== 'object') return null;
    const { size, color, style: line } = border as { size?: unknown; color?: unknown; style?: unknown };
    if (typeof size !== 'number') return null;
    const lineStyle =
      typeof line === 'string' && /^(solid|dashed|dotted|double|groove|ridge|inset|outset)$/.test(line)
        ? line
        : 'solid';
    return `${size}px ${lineStyle} ${colorValue(color ?? 'default', theme) ?? 'var(--border)'}`;
  };
  const whole = edge(value);
  if (whole) {
    style.border = whole;
    return;
  }
  if (!value || typeof value !== 'object') return;
  const sides = value as Record<string, unknown>;
  for (const [name, axis] of [
    ['top', 'y'],
    ['right', 'x'],
    ['bottom', 'y'],
    ['left', 'x'],
  ] as const) {
    const border = edge(sides[name] ?? sides[axis]);
    if (border) style.setProperty(`border-${name}`, border);
  }
}

/** Applies the sizing props shared by boxes, images and charts. */
export function applySizing(style: CSSStyleDeclaration, props: Record<string, unknown>): void {
  const set = (property: string, value: unknown) => {
    const length = lengthValue(value);
    if (length) style.setProperty(property, length);
  };
  set('width', props.width ?? props.size);
  set('height', props.height ?? props.size);
  set('min-width', props.minWidth ?? props.minSize);
  set('min-height', props.minHeight ?? props.minSize);
  set('max-width', props.maxWidth ?? props.maxSize);
  set('max-height', props.maxHeight ?? props.maxSize);
  const ratio = props.aspectRatio;
  if (typeof ratio === 'number' && ratio > 0) style.aspectRatio = String(ratio);
  else if (typeof ratio === 'string' && /^\d+(\.\d+)?\s*(\/\s*\d+(\.\d+)?)?$/.test(ratio)) style.aspectRatio = ratio;
}

const ALIGN: Record<string, string> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  baseline: 'baseline',
  stretch: 'stretch',
};
const JUSTIFY: Record<string, string> = {
  start: 'flex-start',
  center: 'center',
  end: 'flex-end',
  between: 'space-between',
  around: 'space-around',
  evenly: 'space-evenly',
  stretch: 'stretch',
};

/** Applies the layout props of Box, Row, Col and Form. */
export function applyBoxProps(style: CSSStyleDeclaration, props: Record<string, unknown>, theme: Theme): void {
  if (typeof props.align === 'string' && ALIGN[props.align]) style.alignItems = ALIGN[props.align]!;
  if (typeof props.justify === 'string' && JUSTIFY[props.justify]) style.justifyContent = JUSTIFY[props.justify]!;
  if (typeof props.wrap === 'string' && /^(nowrap|wrap|wrap-reverse)$/.test(props.wrap)) style.flexWrap = props.wrap;
  if (typeof props.flex === 'number') style.flex = `${props.flex} 1 0%`;
  else if (typeof props.flex === 'string' && /^[\d. a-z%]+$/.test(props.flex)) style.flex = props.flex;
  const gap = spacingValue(props.gap);
  if (gap) style.gap = gap;
  applySizing(style, props);
  applySpacing(style, 'padding', props.padding);
  applySpacing(style, 'margin', props.margin);
  applyBorder(style, props.border, theme);
  const radius = radiusValue(props.radius);
  if (radius) style.borderRadius = radius;
  const background = colorValue(props.background, theme);
  if (background) style.background = background;
}
