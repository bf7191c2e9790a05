/** JSON answers of the demo's own routes (settings, data), in the handler's error shape. */

/** A JSON response; `no-store`, since these answers describe the user's data and secrets. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

/** 405 for a method the route does not answer, listing the ones it does. */
export function methodNotAllowed(method: string, allowed: string[]): Response {
  const list = allowed.join(', ');
  return json(
    405,
    { error: 'method_not_allowed', message: `${method} is not supported here; use ${list}.` },
    { allow: list },
  );
}
