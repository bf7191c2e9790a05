/**
 * Keeps a message's block nesting within what the parser handles. markdown-it stops descending at
 * its `maxNesting` and drops the rest of the input there, so a reply of 20,000 `>` would render as
 * nothing. Instead, each line keeps at most {@link MAX_LINE_NESTING} leading container markers
 * (`>`, list bullets, `1.`); the first marker past that is escaped, so the rest of the line shows as
 * the text it is. One pass over each line, no backtracking.
 */

/** Container markers (quote levels, list levels) a line may open; two tokens' nesting each at most. */
export const MAX_LINE_NESTING = 8;

/** `source` with every line's leading container markers capped at {@link MAX_LINE_NESTING}. */
export function capLineNesting(source: string): string {
  return source.replace(/^[^\n]*/gm, capLine);
}

function capLine(line: string): string {
  let at = 0;
  for (let depth = 0; ; depth++) {
    let start = at;
    while (line[start] === ' ' || line[start] === '\t') start += 1;
    const next = markerEnd(line, start);
    if (next < 0) return line;
    if (depth === MAX_LINE_NESTING) return `${line.slice(0, start)}\\${line.slice(start)}`;
    at = next;
  }
}

/** Where the container marker at `start` ends, or -1 when there is none. */
function markerEnd(line: string, start: number): number {
  const char = line[start];
  const spaceAfter = (index: number) => line[index] === ' ' || line[index] === '\t';
  if (char === '>') return start + 1;
  if ((char === '-' || char === '+' || char === '*') && spaceAfter(start + 1)) return start + 1;
  let digits = start;
  while (digits - start < 9 && line[digits]! >= '0' && line[digits]! <= '9') digits += 1;
  if (digits > start && (line[digits] === '.' || line[digits] === ')') && spaceAfter(digits + 1)) return digits + 1;
  return -1;
}
