/** What the item views need from the chat: state to show and callbacks for what the user does. */
import type { ActionConfig, Attachment, FeedbackKind, StructuredInputSubmission, WidgetItem } from 'chatkit-local';
import type { Theme } from '../widgets/style.ts';

/** Passed to every item view. */
export interface ItemViewContext {
  theme: Theme;
  /** The item is still streaming. */
  pending: boolean;
  /** A response is in flight (actions that start another one wait). */
  busy: boolean;
  /** Feedback already given on this item. */
  feedback: FeedbackKind | undefined;
  /** Generation progress of a generated image (0..1). */
  imageProgress: number | undefined;
  onRetry(itemId: string): void;
  onFeedback(itemId: string, kind: FeedbackKind): void;
  onCopy(text: string): void;
  onWidgetAction(item: WidgetItem, action: ActionConfig): Promise<void>;
  onStructuredInput(itemId: string, submission: Partial<StructuredInputSubmission>): void;
  onOpenAttachment(attachment: Attachment): void;
}
