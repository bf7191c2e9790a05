/** Default ids: the Python SDK's prefixes followed by 64 random bits in hex (`thr_9f86d081884c7d65`). */
import type { StoreItemType } from './types.ts';

/** The id prefix of each {@link StoreItemType}, as the Python SDK uses them. */
export const ID_PREFIXES: Readonly<Record<StoreItemType, string>> = {
  thread: 'thr',
  message: 'msg',
  tool_call: 'tc',
  task: 'tsk',
  workflow: 'wf',
  attachment: 'atc',
  sdk_hidden_context: 'shcx',
};

/** A new random id for `itemType`: its prefix, `_`, and 16 hex digits from the platform's CSPRNG. */
export function defaultGenerateId(itemType: StoreItemType): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${ID_PREFIXES[itemType]}_${hex}`;
}
