/**
 * Stored thread items as model input, with the two conversions the bridge leaves to each app: what
 * this demo's attachments and @-mentions become.
 */
import type { Attachment, UserMessageTagContent } from 'chatkit-local';
import { ThreadItemConverter, type UserInputContent } from 'chatkit-local/agents';

/**
 * The demo's converter. An image goes to the model as its `data:` preview (the thumbnail the worker
 * made at upload), which costs few tokens and needs no URL the model could fetch; any other file
 * is named in a short note, since this demo does not read file contents.
 */
export class DemoThreadItemConverter extends ThreadItemConverter {
  override async attachmentToMessageContent(attachment: Attachment): Promise<UserInputContent> {
    // Only a data: preview is self-contained; a URL would ask the model's server to fetch it.
    if (attachment.type === 'image' && attachment.preview_url.startsWith('data:image/')) {
      return { type: 'input_image', image: attachment.preview_url, detail: 'auto' };
    }
    return {
      type: 'input_text',
      text: `[The user attached a file, ${attachment.name} (${attachment.mime_type}); its content is not available to you.]`,
    };
  }

  override async tagToMessageContent(tag: UserMessageTagContent): Promise<UserInputContent> {
    return { type: 'input_text', text: `@${tag.text}: ${JSON.stringify(tag.data)}` };
  }
}
