/**
 * The demo's widgets, as plain widget JSON. Each button exercises one action path: a streamed
 * `threads.custom_action`, a `threads.sync_custom_action` (`streaming: false`), and a page-side
 * action (`handler: "client"`); the form sends its fields, the list its rows.
 */
import type { WidgetComponent, WidgetRoot } from 'chatkit-local';
import { dot, postcard } from './images.ts';
import { scalarText } from './streaming.ts';

/** The state the widget-tour card shows (carried in its action payloads). */
export interface TourState {
  count: number;
  liked: boolean;
}

/** The text the tour card streams into its `intro` Markdown component. */
export const TOUR_INTRO =
  'Each button below takes a different **action path**: *Like* streams a response, *Count* is a quick synchronous update, and *Copy* is handled by the page itself.';

/** The widget-tour card; `intro` is the (possibly partial) streamed text. */
export function tourCard(state: TourState, intro = TOUR_INTRO, streaming = false): WidgetRoot {
  return {
    type: 'Card',
    size: 'md',
    status: { text: 'Rendered from JSON', icon: 'sparkle' },
    children: [
      {
        type: 'Row',
        gap: 3,
        align: 'center',
        children: [
          { type: 'Image', src: postcard(), alt: 'A postcard of hills by the sea', size: 64, radius: 'lg' },
          {
            type: 'Col',
            gap: 1,
            flex: 1,
            children: [
              { type: 'Title', value: 'Weekend in Lisbon', size: 'md' },
              { type: 'Caption', value: '2 nights · 14–16 June · 2 guests' },
              {
                type: 'Row',
                gap: 1,
                wrap: 'wrap',
                children: [
                  { type: 'Badge', label: 'streamed', color: 'info' },
                  { type: 'Badge', label: 'sync', color: 'discovery' },
                  { type: 'Badge', label: 'client', color: 'success' },
                ],
              },
            ],
          },
        ],
      },
      { type: 'Markdown', id: 'intro', value: intro, ...(streaming ? { streaming: true } : {}) },
      { type: 'Divider' },
      {
        type: 'Row',
        gap: 2,
        wrap: 'wrap',
        children: [
          {
            type: 'Button',
            key: 'like',
            label: state.liked ? 'Liked' : 'Like',
            iconStart: state.liked ? 'star-filled' : 'star',
            color: 'primary',
            variant: state.liked ? 'solid' : 'soft',
            onClickAction: {
              type: 'demo.like',
              payload: state,
              handler: 'server',
              loadingBehavior: 'self',
              streaming: true,
            },
          },
          {
            type: 'Button',
            key: 'count',
            label: `Count: ${state.count}`,
            iconStart: 'plus',
            color: 'secondary',
            variant: 'outline',
            onClickAction: {
              type: 'demo.increment',
              payload: state,
              handler: 'server',
              loadingBehavior: 'self',
              streaming: false,
            },
          },
          { type: 'Spacer' },
          {
            type: 'Button',
            key: 'copy',
            label: 'Copy summary',
            iconStart: 'document',
            color: 'secondary',
            variant: 'ghost',
            onClickAction: {
              type: 'demo.copy',
              payload: { text: `Weekend in Lisbon, liked: ${state.liked}, count: ${state.count}` },
              handler: 'client',
            },
          },
        ],
      },
    ],
  };
}

/** The booking form: every field is sent with the submit action; dotted names nest. */
export function bookingForm(today: string): WidgetRoot {
  const field = (label: string, name: string, input: WidgetComponent): WidgetComponent => ({
    type: 'Col',
    gap: 1,
    flex: 1,
    children: [{ type: 'Label', value: label, fieldName: name }, input],
  });
  return {
    type: 'Card',
    size: 'md',
    status: { text: 'Form widget', icon: 'write' },
    cancel: {
      label: 'Not now',
      action: { type: 'demo.cancel_booking', handler: 'server', loadingBehavior: 'container', streaming: true },
    },
    children: [
      {
        type: 'Form',
        gap: 3,
        onSubmitAction: {
          type: 'demo.book',
          payload: { form: 'table-booking' },
          handler: 'server',
          loadingBehavior: 'container',
          streaming: true,
        },
        children: [
          {
            type: 'Col',
            gap: 0,
            children: [
              { type: 'Title', value: 'Book a table' },
              { type: 'Caption', value: 'Fields are sent in the action payload, keyed by name (dotted names nest).' },
            ],
          },
          field('Name', 'guest.name', {
            type: 'Input',
            name: 'guest.name',
            placeholder: 'Ada Lovelace',
            required: true,
          }),
          field('Email', 'guest.email', {
            type: 'Input',
            name: 'guest.email',
            inputType: 'email',
            placeholder: 'ada@example.com',
          }),
          {
            type: 'Row',
            gap: 3,
            align: 'start',
            children: [
              field('Date', 'booking.date', {
                type: 'DatePicker',
                name: 'booking.date',
                defaultValue: today,
                min: today,
              }),
              field('Party size', 'booking.size', {
                type: 'Select',
                name: 'booking.size',
                defaultValue: '2',
                options: ['1', '2', '3', '4', '5', '6'].map((value) => ({
                  value,
                  label: `${value} ${value === '1' ? 'person' : 'people'}`,
                })),
              }),
            ],
          },
          {
            type: 'RadioGroup',
            name: 'booking.seating',
            ariaLabel: 'Seating',
            direction: 'row',
            defaultValue: 'indoor',
            options: [
              { label: 'Indoor', value: 'indoor' },
              { label: 'Terrace', value: 'terrace' },
              { label: 'Bar', value: 'bar' },
            ],
          },
          { type: 'Textarea', name: 'notes', placeholder: 'Allergies, occasion…', rows: 2 },
          { type: 'Checkbox', name: 'guest.newsletter', label: 'Send me the menu by email' },
          {
            type: 'Row',
            justify: 'end',
            children: [{ type: 'Button', submit: true, label: 'Book table', iconStart: 'calendar', color: 'primary' }],
          },
        ],
      },
    ],
  };
}

