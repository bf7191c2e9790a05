/**
 * Which ids an import gives its threads and attachments. Import only adds: it never replaces or merges
 * into what a scope already holds. So an exported id is kept when it is free in the scope, and a taken
 * one gets a new id, with every reference to it rewritten (items' `thread_id`, attachments' `thread_id`,
 * the attachments embedded in user messages, and upload and preview URLs that name the id as a path
 * segment, as the default ones do). Item ids need no renaming: they are per thread, and an imported
 * thread is always new.
 */
import type { Attachment } from '../../protocol/attachments.ts';
import type { ThreadItem } from '../../protocol/items.ts';
import type { DecodedExport, DecodedFile, ThreadWithItems } from './build.ts';
import type { ImportSummary } from './types.ts';

/** What the planner asks the target store. */
export interface IdSource {
  /** Whether the scope already has a thread with this id. */
  threadTaken(id: string): boolean;
  /** Whether the scope already has an attachment with this id. */
  attachmentTaken(id: string): boolean;
  /** A fresh thread id (the store's generator). */
  newThreadId(): string;
  /** A fresh attachment id (the attachment store's generator, or the default one). */
  newAttachmentId(mimeType: string): string;
}

/** An import with its final ids: exactly what the store writes. */
export interface ImportPlan {
  threads: ThreadWithItems[];
  attachments: Array<{ attachment: Attachment; file: DecodedFile | null }>;
  renamed: ImportSummary['renamed'];
}

/** Tries before giving up on finding a free id: a generator that keeps answering taken ids is broken. */
const MAX_ID_TRIES = 100;

/** Gives every thread and attachment of `data` its id in the target scope and rewrites references. */
export function planImport(data: DecodedExport, ids: IdSource): ImportPlan {
  const planned = { threads: new Set<string>(), attachments: new Set<string>() };
  // Ids the export keeps are reserved first, so a new id never lands on one of them.
  for (const { thread } of data.threads) if (!ids.threadTaken(thread.id)) planned.threads.add(thread.id);
  for (const { attachment } of data.attachments) {
    if (!ids.attachmentTaken(attachment.id)) planned.attachments.add(attachment.id);
  }
  const threadIds = new Map<string, string>();
  for (const { thread } of data.threads) {
    if (planned.threads.has(thread.id)) continue;
    const fresh = freshId(
      () => ids.newThreadId(),
      (id) => ids.threadTaken(id) || planned.threads.has(id),
      'thread',
    );
    planned.threads.add(fresh);
    threadIds.set(thread.id, fresh);
  }
  const attachmentIds = new Map<string, string>();
  for (const { attachment } of data.attachments) {
    if (planned.attachments.has(attachment.id)) continue;
    const fresh = freshId(
      () => ids.newAttachmentId(attachment.mime_type),
      (id) => ids.attachmentTaken(id) || planned.attachments.has(id),
      'attachment',
    );
    planned.attachments.add(fresh);
    attachmentIds.set(attachment.id, fresh);
  }

  const renameAttachment = (attachment: Attachment): Attachment => {
    const id = attachmentIds.get(attachment.id);
    const threadId = typeof attachment.thread_id === 'string' ? threadIds.get(attachment.thread_id) : undefined;
    if (id === undefined && threadId === undefined) return attachment;
    const renamed: Attachment = { ...attachment };
    if (threadId !== undefined) renamed.thread_id = threadId;
    if (id !== undefined) {
      renamed.id = id;
      if (renamed.upload_descriptor) {
        renamed.upload_descriptor = {
          ...renamed.upload_descriptor,
          url: renameInUrl(renamed.upload_descriptor.url, attachment.id, id),
        };
      }
      if (renamed.type === 'image') renamed.preview_url = renameInUrl(renamed.preview_url, attachment.id, id);
    }
    return renamed;
  };
  const renameItem = (item: ThreadItem, threadId: string): ThreadItem => {
    const renamed = item.thread_id === threadId ? item : { ...item, thread_id: threadId };
    return renamed.type === 'user_message'
      ? { ...renamed, attachments: renamed.attachments.map(renameAttachment) }
      : renamed;
  };

  return {
    threads: data.threads.map(({ thread, items }) => {
      const id = threadIds.get(thread.id) ?? thread.id;
      return {
        thread: id === thread.id ? thread : { ...thread, id },
        items: items.map((item) => renameItem(item, id)),
      };
    }),
    attachments: data.attachments.map(({ attachment, file }) => ({ attachment: renameAttachment(attachment), file })),
    renamed: { threads: Object.fromEntries(threadIds), attachments: Object.fromEntries(attachmentIds) },
  };
}

/** The summary `importData` returns for a plan it wrote. */
export function summarize(plan: ImportPlan): ImportSummary {
  return {
    threads: plan.threads.length,
    items: plan.threads.reduce((sum, { items }) => sum + items.length, 0),
    attachments: plan.attachments.length,
    files: plan.attachments.filter(({ file }) => file !== null).length,
    threadIds: plan.threads.map(({ thread }) => thread.id),
    renamed: plan.renamed,
  };
}

function freshId(generate: () => string, taken: (id: string) => boolean, what: string): string {
  for (let i = 0; i < MAX_ID_TRIES; i++) {
    const id = generate();
    if (!taken(id)) return id;
  }
  throw new Error(
    `Could not find a free ${what} id in ${MAX_ID_TRIES} tries: the id generator keeps repeating itself.`,
  );
}

/** `url` with each path segment that is `from` (raw or URL-encoded) replaced by `to` (URL-encoded). */
function renameInUrl(url: string, from: string, to: string): string {
  const [path = '', ...rest] = url.split(/(?=[?#])/);
  const encodedFrom = encodeURIComponent(from);
  const renamed = path
    .split('/')
    .map((segment) => (segment === from || segment === encodedFrom ? encodeURIComponent(to) : segment))
    .join('/');
  return renamed + rest.join('');
}
