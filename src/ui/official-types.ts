/**
 * The shapes of the official ChatKit element's options, events and method parameters, declared here
 * so that the package's declarations need no other package (the official types package does not
 * compile under `moduleResolution: nodenext`). Where the official types list names (icons, locales),
 * these take any string, so every official value is accepted; a type test in this repository checks
 * that each official `ChatKitOptions` value, method parameter and event is one of these.
 */
import type { WidgetRoot } from '../protocol/widgets.ts';

/** `'light'` or `'dark'`. */
export type ColorScheme = 'light' | 'dark';

/** An icon name: a ChatKit icon (`'sparkle'`, `'book-open'`...) or `lucide:<name>`. */
export type IconName = string;

/** How files reach the server: ChatKit's two upload strategies. */
export type FileUploadStrategy = { type: 'two_phase' } | { type: 'direct'; uploadUrl: string };

/** A server at a URL (what this element uses). */
export interface CustomApiConfig {
  /** The ChatKit endpoint, relative or absolute. */
  url: string;
  /** The fetch to call it with (the one `createChatKitFetch` returns reaches a worker). */
  fetch?: typeof fetch | undefined;
  /** The official element's domain check key; accepted and ignored here. */
  domainKey?: string | undefined;
  /** How attachments are uploaded (default two-phase). */
  uploadStrategy?: FileUploadStrategy | undefined;
}

/** OpenAI-hosted ChatKit (a client secret); accepted, but there is no server to reach here. */
export interface HostedApiConfig {
  getClientSecret: (currentClientSecret: string | null) => Promise<string>;
}

/** A webfont for `theme.typography.fontSources`. */
export interface FontObject {
  family: string;
  src: string;
  weight?: string | number | undefined;
  style?: 'normal' | 'italic' | 'oblique' | undefined;
  display?: 'auto' | 'block' | 'swap' | 'fallback' | 'optional' | undefined;
  unicodeRange?: string | undefined;
}

/** Neutral colours derived from a hue: `tint` 0-9, `shade` -4..4. */
export interface GrayscaleOptions {
  hue: number;
  tint: number;
  shade?: number | undefined;
}

/** The `theme` option's object form. */
export interface ThemeOption {
  colorScheme?: ColorScheme | undefined;
  typography?:
    | {
        baseSize?: number | undefined;
        fontSources?: FontObject[] | undefined;
        fontFamily?: string | undefined;
        fontFamilyMono?: string | undefined;
      }
    | undefined;
  radius?: 'pill' | 'round' | 'soft' | 'sharp' | undefined;
  density?: 'compact' | 'normal' | 'spacious' | undefined;
  color?:
    | {
        grayscale?: GrayscaleOptions | undefined;
        accent?: { primary: string; level: number } | undefined;
        surface?: { background: string; foreground: string } | undefined;
      }
    | undefined;
}

/** A custom header button. */
export interface HeaderAction {
  icon: IconName;
  onClick: () => void;
  /** The button's accessible name (and tooltip); without it the icon's name is used. (Ours.) */
  label?: string | undefined;
}

/** The `header` option. */
export interface HeaderOption {
  enabled?: boolean | undefined;
  title?: { enabled?: boolean | undefined; text?: string | undefined } | undefined;
  leftAction?: HeaderAction | undefined;
  rightAction?: HeaderAction | undefined;
}

/** The `history` option. */
export interface HistoryOption {
  enabled?: boolean | undefined;
  showDelete?: boolean | undefined;
  showRename?: boolean | undefined;
}

/** Structured message content: text, or an entity tag. */
export type UserMessageContent =
  | { type: 'input_text'; text: string }
  | {
      type: 'input_tag';
      text: string;
      id: string;
      group?: string | undefined;
      data?: Record<string, unknown> | undefined;
      interactive?: boolean | undefined;
    };

/** A start-screen prompt: sent as a user message when picked. */
export interface StartScreenPrompt {
  label: string;
  prompt: string | UserMessageContent[];
  icon?: IconName | undefined;
}

/** The `startScreen` option. */
export interface StartScreenOption {
  greeting?: string | undefined;
  prompts?: StartScreenPrompt[] | undefined;
  /** A short paragraph under the greeting (plain text). (Ours.) */
  description?: string | undefined;
}

/** A tool the user may pick in the composer. */
export interface ToolOption {
  id: string;
  label: string;
  icon: IconName;
  shortLabel?: string | undefined;
  placeholderOverride?: string | undefined;
  pinned?: boolean | undefined;
  persistent?: boolean | undefined;
}

/** A model the user may pick in the composer. */
export interface ModelOption {
  id: string;
  label: string;
  description?: string | undefined;
  disabled?: boolean | undefined;
  default?: boolean | undefined;
}

