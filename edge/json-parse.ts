import { LIMITS } from '../shared/index.ts';
import { ApiError } from './errors.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

export interface JsonBounds {
  jsonDepth: number;
  jsonValues: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A request body's bytes as JSON: refused with a 400 naming the rule if it nests too deep or holds too many
 * values (before anything is parsed), is not UTF-8, or is not JSON. A leading byte order mark is dropped,
 * as Request.json() does.
 */
export function parseJsonBody(bytes: Uint8Array, bounds: JsonBounds = LIMITS): unknown {
  requireWithinBounds(bytes, bounds);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new ApiError('BadRequestException', 'The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('BadRequestException', 'The request body is not valid JSON');
  }
}

/**
 * One pass over the bytes, so that parsing them costs little whatever their shape. Strings are skipped
 * (in UTF-8 no byte of another character equals a quote, bracket or comma); the syntax is JSON.parse's to check.
 */
function requireWithinBounds(bytes: Uint8Array, { jsonDepth, jsonValues }: JsonBounds): void {
  let depth = 0;
  // The body itself, one more for each comma, and a container's first item when the container closes with one.
  let values = 1;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    // Whitespace, digits, letters and most punctuation count for nothing: the common case, tested first.
    if (byte < QUOTE || (byte > COMMA && byte < OPEN_LIST) || (byte > CLOSE_LIST && byte < OPEN_OBJECT)) continue;
    if (byte === QUOTE) {
      i = closingQuote(bytes, i);
    } else if (byte === COMMA) {
      if (++values > jsonValues) throw tooMany(jsonValues);
    } else if (byte === OPEN_LIST || byte === OPEN_OBJECT) {
      if (++depth > jsonDepth) throw new ApiError('BadRequestException', `The request body nests deeper than ${jsonDepth} levels`);
    } else if (byte === CLOSE_LIST || byte === CLOSE_OBJECT) {
      depth--;
      if (!closesEmpty(bytes, i) && ++values > jsonValues) throw tooMany(jsonValues);
    }
  }
}

const tooMany = (jsonValues: number) => new ApiError('BadRequestException', `The request body holds more than ${jsonValues} JSON values`);

/** Bytes read one by one at the start of a string; past them the runtime's indexOf finds the closing quote. */
const SHORT_STRING = 32;

/** The index of the quote that closes the string opened at `open`, or the end of the bytes if none does. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let i = open + 1;
  for (const end = Math.min(bytes.length, i + SHORT_STRING); i < end; i++) {
    if (bytes[i] === QUOTE) return i;
    if (bytes[i] === BACKSLASH) i++;
  }
  // i is not an escaped byte: a quote found from there after anything but a backslash closes the string.
  const quote = bytes.indexOf(QUOTE, i);
  if (quote < 0) return bytes.length;
  if (bytes[quote - 1] !== BACKSLASH) return quote;
  for (; i < bytes.length && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
  return i;
}

/** Whether the container closing at `end` is empty: its opening bracket is the byte before, whitespace aside. */
function closesEmpty(bytes: Uint8Array, end: number): boolean {
  let i = end - 1;
  while (i >= 0 && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i--;
  return bytes[i] === OPEN_LIST || bytes[i] === OPEN_OBJECT;
}
