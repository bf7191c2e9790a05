/**
 * Building blocks shared by every part of the wire model: timestamps, free-form JSON values and icon
 * names. Wire data is snake_case and plain JSON, exactly as the Python SDK writes it.
 */
import { z } from 'zod';

/**
 * An ISO-8601 timestamp (`created_at`). The Python SDK writes naive local times such as
 * `2026-11-26T15:53:04.504768`; this library writes `Date#toISOString()` (`…504Z`). Both parse.
 */
export const Timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'expected an ISO-8601 timestamp',
});

/** The current time as a wire timestamp. */
export function now(): string {
  return new Date().toISOString();
}

/**
 * A free-form JSON value (tool arguments, action payloads, hidden context). Its nulls are data and are
 * kept on the wire, unlike the nulls of model fields.
 */
export const JsonValue = z.unknown();

/** A free-form JSON object, such as `metadata` or an input tag's `data`. */
export const JsonObject = z.record(z.string(), z.unknown());

/** The icon names the ChatKit UI knows, besides any `vendor:…` or `lucide:…` name. */
export const ICON_NAMES = [
  'agent',
  'analytics',
  'atom',
  'batch',
  'bolt',
  'book-open',
  'book-closed',
  'book-clock',
  'bug',
  'calendar',
  'chart',
  'check',
  'check-circle',
  'check-circle-filled',
  'chevron-left',
  'chevron-right',
  'circle-question',
  'clock',
  'compass',
  'confetti',
  'cube',
  'desktop',
  'document',
  'dot',
  'dots-horizontal',
  'dots-vertical',
  'empty-circle',
  'external-link',
  'globe',
  'keys',
  'lab',
  'images',
  'info',
  'lifesaver',
  'lightbulb',
  'mail',
  'map-pin',
  'maps',
  'mobile',
  'name',
  'notebook',
  'notebook-pencil',
  'page-blank',
  'phone',
  'play',
  'plus',
  'profile',
  'profile-card',
  'reload',
  'star',
  'star-filled',
  'search',
  'sparkle',
  'sparkle-double',
  'square-code',
  'square-image',
  'square-text',
  'suitcase',
  'settings-slider',
  'user',
  'wreath',
  'write',
  'write-alt',
  'write-alt2',
] as const;

/** An icon: one of {@link ICON_NAMES}, or a name starting with `vendor:` or `lucide:`. */
export const IconName = z.union(
  [z.enum(ICON_NAMES), z.templateLiteral(['vendor:', z.string()]), z.templateLiteral(['lucide:', z.string()])],
  { error: 'unknown icon name (use a ChatKit icon, or a "vendor:" or "lucide:" name)' },
);
/** An icon name. */
export type IconName = z.infer<typeof IconName>;

/**
 * The schema of `Page<T>`: one page of a listing. `after` is the cursor for the next page (the id of
 * the last entry), present when `has_more`.
 */
export function PageOf<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item).default([]),
    has_more: z.boolean().default(false),
    after: z.string().nullish(),
  });
}
/** One page of a listing, as the stores return it and as it goes on the wire. */
export type Page<T> = Omit<z.infer<ReturnType<typeof PageOf<z.ZodUnknown>>>, 'data'> & { data: T[] };
