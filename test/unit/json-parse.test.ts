import { describe, expect, it } from 'vitest';
import { ApiError } from '../../edge/errors.ts';
import { parseJsonBody } from '../../edge/json-parse.ts';
import { LIMITS, bodyBounds } from '../../shared/index.ts';
import { largestCreateMeeting, largestLegacyCreateAttendees } from '../support/largest-bodies.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string, jsonDepth = 16, jsonValues = 1_000) => parseJsonBody(utf8(text), { jsonDepth, jsonValues });
/** The message of the 400 that run() throws. */
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect([error instanceof ApiError, (error as ApiError).name, (error as ApiError).status]).toEqual([true, 'BadRequestException', 400]);
    return (error as ApiError).message;
  }
  throw new Error('not refused');
};

describe('parseJsonBody', () => {
  it('parses JSON within the bounds', () => {
    expect(parse(' {"Attendees":[{"ExternalUserId":"bob","Tags":[{"Key":"k","Value":"v"}]}]}\n')).toEqual({
      Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'k', Value: 'v' }] }],
    });
  });

  it.each([
    ['[[[1]]]', 3],
    ['{"a":{"b":[{}]}}', 4],
    ['[[],[[]],{"a":[]}]', 3],
  ])('allows %s to nest %i levels and no fewer', (text, depth) => {
    expect(parse(text, depth)).toEqual(JSON.parse(text));
    expect(refusal(() => parse(text, depth - 1))).toBe(`The request body nests deeper than ${depth - 1} levels`);
  });

  it.each([
    ['[1]', 2],
    ['{ "a": [ ] }', 2],
    ['[1,2,3]', 4],
    ['{"a":1,"b":[true,false,null],"c":{}}', 7],
    ['[[],[ ],[\n\t\r],{}]', 5],
    ['[[1],[2,[3,{"a":"b"}]]]', 9],
  ])('counts %s as %i values', (text, values) => {
    expect(parse(text, 16, values)).toEqual(JSON.parse(text));
    expect(refusal(() => parse(text, 16, values - 1))).toBe(`The request body holds more than ${values - 1} JSON values`);
  });

  it('skips strings whole: brackets, commas and escaped quotes in them are text', () => {
    const strings = ['[[{{,,', ']]}},', 'a \\" [ { , still text', '\\\\', '\\\\\\"[', '\\u0022[', '😀[,]日本語', 'é{'];
    const text = `{${strings.map((s, i) => `"${s}${i}":"${s}"`).join(',')}}`;
    expect(parse(text, 1, 1 + strings.length)).toEqual(JSON.parse(text));
  });

  it('finds the end of strings of any length, whatever escapes stand where', () => {
    for (const special of ['"', '\\', '\\"', '"\\', '\\\\"', '\u0000', '😀']) {
      for (let at = 0; at <= 70; at++) {
        const text = `[${JSON.stringify(`${'x'.repeat(at)}${special}[{,]}`)},${JSON.stringify(`${special}`.repeat(at))},1]`;
        expect(parse(text, 1, 4)).toEqual(JSON.parse(text));
        expect(refusal(() => parse(text, 1, 3))).toBe('The request body holds more than 3 JSON values');
      }
    }
  });

  it('refuses a string left open as JSON, not for the brackets in it', () => {
    expect(refusal(() => parse(`["${'[,'.repeat(100)}`, 1, 2))).toBe('The request body is not valid JSON');
  });

  it('refuses bytes that are not UTF-8, in a string or out of one, before reading them as text', () => {
    for (const bytes of [
      [0x22, 0xff, 0x22],
      [0x22, 0xc3, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x5b, 0x31, 0x5d, 0x80],
    ]) {
      expect(refusal(() => parseJsonBody(new Uint8Array(bytes)))).toBe('The request body is not valid UTF-8');
    }
  });

  it('drops a leading byte order mark, as Request.json() does', () => {
    expect(parse('\ufeff{"a":"\ufeff"}')).toEqual({ a: '\ufeff' });
  });

  it.each(['', ' \n\t\r ', '{', '[1,]', '{"a":1,}', '\u0000'])('refuses %j as not JSON', (text) => {
    expect(refusal(() => parse(text))).toBe('The request body is not valid JSON');
  });

  it('refuses the deepest and the longest bodies under the size limit at their first level or value too many', () => {
    const deep = `${'['.repeat(LIMITS.requestBodyBytes / 2)}${']'.repeat(LIMITS.requestBodyBytes / 2)}`;
    expect(refusal(() => parseJsonBody(utf8(deep)))).toBe(`The request body nests deeper than ${LIMITS.jsonDepth} levels`);
    const long = `[${'0,'.repeat(LIMITS.requestBodyBytes / 2 - 1)}0]`;
    expect(refusal(() => parseJsonBody(utf8(long)))).toBe(`The request body holds more than ${LIMITS.jsonValues} JSON values`);
  });

  it.each([
    ['POST /meetings', 'chime-sdk-meetings', largestCreateMeeting('0a1b2c3d-4e5f-6789-abcd-ef0123456789'), 1_678],
    ['POST attendees with the legacy API', 'chime', largestLegacyCreateAttendees(), 8_252],
  ] as const)('leaves the largest valid body (%s) well inside its bounds', (_, api, body, values) => {
    const { jsonDepth, jsonValues } = bodyBounds(api);
    const text = utf8(JSON.stringify(body, null, 2));
    const tighter = { jsonDepth: jsonDepth / 3, jsonValues: jsonValues / 2 };
    expect(parseJsonBody(text, tighter)).toEqual(body);
    expect(refusal(() => parseJsonBody(text, { ...tighter, jsonValues: values - 1 }))).toBe(
      `The request body holds more than ${values - 1} JSON values`,
    );
  });
});
