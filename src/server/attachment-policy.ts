/** What a server accepts as an attachment: how large, which types, and what a file may be called. */
import { ChatKitRequestError } from '../protocol/errors.ts';

/** Limits on attachments, checked when one is created and when its bytes arrive. */
export interface AttachmentPolicy {
  /** The largest attachment in bytes. */
  maxBytes: number;
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
 * @throws {ChatKitRequestError} 413 when too large, 415 when the type is not accepted.
 */
export function checkAttachment(policy: AttachmentPolicy, size: number, mimeType: string, field = 'params'): void {
  if (size > policy.maxBytes) {
    throw new ChatKitRequestError(
      `${field}.size: the file is ${size} bytes; attachments may be at most ${policy.maxBytes} bytes.`,
      { status: 413, field: `${field}.size` },
    );
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
  const [type = '', subtype = ''] = mimeType.split(';')[0]!.trim().toLowerCase().split('/');
  return policy.allowedMimeTypes.some((pattern) => {
    const [allowedType, allowedSubtype] = pattern.toLowerCase().split('/');
    return (allowedType === '*' || allowedType === type) && (allowedSubtype === '*' || allowedSubtype === subtype);
  });
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