/** The card that replaces the booking form once it is sent (or dismissed). */
export function bookingResult(values: Record<string, unknown> | null): WidgetRoot {
  if (!values) {
    return {
      type: 'Card',
      size: 'md',
      children: [
        {
          type: 'Row',
          gap: 2,
          children: [
            { type: 'Icon', name: 'info', color: 'secondary' },
            { type: 'Text', value: 'Booking dismissed.', color: 'secondary' },
          ],
        },
      ],
    };
  }
  const guest = (values.guest ?? {}) as Record<string, unknown>;
  const booking = (values.booking ?? {}) as Record<string, unknown>;
  return {
    type: 'Card',
    size: 'md',
    status: { text: 'Booked', icon: 'check-circle' },
    children: [
      {
        type: 'Row',
        gap: 2,
        children: [
          { type: 'Icon', name: 'check-circle', color: 'success', size: 'lg' },
          { type: 'Title', value: `Table for ${scalarText(booking.size, '?')}`, size: 'sm' },
        ],
      },
      {
        type: 'Text',
        value: `${scalarText(guest.name, 'Guest')} · ${scalarText(booking.date, 'today')} · ${scalarText(booking.seating, 'anywhere')}`,
        color: 'secondary',
      },
    ],
  };
}

/** The recipes of `/list`. */
export const RECIPES = [
  { id: 'shakshuka', title: 'Shakshuka', meta: 'Eggs, tomatoes, cumin', minutes: 25, hue: 8 },
  { id: 'pho', title: 'Vegetable phở', meta: 'Broth, rice noodles, herbs', minutes: 50, hue: 140 },
  { id: 'risotto', title: 'Lemon risotto', meta: 'Arborio, parmesan, lemon', minutes: 35, hue: 48 },
  { id: 'dal', title: 'Red lentil dal', meta: 'Lentils, ginger, coconut', minutes: 30, hue: 25 },
  { id: 'tacos', title: 'Black bean tacos', meta: 'Beans, lime, avocado', minutes: 20, hue: 95 },
] as const;

/** The recipe list; `picked` is marked. */
export function recipeList(picked: string | null): WidgetRoot {
  return {
    type: 'ListView',
    limit: 3,
    status: { text: 'Pick a recipe', icon: 'book-open' },
    children: RECIPES.map((recipe) => ({
      type: 'ListViewItem',
      key: recipe.id,
      gap: 3,
      onClickAction: {
        type: 'demo.pick',
        payload: { id: recipe.id, title: recipe.title },
        handler: 'server',
        loadingBehavior: 'self',
        streaming: true,
      },
      children: [
        { type: 'Image', src: dot(recipe.hue), alt: '', size: 36, radius: 'md' },
        {
          type: 'Col',
          gap: 0,
          flex: 1,
          children: [
            { type: 'Text', value: recipe.title, weight: 'semibold' },
            { type: 'Caption', value: recipe.meta },
          ],
        },
        recipe.id === picked
          ? { type: 'Badge', label: 'Picked', color: 'success', pill: true }
          : { type: 'Badge', label: `${recipe.minutes} min`, color: 'secondary', pill: true },
      ],
    })),
  };
}

/** A chart card. */
export function chartCard(): WidgetRoot {
  const days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const sent = [12, 19, 15, 24, 30, 18, 9];
  const received = [10, 17, 16, 20, 27, 22, 11];
  return {
    type: 'Card',
    size: 'lg',
    children: [
      { type: 'Title', value: 'Messages this week' },
      { type: 'Caption', value: 'Bars and a line, drawn from the widget’s data.' },
      {
        type: 'Chart',
        height: 200,
        xAxis: 'day',
        showYAxis: true,
        data: days.map((day, index) => ({ day, sent: sent[index]!, received: received[index]! })),
        series: [
          { type: 'bar', label: 'Sent', dataKey: 'sent', color: 'indigo-500' },
          { type: 'line', label: 'Received', dataKey: 'received', color: 'orange-500' },
        ],
      },
    ],
  };
}

/**
 * The opening hours of `/table`: a `Basic` root (no card around it), a `Box`, and a `Table` with a
 * header row, inside a `Transition`.
 */
export function openingHours(): WidgetRoot {
  const hours = [
    ['Monday to Friday', '12:00–15:00', '19:00–23:00'],
    ['Saturday', '12:00–16:00', '19:00–00:00'],
    ['Sunday', '12:00–16:00', 'closed'],
  ];
  const cell = (value: string, weight?: 'semibold'): WidgetComponent => ({
    type: 'Table.Cell',
    children: [{ type: 'Text', value, ...(weight ? { weight } : {}) }],
  });
  return {
    type: 'Basic',
    children: [
      {
        type: 'Box',
        direction: 'row',
        gap: 2,
        align: 'center',
        children: [
          { type: 'Icon', name: 'calendar', color: 'secondary' },
          { type: 'Title', value: 'Opening hours', size: 'sm' },
        ],
      },
      {
        type: 'Transition',
        children: {
          type: 'Table',
          children: [
            { type: 'Table.Row', header: true, children: ['Days', 'Lunch', 'Dinner'].map((value) => cell(value)) },
            ...hours.map(([days, lunch, dinner]): WidgetComponent => ({
              type: 'Table.Row',
              children: [cell(days!, 'semibold'), cell(lunch!), cell(dinner!)],
            })),
          ],
        },
      },
    ],
  };
}
