/** Sources and annotations: what an assistant message or a task cites. */
import { z } from 'zod';
import { IconName, JsonObject } from './common.ts';

const sourceBase = {
  title: z.string(),
  description: z.string().nullish(),
  timestamp: z.string().nullish(),
  group: z.string().nullish(),
};

/** A web page. */
export const URLSource = z.object({
  ...sourceBase,
  type: z.literal('url'),
  url: z.string(),
  attribution: z.string().nullish(),
});
export type URLSource = z.infer<typeof URLSource>;

/** A file, by name. */
export const FileSource = z.object({
  ...sourceBase,
  type: z.literal('file'),
  filename: z.string(),
});
export type FileSource = z.infer<typeof FileSource>;

/** An application entity (a document, a person...), optionally interactive in the UI. */
export const EntitySource = z.object({
  ...sourceBase,
  type: z.literal('entity'),
  id: z.string(),
  icon: IconName.nullish(),
  label: z.string().nullish(),
  inline_label: z.string().nullish(),
  interactive: z.boolean().default(false),
  data: JsonObject.default({}),
  /** Deprecated and ignored by the UI. */
  preview: z.literal('lazy').nullish(),
});
export type EntitySource = z.infer<typeof EntitySource>;

/** Any source, told apart by `type`. */
export const Source = z.discriminatedUnion('type', [URLSource, FileSource, EntitySource]);
export type Source = z.infer<typeof Source>;

/** A citation inside assistant text; `index` is the character position of its footnote marker. */
export const Annotation = z.object({
  type: z.literal('annotation'),
  source: Source,
  index: z.number().int().nullish(),
});
export type Annotation = z.infer<typeof Annotation>;