/** The `composer` option. */
export interface ComposerOption {
  placeholder?: string | undefined;
  attachments?:
    | {
        enabled: boolean;
        /** Bytes, for every file or by MIME type pattern (`'image/*'`; `'*'` or `''` for the rest). */
        maxSize?: number | Record<string, number> | undefined;
        maxCount?: number | undefined;
        /** MIME types (or patterns) to the file extensions accepted for them. */
        accept?: Record<string, string[]> | undefined;
      }
    | undefined;
  tools?: ToolOption[] | undefined;
  models?: ModelOption[] | undefined;
  dictation?: { enabled: boolean } | undefined;
}

/** Something a message can refer to (a person, a document...), shown as a tag. */
export interface Entity {
  title: string;
  id: string;
  icon?: string | undefined;
  interactive?: boolean | undefined;
  group?: string | undefined;
  data?: Record<string, string> | undefined;
}

/** The `entities` option. */
export interface EntitiesOption {
  onTagSearch?: ((query: string) => Promise<Entity[]>) | undefined;
  showComposerMenu?: boolean | undefined;
  // Methods, not function properties: their parameters are compared both ways, so the official
  // types' narrower ones (icon names) are accepted.
  onClick?(entity: Entity): void;
  onRequestPreview?(entity: Entity): Promise<{ preview: unknown }>;
}

/** A command of the composer's `/` menu. */
export interface Command {
  id: string;
  label: string;
  description?: string | undefined;
  icon?: IconName | undefined;
  group?: string | undefined;
}

/** The `commands` option. */
export interface CommandsOption {
  enabled: boolean;
  onSearch?: ((query: string) => Promise<Command[]>) | undefined;
  onSelect?(
    command: Command,
  ): Promise<void | { type: 'entity'; entity: Entity } | { type: 'menu'; commands: Command[] }>;
}

/** A widget action handled by the page (`handler: "client"`). */
export interface WidgetsOption {
  onAction?(
    action: { type: string; payload?: Record<string, unknown> },
    widgetItem: { id: string; widget: WidgetRoot },
  ): Promise<void> | void;
}

/** Options every official element takes, in the shapes above. */
export interface ChatKitCommonOptions {
  api: CustomApiConfig | HostedApiConfig;
  locale?: string | undefined;
  theme?: ColorScheme | ThemeOption | undefined;
  frameTitle?: string | undefined;
  initialThread?: string | null | undefined;
  onClientTool?:
    | ((toolCall: {
        name: string;
        params: Record<string, unknown>;
      }) => Promise<Record<string, unknown>> | Record<string, unknown>)
    | undefined;
  header?: HeaderOption | undefined;
  history?: HistoryOption | undefined;
  startScreen?: StartScreenOption | undefined;
  threadItemActions?: { feedback?: boolean | undefined; retry?: boolean | undefined } | undefined;
  composer?: ComposerOption | undefined;
  disclaimer?: { text: string; highContrast?: boolean | undefined } | undefined;
  entities?: EntitiesOption | undefined;
  commands?: CommandsOption | undefined;
  widgets?: WidgetsOption | undefined;
  thread?: { autoScroll?: boolean | undefined } | undefined;
}

/** An attachment already on the server, for `sendUserMessage` and `setComposerValue`. */
export interface UploadedAttachment {
  type: string;
  id: string;
  name: string;
  mime_type: string;
  [field: string]: unknown;
}

/** The parameters of `sendUserMessage`. */
export interface SendUserMessageParams {
  text?: string | undefined;
  content?: UserMessageContent[] | undefined;
  reply?: string | undefined;
  attachments?: UploadedAttachment[] | undefined;
  newThread?: boolean | undefined;
  toolChoice?: { id: string } | undefined;
  model?: string | undefined;
}

/** The parameters of `setComposerValue`. */
export interface SetComposerValueParams {
  text?: string | undefined;
  content?: UserMessageContent[] | undefined;
  reply?: string | undefined;
  attachments?: UploadedAttachment[] | undefined;
  files?: File[] | undefined;
  selectedToolId?: string | null | undefined;
  selectedModelId?: string | undefined;
}

/** The element's `chatkit.*` events, by name (the official element's, with the same `detail`s). */
export interface ChatKitEvents {
  'chatkit.ready': CustomEvent<void>;
  'chatkit.error': CustomEvent<{ error: Error }>;
  'chatkit.effect': CustomEvent<{ name: string; data?: Record<string, unknown> }>;
  'chatkit.deeplink': CustomEvent<{ name: string; data?: Record<string, unknown> }>;
  'chatkit.response.start': CustomEvent<void>;
  'chatkit.response.end': CustomEvent<void>;
  'chatkit.history.open': CustomEvent<void>;
  'chatkit.history.close': CustomEvent<void>;
  'chatkit.thread.change': CustomEvent<{ threadId: string | null }>;
  'chatkit.thread.load.start': CustomEvent<{ threadId: string }>;
  'chatkit.thread.load.end': CustomEvent<{ threadId: string }>;
  'chatkit.tool.change': CustomEvent<{ toolId: string | null }>;
  'chatkit.log': CustomEvent<{ name: string; data?: Record<string, unknown> }>;
}
