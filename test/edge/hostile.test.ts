import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ERROR_STATUS, LIMITS, bodyBounds, type ErrorName } from '../../shared/index.ts';
import { TOKEN, app, emulator, emulatorFor, legacyEmulator, testEnv } from './harness.ts';
import { seededRandom } from '../emulator/faults.ts';

const REQUESTS = 10_000;
/** No answer may be larger, whatever the body up to LIMITS.requestBodyBytes. */
const ANSWER_BYTES = 64 * 1024;
const random = seededRandom(0xc41e);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const int = (max: number) => Math.floor(random() * max);

let meetingId: string;
beforeAll(async () => {
  meetingId = await emulator.createMeeting();
});

interface Attack {
  path?: string;
  headers?: Record<string, string>;
  body?: BodyInit;
}

const STRANGE_STRINGS = [
  '',
  'a',
  'x'.repeat(65),
  'x'.repeat(10_000),
  'aws:x',
  'AwS:bot',
  '😀😀',
  '\u0000\u0000',
  '\ud800ab',
  'ab\u200b',
  'ab\u202e',
  '日本語テキスト',
  'a\u0301b',
  '<script>',
  'a;b',
  'a\\b',
  'a%00',
];
const WRONG_VALUES: unknown[] = [null, 0, -1, 1.5, true, [], {}, [[]], { a: 1 }, 'x'.repeat(300)];

function validAttendees(count: number) {
  return Array.from({ length: count }, (_, i) => ({ ExternalUserId: `user-${i}` }));
}

