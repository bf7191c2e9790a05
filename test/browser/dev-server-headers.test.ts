/**
 * The dev server (which also serves these browser tests) sends the same anti-framing headers as the
 * preview server, so `npm run demo` cannot be framed by another origin either.
 */
import { expect, test } from 'vitest';

test('the dev server forbids framing by other origins', async () => {
  const response = await fetch('/');
  expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
});
