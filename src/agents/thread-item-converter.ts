/**
 * `ThreadItemConverter`: stored thread items as Agents SDK model input, with the texts of the Python
 * SDK's converter. Each item type has its own overridable method; attachments and @-mention tags
 * have no default conversion (it depends on where your files and entities live), so those methods
 * throw until overridden.
 */
import type { AgentInputItem, protocol } from '@openai/agents';
import type {
  AssistantMessageItem,
  ClientToolCallItem,
  EndOfTurnItem,
  GeneratedImageItem,
  HiddenContextItem,
  SDKHiddenContextItem,
  StructuredInputItem,
  TaskItem,
  ThreadItem,
  UserMessageItem,
  WidgetItem,
  WorkflowItem,
} from '../protocol/items.ts';
import type { Attachment } from '../protocol/attachments.ts';
import type { UserMessageTagContent } from '../protocol/input.ts';
import type { Task } from '../protocol/workflow.ts';
import { widgetJsonForModel } from './widget-json.ts';
import { isCheckpointItem } from '../server/checkpoint.ts';

/** A content part of a user message to the model: text, an image, a file or audio. */
export type UserInputContent = protocol.UserContent;

/** What a conversion method returns: one item, several, or nothing. */
export type ConvertedInput = AgentInputItem | AgentInputItem[] | null | undefined;

/** Thrown by a conversion the integration has to provide (attachments, tags, non-text hidden context). */
export class ConversionNotImplementedError extends Error {
  override name = 'ConversionNotImplementedError';
}

/** The header of the message that gives the model the entities a user @-mentioned. */
export const TAG_CONTEXT_HEADER =
  "# User-provided context for @-mentions\n- When referencing resolved entities, use their canonical names **without** '@'.\n- The '@' form appears only in user text and should not be echoed.";

/** A user-role message holding one text part. */
function userText(text: string): protocol.UserMessageItem {
  return { type: 'message', role: 'user', content: [{ type: 'input_text', text }] };
}

function hiddenContextText(content: string): string {
  return `Hidden context for the agent (not shown to the user):\n<HiddenContext>\n${content}\n</HiddenContext>`;
}

/** The text for a custom task that has a title or content; null for any other task. */
function performedTaskText(task: Task): string | null {
  if (task.type !== 'custom' || (!task.title && !task.content)) return null;
  const title = task.title ?? '';
  const content = task.content ?? '';
  const text = title && content ? `${title}: ${content}` : title || content;
  return `A message was displayed to the user that the following task was performed:\n<Task>\n${text}\n</Task>`;
}

/**
 * Converts thread items to Agents SDK input. Subclass it to change how an item type reaches the
 * model; `attachmentToMessageContent` (when users can attach files) and `tagToMessageContent` (when
 * they can @-mention entities) must be overridden before those features are used.
 */
export class ThreadItemConverter {
  /**
   * An attachment of a user message as a content part, such as
   * `{ type: 'input_image', image: url }` or `{ type: 'input_file', file: { url } }`.
   * @throws {ConversionNotImplementedError} by default.
   */
  async attachmentToMessageContent(attachment: Attachment): Promise<UserInputContent> {
    throw new ConversionNotImplementedError(
      `A user message has an attachment (${attachment.name}), but ThreadItemConverter.attachmentToMessageContent is not implemented: ` +
        'subclass ThreadItemConverter and override it to turn attachments into input_image or input_file content.',
    );
  }

  /**
   * An @-mentioned entity as context for the model (usually an `input_text` describing it).
   * @throws {ConversionNotImplementedError} by default.
   */
  async tagToMessageContent(tag: UserMessageTagContent): Promise<UserInputContent> {
    throw new ConversionNotImplementedError(
      `A user message @-mentions "${tag.text}", but ThreadItemConverter.tagToMessageContent is not implemented: ` +
        'subclass ThreadItemConverter and override it to describe the entity to the model.',
    );
  }

