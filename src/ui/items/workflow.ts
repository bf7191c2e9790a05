/**
 * Workflows and tasks: a collapsible list of steps with their status (loading, complete), open while
 * the workflow streams or when the server marks it `expanded`.
 */
import type { Task, TaskItem, WorkflowItem } from '../wire.ts';
import { h } from '../dom.ts';
import { icon, widgetIcon } from '../icons.ts';
import { renderMarkdown } from '../markdown/index.ts';
import { format } from '../strings.ts';
import type { ChatKitLocalStrings } from '../strings.ts';
import type { ItemViewContext } from './context.ts';
import { sourceView } from './messages.ts';

/** Whether each workflow's details are open, by item id, so re-rendering keeps what the user chose. */
const openState = new Map<string, boolean>();

export function workflowView(item: WorkflowItem, context: ItemViewContext): HTMLElement {
  const { workflow } = item;
  const loading = workflow.tasks.some((task) => task.status_indicator === 'loading');
  const open = openState.get(item.id) ?? (context.pending || workflow.expanded);
  const details = h(
    'details',
    { class: 'workflow-details', open },
    h(
      'summary',
      { 'data-focus-key': `${item.id}:summary` },
      context.pending || loading
        ? h('span', { class: 'spinner', 'aria-hidden': 'true' })
        : summaryIcon(workflow.summary),
      h('span', { class: 'workflow-title' }, summaryText(item, context.pending || loading, context.strings)),
      icon('chevronDown', 'icon chevron'),
    ),
    h(
      'ol',
      { class: 'tasks' },
      workflow.tasks.map((task) => taskView(task, context.strings)),
    ),
  );
  // Only the user's own toggles are remembered (`toggle` also fires for the initial `open`).
  details.querySelector('summary')!.addEventListener('click', () => openState.set(item.id, !details.open));
  return h(
    'div',
    { class: 'workflow', 'data-workflow-type': workflow.type, 'data-streaming': context.pending },
    details,
  );
}

function summaryIcon(summary: WorkflowItem['workflow']['summary']): Element {
  return summary && 'icon' in summary && summary.icon ? widgetIcon(summary.icon) : icon('check');
}

function summaryText(item: WorkflowItem, working: boolean, strings: ChatKitLocalStrings): string {
  const { summary, tasks, type } = item.workflow;
  if (summary && 'title' in summary) return summary.title;
  if (summary && 'duration' in summary)
    return format(type === 'reasoning' ? strings.thoughtFor : strings.workedFor, {
      duration: formatDuration(summary.duration),
    });
  if (working) return type === 'reasoning' ? strings.thinking : strings.working;
  return tasks.length === 1 ? strings.oneStep : format(strings.steps, { count: tasks.length });
}

function formatDuration(seconds: number): string {
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m ${seconds % 60}s`;
}

/** A standalone task item. */
export function taskItemView(item: TaskItem, context: ItemViewContext): HTMLElement {
  return h('div', { class: 'task-item' }, h('ol', { class: 'tasks' }, taskView(item.task, context.strings)));
}

function taskView(task: Task, strings: ChatKitLocalStrings): HTMLElement {
  const status = task.status_indicator;
  const marker =
    status === 'loading'
      ? h('span', { class: 'spinner', role: 'img', 'aria-label': strings.inProgress })
      : status === 'complete'
        ? h('span', { class: 'task-done', role: 'img', 'aria-label': strings.done }, icon('check'))
        : h(
            'span',
            { class: 'task-dot', 'aria-hidden': 'true' },
            task.type === 'custom' && task.icon ? widgetIcon(task.icon) : icon('dot'),
          );
  return h(
    'li',
    { class: 'task', 'data-task-type': task.type, 'data-status': status },
    marker,
    h('div', { class: 'task-body' }, taskContent(task, strings)),
  );
}

function taskContent(task: Task, strings: ChatKitLocalStrings): (Node | null)[] {
  const title = (text: string | null | undefined) => (text ? h('div', { class: 'task-title' }, text) : null);
  const markdown = (text: string | null | undefined) =>
    text ? h('div', { class: 'task-content markdown' }, renderMarkdown(text, strings)) : null;
  switch (task.type) {
    case 'custom':
      return [title(task.title), markdown(task.content)];
    case 'thought':
      return [title(task.title ?? strings.thought), markdown(task.content)];
    case 'web_search':
      return [
        title(
          task.title ??
            (task.title_query ? format(strings.searchedFor, { query: task.title_query }) : strings.searchedWeb),
        ),
        task.queries.length > 0
          ? h(
              'div',
              { class: 'task-queries' },
              task.queries.map((query) => h('span', { class: 'chip' }, icon('search'), query)),
            )
          : null,
        task.sources.length > 0 ? h('ol', { class: 'sources' }, task.sources.map(sourceView)) : null,
      ];
    case 'file':
      return [
        title(task.title ?? strings.readFiles),
        task.sources.length > 0 ? h('ol', { class: 'sources' }, task.sources.map(sourceView)) : null,
      ];
    case 'image':
      return [title(task.title ?? strings.madeImage)];
  }
}
