/**
 * Form field values for widget actions: every named field of a form, keyed by its `name`, with
 * dotted names nested (`guest.name` → `{ guest: { name } }`), merged into the action's payload.
 */

/** A JSON object. */
export type JsonObject = Record<string, unknown>;

/** The values of the named fields inside `container`: checkboxes as booleans, the rest as strings. */
export function collectValues(container: ParentNode): JsonObject {
  const values: JsonObject = {};
  for (const field of container.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(
    'input[name], select[name], textarea[name]',
  )) {
    if (field.disabled) continue;
    if (field instanceof HTMLInputElement && field.type === 'checkbox') {
      setPath(values, field.name, field.checked);
    } else if (field instanceof HTMLInputElement && field.type === 'radio') {
      if (field.checked) setPath(values, field.name, field.value);
      else if (getPath(values, field.name) === undefined) setPath(values, field.name, null);
    } else {
      setPath(values, field.name, field.value);
    }
  }
  return values;
}

/** `payload` with `values` merged in (values win); a non-object payload is kept under `payload`. */
export function mergePayload(payload: unknown, values: JsonObject): unknown {
  if (Object.keys(values).length === 0) return payload ?? null;
  if (payload === null || payload === undefined) return values;
  if (typeof payload !== 'object' || Array.isArray(payload)) return { payload, ...values };
  return deepMerge(payload as JsonObject, values);
}

function deepMerge(base: JsonObject, extra: JsonObject): JsonObject {
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const existing = merged[key];
    merged[key] = isObject(existing) && isObject(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `a.b.c` in `target`, creating objects on the way. */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const keys = path
    .split('.')
    .filter((key) => key !== '' && key !== '__proto__' && key !== 'constructor' && key !== 'prototype');
  if (keys.length === 0) return;
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key])) node[key] = {};
    node = node[key] as JsonObject;
  }
  node[keys.at(-1)!] = value;
}

function getPath(target: JsonObject, path: string): unknown {
  let node: unknown = target;
  for (const key of path.split('.')) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}
