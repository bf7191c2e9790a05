/** What the item views need from the chat: state to show and callbacks for what the user does. */
import type { ChatKitLocalStrings } from '../strings.ts';
import type { ActionConfig, Attachment, FeedbackKind, StructuredInputSubmission, WidgetItem } from '../wire.ts';
import type { Theme } from '../widgets/style.ts';

/** The assistant messages of one turn (between two user messages), for the actions row at its end. */
export interface TurnInfo {
  /** This message ends its turn: the actions row goes under it. */
  end: boolean;
  /** The ids of the turn's assistant messages (feedback applies to them all). */
  messageIds: string[];
  /** The turn's text, as Copy takes it. */
  text: string;
  /** This is the thread's last turn (only it offers Retry). */
  latest: boolean;
}

/** Passed to every item view. */
export interface ItemViewContext {
  theme: Theme;
  strings: ChatKitLocalStrings;
  /** The locale dates and numbers are written in. */
  locale: string;
  /** The item is still streaming. */
  pending: boolean;
  /** The user stopped the reply while this item streamed. */
  stopped: boolean;
  /** A response is in flight (actions that start another one wait). */
  busy: boolean;
  /** Feedback already given on this item's turn. */
  feedback: FeedbackKind | undefined;
  /** Generation progress of a generated image (0..1). */
  imageProgress: number | undefined;
  /** For assistant messages: the turn they belong to. */
  turn: TurnInfo | undefined;
  /** Which message actions are offered (the `threadItemActions` option; copy always is). */
  actions: { feedback: boolean; retry: boolean };
  /** Widget lists the user expanded, by a key of the list, kept across re-renders of the widget. */
  expandedLists: Set<string>;
  onRetry(itemId: string): void;
  onFeedback(itemIds: string[], kind: FeedbackKind): void;
  onCopy(text: string): void;
  onWidgetAction(item: WidgetItem, action: ActionConfig): Promise<void>;
  onStructuredInput(itemId: string, submission: Partial<StructuredInputSubmission>): void;
  onOpenAttachment(attachment: Attachment): void;
  /** An entity (an @-mention tag) was clicked; absent when the app handles no clicks. */
  onEntityClick: ((entity: { id: string; title: string; group?: string | null; data: unknown }) => void) | null;
}
