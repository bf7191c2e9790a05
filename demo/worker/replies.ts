/** The scripted assistant's texts (Markdown). */

/** The commands the demo knows, for `/help` and for titles. */
export const COMMANDS: { command: string; title: string; description: string }[] = [
  { command: '/help', title: 'What this demo can do', description: 'this list' },
  { command: '/markdown', title: 'Markdown tour', description: 'headings, lists, tables, code, quotes, links' },
  { command: '/long', title: 'A long answer', description: 'a long streamed answer: press **Stop** (or Esc) halfway' },
  {
    command: '/widget',
    title: 'Widget tour',
    description: 'a card with streamed, synchronous and client-side actions',
  },
  { command: '/form', title: 'Booking form', description: 'a form widget whose fields go into the action payload' },
  { command: '/list', title: 'Recipe list', description: 'a list view with clickable rows and “show more”' },
  { command: '/chart', title: 'Weekly chart', description: 'a chart widget' },
  { command: '/table', title: 'Opening hours', description: 'a table widget in a plain (`Basic`) root' },
  {
    command: '/workflow',
    title: 'Workflow',
    description: 'a workflow whose tasks run one after another, then a task item',
  },
  { command: '/tool', title: 'Client tool', description: 'a client tool call the page answers (`get_time`)' },
  {
    command: '/selection',
    title: 'Your selection',
    description: 'a client tool call reading the text you selected (`get_selection`)',
  },
  { command: '/question', title: 'Questions', description: 'a structured-input question for you to answer' },
  { command: '/image', title: 'Generated image', description: 'an image that appears in steps' },
  { command: '/notice', title: 'Notices', description: 'progress updates, notices and a client effect' },
  { command: '/error', title: 'Error and retry', description: 'an error event; **Retry** succeeds' },
];

export function helpText(): string {
  return [
    'I am a **scripted assistant**: no model and no network. I run in a Web Worker inside this tab, and everything you see is stored in IndexedDB, so it survives a reload.',
    '',
    '| Command | What it shows |',
    '| --- | --- |',
    ...COMMANDS.map(({ command, description }) => `| \`${command}\` | ${description} |`),
    '',
    'Anything else you type gets a friendly Markdown echo. You can also attach files (images get a preview), rename or delete chats in the sidebar, rate answers with 👍/👎, and retry the last answer.',
    '',
    'Online? Open this page with `?ui=official` to drive the same worker from the official ChatKit web component.',
  ].join('\n');
}

export function markdownTour(): string {
  return `# Markdown, rendered safely

Replies are **Markdown**, rendered by building DOM nodes, so *nothing* in a message can become HTML or script. ~~Raw HTML~~ is shown as text: <b>not bold</b>.

## Lists

1. Ordered lists keep their numbers
2. and can nest:
   - bullet points
   - with \`inline code\`
3. Task lists too:

- [x] render Markdown
- [ ] let message text run script

## A table

| Feature | Where it runs | Stored |
| :-- | :-: | --: |
| Server | Web Worker | — |
| Threads | IndexedDB | yes |
| Files | IndexedDB | yes |

## Code

\`\`\`ts
const fetch = createChatKitFetch({ worker: () => new Worker(url, { type: 'module' }) });
const client = new ChatKitClient({ fetch });
\`\`\`

> Links work for https and mailto only: [ChatKit docs](https://openai.github.io/chatkit-js/), <mailto:hello@example.com>.
> Anything else, such as [this one](javascript:alert(1)), stays inert.

---

That's the tour. Try \`/widget\` next.`;
}

/** The long answer of `/long`, long enough to stop halfway. */
export function longAnswer(): string {
  const sections = [
    [
      'How this demo works',
      'The page you are looking at talks to a ChatKit server, but that server is not on the internet: it runs in a Web Worker started by this tab. Every request the chat makes goes through a fetch function created by createChatKitFetch, which hands the request to the worker instead of the network. The worker runs the same ChatKitServer class you would run in Node, and answers with a real Response: JSON for simple requests and an event stream for replies like this one.',
    ],
    [
      'Why stop works',
      'When you press Stop, the page aborts the fetch. The abort travels to the worker, which cancels the response stream. The server notices that the client went away, stops pulling events from the responder, and saves what was already streamed, so the partial answer is still here after a reload. It also stores a hidden note telling a model that the user stopped the answer, so the next reply does not simply carry on.',
    ],
    [
      'Where your data lives',
      'Threads, messages and attachments are stored in IndexedDB, in this browser profile only. Nothing is sent anywhere: the demo makes no request to any other host, which the end-to-end tests check for every page they open. Clearing the site data of this page removes everything.',
    ],
    [
      'Bringing your own model',
      'The scripted responder is a stand-in. A real integration implements respond() by calling a model, either from the worker (with the user’s own API key, or a local model) or by moving the same server class to Node, Deno or an edge runtime, where it becomes an ordinary HTTP endpoint. The chat UI does not change at all, because it only ever speaks the ChatKit protocol.',
    ],
    [
      'Bringing your own UI',
      'The chat UI here is a single custom element written in plain TypeScript. It uses ChatKitClient for every call and renders each item type: messages, widgets, workflows, tool calls and questions. It is meant as a model: copy it, restyle it, or replace it with your framework of choice. The official ChatKit web component can be pointed at the same worker too, when you are online.',
    ],
    [
      'What to try next',
      'Ask for a widget with /widget and press each of its buttons, fill in the booking form with /form, run a workflow with /workflow, or let the page answer a client tool call with /tool. Each one exercises a different part of the protocol, and each one keeps working after a reload.',
    ],
  ];
  return sections.map(([title, text]) => `### ${title}\n\n${text}`).join('\n\n');
}

/** The reply to free text: an echo (rendered as Markdown) and pointers. */
export function echoReply(text: string, attachments: { name: string; mime_type: string; type: string }[]): string {
  const quoted = text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
  const parts = [text ? `You said:\n\n${quoted}` : 'You sent a message without text.'];
  if (attachments.length > 0) {
    parts.push(
      `I received ${attachments.length === 1 ? 'one attachment' : `${attachments.length} attachments`}:\n\n${attachments.map((a) => `- **${a.name}** (${a.type === 'image' ? 'image' : 'file'}, \`${a.mime_type}\`)`).join('\n')}\n\nThey are stored in IndexedDB with the message; click one to open it.`,
    );
  }
  parts.push(
    'I am only a script, so I cannot really answer, but I can show you every ChatKit feature. Type `/help` for the list, or try `/widget`, `/workflow` or `/long`.',
  );
  return parts.join('\n\n');
}
