/**
 * Writing wire JSON exactly as the Python SDK does (`exclude_none`, `exclude_metadata`):
 * - a model field whose value is null or undefined is omitted, at every depth;
 * - nulls inside free-form values (tool arguments, payloads, hidden context) are data and are kept;
 * - non-null defaults are written (`[]`, `{}`, `false`), since values are parsed before they are written;
 * - keys come in the schema's declaration order (the SDK's field order), unknown keys are dropped,
 *   except on widgets, whose extra props are kept with their nulls dropped;
 * - fields marked `.meta({ chatkitWire: 'omit' })` (attachment `metadata`) are never written.
 *
 * The writer for a schema is compiled once and cached, so the stream's hot path does no schema walking.
 */
import { z } from 'zod';
import { isVisibleItem, ThreadItem } from './items.ts';
import { ThreadStreamEvent } from './events.ts';
import type { Thread, ThreadMetadata } from './thread.ts';
import { isPlainTextDelta, TEXT_DELTA_END, textDeltaPrefix } from './text-delta.ts';

type Writer = (value: unknown) => string;

const compiled = new WeakMap<z.core.$ZodType, Writer>();

/** Serialises `value`, already valid for `schema`, as compact wire JSON. */
export function toWireJson(schema: z.core.$ZodType, value: unknown): string {
  return writerFor(schema)(value);
}

/**
 * Serialises a stream event (already parsed) as compact wire JSON. A text delta, most of a reply's
 * events, takes a writer of its own that gives the same text as the schema's writer.
 */
export function eventToJson(event: ThreadStreamEvent): string {
  return isPlainTextDelta(event)
    ? textDeltaPrefix(event.item_id, event.update.content_index) + JSON.stringify(event.update.delta) + TEXT_DELTA_END
    : writeEvent(event);
}

let eventWriter: Writer | null = null;
/** The schema's own writer for any stream event (what {@link eventToJson} does for the rest). */
function writeEvent(event: ThreadStreamEvent): string {
  eventWriter ??= writerFor(ThreadStreamEvent);
  return eventWriter(event);
}

/** Serialises a thread item (already parsed) as compact wire JSON. */
export function itemToJson(item: ThreadItem): string {
  return writerFor(ThreadItem)(item);
}

function writerFor(schema: z.core.$ZodType): Writer {
  let writer = compiled.get(schema);
  if (!writer) {
    // Recursive schemas (widgets) reach themselves while compiling: hand out a forwarder first.
    let target: Writer | undefined;
    compiled.set(schema, (value) => target!(value));
    target = compile(schema);
    compiled.set(schema, target);
    writer = target;
  }
  return writer;
}

/**
 * The writer of `schema`, looked up on first use and then kept: compiling stays lazy (recursive and
 * `z.lazy` schemas resolve when first written), and writing does no lookup.
 */
function lazyWriter(schema: () => z.core.$ZodType): Writer {
  let writer: Writer | null = null;
  return (value) => (writer ??= writerFor(schema()))(value);
}

const writeRaw: Writer = (value) => JSON.stringify(value) ?? 'null';

function isOmitted(schema: z.core.$ZodType): boolean {
  return (z.globalRegistry.get(schema) as { chatkitWire?: string } | undefined)?.chatkitWire === 'omit';
}

function compile(schema: z.core.$ZodType): Writer {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return lazyWriter(() => def.innerType as z.core.$ZodType);
    case 'pipe':
      return lazyWriter(() => def.out as z.core.$ZodType);
    case 'lazy':
      return lazyWriter(() => (def.getter as () => z.core.$ZodType)());
    case 'array': {
      const write = lazyWriter(() => def.element as z.core.$ZodType);
      return (value) => {
        if (!Array.isArray(value)) return writeRaw(value);
        let out = '[';
        for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + write(value[i]);
        return out + ']';
      };
    }
    case 'record': {
      const write = lazyWriter(() => def.valueType as z.core.$ZodType);
      return (value) => writeObjectEntries(value, () => write, false);
    }
    case 'object':
      return compileObject(def as unknown as z.core.$ZodObjectDef);
    case 'union':
      return compileUnion(def as unknown as z.core.$ZodDiscriminatedUnionDef);
    case 'literal': {
      // The literal's JSON, written once: `type` tags are on every object.
      const texts = new Map((def.values as unknown[]).map((literal) => [literal, writeRaw(literal)]));
      return (value) => texts.get(value) ?? writeRaw(value);
    }
    default:
      // Primitives, enums, and free-form values (unknown/any/custom): as they are.
      return writeRaw;
  }
}