/** One malformed request; every generator here makes only requests the contract must refuse. */
const attacks: Array<() => Attack> = [
  () => ({
    path: `/meetings/${pick(['x', '123', crypto.randomUUID() + 'a', crypto.randomUUID().replace(/-/g, ''), 'g'.repeat(36), '%2e%2e', '٠١٢٣٤٥٦٧-0000-0000-0000-000000000000'])}/attendees`,
  }),
  () => ({
    headers: {
      authorization: pick([
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${TOKEN}x`,
        `Token ${TOKEN}`,
        `Bearer ${'t'.repeat(8_000)}`,
        'Bearer ☃',
        `${TOKEN}`,
      ]),
    },
  }),
  () => ({
    headers: {
      'content-type': pick([
        'text/plain',
        'application/xml',
        'multipart/form-data; boundary=x',
        'application/jsonx',
        'application/x-www-form-urlencoded',
        'json',
      ]),
    },
  }),
  () => ({ headers: { 'content-type': `application/json; charset=${pick(['utf-16', 'latin1', 'iso-8859-1', '', 'utf-8x'])}` } }),
  () => ({ headers: { 'content-encoding': pick(['gzip', 'br', 'deflate', 'x-gzip', 'gzip, identity']) } }),
  () => {
    const full = JSON.stringify({ Attendees: validAttendees(1 + int(20)) });
    return { body: full.slice(0, int(full.length - 1)) };
  },
  () => ({
    body: pick([
      '',
      'null',
      '0',
      '"text"',
      '[]',
      'true',
      '{"Attendees":null}',
      '{"Attendees":"all"}',
      '{"Attendees":{}}',
      '\u0000',
      '{"Attendees":[1,2]}',
    ]),
  }),
  () => ({ body: `{"Attendees":${'['.repeat(1_000 + int(50_000))}` }),
  () => ({ body: `{"Attendees":[${'0,'.repeat(LIMITS.jsonValues + int(1_000))}0]}` }),
  () => ({ body: new Uint8Array(Array.from({ length: 1 + int(500) }, () => int(256))) }),
  () => ({ body: JSON.stringify({ Attendees: validAttendees(LIMITS.attendeesPerMeeting + 1 + int(500)) }) }),
  () => ({ body: JSON.stringify({ Attendees: [] }) }),
  () => ({ body: JSON.stringify({ Attendees: [{ ExternalUserId: pick(WRONG_VALUES) }] }) }),
  () => ({ body: JSON.stringify({ Attendees: [...validAttendees(int(5)), { ExternalUserId: pick(STRANGE_STRINGS) }] }) }),
  () => ({ body: JSON.stringify({ Attendees: [...validAttendees(int(5)), pick(WRONG_VALUES)] }) }),
  () => ({
    body: JSON.stringify({
      Attendees: [{ ExternalUserId: 'fine-user', [pick(['Name', 'externalUserId', '__proto__', 'constructor', ''])]: 1 }],
    }),
  }),
  () => ({ body: JSON.stringify({ Attendees: validAttendees(2), [pick(['attendees', 'Extra', 'MeetingId'])]: [] }) }),
  () => ({ body: JSON.stringify({ Attendees: validAttendees(1), [pick(STRANGE_STRINGS).repeat(1 + int(1_000))]: 1 }) }),
  () => {
    const AttendeeIds = Array(1 + int(5_000)).fill(pick(WRONG_VALUES));
    return { path: `/meetings/${meetingId}/attendees/delete`, body: JSON.stringify({ AttendeeIds }) };
  },
  () => ({ body: JSON.stringify({ Attendees: Array(LIMITS.attendeesPerMeeting).fill(pick(WRONG_VALUES)) }) }),
  () => ({ body: JSON.stringify({ Attendees: [{ ExternalUserId: 'tagged', Tags: pick([[], [{ Key: 'k', Value: 'v' }], 'tags']) }] }) }),
  () => ({
    body: JSON.stringify({
      Attendees: [
        {
          ExternalUserId: 'caps',
          Capabilities: pick([
            {},
            { Audio: 'None' },
            { Audio: 'Yes', Video: 'None', Content: 'None' },
            { Audio: 'None', Video: 'None', Content: 'SendReceive' },
            'all',
            null,
          ]),
        },
      ],
    }),
  }),
  () => {
    const list = validAttendees(2 + int(50));
    list.push({ ExternalUserId: list[int(list.length)]!.ExternalUserId });
    return { body: JSON.stringify({ Attendees: list }) };
  },
];

async function send(attack: Attack): Promise<Response> {
  const request = new Request(`http://worker.test${attack.path ?? `/meetings/${meetingId}/attendees`}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...attack.headers },
    body: attack.body ?? JSON.stringify({ Attendees: validAttendees(3) }),
  });
  return app.fetch(request, testEnv());
}

describe('hostile input', () => {
  it(`answers ${REQUESTS} malformed requests with documented 4xx errors and no upstream call`, async () => {
    const before = await emulator.calls('BatchCreateAttendee');
    const seen = new Map<string, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const attack = pick(attacks)();
      const response = await send(attack);
      const text = await response.text();
      const body = JSON.parse(text) as { Code: ErrorName; Message: string };
      const context = `request ${i}: ${JSON.stringify(attack).slice(0, 200)}`;
      expect(text.length, context).toBeLessThanOrEqual(ANSWER_BYTES);
      expect(response.status, context).toBeGreaterThanOrEqual(400);
      expect(response.status, context).toBeLessThan(500);
      expect(ERROR_STATUS[body.Code], context).toBe(response.status);
      expect(response.headers.get('x-amzn-errortype'), context).toBe(body.Code);
      expect(body.Message.length, context).toBeGreaterThan(0);
      seen.set(body.Code, (seen.get(body.Code) ?? 0) + 1);
    }
    expect(await emulator.calls('BatchCreateAttendee')).toBe(before);
    const documented = [
      'BadRequestException',
      'NotFoundException',
      'UnauthorizedException',
      'UnsupportedMediaTypeException',
      'PayloadTooLargeException',
    ];
    for (const code of seen.keys()) expect(documented).toContain(code);
    expect(seen.get('BadRequestException')).toBeGreaterThan(REQUESTS / 2);
  }, 120_000); // a bound for a slow machine, not a timing goal
});

describe('a body over the bound', () => {
  /** The worker's answer as JSON, and whether the worker parsed any JSON on the way. */
  async function post(body: ReadableStream, { legacy = false, headers = {} as Record<string, string> } = {}) {
    const parse = vi.spyOn(JSON, 'parse');
    const request = new Request(`http://worker.test/meetings/${meetingId}/attendees`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers },
      body,
    });
    const response = await app.fetch(request, testEnv({}, legacy));
    const parsed = parse.mock.calls.length > 0;
    parse.mockRestore();
    const json = (await response.json()) as { Code: string; Message: string; Issues?: unknown[] };
    return { status: response.status, json, parsed };
  }
  const rule = (bytes: number) => `The request body must be at most ${bytes} bytes`;
  const CHUNK = 16 * 1024;

  /** A body of `total` bytes in chunks, counting the chunks read; valid JSON up to its end, so only its size is wrong. */
  function counted(total: number) {
    let pulled = 0;
    const chunks = Math.ceil(total / CHUNK);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        const text =
          pulled === 1 ? `{"Attendees":[${' '.repeat(CHUNK - 14)}` : pulled === chunks ? `${' '.repeat(CHUNK - 3)}]}\n` : ' '.repeat(CHUNK);
        controller.enqueue(new TextEncoder().encode(text));
        if (pulled === chunks) controller.close();
      },
    });
    return { stream, pulled: () => pulled };
  }

  const largest = LIMITS.legacy.requestBodyBytes;
  const boundOf = (legacy: boolean) => bodyBounds(legacy ? 'chime' : 'chime-sdk-meetings').requestBodyBytes;

  it.each([false, true])(
    'is refused with 413 naming the bound, by a Content-Length over the largest bound before a byte is read (legacy %s)',
    async (legacy) => {
      const { stream, pulled } = counted(4 * largest);
      const { status, json, parsed } = await post(stream, { legacy, headers: { 'content-length': String(4 * largest) } });
      expect([status, json.Code, json.Message, parsed]).toEqual([413, 'PayloadTooLargeException', rule(boundOf(legacy)), false]);
      // A stream may be asked for its first chunk as the request is made; nothing more is read.
      expect(pulled()).toBeLessThanOrEqual(1);
    },
  );

  it.each([true, false])(
    'within the largest bound is read to its end unparsed, then refused with 413 naming the bound (Content-Length %s)',
    async (declared) => {
      const bound = LIMITS.requestBodyBytes;
      const { stream, pulled } = counted(4 * bound);
      const { status, json, parsed } = await post(stream, { headers: declared ? { 'content-length': String(4 * bound) } : {} });
      expect([status, json.Code, json.Message, parsed]).toEqual([413, 'PayloadTooLargeException', rule(bound), false]);
      expect(pulled()).toBe((4 * bound) / CHUNK);
    },
  );

  it.each([false, true])(
    'is refused with 413 while it streams in without a Content-Length, just past the largest bound (legacy %s)',
    async (legacy) => {
      const { stream, pulled } = counted(4 * largest);
      const { status, json, parsed } = await post(stream, { legacy });
      expect([status, json.Code, json.Message, parsed]).toEqual([413, 'PayloadTooLargeException', rule(boundOf(legacy)), false]);
      expect(pulled()).toBeLessThanOrEqual(largest / CHUNK + 2);
    },
  );

  it('is taken up to the bound itself, byte for byte', async () => {
    const bound = LIMITS.requestBodyBytes;
    const { stream } = counted(bound);
    const { status, json, parsed } = await post(stream);
    expect([status, json.Code, json.Issues, parsed]).toEqual([
      400,
      'BadRequestException',
      [{ Path: 'Attendees', Message: 'must hold 1 to 250 attendees' }],
      true,
    ]);
  });
});

