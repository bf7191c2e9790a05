/**
 * `chatkit-local/ui`: the chat UI as a custom element, `<chatkit-local-chat>`, a drop-in for the
 * official `<openai-chatkit>`: the same options, methods and `chatkit.*` events, offline and open.
 * Importing this module defines the element (once).
 */
import { ChatKitLocalChat, defineChatElement } from './ui/element.ts';

export {
  ChatKitLocalChat,
  defineChatElement,
  type ChatKitLocalEvents,
  type SendUserMessageParams,
  type SetComposerValueParams,
} from './ui/element.ts';
export type {
  ChatKitLocalApiConfig,
  ChatKitLocalHeaderAction,
  ChatKitLocalHeaderOption,
  ChatKitLocalOptions,
  ChatKitLocalStartScreenOption,
} from './ui/options.ts';
export { ENGLISH as CHATKIT_LOCAL_ENGLISH, type ChatKitLocalStrings } from './ui/strings.ts';
export { THEME_PROPERTIES } from './ui/theme.ts';

defineChatElement();

declare global {
  interface HTMLElementTagNameMap {
    'chatkit-local-chat': ChatKitLocalChat;
  }
}
