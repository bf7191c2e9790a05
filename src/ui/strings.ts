/**
 * Every piece of text the element shows or announces, in English, with `{name}` placeholders. The
 * `strings` option replaces any of them (for another language, or other wording); `locale` sets the
 * element's language, direction and date formats.
 */

/** The element's built-in English text. Keys are stable: an app's `strings` map names them. */
export const ENGLISH = {
  // The frame
  chat: 'Chat',
  newChat: 'New chat',
  history: 'Chat history',
  historyHeading: 'Chats',
  showHistory: 'Show chats',
  hideHistory: 'Hide chats',
  noChats: 'No chats yet.',
  loadOlderChats: 'Show older chats',
  renameChat: 'Rename “{title}”',
  rename: 'Rename',
  deleteChat: 'Delete “{title}”',
  confirmDeleteChat: 'Delete “{title}”?',
  delete: 'Delete',
  cancel: 'Cancel',
  chatTitle: 'Chat title',
  chatDeleted: 'Chat deleted',
  conversation: 'Conversation',
  jumpToLatest: 'Jump to the latest message',
  // Start screen
  greeting: 'What can I help with today?',
  suggestions: 'Suggestions',
  // Composer
  composer: 'Composer',
  message: 'Message',
  placeholder: 'Message the AI',
  keyboardHint: 'Enter to send, Shift+Enter for a new line, Escape to stop a reply.',
  addAttachments: 'Add attachments',
  attachments: 'Attachments',
  removeAttachment: 'Remove {name}',
  uploading: 'Uploading {name}',
  send: 'Send',
  sendTitle: 'Send (Enter)',
  stop: 'Stop',
  stopTitle: 'Stop (Esc)',
  attachFailed: 'Could not attach {name}: {message}',
  tooManyAttachments: 'At most {count} attachments per message: {name} was not added.',
  fileTooLarge: '{name} is larger than {size}, the most this chat accepts for its type.',
  fileTypeRefused: '{name} is not a type of file this chat accepts.',
  tools: 'Tools',
  toolSelected: 'Tool: {tool}',
  removeTool: 'Stop using {tool}',
  model: 'Model',
  replyingTo: 'Replying to: {text}',
  removeReply: 'Remove the quote',
  threadLocked: 'This chat is locked.',
  threadClosed: 'This chat is closed.',
  // Messages
  copyMessage: 'Copy message',
  copied: 'Copied',
  copyRefused: 'Copying is not allowed here',
  retry: 'Retry',
  goodResponse: 'Good response',
  badResponse: 'Bad response',
  feedbackThanks: 'Thanks for your feedback',
  stopped: 'Stopped',
  sources: 'Sources',
  openAttachment: 'Open attachment {name}',
  reply: 'Reply from the assistant: {text}',
  responding: 'The assistant is replying…',
  // Items
  runningTool: 'Running {name} in this page…',
  ranTool: 'Ran {name} in this page',
  toolArguments: 'Arguments',
  toolOutput: 'Output',
  generatedImage: 'Generated image',
  imageProgress: 'Image progress',
  makingImage: 'Making an image… {percent}%',
  thinking: 'Thinking…',
  working: 'Working…',
  thoughtFor: 'Thought for {duration}',
  workedFor: 'Worked for {duration}',
  oneStep: '1 step',
  steps: '{count} steps',
  thought: 'Thought',
  searchedFor: 'Searched for “{query}”',
  searchedWeb: 'Searched the web',
  readFiles: 'Read files',
  madeImage: 'Made an image',
  inProgress: 'In progress',
  done: 'Done',
  questions: 'Questions from the assistant',
  otherAnswer: 'Or write your own answer',
  otherAnswerTo: 'Other answer to: {question}',
  skip: 'Skip',
  submitAnswers: 'Submit answers',
  questionsSkipped: 'Questions skipped',
  answered: 'Answered',
  skipped: 'Skipped',
  itemFailed: 'This message could not be displayed.',
  // Widgets and Markdown
  showMore: 'Show {count} more',
  showDetails: 'Show details',
  choose: 'Choose…',
  confirm: 'Confirm',
  unsupportedComponent: 'Unsupported component: {type}',
  imageNotLoaded: 'Image not loaded: it is not stored in this page',
  image: 'Image',
  chartOf: 'Chart of {series}',
  copyCode: 'Copy code',
  copy: 'Copy',
  linkRefused: 'Link not opened: only http, https and mailto links are allowed',
  imagePlaceholder: '[image: {alt}]',
  untitledImage: 'untitled',
  taskDone: 'done',
  taskNotDone: 'not done',
  // Attachments
  attachmentPreview: 'Attachment preview',
  closePreview: 'Close preview',
  download: 'Download',
  // Errors
  somethingWentWrong: 'Something went wrong.',
  streamError: 'Something went wrong while generating the response.',
  loadChatsFailed: 'Could not load your chats: {message}',
  openChatFailed: 'Could not open this chat: {message}',
  fileOpenFailed: 'The file could not be opened ({status}).',
  hostedApi:
    'This chat needs a ChatKit server at a URL (api.url); a hosted configuration (getClientSecret) has no server to reach here.',
  notConfigured: 'This chat has no server yet: call setOptions with api.url.',
};

/** The element's strings, by key (see {@link ENGLISH}). */
export type ChatKitLocalStrings = { [K in keyof typeof ENGLISH]: string };

/** A string key. */
export type StringKey = keyof ChatKitLocalStrings;

/** The strings in use: the built-in ones with an app's replacements over them. */
export function resolveStrings(overrides: Partial<ChatKitLocalStrings> | undefined): ChatKitLocalStrings {
  const strings: ChatKitLocalStrings = { ...ENGLISH };
  for (const key of Object.keys(ENGLISH) as StringKey[]) {
    const value = overrides?.[key];
    if (typeof value === 'string') strings[key] = value;
  }
  return strings;
}

/** `template` with each `{name}` replaced by `values[name]` (unknown names are left as written). */
export function format(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : match,
  );
}

/**
 * `template` as parts, each `{name}` replaced by the node in `values`: text that needs markup in it
 * (a tool's name in `<code>`) without ever building HTML from a string.
 */
export function formatNodes(template: string, values: Readonly<Record<string, Node>>): (string | Node)[] {
  const parts: (string | Node)[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const node = Object.hasOwn(values, match[1]!) ? values[match[1]!] : undefined;
    if (!node) continue;
    parts.push(template.slice(last, match.index), node);
    last = match.index + match[0].length;
  }
  parts.push(template.slice(last));
  return parts.filter((part) => part !== '');
}

/** Languages written right to left (by primary subtag). */
const RIGHT_TO_LEFT = new Set(['ar', 'fa', 'he', 'ur', 'ps', 'sd', 'ug', 'yi', 'dv', 'ckb']);

/** The text direction of a locale. */
export function directionOf(locale: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale.split('-')[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}
