/**
 * Widgets as they travel on the wire: JSON trees of components, each with a `type`, optional `key`
 * and `id`, optional `children`, and any other props. The server treats them as opaque JSON apart
 * from diffing; the typed component schemas live in `widget-components.ts`.
 */
import { z } from 'zod';
import { JsonValue } from './common.ts';

/** The root types a widget item may hold. */
export const WIDGET_ROOT_TYPES = ['Card', 'ListView', 'Basic'] as const;

/**
 * Any widget component: a `type` plus props. Unknown props are kept (templates may emit any prop the
 * UI knows); null props are dropped on the wire, as the Python SDK does.
 */
export const WidgetComponent = z.looseObject({
  type: z.string(),
  key: z.string().nullish(),
  id: z.string().nullish(),
  get children(): z.ZodOptional<z.ZodNullable<z.ZodType<WidgetComponent | WidgetComponent[]>>> {
    return z.union([WidgetComponent, z.array(WidgetComponent)]).nullish();
  },
});
/** A widget component as JSON. */
export interface WidgetComponent {
  type: string;
  key?: string | null | undefined;
  id?: string | null | undefined;
  children?: WidgetComponent | WidgetComponent[] | null | undefined;
  [prop: string]: unknown;
}

/** A widget root: a `Card`, a `ListView` or a `Basic` container. */
export const WidgetRoot = WidgetComponent.extend({
  type: z.enum(WIDGET_ROOT_TYPES),
});
export type WidgetRoot = z.infer<typeof WidgetRoot>;

/**
 * The action a widget declares (a button's `onClickAction`, a form's `onSubmitAction`...). When the
 * user triggers it the client sends `threads.custom_action`, or `threads.sync_custom_action` when
 * `streaming` is false; with `handler: "client"` the page handles it itself.
 */
export const ActionConfig = z.object({
  type: z.string(),
  payload: JsonValue.default(null),
  handler: z.enum(['client', 'server']).default('server'),
  loadingBehavior: z.enum(['auto', 'none', 'self', 'container']).default('auto'),
  streaming: z.boolean().default(true),
});
/**
 * An action config; the type parameters narrow `type` and `payload` as {@link Action}'s do
 * (`defineAction(...).create(payload)` in `chatkit-local/widgets` makes one).
 */
export type ActionConfig<TType extends string = string, TPayload = z.infer<typeof ActionConfig>['payload']> = {
  [K in keyof z.infer<typeof ActionConfig>]: K extends 'type'
    ? TType
    : K extends 'payload'
      ? TPayload
      : z.infer<typeof ActionConfig>[K];
};
