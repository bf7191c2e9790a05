/**
 * `chatkit-local/agents`: run an OpenAI Agents SDK agent inside `respond`. Needs the optional peer
 * dependency `@openai/agents`; the other entry points never load it.
 */
export * from './agents/index.ts';
