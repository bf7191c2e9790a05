/** Applying a user's answers to a pending `structured_input` item (`threads.add_structured_input`). */
import type { StructuredInputAnswer, StructuredInputSubmission } from '../protocol/input.ts';
import type { StructuredInputItem } from '../protocol/items.ts';
import { ChatKitRequestError } from '../protocol/errors.ts';

/** The result of applying a submission: the answered item, and answer ids that matched no question. */
export interface AppliedSubmission {
  item: StructuredInputItem;
  unknownQuestionIds: string[];
}

const SKIPPED: StructuredInputAnswer = { values: [], skipped: true };

/**
 * Returns a copy of `item` with every question answered from `submission`: a question with no answer,
 * an empty or skipped answer, or a skipped submission is marked skipped; a single-choice question
 * keeps only its first value; values are not checked against the options (custom answers are valid).
 * @throws {ChatKitRequestError} (409) when the item was already answered.
 */
export function applyStructuredInput(
  item: StructuredInputItem,
  submission: StructuredInputSubmission,
): AppliedSubmission {
  if (item.status !== 'pending') {
    throw new ChatKitRequestError(`Structured input item ${item.id} is not pending (it is ${item.status}).`, {
      status: 409,
      field: 'params.item_id',
    });
  }
  const answered = structuredClone(item);
  const questionIds = new Set(answered.inputs.map((input) => input.id));
  const unknownQuestionIds = Object.keys(submission.answers)
    .filter((id) => !questionIds.has(id))
    .sort();
  for (const input of answered.inputs) {
    const answer = submission.answers[input.id];
    if (submission.status === 'skipped' || !answer || answer.skipped || answer.values.length === 0) {
      input.answer = { ...SKIPPED, values: [] };
      continue;
    }
    const single = input.type === 'multiple_choice' && !input.multiple;
    input.answer = { values: single ? answer.values.slice(0, 1) : [...answer.values], skipped: false };
  }
  answered.status = submission.status;
  return { item: answered, unknownQuestionIds };
}
