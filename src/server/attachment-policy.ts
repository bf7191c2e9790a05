/** What a server accepts as an attachment: how large, which types, and what a file may be called. */
import { ChatKitRequestError } from '../protocol/errors.ts';

/** Limits on attachments, checked when one is created and when its bytes arrive. */
export interface AttachmentPolicy {
  /** The largest attachment in bytes, for every type without a limit of its own in `maxBytesByType`. */
  maxBytes: number;
  /**
   * Limits of their own for some types, in bytes, by MIME pattern as in `allowedMimeTypes`:
   * `{ 'image/*': 10 * 1024 * 1024, 'application/pdf': 50 * 1024 * 1024 }`. The most specific pattern
   * that matches wins (an exact type over its family, a family over `*\/*`); a type none matches has
   * `maxBytes`. A limit here may be larger than `maxBytes`.
   */
  maxBytesByType?: Readonly<Record<string, number>> | undefined;
  /**
   * Accepted MIME types: exact (`application/pdf`), by family (`image/*`), or everything (`*\/*`).
   * Parameters (`; charset=utf-8`) are ignored when matching.
   */
  allowedMimeTypes: readonly string[];
}

/** 32 MiB of any type. */
export const DEFAULT_ATTACHMENT_POLICY: Readonly<AttachmentPolicy> = Object.freeze({
  maxBytes: 32 * 1024 * 1024,
  allowedMimeTypes: Object.freeze(['*/*']),
});

/**
 * Checks a declared attachment against the policy.
 * @throws {ChatKitRequestError} 413 when too large for its type, 415 when the type is not accepted.
 */
export function checkAttachment(policy: AttachmentPolicy, size: number, mimeType: string, field = 'params'): void {
  const { limit, pattern } = sizeLimitOf(policy, mimeType);
  if (size > limit) {
    const which = pattern ? `attachments of type ${pattern}` : 'attachments';
    throw new ChatKitRequestError(`${field}.size: the file is ${size} bytes; ${which} may be at most ${limit} bytes.`, {
      status: 413,
      field: `${field}.size`,
    });
  }
  if (!isAllowedMimeType(policy, mimeType)) {
    throw new ChatKitRequestError(
      `${field}.mime_type: files of type ${mimeType || '(none)'} are not accepted; accepted: ${policy.allowedMimeTypes.join(', ')}.`,
      { status: 415, field: `${field}.mime_type` },
    );
  }
}

/** Whether the policy accepts a MIME type. */
export function isAllowedMimeType(policy: AttachmentPolicy, mimeType: string): boolean {
  return policy.allowedMimeTypes.some((pattern) => specificity(pattern, mimeType) >= 0);
}

/** The largest attachment the policy accepts for `mimeType`, in bytes. */
export function maxAttachmentBytes(policy: AttachmentPolicy, mimeType: string): number {
  return sizeLimitOf(policy, mimeType).limit;
}

/** The largest attachment the policy accepts of any type, in bytes (what an upload may need to read first). */
export function largestAttachmentBytes(policy: AttachmentPolicy): number {
  return Math.max(policy.maxBytes, ...Object.values(policy.maxBytesByType ?? {}));
}

/** The limit for `mimeType`, and the `maxBytesByType` pattern it came from (null for `maxBytes`). */
function sizeLimitOf(policy: AttachmentPolicy, mimeType: string): { limit: number; pattern: string | null } {
  let best: { limit: number; pattern: string | null; rank: number } = {
    limit: policy.maxBytes,
    pattern: null,
    rank: -1,
  };
  for (const [pattern, limit] of Object.entries(policy.maxBytesByType ?? {})) {
    const rank = specificity(pattern, mimeType);
    if (rank > best.rank) best = { limit, pattern, rank };
  }
  return best;
}

/**
 * How specifically a MIME pattern matches a type: 2 for the exact type, 1 for its family
 * (`image/*`), 0 for everything (`*\/*`), -1 when it does not match. Parameters are ignored.
 */
function specificity(pattern: string, mimeType: string): number {
  const [type = '', subtype = ''] = mimeType.split(';')[0]!.trim().toLowerCase().split('/');
  const [allowedType, allowedSubtype] = pattern.split(';')[0]!.trim().toLowerCase().split('/');
  if (!(allowedType === '*' || allowedType === type) || !(allowedSubtype === '*' || allowedSubtype === subtype)) {
    return -1;
  }
  return (allowedType === '*' ? 0 : 1) + (allowedSubtype === '*' ? 0 : 1);
}

const MAX_NAME_LENGTH = 255;

/**
 * A file name safe to store and show: no path (only the part after the last `/` or `\`), no control
 * or bidirectional-override characters, trimmed, at most 255 characters; `file` when nothing is left.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // C0 and C1 controls, and the Unicode direction controls that can disguise an extension.
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').trim();
  const characters = Array.from(cleaned === '.' || cleaned === '..' ? '' : cleaned);
  return characters.slice(0, MAX_NAME_LENGTH).join('') || 'file';
}