describe('request IDs', () => {
  const UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/;

  it('are the worker’s own; a caller’s is only logged beside it, cut and cleaned', async () => {
    const log = vi.spyOn(console, 'log');
    const lineOf = (id: string) => JSON.parse(log.mock.calls.map(([text]) => String(text)).find((text) => text.includes(id))!);
    const forged = await send({ headers: { 'x-request-id': 'MKR0669fffzz' }, body: '{"Attendees":[]}' });
    const { RequestId } = (await forged.json()) as { RequestId: string };
    expect(RequestId).toMatch(UUID);
    expect(forged.headers.get('x-request-id')).toBe(RequestId);
    expect(lineOf(RequestId)).toMatchObject({ requestId: RequestId, callerRequestId: 'MKR0669fffzz' });

    const long = await send({ headers: { 'x-request-id': `a\tb${'c'.repeat(10_000)}` }, body: '{"Attendees":[]}' });
    const id = long.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(lineOf(id).callerRequestId).toBe(`a\ufffdb${'c'.repeat(61)}…`);
    log.mockRestore();
  });
});

describe('encodings', () => {
  const empty = '{"Attendees":[]}';

  it.each([
    ['Content-Encoding', { 'content-encoding': 'gzip' }, 'Content-Encoding must be identity'],
    ['Content-Encoding', { 'content-encoding': 'br' }, 'Content-Encoding must be identity'],
    ['charset', { 'content-type': 'application/json; charset=utf-16' }, "Content-Type's charset, if given, must be utf-8"],
    ['charset', { 'content-type': 'application/json; charset=latin1' }, "Content-Type's charset, if given, must be utf-8"],
  ])('refuses a body in another %s with 415 naming the header and the rule (%j)', async (_, headers, rule) => {
    const response = await send({ headers, body: empty });
    const json = (await response.json()) as { Code: string; Message: string };
    expect([response.status, json.Code, json.Message]).toEqual([415, 'UnsupportedMediaTypeException', expect.stringContaining(rule)]);
  });

  const utf8 = ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf-8"'];
  it.each(utf8)('reads %s as UTF-8 JSON', async (type) => {
    const plain: Record<string, string> = { 'content-type': type };
    for (const headers of [plain, { ...plain, 'content-encoding': 'identity' }]) {
      const response = await send({ headers, body: empty });
      const json = (await response.json()) as { Issues: Array<{ Path: string }> };
      expect([response.status, json.Issues[0]!.Path]).toEqual([400, 'Attendees']);
    }
  });
});

