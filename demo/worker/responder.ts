/**
 * The scripted assistant: what it streams for each slash command, for free text, and after the page
 * answers a client tool call or a structured-input question. No model and no network: replies are
 * written here and streamed word by word.
 */
import {
  CustomStreamError,
  now,
  type ThreadItem,
  type ThreadStreamEventInput,
  type UserMessageItem,
  type Task,
  type WorkflowItem,
} from 'chatkit-local';
import { generatedArt } from './images.ts';
import { COMMANDS, echoReply, helpText, longAnswer, markdownTour } from './replies.ts';
import { sleep, streamMessage, scalarText, type Turn } from './streaming.ts';
import { bookingForm, chartCard, openingHours, recipeList, TOUR_INTRO, tourCard } from './widgets.ts';

/** The text of a user message. */
export function textOf(message: UserMessageItem): string {
  return message.content
    .map((part) => (part.type === 'input_text' ? part.text : `@${part.text}`))
    .join('')
    .trim();
}

/** A title for a new thread from its first message. */
export function titleFor(message: UserMessageItem): string {
  const text = textOf(message);
  const known = COMMANDS.find(({ command }) => command === text.split(/\s/)[0]);
  if (known) return known.title;
  if (!text) return message.attachments.length > 0 ? `Attachment: ${message.attachments[0]!.name}` : 'New chat';
  return text.length > 48 ? `${text.slice(0, 47).trimEnd()}…` : text;
}

/** The reply to a new user message (or to the same message, on retry). */
export async function* replyTo(turn: Turn, message: UserMessageItem): AsyncGenerator<ThreadStreamEventInput> {
  const text = textOf(message);
  switch (text.split(/\s/)[0]!.toLowerCase()) {
    case '/help':
      yield* streamMessage(turn, helpText(), { delay: 4 });
      return;
    case '/markdown':
      yield* streamMessage(turn, markdownTour(), { delay: 6 });
      return;
    case '/long':
      yield* streamMessage(turn, longAnswer(), { delay: 40 });
      return;
    case '/widget':
      yield* widgetTour(turn);
      return;
    case '/form':
      yield* streamMessage(
        turn,
        'Here is a booking form. Fill it in and press **Book table**: the fields arrive in the action payload.',
      );
      yield { type: 'thread.item.done', item: widgetItem(turn, bookingForm(new Date().toISOString().slice(0, 10))) };
      return;
    case '/list':
      yield { type: 'thread.item.done', item: widgetItem(turn, recipeList(null)) };
      return;
    case '/chart':
      yield { type: 'thread.item.done', item: widgetItem(turn, chartCard()) };
      return;
    case '/table':
      yield { type: 'thread.item.done', item: widgetItem(turn, openingHours()) };
      return;
    case '/workflow':
      yield* workflow(turn);
      return;
    case '/tool':
      yield* streamMessage(turn, 'Let me ask your browser what time it is.');
      yield toolCall(turn, 'get_time', { format: 'locale' });
      return;
    case '/selection':
      yield* streamMessage(turn, 'Let me read the text selected on the page.');
      yield toolCall(turn, 'get_selection', {});
      return;
    case '/question':
      yield* question(turn);
      return;
    case '/image':
      yield* image(turn);
      return;
    case '/notice':
      yield* notices(turn);
      return;
    case '/error':
      yield* failOnce(turn, message);
      return;
    default:
      yield* streamMessage(turn, echoReply(text, message.attachments));
  }
}

/** The reply after the page answered a tool call or a question (the newest such item says which). */
export async function* followUp(turn: Turn, recent: ThreadItem[]): AsyncGenerator<ThreadStreamEventInput> {
  const item = recent.find(
    (candidate) => candidate.type === 'client_tool_call' || candidate.type === 'structured_input',
  );
  if (item?.type === 'client_tool_call') {
    const output = item.output as Record<string, unknown> | null | undefined;
    if (output && typeof output.error === 'string') {
      yield* streamMessage(turn, `The page could not run \`${item.name}\`: ${output.error}`);
    } else if (item.name === 'get_time') {
      yield* streamMessage(
        turn,
        `Your browser says it is **${scalarText(output?.time, '?')}** (${scalarText(output?.timeZone, 'local time')}).\n\nThat round trip went server → page → server: the page ran \`get_time\` and sent its output back with \`threads.add_client_tool_output\`.`,
      );
    } else if (item.name === 'get_selection') {
      const selected = typeof output?.text === 'string' ? output.text.trim() : '';
      yield* streamMessage(
        turn,
        selected
          ? `You had selected:\n\n> ${selected.replace(/\n/g, '\n> ')}`
          : 'Nothing was selected. Select some text in the chat and try `/selection` again.',
      );
    } else {
      yield* streamMessage(
        turn,
        `The page answered \`${item.name}\` with:\n\n\`\`\`json\n${JSON.stringify(output, null, 2)}\n\`\`\``,
      );
    }
    return;
  }
  if (item?.type === 'structured_input') {
    if (item.status === 'skipped') {
      yield* streamMessage(turn, 'No problem, we can skip the questions. Type `/help` to see what else I can show.');
      return;
    }
    const lines = item.inputs.map(
      (input) =>
        `- **${input.question}** ${input.answer && !input.answer.skipped ? input.answer.values.join(', ') : '*(skipped)*'}`,
    );
    yield* streamMessage(
      turn,
      `Thanks! Your answers reached the server with \`threads.add_structured_input\`:\n\n${lines.join('\n')}`,
    );
    return;
  }
  yield* streamMessage(turn, 'I am not sure what to follow up on. Type `/help` for ideas.');
}