  /**
   * A user message: its text (tags written `@text`) and attachments; then, for the last item only,
   * the quoted text; then the @-mentioned entities (each once).
   */
  async userMessageToInput(item: UserMessageItem, isLastMessage = true): Promise<ConvertedInput> {
    const text = item.content.map((part) => (part.type === 'input_text' ? part.text : `@${part.text}`)).join('');
    const attachments: UserInputContent[] = [];
    for (const attachment of item.attachments) attachments.push(await this.attachmentToMessageContent(attachment));
    const out: AgentInputItem[] = [
      { type: 'message', role: 'user', content: [{ type: 'input_text', text }, ...attachments] },
    ];

    // Quoted text only matters for the message being answered.
    if (item.quoted_text && isLastMessage) {
      out.push(userText(`The user is referring to this in particular: \n${item.quoted_text}`));
    }

    const tags = new Map<string, UserMessageTagContent>();
    for (const part of item.content) if (part.type === 'input_tag' && !tags.has(part.text)) tags.set(part.text, part);
    if (tags.size > 0) {
      const context: UserInputContent[] = [];
      for (const tag of tags.values()) context.push(await this.tagToMessageContent(tag));
      out.push({
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: TAG_CONTEXT_HEADER }, ...context],
      });
    }
    return out;
  }

  /** An assistant message, one `output_text` part per content part (citations are not sent back). */
  async assistantMessageToInput(item: AssistantMessageItem): Promise<ConvertedInput> {
    return {
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: item.content.map((part) => ({ type: 'output_text' as const, text: part.text })),
    };
  }

  /**
   * A completed client tool call as the function call and its result (arguments and output as
   * JSON). A pending one is left out: the model cannot see a call without its result.
   */
  async clientToolCallToInput(item: ClientToolCallItem): Promise<ConvertedInput> {
    if (item.status === 'pending') return null;
    return [
      { type: 'function_call', callId: item.call_id, name: item.name, arguments: JSON.stringify(item.arguments) },
      {
        type: 'function_call_result',
        callId: item.call_id,
        name: item.name,
        status: 'completed',
        output: JSON.stringify(item.output ?? null),
      },
    ];
  }

  /** Nothing: end-of-turn items are UI hints. */
  async endOfTurnToInput(_item: EndOfTurnItem): Promise<ConvertedInput> {
    return null;
  }

  /** A widget as a sentence followed by its JSON. */
  async widgetToInput(item: WidgetItem): Promise<ConvertedInput> {
    return userText(
      `The following graphical UI widget (id: ${item.id}) was displayed to the user:${widgetJsonForModel(item.widget)}`,
    );
  }

  /** One message per custom task (with a title or content) of a workflow; other tasks are left out. */
  async workflowToInput(item: WorkflowItem): Promise<ConvertedInput> {
    const out: AgentInputItem[] = [];
    for (const task of item.workflow.tasks) {
      const text = performedTaskText(task);
      if (text !== null) out.push(userText(text));
    }
    return out;
  }

  /** A custom task (with a title or content) as a message; nothing for other tasks. */
  async taskToInput(item: TaskItem): Promise<ConvertedInput> {
    const text = performedTaskText(item.task);
    return text === null ? null : userText(text);
  }

  /** A structured input request with its status and one line per question. */
  async structuredInputToInput(item: StructuredInputItem): Promise<ConvertedInput> {
    const lines = item.inputs.map((question) => {
      const { answer } = question;
      if (!answer) return `- ${question.question}: unanswered`;
      if (answer.skipped) return `- ${question.question}: skipped`;
      return `- ${question.question}: ${answer.values.join(', ')}`;
    });
    return userText(
      `A structured input request was displayed to the user with the following status: ${item.status}\n<StructuredInput>\n${lines.join('\n')}\n</StructuredInput>`,
    );
  }

  /**
   * Hidden context as a wrapped message.
   * @throws {ConversionNotImplementedError} when its content is not a string: override this method
   *   to decide how structured hidden context reaches the model.
   */
  async hiddenContextToInput(item: HiddenContextItem): Promise<ConvertedInput> {
    if (typeof item.content !== 'string') {
      throw new ConversionNotImplementedError(
        `Hidden context item ${item.id} has non-string content, but ThreadItemConverter.hiddenContextToInput is not implemented for it: ` +
          'override hiddenContextToInput to turn that content into model input.',
      );
    }
    return userText(hiddenContextText(item.content));
  }

  /** Context this library writes for the model (the cancellation note), wrapped like hidden context. */
  async sdkHiddenContextToInput(item: SDKHiddenContextItem): Promise<ConvertedInput> {
    return userText(hiddenContextText(item.content));
  }

  /** A generated image as a sentence and the image; nothing while it has no image yet. */
  async generatedImageToInput(item: GeneratedImageItem): Promise<ConvertedInput> {
    if (!item.image) return null;
    return {
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'The following image was generated by the agent.' },
        { type: 'input_image', detail: 'auto', image: item.image.url },
      ],
    };
  }

  /**
   * The model input for `items`, in order. Only the last item counts as the message being answered
   * (for quoted text).
   */
  async toAgentInput(items: ThreadItem | readonly ThreadItem[]): Promise<AgentInputItem[]> {
    // A copy, in case the caller changes the list while conversions await.
    const list: readonly ThreadItem[] = Array.isArray(items)
      ? [...(items as readonly ThreadItem[])]
      : [items as ThreadItem];
    const out: AgentInputItem[] = [];
    for (const [index, item] of list.entries()) {
      const converted = await this.#convert(item, index === list.length - 1);
      if (Array.isArray(converted)) out.push(...converted);
      else if (converted) out.push(converted);
    }
    return out;
  }

  #convert(item: ThreadItem, isLastMessage: boolean): Promise<ConvertedInput> {
    switch (item.type) {
      case 'user_message':
        return this.userMessageToInput(item, isLastMessage);
      case 'assistant_message':
        return this.assistantMessageToInput(item);
      case 'client_tool_call':
        return this.clientToolCallToInput(item);
      case 'end_of_turn':
        return this.endOfTurnToInput(item);
      case 'widget':
        return this.widgetToInput(item);
      case 'workflow':
        return this.workflowToInput(item);
      case 'task':
        return this.taskToInput(item);
      case 'structured_input':
        return this.structuredInputToInput(item);
      case 'hidden_context_item':
        return this.hiddenContextToInput(item);
      case 'sdk_hidden_context':
        // A reply checkpoint is the server's own bookkeeping, never model input.
        return isCheckpointItem(item) ? Promise.resolve(null) : this.sdkHiddenContextToInput(item);
      case 'generated_image':
        return this.generatedImageToInput(item);
      default: {
        const unknown: never = item;
        throw new Error(
          `ThreadItemConverter: unknown thread item type ${JSON.stringify((unknown as { type?: unknown }).type)}.`,
        );
      }
    }
  }
}

const defaultConverter = new ThreadItemConverter();

/** Converts thread items with the default {@link ThreadItemConverter}. */
export function simpleToAgentInput(items: ThreadItem | readonly ThreadItem[]): Promise<AgentInputItem[]> {
  return defaultConverter.toAgentInput(items);
}
