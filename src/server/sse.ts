/** Server-Sent-Events framing: one `data: <json>\n\n` frame per event, nothing else. */

const encoder = new TextEncoder();

/** The bytes of one SSE frame carrying `json`. */
export function encodeFrame(json: string): Uint8Array {
  return encoder.encode(`data: ${json}\n\n`);
}
