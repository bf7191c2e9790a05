/**
 * Structured-input questions: a small form while pending (options as suggestions plus a free
 * answer, as ChatKit offers), and the answers once given or skipped.
 */
import type { StructuredInputAnswer, StructuredInputItem, StructuredInputSubmission } from '../wire.ts';
import { h } from '../dom.ts';
import { icon } from '../icons.ts';
import { format } from '../strings.ts';
import type { ItemViewContext } from './context.ts';

export function structuredInputView(item: StructuredInputItem, context: ItemViewContext): HTMLElement {
  const { strings } = context;
  if (item.status !== 'pending') return answeredView(item, context);
  const form = h('form', { class: 'structured-input', 'aria-label': strings.questions });
  item.inputs.forEach((input, index) => {
    const id = `${item.id}-${input.id}`;
    const legend = h('legend', null, input.question);
    if (input.type === 'multiple_choice') {
      const type = input.multiple ? 'checkbox' : 'radio';
      form.append(
        h(
          'fieldset',
          { class: 'question', 'data-question-id': input.id },
          legend,
          h(
            'div',
            { class: 'options' },
            input.options.map((option) =>
              h(
                'label',
                { class: 'option' },
                h('input', { type, name: input.id, value: option.value }),
                h('span', null, option.value),
              ),
            ),
          ),
          h('input', {
            type: 'text',
            class: 'other',
            name: `${input.id}:other`,
            placeholder: strings.otherAnswer,
            'aria-label': format(strings.otherAnswerTo, { question: input.question }),
            'data-focus-key': index === 0 ? `${item.id}:first` : null,
          }),
        ),
      );
    } else {
      form.append(
        h(
          'fieldset',
          { class: 'question', 'data-question-id': input.id },
          legend,
          input.description ? h('p', { class: 'muted' }, input.description) : null,
          h('textarea', { id, name: input.id, rows: 2, 'aria-label': input.question }),
        ),
      );
    }
  });
  const submission = (status: 'answered' | 'skipped'): Partial<StructuredInputSubmission> => {
    if (status === 'skipped') return { status };
    const answers: Record<string, StructuredInputAnswer> = {};
    for (const input of item.inputs) {
      const values = [
        ...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>(`[name="${CSS.escape(input.id)}"]`),
      ]
        .filter((field) => !(field instanceof HTMLInputElement) || field.type === 'text' || field.checked)
        .map((field) => field.value.trim());
      const other = form.querySelector<HTMLInputElement>(`[name="${CSS.escape(`${input.id}:other`)}"]`)?.value.trim();
      if (other) values.push(other);
      const given = values.filter((value) => value !== '');
      answers[input.id] = given.length > 0 ? { values: given, skipped: false } : { values: [], skipped: true };
    }
    return { status, answers };
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.onStructuredInput(item.id, submission('answered'));
  });
  form.append(
    h(
      'div',
      { class: 'form-actions' },
      h(
        'button',
        {
          type: 'button',
          class: 'button secondary',
          disabled: context.busy,
          onclick: () => context.onStructuredInput(item.id, submission('skipped')),
        },
        strings.skip,
      ),
      h('button', { type: 'submit', class: 'button primary', disabled: context.busy }, strings.submitAnswers),
    ),
  );
  return form;
}

function answeredView(item: StructuredInputItem, context: ItemViewContext): HTMLElement {
  const { strings } = context;
  return h(
    'div',
    { class: 'structured-input answered', 'data-status': item.status },
    h(
      'div',
      { class: 'answered-title' },
      icon('check'),
      item.status === 'skipped' ? strings.questionsSkipped : strings.answered,
    ),
    h(
      'dl',
      null,
      item.inputs.map((input) => [
        h('dt', null, input.question),
        h(
          'dd',
          null,
          input.answer && !input.answer.skipped && input.answer.values.length > 0
            ? input.answer.values.join(', ')
            : h('span', { class: 'muted' }, strings.skipped),
        ),
      ]),
    ),
  );
}
