/**
 * The deepest nesting of objects and arrays a JSON body may have. Our deepest body (a hall's opening
 * hours) nests 3 levels; a body nested thousands of levels made class-transformer overflow the stack (a
 * 500 after 40 ms of CPU per request), so deeper bodies are refused before anything walks them.
 */
export const MAX_JSON_DEPTH = 32;

/** body-parser's error type for a body nested deeper than MAX_JSON_DEPTH (mapped to 400 BODY_TOO_DEEP). */
export const TOO_DEEP = 'entity.too.deep';

/**
 * True when the JSON text nests objects or arrays more than `max` levels deep. One linear pass over the
 * bytes without parsing: brackets inside strings do not count. UTF-8 continuation bytes are never ASCII,
 * so scanning bytes is exact for any UTF-8 text.
 */
export function jsonDeeperThan(buf: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const c = buf[i];
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/**
 * True when a parsed value (a socket.io payload) nests objects or arrays more than `max` levels deep.
 * Iterative and stops at the first path deeper than `max`, so a hostile payload costs nothing to reject
 * (JSON.stringify or a recursive walk overflows the stack on a few thousand levels).
 */
export function valueDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}