function widgetItem(turn: Turn, widget: ReturnType<typeof tourCard>) {
  return { id: turn.newId('message'), thread_id: turn.thread.id, created_at: now(), type: 'widget' as const, widget };
}

/** The tour card, its intro text streamed into it (`widget.streaming_text.value_delta`). */
async function* widgetTour(turn: Turn): AsyncGenerator<ThreadStreamEventInput> {
  const item = widgetItem(turn, tourCard({ count: 0, liked: false }, '', true));
  yield { type: 'thread.item.added', item };
  for (const word of TOUR_INTRO.split(/(?<=\s)(?=\S)/)) {
    await sleep(12, turn.signal);
    yield {
      type: 'thread.item.updated',
      item_id: item.id,
      update: { type: 'widget.streaming_text.value_delta', component_id: 'intro', delta: word, done: false },
    };
  }
  yield {
    type: 'thread.item.done',
    item: { ...item, widget: tourCard({ count: 0, liked: false }), copy_text: 'Weekend in Lisbon' },
  };
}

/** A task item of this turn, done as it is added. */
function taskDone(turn: Turn, task: Task): ThreadStreamEventInput {
  return {
    type: 'thread.item.done',
    item: { id: turn.newId('task'), thread_id: turn.thread.id, created_at: now(), type: 'task', task },
  };
}

function toolCall(turn: Turn, name: string, args: Record<string, unknown>): ThreadStreamEventInput {
  return {
    type: 'thread.item.done',
    item: {
      id: turn.newId('tool_call'),
      thread_id: turn.thread.id,
      created_at: now(),
      type: 'client_tool_call',
      status: 'pending',
      call_id: `call_${crypto.randomUUID().slice(0, 8)}`,
      name,
      arguments: args,
    },
  };
}

async function* workflow(turn: Turn): AsyncGenerator<ThreadStreamEventInput> {
  const started = Date.now();
  const base: WorkflowItem = {
    id: turn.newId('workflow'),
    thread_id: turn.thread.id,
    created_at: now(),
    type: 'workflow',
    workflow: { type: 'custom', tasks: [], expanded: true },
  };
  yield { type: 'thread.item.added', item: base };
  const steps: Task[] = [
    {
      type: 'custom',
      title: 'Read the request',
      icon: 'search',
      content: 'A workflow groups the steps of a longer job.',
      status_indicator: 'complete',
    },
    {
      type: 'thought',
      title: 'Plan',
      content: 'Split the work into **small steps** and show each one as it runs.',
      status_indicator: 'complete',
    },
    {
      type: 'web_search',
      title: 'Looked things up',
      title_query: 'ChatKit workflows',
      queries: ['ChatKit workflow', 'task status'],
      sources: [{ type: 'url', title: 'ChatKit docs', url: 'https://openai.github.io/chatkit-js/' }],
      status_indicator: 'complete',
    },
    {
      type: 'file',
      title: 'Checked the files',
      sources: [{ type: 'file', title: 'plan.md', filename: 'plan.md' }],
      status_indicator: 'complete',
    },
    {
      type: 'custom',
      title: 'Write the answer',
      icon: 'write',
      content: 'Done: every step reported its progress.',
      status_indicator: 'complete',
    },
  ];
  const tasks: Task[] = [];
  for (const [index, step] of steps.entries()) {
    yield {
      type: 'progress_update',
      icon: 'bolt',
      text: `Step ${index + 1} of ${steps.length}: ${step.title ?? step.type}`,
    };
    const loading = { ...step, status_indicator: 'loading' } as Task;
    tasks.push(loading);
    yield {
      type: 'thread.item.updated',
      item_id: base.id,
      update: { type: 'workflow.task.added', task_index: index, task: loading },
    };
    await sleep(220, turn.signal);
    tasks[index] = step;
    yield {
      type: 'thread.item.updated',
      item_id: base.id,
      update: { type: 'workflow.task.updated', task_index: index, task: step },
    };
  }
  const duration = Math.max(1, Math.round((Date.now() - started) / 1000));
  yield {
    type: 'thread.item.done',
    item: { ...base, workflow: { type: 'custom', tasks, summary: { duration }, expanded: false } },
  };
  yield taskDone(turn, {
    type: 'custom',
    title: 'Saved the plan to your notes',
    icon: 'notebook',
    status_indicator: 'complete',
  });
  yield* streamMessage(
    turn,
    'The workflow is done: five tasks ran one after another, each reported as *loading* then *complete*, and a single task item followed. Open the workflow to see its steps again.',
    {
      annotations: [
        {
          type: 'annotation',
          source: { type: 'url', title: 'ChatKit docs', url: 'https://openai.github.io/chatkit-js/' },
        },
      ],
    },
  );
}

