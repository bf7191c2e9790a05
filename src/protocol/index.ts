/** The ChatKit wire protocol: zod schemas (the single source of every wire type), parsing and writing. */
export * from './common.ts';
export * from './sources.ts';
export * from './attachments.ts';
export * from './workflow.ts';
export * from './widgets.ts';
export * from './widget-components.ts';
export * from './input.ts';
export * from './items.ts';
export * from './thread.ts';
export * from './updates.ts';
export * from './item-update.ts';
export * from './events.ts';
export * from './readonly.ts';
export * from './requests.ts';
export * from './errors.ts';
export * from './parse.ts';
export * from './serialize.ts';