interface ErrorAnswer {
  Code: ErrorName;
  Message: string;
  Issues: Array<{ Path: string; Message: string }>;
}

describe('answers to the largest hostile bodies', () => {
  const items = (count: number, item: string) => `[${Array(count).fill(item).join(',')}]`;
  const attendee = (i: number) => ({
    ExternalUserId: `aws:${i};`.padEnd(100, '😀'),
    Capabilities: { Audio: 'Loud', Video: 7, Content: null, Extra: 1 },
    Tags: [{ Key: '', Value: '' }],
    [`${i}\u0000${'k'.repeat(500)}`]: 1,
  });

  /** Sends a body that must be refused with 400 before any upstream call: the answer is small and lists at most 20 issues. */
  async function refused(path: string, body: string, legacy = false): Promise<ErrorAnswer> {
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(bodyBounds(legacy ? 'chime' : 'chime-sdk-meetings').requestBodyBytes);
    const before = await emulatorFor(legacy).calls();
    const response = await app.fetch(
      new Request(`http://worker.test/meetings/${meetingId}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body,
      }),
      testEnv({}, legacy),
    );
    const text = await response.text();
    const json = JSON.parse(text) as ErrorAnswer;
    expect([response.status, json.Code]).toEqual([400, 'BadRequestException']);
    expect(text.length).toBeLessThanOrEqual(ANSWER_BYTES);
    expect(json.Issues?.length ?? 0).toBeLessThanOrEqual(LIMITS.issuesListed);
    expect(json.Message.length).toBeLessThanOrEqual(1_024);
    expect(await emulatorFor(legacy).calls()).toBe(before);
    return json;
  }

  const deeper = `The request body nests deeper than ${LIMITS.jsonDepth} levels`;
  const more = `The request body holds more than ${LIMITS.jsonValues} JSON values`;
  const tooDeep = LIMITS.jsonDepth + 1;
  const fields = (count: number) => Array.from({ length: count }, (_, i) => `"field-${i}":1`).join(',');
  /** How many items of `bytes` each (and a comma) fill the size bound, less `room` bytes for the rest of the body. */
  const filling = (bytes: number, room = 32) => Math.floor((LIMITS.requestBodyBytes - room) / (bytes + 1));
  const deepest = (LIMITS.requestBodyBytes - 16) / 2;
  it.each([
    ['AttendeeIds of "x" filling the size bound', 'attendees/delete', `{"AttendeeIds":${items(filling(3), '"x"')}}`, more],
    ['AttendeeIds one more than the bound allows', 'attendees/delete', `{"AttendeeIds":${items(LIMITS.jsonValues - 1, '"x"')}}`, more],
    ['Attendees of zeros filling the size bound', 'attendees', `{"Attendees":${items(filling(1), '0')}}`, more],
    ['unknown fields filling the size bound', 'attendees', `{"Attendees":[{"ExternalUserId":"bob"}],${fields(filling(15, 64))}}`, more],
    ['empty lists filling the size bound', 'attendees', `{"Attendees":${items(filling(2), '[]')}}`, more],
    [
      'Attendees nested as deep as the size bound allows',
      'attendees',
      `{"Attendees":${'['.repeat(deepest)}${']'.repeat(deepest)}}`,
      deeper,
    ],
    ['objects nested one level deeper than the bound', 'attendees', `${'{"a":'.repeat(tooDeep)}1${'}'.repeat(tooDeep)}`, deeper],
  ])('refuses %s on its shape alone, before parsing it', async (_, path, body, Message) => {
    const json = await refused(path, body);
    expect([json.Message, json.Issues]).toEqual([Message, undefined]);
  });

  it('reads escaped quotes and brackets filling the size bound in a string as text, then lists nested as deep as allowed', async () => {
    const lists = LIMITS.jsonDepth - 2;
    const json = await refused(
      'attendees',
      `{"Attendees":["${'\\"[{,'.repeat(filling(5, 64))}",${'['.repeat(lists)}${']'.repeat(lists)}]}`,
    );
    expect(json.Issues.slice(0, 1)).toEqual([{ Path: 'Attendees[0]', Message: 'must be an object' }]);
  });

  it('refuses invalid UTF-8 rather than reading it as U+FFFD', async () => {
    const bytes = new TextEncoder().encode('{"Attendees":[{"ExternalUserId":"bob","Tags":[{"Key":"k","Value":"v?"}]}]}');
    bytes[bytes.indexOf(0x3f)] = 0xff;
    const before = await legacyEmulator.calls();
    const response = await app.fetch(
      new Request(`http://worker.test/meetings/${meetingId}/attendees`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: bytes,
      }),
      testEnv({}, true),
    );
    const json = (await response.json()) as ErrorAnswer;
    expect([response.status, json.Code, json.Message]).toEqual([400, 'BadRequestException', 'The request body is not valid UTF-8']);
    expect(await legacyEmulator.calls()).toBe(before);
  });

  it.each([
    ['AttendeeIds', 'attendees/delete', 2, 'must hold 1 to 250 attendee IDs'],
    ['Attendees', 'attendees', 2, 'must hold 1 to 250 attendees'],
  ])('refuses %s of as many items as the bound allows on the length alone', async (Path, path, around, Message) => {
    const json = await refused(path, `{"${Path}":${items(LIMITS.jsonValues - around, '"x"')}}`);
    expect(json.Issues).toEqual([{ Path, Message }]);
    expect(json.Message).toBe(`Invalid request: ${Path}: ${Message}`);
  });

  it('refuses as many tags as the bound allows with the legacy API on their length alone', async () => {
    const json = await refused(
      'attendees',
      `{"Attendees":[{"ExternalUserId":"bob","Tags":${items(LIMITS.legacy.jsonValues - 5, '0')}}]}`,
      true,
    );
    expect(json.Issues).toEqual([{ Path: 'Attendees[0].Tags', Message: 'must hold 1 to 10 tags' }]);
  });

  it('repeats an unknown field name filling the size bound only in part', async () => {
    const json = await refused('attendees', `{"Attendees":[{"ExternalUserId":"bob"}],"${'k'.repeat(LIMITS.requestBodyBytes - 64)}":1}`);
    expect(json.Issues).toEqual([{ Path: `${'k'.repeat(LIMITS.echoedTextLength)}…`, Message: 'is not a known field' }]);
  });

  it('names the first unknown field of as many as the bound allows', async () => {
    const json = await refused('attendees', `{"Attendees":[{"ExternalUserId":"bob"}],${fields(LIMITS.jsonValues - 4)}}`);
    expect(json.Issues).toEqual([{ Path: 'field-0', Message: 'is not a known field' }]);
  });

  it('refuses Attendees nested as deep as the bound allows for its one item, never looking deeper', async () => {
    const depth = LIMITS.jsonDepth - 1;
    const json = await refused('attendees', `{"Attendees":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(json.Issues).toEqual([
      { Path: 'Attendees[0].ExternalUserId', Message: 'is required' },
      { Path: 'Attendees[0].0', Message: 'is not a known field' },
    ]);
  });

  it('lists 20 issues of 250 attendees wrong in every field, names 3, counts the rest found and the attendees checked only to their first', async () => {
    const body = JSON.stringify({ Attendees: Array.from({ length: LIMITS.attendeesPerMeeting }, (_, i) => attendee(i)) });
    const json = await refused('attendees', body);
    expect(json.Issues).toHaveLength(LIMITS.issuesListed);
    expect(json.Issues[0]).toEqual({ Path: 'Attendees[0].ExternalUserId', Message: 'must be 2 to 64 characters' });
    for (const { Path } of json.Issues) expect(Path.length).toBeLessThanOrEqual(100);
    expect(json.Issues.map((i) => i.Path)).toContain(`Attendees[0].0\ufffd${'k'.repeat(LIMITS.echoedTextLength - 2)}…`);
    // 9 issues in each of the first 3 attendees, checked in full: 27 of which 3 are named; the other 247 to their first issue.
    expect(json.Message.split('; ').slice(3)).toEqual(['and 24 more issues', 'and more issues in 247 further items of Attendees']);
  });

  it('lists 20 issues of 250 legacy attendees with 10 wrong tags each', async () => {
    const Tags = Array(LIMITS.tagsPerAttendee.max).fill({ Key: 'k'.repeat(129), Value: 'v'.repeat(257) });
    const Attendees = Array.from({ length: LIMITS.attendeesPerMeeting }, (_, i) => ({ ExternalUserId: `user-${i}`, Tags }));
    const body = JSON.stringify({ Attendees });
    const json = await refused('attendees', body, true);
    expect(json.Issues.slice(0, 2)).toEqual([
      { Path: 'Attendees[0].Tags[0].Key', Message: 'must be 1 to 128 characters' },
      { Path: 'Attendees[0].Tags[0].Value', Message: 'must be 1 to 256 characters' },
    ]);
    expect(json.Message).toMatch(
      new RegExp(`; and 17 more issues; and more issues in ${LIMITS.attendeesPerMeeting - 1} further items of Attendees$`),
    );
  });
});
