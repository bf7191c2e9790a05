/**
 * `accumulateText`: a run's streamed text as successive renderings of one `Text` or `Markdown`
 * widget component, for `context.streamWidget` (the Python SDK's `accumulate_text`).
 */
import type { RunStreamEvent } from '@openai/agents';
import type { WidgetComponent } from '../protocol/widgets.ts';

/** A `Text` or `Markdown` component as JSON. */
export type StreamingTextComponent = WidgetComponent & { type: 'Text' | 'Markdown' };

/**
 * Yields `base` as is, then a copy whose `value` is all the text so far after each
 * `response.output_text.delta`, and finally a copy with `streaming: false`. Wrap the renderings in a
 * root to stream them: giving the component an `id` makes each step a text delta (the final
 * `streaming` change replaces the root, as in the Python SDK).
 */
export async function* accumulateText<T extends StreamingTextComponent>(
  events: AsyncIterable<RunStreamEvent>,
  base: T,
): AsyncGenerator<T, void, undefined> {
  let text = '';
  yield base;
  for await (const event of events) {
    if (event.type !== 'raw_model_stream_event' || event.data.type !== 'model') continue;
    const raw = event.data.event as { type?: unknown; delta?: unknown } | null | undefined;
    if (raw?.type === 'response.output_text.delta' && typeof raw.delta === 'string') {
      text += raw.delta;
      yield { ...base, value: text };
    }
  }
  yield { ...base, value: text, streaming: false };
}
