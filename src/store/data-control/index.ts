/** Data control: export and import in a versioned JSON format, delete-everything, and retention. */
export * from './types.ts';
export * from './errors.ts';
export {
  ChatKitExport,
  ExportedAttachment,
  ExportedFile,
  ExportedThread,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  parseExport,
} from './format.ts';
export { exportThroughStore, importThroughStore } from './generic.ts';
export { DEFAULT_RETENTION_INTERVAL_MS, type RetentionOptions } from './retention.ts';