function compileObject(def: z.core.$ZodObjectDef): Writer {
  const keys = Object.keys(def.shape).filter((key) => !isOmitted(def.shape[key]!));
  const known = new Set(Object.keys(def.shape));
  const quoted = keys.map((key) => JSON.stringify(key) + ':');
  const writers = keys.map((key) => lazyWriter(() => def.shape[key]!));
  const keepExtras = def.catchall !== undefined && def.catchall._zod.def.type !== 'never';
  return (value) => {
    if (typeof value !== 'object' || value === null) return writeRaw(value);
    const record = value as Record<string, unknown>;
    let out = '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const fieldValue = record[keys[i]!];
      if (fieldValue === null || fieldValue === undefined) continue;
      out += (first ? '' : ',') + quoted[i] + writers[i]!(fieldValue);
      first = false;
    }
    if (keepExtras) {
      for (const key in record) {
        if (known.has(key)) continue;
        const extra = record[key];
        if (extra === null || extra === undefined) continue;
        out += (first ? '' : ',') + JSON.stringify(key) + ':' + writeProp(extra);
        first = false;
      }
    }
    return out + '}';
  };
}

/**
 * A widget prop: plain JSON whose null object entries are dropped, at every depth (they are unset
 * props), except inside an action's `payload`, which is free-form data whose nulls are kept.
 */
function writeProp(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(writeProp).join(',') + ']';
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    return writeObjectEntries(value, (key) => (key === 'payload' ? writeRaw : writeProp), true);
  }
  return writeRaw(value);
}

function writeObjectEntries(value: unknown, writerOf: (key: string) => Writer, dropNulls: boolean): string {
  if (typeof value !== 'object' || value === null) return writeRaw(value);
  let out = '{';
  let first = true;
  for (const [key, entry] of Object.entries(value)) {
    if (entry === undefined || (dropNulls && entry === null)) continue;
    out += (first ? '' : ',') + JSON.stringify(key) + ':' + writerOf(key)(entry);
    first = false;
  }
  return out + '}';
}

function compileUnion(def: z.core.$ZodDiscriminatedUnionDef): Writer {
  const options = def.options;
  if (def.discriminator) {
    const byTag = new Map<unknown, Writer>();
    for (const option of options) {
      for (const tag of option._zod.propValues?.[def.discriminator] ?? [])
        byTag.set(
          tag,
          lazyWriter(() => option),
        );
    }
    const discriminator = def.discriminator;
    return (value) => {
      const write = byTag.get((value as Record<string, unknown> | null)?.[discriminator]);
      return write ? write(value) : writeRaw(value);
    };
  }
  // An undiscriminated union: take the first option the value's shape fits.
  return (value) => {
    const option = options.find((candidate) => fits(candidate, value));
    return option ? writerFor(option)(value) : writeRaw(value);
  };
}

/** A cheap structural check that picks a union member without running a full parse. */
function fits(schema: z.core.$ZodType, value: unknown): boolean {
  const def = schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return fits(def.innerType as z.core.$ZodType, value);
    case 'lazy':
      return fits((def.getter as () => z.core.$ZodType)(), value);
    case 'array':
      return Array.isArray(value);
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
      const shape = (def as unknown as z.core.$ZodObjectDef).shape;
      return Object.entries(shape).every(
        // `optin` is set for optional and defaulted fields alike.
        ([key, field]) => field._zod.optin !== undefined || (value as Record<string, unknown>)[key] !== undefined,
      );
    }
    default:
      return z.safeParse(schema as z.ZodType, value).success;
  }
}

/**
 * The thread as clients see it: only `id`, `title`, `created_at`, `status` and
 * `allowed_image_domains` are copied, `metadata` is always `{}`, and `items` is the thread's page with
 * hidden items removed (an empty page for bare metadata).
 */
export function toThreadResponse(thread: ThreadMetadata | Thread): Thread {
  const items =
    'items' in thread && thread.items
      ? { ...thread.items, data: thread.items.data.filter(isVisibleItem) }
      : { data: [], has_more: false };
  return {
    title: thread.title,
    id: thread.id,
    created_at: thread.created_at,
    status: thread.status,
    allowed_image_domains: thread.allowed_image_domains,
    metadata: {},
    items,
  };
}
