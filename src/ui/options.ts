/**
 * The element's options: every value of the official element's `ChatKitOptions` (an app switching
 * over keeps its options object as it is; the shapes are in ./official-types.ts), with a few
 * additions of ours. What each option does here, and which are not supported yet, is in the README's
 * options table; unsupported options are accepted and ignored.
 */
import type {
  ChatKitCommonOptions,
  ColorScheme,
  CustomApiConfig,
  HeaderAction,
  HeaderOption,
  StartScreenOption,
  ThemeOption,
} from './official-types.ts';
import type { ChatKitLocalStrings } from './strings.ts';

/** How the element reaches the server: `url`, `fetch`, `uploadStrategy` (`domainKey` is ignored). */
export type ChatKitLocalApiConfig = CustomApiConfig;

/** A custom header button: the official one, plus an accessible name (`label`). */
export type ChatKitLocalHeaderAction = HeaderAction;

/** The header: the official options, with labelled custom buttons. */
export type ChatKitLocalHeaderOption = HeaderOption;

/** The start screen: the official options, plus a line of text under the greeting (`description`). */
export type ChatKitLocalStartScreenOption = StartScreenOption;

/**
 * The options of `<chatkit-local-chat>`. Every official `ChatKitOptions` value is one of these (a
 * type test checks it against `@openai/chatkit`); the additions are `strings`, the header buttons'
 * `label` and `startScreen.description`.
 */
export interface ChatKitLocalOptions extends ChatKitCommonOptions {
  /** Replacements for any of the element's own strings (see `ChatKitLocalStrings`). */
  strings?: Partial<ChatKitLocalStrings> | undefined;
}

/** The `theme` option, as the element reads it. */
export function themeOptionOf(options: Pick<ChatKitLocalOptions, 'theme'>): ThemeOption {
  const { theme } = options;
  if (theme === undefined) return {};
  return typeof theme === 'string' ? { colorScheme: theme } : theme;
}

/** The color scheme the options ask for, or null when they do not say. */
export function colorSchemeOf(options: Pick<ChatKitLocalOptions, 'theme'>): ColorScheme | null {
  return themeOptionOf(options).colorScheme ?? null;
}

/** Whether `api` is a config the element can use (a URL), rather than a hosted one. */
export function isLocalApi(api: ChatKitLocalOptions['api']): api is ChatKitLocalApiConfig {
  return typeof (api as Partial<ChatKitLocalApiConfig>).url === 'string';
}