async function* question(turn: Turn): AsyncGenerator<ThreadStreamEventInput> {
  yield* streamMessage(turn, 'Two quick questions, so I can tailor the next step:');
  yield {
    type: 'thread.item.done',
    item: {
      id: turn.newId('message'),
      thread_id: turn.thread.id,
      created_at: now(),
      type: 'structured_input',
      status: 'pending',
      inputs: [
        {
          id: 'feature',
          type: 'multiple_choice',
          question: 'Which feature should I explain next?',
          options: [{ value: 'Widgets' }, { value: 'Workflows' }, { value: 'Client tools' }, { value: 'Attachments' }],
        },
        {
          id: 'detail',
          type: 'freeform',
          question: 'Anything else you would like to know?',
          description: 'Optional: write a sentence or leave it empty.',
        },
      ],
    },
  };
}

async function* image(turn: Turn): AsyncGenerator<ThreadStreamEventInput> {
  yield taskDone(turn, { type: 'image', title: 'Drew a sunset in the worker', status_indicator: 'complete' });
  const id = turn.newId('message');
  const created_at = now();
  yield { type: 'thread.item.added', item: { id, thread_id: turn.thread.id, created_at, type: 'generated_image' } };
  for (const progress of [0.25, 0.5, 0.75]) {
    await sleep(250, turn.signal);
    yield {
      type: 'thread.item.updated',
      item_id: id,
      update: { type: 'generated_image.updated', image: { id: `img_${id}`, url: generatedArt(progress) }, progress },
    };
  }
  await sleep(250, turn.signal);
  yield {
    type: 'thread.item.done',
    item: {
      id,
      thread_id: turn.thread.id,
      created_at,
      type: 'generated_image',
      image: { id: `img_${id}`, url: generatedArt(1) },
    },
  };
  yield* streamMessage(turn, 'Drawn in the worker as an SVG `data:` URL, so it needed no network at all.');
}

async function* notices(turn: Turn): AsyncGenerator<ThreadStreamEventInput> {
  yield { type: 'progress_update', icon: 'search', text: 'Checking your settings…' };
  await sleep(400, turn.signal);
  yield { type: 'progress_update', icon: 'bolt', text: 'Almost there…' };
  await sleep(400, turn.signal);
  yield {
    type: 'notice',
    level: 'info',
    title: 'Heads up',
    message: 'This is an **info** notice. Notices accept Markdown.',
  };
  yield { type: 'notice', level: 'warning', message: 'And this is a *warning* notice.' };
  yield { type: 'client_effect', name: 'celebrate', data: { message: 'A client_effect event reached the page' } };
  yield* streamMessage(
    turn,
    'You just saw two **progress updates** (the status line above the composer), two **notices**, and a **client effect**, which the page showed as a toast.',
  );
  // Items the user never sees: context kept for a model, and the marker that the turn is over.
  yield {
    type: 'thread.item.done',
    item: {
      id: turn.newId('message'),
      thread_id: turn.thread.id,
      created_at: now(),
      type: 'hidden_context_item',
      content: 'The user has seen the notices demo.',
    },
  };
  yield {
    type: 'thread.item.done',
    item: { id: turn.newId('message'), thread_id: turn.thread.id, created_at: now(), type: 'end_of_turn' },
  };
}

/** Fails the first time a message is answered and succeeds on retry (the attempt count lives in the thread's metadata). */
async function* failOnce(turn: Turn, message: UserMessageItem): AsyncGenerator<ThreadStreamEventInput> {
  const key = `error_attempts_${message.id}`;
  const attempts = Number(turn.thread.metadata[key] ?? 0) + 1;
  turn.thread.metadata[key] = attempts;
  if (attempts === 1) {
    yield { type: 'progress_update', icon: 'bolt', text: 'Trying something that will fail…' };
    await sleep(300, turn.signal);
    throw new CustomStreamError('The demo failed on purpose. Press Retry: the second attempt succeeds.', {
      allowRetry: true,
    });
  }
  yield* streamMessage(
    turn,
    `Attempt ${attempts} worked. The first one ended with an \`error\` event that allowed a retry, and **Retry** sent \`threads.retry_after_item\`, which discarded everything after your message and ran the reply again.`,
  );
}
