/**
 * The element's options: every value of the official element's `ChatKitOptions` (from
 * `@openai/chatkit`, so an app switching over keeps its options object as it is), with a few
 * additions of ours. What each option does here, and which are not supported yet, is in the README's
 * options table; unsupported options are accepted and ignored.
 */
import type {
  ChatKitOptions,
  ColorScheme,
  CustomApiConfig,
  HeaderIcon,
  HeaderOption,
  HostedApiConfig,
  StartScreenOption,
  SupportedLocale,
  ThemeOption,
} from '@openai/chatkit';
import type { ChatKitLocalStrings } from './strings.ts';

/**
 * How the element reaches the server: the official `CustomApiConfig`, with `domainKey` optional
 * (it is accepted and ignored: there is no OpenAI domain check to pass).
 */
export type ChatKitLocalApiConfig = Omit<CustomApiConfig, 'domainKey'> & {
  /** Ignored; accepted so that the official options object needs no change. */
  domainKey?: string | undefined;
};

/** A custom header button: the official one, plus an accessible name. */
export interface ChatKitLocalHeaderAction {
  icon: HeaderIcon;
  onClick: () => void;
  /** The button's accessible name (and tooltip); without it the icon's name is used. */
  label?: string | undefined;
}

/** The header: the official options, with labelled custom buttons. */
export type ChatKitLocalHeaderOption = Omit<HeaderOption, 'leftAction' | 'rightAction'> & {
  leftAction?: ChatKitLocalHeaderAction | undefined;
  rightAction?: ChatKitLocalHeaderAction | undefined;
};

/** The start screen: the official options, plus a line of text under the greeting. */
export type ChatKitLocalStartScreenOption = StartScreenOption & {
  /** A short paragraph under the greeting (plain text). */
  description?: string | undefined;
};

/**
 * The options of `<chatkit-local-chat>`. Every `ChatKitOptions` value is one of these (a type test
 * checks it against `@openai/chatkit`); the additions are `strings`, the header buttons' `label` and
 * `startScreen.description`.
 */
export type ChatKitLocalOptions = Omit<ChatKitOptions, 'api' | 'locale' | 'header' | 'startScreen'> & {
  /**
   * The server. `url` and `fetch` (pass the one `createChatKitFetch` returns to reach a worker),
   * `uploadStrategy` for attachments (default two-phase). A hosted config (`getClientSecret`) is
   * accepted but has no server to reach: the element reports a `chatkit.error` and shows why.
   */
  api: ChatKitLocalApiConfig | HostedApiConfig;
  /**
   * The language of the element: its `lang`, its text direction, and how dates are written. Strings
   * come from the built-in English unless `strings` replaces them.
   */
  locale?: SupportedLocale | (string & {}) | undefined;
  header?: ChatKitLocalHeaderOption | undefined;
  startScreen?: ChatKitLocalStartScreenOption | undefined;
  /** Replacements for any of the element's own strings (see `ChatKitLocalStrings`). */
  strings?: Partial<ChatKitLocalStrings> | undefined;
};

/** The `theme` option, as the element reads it. */
export function themeOptionOf(options: Pick<ChatKitOptions, 'theme'>): ThemeOption {
  const { theme } = options;
  if (theme === undefined) return {};
  return typeof theme === 'string' ? { colorScheme: theme } : theme;
}

/** The color scheme the options ask for, or null for the system's. */
export function colorSchemeOf(options: Pick<ChatKitOptions, 'theme'>): ColorScheme | null {
  return themeOptionOf(options).colorScheme ?? null;
}

/** Whether `api` is a config the element can use (a URL), rather than a hosted one. */
export function isLocalApi(api: ChatKitLocalOptions['api']): api is ChatKitLocalApiConfig {
  return typeof (api as Partial<ChatKitLocalApiConfig>).url === 'string';
}
