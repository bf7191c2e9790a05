/** Widget trees from the Python SDK's test assets, shared by the component and the template tests. */

/** `card_no_data`: a confirmation card as Widget Studio exports it (strict JSON, no template data). */
export const CARD_NO_DATA = {
  type: 'Card',
  children: [
    {
      type: 'Col',
      align: 'center',
      gap: 4,
      padding: 4,
      children: [
        {
          type: 'Box',
          background: 'green-400',
          radius: 'full',
          padding: 3,
          children: [{ type: 'Icon', name: 'check', size: '3xl', color: 'white' }],
        },
        {
          type: 'Col',
          align: 'center',
          gap: 1,
          children: [
            { type: 'Title', value: 'Enable notification' },
            { type: 'Text', value: 'Notify me when this item ships', color: 'secondary' },
          ],
        },
      ],
    },
    {
      type: 'Row',
      children: [
        {
          type: 'Button',
          label: 'Yes',
          block: true,
          onClickAction: { type: 'notification.settings', payload: { enable: true } },
        },
        {
          type: 'Button',
          label: 'No',
          block: true,
          variant: 'outline',
          onClickAction: { type: 'notification.settings', payload: { enable: true } },
        },
      ],
    },
  ],
};

/** A line of the SDK's `list_view_*` fixtures: a coloured dot and a label, selecting the line on click. */
export function lineItem(id: string, label: string) {
  return {
    type: 'ListViewItem',
    key: id,
    gap: 5,
    onClickAction: { type: 'line.select', payload: { id } },
    children: [
      { type: 'Box', background: `${id}-500`, radius: 'full', size: 25 },
      { type: 'Text', value: label, size: 'sm' },
    ],
  };
}
