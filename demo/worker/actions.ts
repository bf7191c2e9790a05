/**
 * What the demo's widget actions do on the server. Streamed actions replace their widget with
 * `thread.item.replaced` (which the server stores, so the new state survives a reload) and reply
 * with a message; the synchronous one returns the updated widget, which it saves itself.
 */
import { CustomStreamError, type Action, type ThreadStreamEventInput, type WidgetItem } from 'chatkit-local';
import { sleep, streamMessage, scalarText, type Turn } from './streaming.ts';
import { bookingResult, recipeList, tourCard, type TourState } from './widgets.ts';

/** The events of a streamed (`threads.custom_action`) widget action. */
export async function* runAction(
  turn: Turn,
  action: Action,
  sender: WidgetItem | null,
): AsyncGenerator<ThreadStreamEventInput> {
  if (!sender) throw new CustomStreamError('This action needs the widget that sent it.');
  const payload = (action.payload ?? {}) as Record<string, unknown>;
  switch (action.type) {
    case 'demo.like': {
      const state = tourState(payload);
      yield { type: 'progress_update', icon: 'star', text: 'Saving your like…' };
      await sleep(250, turn.signal);
      const liked = { ...state, liked: !state.liked };
      yield { type: 'thread.item.replaced', item: { ...sender, widget: tourCard(liked) } };
      yield* streamMessage(
        turn,
        liked.liked
          ? 'Liked! That click went out as a streamed `threads.custom_action`: the server replaced the card and wrote this reply.'
          : 'Like removed. The card was replaced by the server again.',
      );
      return;
    }
    case 'demo.book': {
      const { form: _form, ...values } = payload;
      yield { type: 'thread.item.replaced', item: { ...sender, widget: bookingResult(values) } };
      yield* streamMessage(
        turn,
        `Booked! The form sent this payload:\n\n\`\`\`json\n${JSON.stringify(payload, null, 2)}\n\`\`\``,
      );
      return;
    }
    case 'demo.cancel_booking':
      yield { type: 'thread.item.replaced', item: { ...sender, widget: bookingResult(null) } };
      yield* streamMessage(turn, 'No booking then. The card’s cancel action replaced the form.');
      return;
    case 'demo.pick': {
      const title = scalarText(payload.title, 'that');
      yield { type: 'thread.item.replaced', item: { ...sender, widget: recipeList(scalarText(payload.id, '')) } };
      yield* streamMessage(turn, `Good choice: **${title}**. The row's action carried \`${JSON.stringify(payload)}\`.`);
      return;
    }
    default:
      throw new CustomStreamError(`The demo has no action called "${action.type}".`);
  }
}

/** The tour card with its counter incremented (`threads.sync_custom_action`), or null for other actions. */
export function syncActionResult(action: Action, sender: WidgetItem | null): WidgetItem | null {
  if (!sender || action.type !== 'demo.increment') return null;
  const state = tourState((action.payload ?? {}) as Record<string, unknown>);
  return { ...sender, widget: tourCard({ ...state, count: state.count + 1 }) };
}

function tourState(payload: Record<string, unknown>): TourState {
  return { count: typeof payload.count === 'number' ? payload.count : 0, liked: payload.liked === true };
}
