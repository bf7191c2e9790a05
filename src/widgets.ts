/** `chatkit-local/widgets`: widget builders, streaming and diffing, and `.widget` templates. */
export * from './widgets/index.ts';
