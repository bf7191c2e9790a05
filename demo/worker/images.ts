/**
 * Pictures the responder draws itself, as `data:` URLs of small SVGs: the demo shows images without
 * fetching anything from anywhere.
 */

function dataUrl(svg: string): string {
  return `data:image/svg+xml;base64,${btoa(svg)}`;
}

/** A square postcard-style illustration (hills, sun, water) for the widget demo. */
export function postcard(hue = 215): string {
  return dataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120">
<defs><linearGradient id="s" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="hsl(${hue} 80% 72%)"/><stop offset="1" stop-color="hsl(${hue + 30} 85% 88%)"/></linearGradient></defs>
<rect width="120" height="120" fill="url(#s)"/>
<circle cx="86" cy="38" r="14" fill="hsl(42 95% 62%)"/>
<path d="M0 82 L30 58 L52 74 L78 50 L120 80 L120 120 L0 120 Z" fill="hsl(${hue + 120} 35% 42%)"/>
<path d="M0 96 Q30 88 60 96 T120 94 L120 120 L0 120 Z" fill="hsl(${hue} 70% 45%)"/>
</svg>`);
}

/** The "generated" image of `/image`: concentric rings whose detail grows with `progress` (0..1). */
export function generatedArt(progress: number): string {
  const rings = Math.max(1, Math.round(progress * 9));
  const circles = Array.from({ length: rings }, (_, i) => {
    const r = 150 - i * 15;
    return `<circle cx="160" cy="160" r="${r}" fill="hsl(${250 + i * 14} 75% ${38 + i * 5}%)"/>`;
  }).join('');
  return dataUrl(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 320 320">
<rect width="320" height="320" fill="hsl(230 40% 14%)"/>${circles}
<path d="M40 250 Q160 170 280 250" stroke="hsl(45 95% 70%)" stroke-width="${2 + progress * 4}" fill="none"/>
</svg>`);
}

/** Small round icons for list rows. */
export function dot(hue: number): string {
  return dataUrl(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40"><rect width="40" height="40" rx="10" fill="hsl(${hue} 70% 55%)"/><circle cx="20" cy="20" r="8" fill="white" fill-opacity="0.85"/></svg>`,
  );
}
