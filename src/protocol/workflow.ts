/** Tasks and workflows: the visible steps of an assistant's work (reasoning, searches, custom steps). */
import { z } from 'zod';
import { IconName } from './common.ts';
import { FileSource, URLSource } from './sources.ts';

const taskBase = {
  /** Only shown when the task is inside a workflow. */
  status_indicator: z.enum(['none', 'loading', 'complete']).default('none'),
};

/** A task with a free title, icon and content. */
export const CustomTask = z.object({
  ...taskBase,
  type: z.literal('custom'),
  title: z.string().nullish(),
  icon: IconName.nullish(),
  content: z.string().nullish(),
});
/** A web search with its queries and the pages it found. */
export const SearchTask = z.object({
  ...taskBase,
  type: z.literal('web_search'),
  title: z.string().nullish(),
  title_query: z.string().nullish(),
  queries: z.array(z.string()).default([]),
  sources: z.array(URLSource).default([]),
});
/** A thought (reasoning text). */
export const ThoughtTask = z.object({
  ...taskBase,
  type: z.literal('thought'),
  title: z.string().nullish(),
  content: z.string(),
});
/** Files consulted. */
export const FileTask = z.object({
  ...taskBase,
  type: z.literal('file'),
  title: z.string().nullish(),
  sources: z.array(FileSource).default([]),
});
/** An image being produced. */
export const ImageTask = z.object({
  ...taskBase,
  type: z.literal('image'),
  title: z.string().nullish(),
});

/** Any task, told apart by `type`. */
export const Task = z.discriminatedUnion('type', [CustomTask, SearchTask, ThoughtTask, FileTask, ImageTask]);
export type Task = z.infer<typeof Task>;
export type CustomTask = z.infer<typeof CustomTask>;
export type SearchTask = z.infer<typeof SearchTask>;
export type ThoughtTask = z.infer<typeof ThoughtTask>;
export type FileTask = z.infer<typeof FileTask>;
export type ImageTask = z.infer<typeof ImageTask>;

/** A workflow summary with a title and icon. */
export const CustomSummary = z.object({ title: z.string(), icon: IconName.nullish() });
/** A workflow summary giving how long it took, in whole seconds. */
export const DurationSummary = z.object({ duration: z.number().int() });
/** Either kind of summary (an undiscriminated union, as in the Python SDK). */
export const WorkflowSummary = z.union([CustomSummary, DurationSummary]);
export type WorkflowSummary = z.infer<typeof WorkflowSummary>;

/** A list of tasks shown together, collapsed unless `expanded`. */
export const Workflow = z.object({
  type: z.enum(['custom', 'reasoning']),
  tasks: z.array(Task),
  summary: WorkflowSummary.nullish(),
  expanded: z.boolean().default(false),
});
export type Workflow = z.infer<typeof Workflow>;
