/** The ChatKit requests the cases send, as JSON bodies. */

/** The `text_delta` updates of the streamed reply the throughput and memory cases measure. */
export const REPLY_DELTAS = 10_000;

/** The scripted server's command for a reply of `count` one-character `text_delta` updates. */
export const deltasCommand = (count: number): string => `deltas: ${count}`;

const userInput = (text: string) => ({
  content: [{ type: 'input_text', text }],
  attachments: [],
  inference_options: {},
});

/** `threads.create` with `text` as the first message. */
export function createThreadBody(text: string): string {
  return JSON.stringify({ type: 'threads.create', params: { input: userInput(text) } });
}

/** `threads.add_user_message` to `threadId`. */
export function addUserMessageBody(threadId: string, text: string): string {
  return JSON.stringify({ type: 'threads.add_user_message', params: { thread_id: threadId, input: userInput(text) } });
}
