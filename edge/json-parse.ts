import { LIMITS } from '../shared/index.ts';
import { badRequest } from './errors.ts';

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
    throw badRequest('The request body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

/** What a byte means to the pass over a body; nearly every byte means nothing and is skipped. */
const NOTHING = 0;
const STRING = 1;
const SEPARATOR = 2;
const OPENS = 3;
const CLOSES = 4;
const MEANING = new Uint8Array(256);
MEANING[QUOTE] = STRING;
MEANING[COMMA] = SEPARATOR;
MEANING[OPEN_LIST] = MEANING[OPEN_OBJECT] = OPENS;
MEANING[CLOSE_LIST] = MEANING[CLOSE_OBJECT] = CLOSES;

/**
 * One pass over the bytes, so that parsing them costs little whatever their shape. Strings are skipped
 * (in UTF-8 no byte of another character equals a quote, bracket or comma); the syntax is JSON.parse's to check.
 */
function requireWithinBounds(bytes: Uint8Array, { jsonDepth, jsonValues }: JsonBounds): void {
  let depth = 0;
  // The body itself, one more for each comma, and a container's first item when the container closes with one.
  let values = 1;
  // The last byte that means something stops the tightest loop below, so that it needs no check of the end.
  let last = bytes.length - 1;
  while (last >= 0 && MEANING[bytes[last]!] === NOTHING) last--;
  for (let i = 0; i <= last; i++) {
    let meaning: number;
    // The tightest loop, over whitespace, digits, letters and colons.
    while ((meaning = MEANING[bytes[i]!]!) === NOTHING) i++;
    if (meaning === STRING) {
      i = closingQuote(bytes, i);
    } else if (meaning === SEPARATOR) {
      if (++values > jsonValues) throw tooMany(jsonValues);
    } else if (meaning === OPENS) {
      if (++depth > jsonDepth) throw badRequest(`The request body nests deeper than ${jsonDepth} levels`);
    } else if (meaning === CLOSES) {
      depth--;
      if (!closesEmpty(bytes, i) && ++values > jsonValues) throw tooMany(jsonValues);
    }
  }
}

const tooMany = (jsonValues: number) => badRequest(`The request body holds more than ${jsonValues} JSON values`);

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
