import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
  DeleteAttendeesRequestSchema,
  ExternalUserIdPrefixSchema,
  ExternalUserIdSchema,
  GetMeetingResponseSchema,
  ListAttendeesResponseSchema,
  MeetingIdSchema,
  attendeeRequestSchema,
  batchCreateAttendeeRequestSchema,
  boundedList,
  canonicalErrorName,
  closedObject,
  describeIssues,
  duplicateIndexes,
  echoable,
  isRetryableStatus,
  list,
  meetingCapacity,
  objectMessage,
  parseSafely,
  reportIssues,
  summarizeIssues,
} from '../../shared/index.ts';
import { seededRandom } from '../emulator/faults.ts';

const current = batchCreateAttendeeRequestSchema({ api: 'chime-sdk-meetings' });
const legacy = batchCreateAttendeeRequestSchema({ api: 'chime' });
const issuesOf = (schema: Parameters<typeof parseSafely>[0], input: unknown) => {
  const result = parseSafely(schema, input);
  return result.success ? [] : describeIssues(result.issues);
};

describe('ExternalUserId', () => {
  it.each(['ab', 'x'.repeat(64), 'alice@example.com', "O'Brien (QA) #1", 'Zoë «test» [bot]/{1}|2', 'tab\tand space', 'ÀÿÉ'])(
    'accepts %j',
    (id) => {
      expect(parseSafely(ExternalUserIdSchema, id).success).toBe(true);
    },
  );

  it.each([
    ['a', /2 to 64/],
    ['x'.repeat(65), /2 to 64/],
    ['aws:bot', /reserved/],
    ['AWS:bot', /reserved/],
    ['no\u00a0break', /may hold only/],
    ['emoji 😀', /may hold only/],
    ['semi;colon', /may hold only/],
    ['Ā-latin-extended', /may hold only/],
  ])('refuses %j', (id, rule) => {
    const issues = issuesOf(ExternalUserIdSchema, id);
    expect(issues.map((i) => i.Message).join()).toMatch(rule);
  });
});

describe('MeetingId', () => {
  it('accepts a GUID in either case and refuses anything else', () => {
    expect(parseSafely(MeetingIdSchema, '0A1B2C3D-4e5f-6789-abcd-ef0123456789').success).toBe(true);
    for (const bad of [
      '',
      '0a1b2c3d4e5f6789abcdef0123456789',
      '0a1b2c3d-4e5f-6789-abcd-ef01234567890',
      'zzzzzzzz-4e5f-6789-abcd-ef0123456789',
    ]) {
      expect(parseSafely(MeetingIdSchema, bad).success).toBe(false);
    }
  });
});

describe('request body', () => {
  it('takes Capabilities with the current API and Tags with the legacy one, not the other way round', () => {
    const caps = { Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'SendReceive', Video: 'Receive', Content: 'Receive' } }] };
    const tags = { Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'team', Value: 'media' }] }] };
    expect(issuesOf(current, caps)).toEqual([]);
    expect(issuesOf(legacy, tags)).toEqual([]);
    expect(issuesOf(current, tags)).toEqual([{ Path: 'Attendees[0].Tags', Message: expect.stringContaining('chime API') }]);
    expect(issuesOf(legacy, caps)).toEqual([
      { Path: 'Attendees[0].Capabilities', Message: expect.stringContaining('chime-sdk-meetings API') },
    ]);
  });

  it('holds the Content capability to the Video rule', () => {
    const body = (Video: string, Content: string) => ({
      Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'None', Video, Content } }],
    });
    expect(issuesOf(current, body('Receive', 'SendReceive'))).toEqual([]);
    expect(issuesOf(current, body('None', 'Send'))).toEqual([]);
    expect(issuesOf(current, body('Send', 'Receive'))).toEqual([
      { Path: 'Attendees[0].Capabilities.Content', Message: expect.stringContaining('only when Video') },
    ]);
  });

  it('limits the list to the configured maximum', () => {
    const schema = batchCreateAttendeeRequestSchema({ api: 'chime-sdk-meetings', maxAttendees: 3 });
    const body = { Attendees: ['u1', 'u2', 'u3', 'u4'].map((ExternalUserId) => ({ ExternalUserId })) };
    expect(issuesOf(schema, body)).toEqual([{ Path: 'Attendees', Message: 'must hold 1 to 3 attendees' }]);
  });

  it('names each repeated ExternalUserId by position', () => {
    expect(duplicateIndexes(['a', 'b', 'a', 'b', 'a'])).toEqual([
      [2, 0],
      [3, 1],
      [4, 0],
    ]);
    const body = { Attendees: ['bob', 'carol', 'bob'].map((ExternalUserId) => ({ ExternalUserId })) };
    expect(summarizeIssues(issuesOf(current, body))).toBe(
      'Attendees: item 2 repeats the ExternalUserId of item 0 (each ExternalUserId may appear once)',
    );
  });

  it('never puts a value it was given into a message', () => {
    const values = ['Secret Person', 'aws:secret', 'x'.repeat(70), 'evil;value', 'hidden-tag-key', 'hidden-tag-value'];
    const bodies = [
      ...values.map((ExternalUserId) => ({ Attendees: [{ ExternalUserId }, { ExternalUserId }] })),
      { Attendees: [{ ExternalUserId: 'ok-user', Tags: [{ Key: 'hidden-tag-key', Value: 'hidden-tag-value' }], Secret: 'Secret Person' }] },
      { Attendees: [{ ExternalUserId: 'ok-user', Capabilities: { Audio: 'evil;value', Video: 'Secret Person', Content: 12345 } }] },
      { Attendees: 'Secret Person' },
      'Secret Person',
    ];
    for (const body of bodies) {
      const text = JSON.stringify(issuesOf(current, body)) + JSON.stringify(issuesOf(legacy, body));
      expect(text.length).toBeGreaterThan(2);
      for (const value of [...values, '12345']) expect(text).not.toContain(value);
    }
  });
});

describe('the quick path of the request schema', () => {
  const random = seededRandom(20261201);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  // Characters at and beyond the edges of the ExternalUserId set; \u00d7 is inside it, \u0178 (Ÿ) and surrogates are not.
  const characters = [
    'a',
    'Z',
    '0',
    ' ',
    '\t',
    '\n',
    '\x0B',
    '\r',
    '-',
    '«',
    '»',
    '#',
    '"',
    "'",
    'À',
    'ÿ',
    '\u00d7',
    '\u0178',
    '\u00a0',
    ';',
    '😀',
    '\ud800',
  ];
  const prefixes = ['', '', '', 'aws:', 'AWS:', 'aWs:', 'aws', ' aws:', 'ãws:'];
  const externalUserId = () => {
    const length = pick([0, 1, 2, 3, 10, 63, 64, 65]);
    const common = random() < 0.7;
    const text = Array.from({ length }, () => (common ? pick(['a', 'b', '7', '-', ' ']) : pick(characters))).join('');
    return (pick(prefixes) + text).slice(0, Math.max(length, 0)) || text;
  };
  const capability = () => pick(['SendReceive', 'Send', 'Receive', 'None', 'none', 7, undefined]);
  const capabilities = () =>
    pick([
      () => ({ Audio: capability(), Video: capability(), Content: capability() }),
      () => ({ Audio: 'None', Video: 'None', Content: 'None', Extra: 1 }),
      () => ({ Audio: 'None', Video: 'Receive' }),
      () => null,
      () => ['SendReceive'],
      () => undefined,
    ])();
  const attendee = (): unknown =>
    pick([
      () => ({ ExternalUserId: externalUserId() }),
      () => ({ ExternalUserId: externalUserId() }),
      () => ({ ExternalUserId: externalUserId(), Capabilities: capabilities() }),
      () => ({ Capabilities: capabilities(), ExternalUserId: externalUserId() }),
      () => ({ ExternalUserId: externalUserId(), Tags: [{ Key: 'k', Value: 'v' }] }),
      () => ({ ExternalUserId: externalUserId(), Other: 1 }),
      () => Object.assign(Object.create(null), { ExternalUserId: 'no-prototype' }),
      () => Object.create({ ExternalUserId: 'inherited' }),
      () => Object.defineProperty({}, 'ExternalUserId', { value: 'not-enumerable', enumerable: false }),
      () => ({ ExternalUserId: 42 }),
      () => null,
      () => 'bob',
    ])();
  /** What the schema's own rules make of a list: each attendee by its schema, then the list's length and distinct IDs. */
  const expected = (api: 'chime-sdk-meetings' | 'chime', list: unknown[], max: number) => {
    if (list.length < 1 || list.length > max) return undefined;
    const outputs = list.map((item) => parseSafely(attendeeRequestSchema(api), item));
    if (!outputs.every((result) => result.success)) return undefined;
    const ids = outputs.map((result) => result.output.ExternalUserId);
    return new Set(ids).size === ids.length ? outputs.map((result) => result.output) : undefined;
  };

  it.each(['chime-sdk-meetings', 'chime'] as const)('accepts what the schema accepts, and gives its output, with the %s API', (api) => {
    const max = 5;
    const schema = batchCreateAttendeeRequestSchema({ api, maxAttendees: max });
    let accepted = 0;
    for (let run = 0; run < 4000; run++) {
      const list = Array.from({ length: pick([0, 1, 1, 2, 3, 6]) }, attendee);
      if (random() < 0.1 && list.length > 1) list[1] = list[0];
      const want = expected(api, list, max);
      const result = parseSafely(schema, { Attendees: list });
      expect(result.success, JSON.stringify(list)).toBe(want !== undefined);
      if (result.success) expect(result.output.Attendees).toStrictEqual(want);
      if (result.success) accepted++;
    }
    expect(accepted).toBeGreaterThan(200);
  });

  it('leaves every refusal, and its issues, to the schema', () => {
    const body = {
      Attendees: [
        { ExternalUserId: 'aws:x' },
        { ExternalUserId: 'ok-user', Capabilities: { Audio: 'None', Video: 'None', Content: 'Receive' } },
      ],
    };
    expect(issuesOf(current, body)).toEqual([
      { Path: 'Attendees[0].ExternalUserId', Message: 'must not start with "aws:" (reserved by AWS)' },
      { Path: 'Attendees[1].Capabilities.Content', Message: 'may be SendReceive or Receive only when Video is SendReceive or Receive' },
    ]);
  });
});

describe('lists', () => {
  it('refuse a list on its length before looking at any item', () => {
    let checked = 0;
    const list = boundedList(
      v.pipe(
        v.unknown(),
        v.check(() => ++checked > 0),
      ),
      1,
      3,
      'must hold 1 to 3 items',
    );
    expect(issuesOf(list, Array(1000).fill(0))).toEqual([{ Path: 'body', Message: 'must hold 1 to 3 items' }]);
    expect(issuesOf(list, [])).toEqual([{ Path: 'body', Message: 'must hold 1 to 3 items' }]);
    expect(checked).toBe(0);
    expect(issuesOf(list, [1, 2])).toEqual([]);
    expect(checked).toBe(2);
    expect(issuesOf(list, 'abc')).toEqual([{ Path: 'body', Message: 'must be a list' }]);
  });

  it.each([
    ['Attendees', current, { Attendees: Array(100_000).fill(0) }, 'must hold 1 to 250 attendees'],
    ['AttendeeIds', DeleteAttendeesRequestSchema, { AttendeeIds: Array(100_000).fill('x') }, 'must hold 1 to 250 attendee IDs'],
    ['Attendees[0].Tags', legacy, { Attendees: [{ ExternalUserId: 'bob', Tags: Array(1000).fill(0) }] }, 'must hold 1 to 10 tags'],
  ] as const)('give %s one issue for its length, however many items are wrong', (Path, schema, body, Message) => {
    expect(issuesOf(schema, body)).toEqual([{ Path, Message }]);
  });
});

describe('issues', () => {
  const wrong = (count: number) => ({ Attendees: Array.from({ length: count }, (_, i) => ({ ExternalUserId: `${i};` })) });
  const issuesAll = (body: unknown) => {
    const result = parseSafely(current, body);
    return result.success ? [] : result.issues;
  };

  it('are listed up to 20, and the summary names 3 and counts the rest', () => {
    const { summary, issues } = reportIssues(issuesAll(wrong(250)));
    expect(issues).toHaveLength(20);
    expect(issues[19]).toEqual({ Path: 'Attendees[19].ExternalUserId', Message: expect.stringMatching(/^may hold only/) });
    const paths = (text: string) => text.split('; ').map((part) => part.split(':')[0]);
    const named = (count: number) => Array.from({ length: count }, (_, i) => `Attendees[${i}].ExternalUserId`);
    expect(paths(summary)).toEqual([...named(3), 'and 17 more issues', 'and more issues in 230 further items of Attendees']);
    expect(paths(reportIssues(issuesAll(wrong(2))).summary)).toEqual(named(2));
    expect(summary).toMatch(/^Attendees\[0\]\.ExternalUserId: may hold only /);
  });

  /** Attendees wrong in every field but those at the indexes in `valid`. */
  const wrongEverywhere = (count: number, valid = new Set<number>()) => ({
    Attendees: Array.from({ length: count }, (_, i) =>
      valid.has(i)
        ? { ExternalUserId: `user-${i}` }
        : { ExternalUserId: `aws:${i};`, Capabilities: { Audio: 'Loud', Video: 7, Content: null, Extra: 1 }, Tags: [], [`k${i}`]: 1 },
    ),
  });
  /** The same list checked by valibot's own array, every item in full. */
  const everyIssue = (body: unknown) => {
    const schema = v.strictObject({ Attendees: v.array(attendeeRequestSchema('chime-sdk-meetings'), 'must be a list') }, objectMessage);
    const result = parseSafely(schema, body);
    return result.success ? [] : result.issues;
  };

  it('list the same first 20 issues as a check of every item in full, and count the items checked only to their first', () => {
    const valid = new Set([3, 100, 249]);
    const body = wrongEverywhere(250, valid);
    const all = everyIssue(body);
    const { summary, issues } = reportIssues(issuesAll(body));
    expect(issues).toEqual(describeIssues(all));
    expect(issues.map((i) => i.Path).slice(8, 10)).toEqual(['Attendees[1].ExternalUserId', 'Attendees[1].ExternalUserId']);
    // Items 0, 1 and 2 in full (8 issues each), then 247 more of which 3 are valid: 244 with issues.
    const perItem = all.length / 247;
    expect(summary.split('; ').slice(3)).toEqual([
      `and ${3 * perItem - 3} more issues`,
      'and more issues in 244 further items of Attendees',
    ]);
  });

  it('count issues found outside the list with those found in full', () => {
    const body = { ...wrongEverywhere(30), Extra: 1 };
    const { summary, issues } = reportIssues(issuesAll(body));
    expect(issues).toEqual(describeIssues(everyIssue(body)));
    const perItem = everyIssue(wrongEverywhere(1)).length;
    expect(summary.split('; ').slice(3)).toEqual([
      `and ${3 * perItem + 1 - 3} more issues`,
      'and more issues in 27 further items of Attendees',
    ]);
  });

  it('check an item past the first 20 issues only up to its first issue', () => {
    let checked = 0;
    const item = v.pipe(
      v.unknown(),
      v.check(() => (checked++, false), 'is wrong'),
      v.check(() => (checked++, false), 'is wrong again'),
    );
    const { summary, issues } = reportIssues(
      parseSafely(boundedList(item, 1, 100, 'must hold 1 to 100 items'), Array(100).fill(0)).issues ?? [],
    );
    expect(issues).toHaveLength(20);
    expect(issues.slice(0, 2)).toEqual([
      { Path: '[0]', Message: 'is wrong' },
      { Path: '[0]', Message: 'is wrong again' },
    ]);
    expect(checked).toBe(20 + 90);
    expect(summary).toBe(
      '[0]: is wrong; [0]: is wrong again; [1]: is wrong; and 17 more issues; and more issues in 90 further items of body',
    );
  });

  it('of legacy Tags nested in Attendees are counted list by list', () => {
    const Tags = Array(10).fill({ Key: '', Value: '', Extra: 1 });
    const { summary, issues } = reportIssues(
      parseSafely(legacy, {
        Attendees: [
          { ExternalUserId: 'bob', Tags },
          { ExternalUserId: 'x', Tags },
        ],
      }).issues ?? [],
    );
    expect(issues.slice(18)).toEqual([
      { Path: 'Attendees[0].Tags[6].Key', Message: 'must be 1 to 128 characters' },
      { Path: 'Attendees[0].Tags[6].Value', Message: 'must be 1 to 256 characters' },
    ]);
    expect(summary.split('; ').slice(3)).toEqual([
      'and 18 more issues',
      'and more issues in 3 further items of Attendees[0].Tags',
      'and more issues in 1 further item of Attendees',
    ]);
  });

  it('repeat an unknown field name only in part, without control or format characters', () => {
    const [long] = describeIssues(issuesAll({ Attendees: [{ ExternalUserId: 'bob' }], ['k'.repeat(1_000_000)]: 1 }));
    expect(long).toEqual({ Path: `${'k'.repeat(64)}…`, Message: 'is not a known field' });
    const [odd] = describeIssues(issuesAll({ Attendees: [{ ExternalUserId: 'bob', 'a\u0000\n\u202eb\ud800': 1 }] }));
    expect(odd!.Path).toBe('Attendees[0].a\ufffd\ufffd\ufffdb\ufffd');
    expect(echoable('😀'.repeat(40))).toBe(`${'😀'.repeat(32)}…`);
    expect(echoable(`${'x'.repeat(63)}😀`)).toBe(`${'x'.repeat(63)}\ufffd…`);
  });

  it('summarize what they are given, counting what was left out', () => {
    const listed = [{ Path: 'a', Message: 'is wrong' }];
    expect(summarizeIssues(listed)).toBe('a: is wrong');
    expect(summarizeIssues(listed, 5)).toBe('a: is wrong; and 4 more issues');
  });
});

describe('closed objects', () => {
  it('answer every input as valibot’s strictObject does: output, issues and their order, in full or to the first issue', () => {
    const entries = {
      Name: v.string('must be a string'),
      Count: v.optional(v.number()),
      Inner: v.optional(closedObject({ Flag: v.boolean() })),
    };
    const strict = v.strictObject({ ...entries, Inner: v.optional(v.strictObject({ Flag: v.boolean() }, objectMessage)) }, objectMessage);
    const closed = closedObject(entries);
    const inputs = [
      { Name: 'a' },
      { Name: 'a', Count: 2, Inner: { Flag: true } },
      { Name: 'a', Extra: 1, Other: 2 },
      { Name: 7, Extra: 1 },
      { Extra: 1 },
      { Name: 'a', Inner: { Flag: 'no', Unknown: 1 } },
      [],
      null,
      'text',
    ];
    for (const input of inputs) {
      for (const abortEarly of [false, true]) {
        expect(v.safeParse(closed, input, { abortEarly })).toEqual(v.safeParse(strict, input, { abortEarly }));
      }
    }
    expect(issuesOf(closed, { Name: 'a', Extra: 1 })).toEqual([{ Path: 'Extra', Message: 'is not a known field' }]);
    // Through the Standard Schema interface too, which validates with the closed object, not the open one inside it.
    const extra = { Name: 'a', Extra: 1 };
    expect(closed['~standard'].validate(extra)).toEqual(strict['~standard'].validate(extra));
  });
});

describe('list, the contract’s array', () => {
  it('answers as valibot’s array does while it holds fewer issues than an answer lists, and for anything but a list', () => {
    const item = v.pipe(v.string('must be a string'), v.regex(/^a/, 'must start with a'));
    const inputs = [[], ['a', 'ab'], ['a', 'b', 7, 'c'], [null, 'x'], 'text', null, { length: 1 }];
    for (const input of inputs) {
      for (const abortEarly of [false, true]) {
        expect(v.safeParse(list(item, 'must be a list'), input, { abortEarly })).toEqual(
          v.safeParse(v.array(item, 'must be a list'), input, { abortEarly }),
        );
      }
    }
  });
});

describe('error names', () => {
  it('maps legacy and unknown names to the current API’s', () => {
    expect(canonicalErrorName('ThrottledClientException', 429)).toBe('ThrottlingException');
    expect(canonicalErrorName('ResourceLimitExceededException', 400)).toBe('LimitExceededException');
    expect(canonicalErrorName('UnauthorizedClientException', 401)).toBe('UnauthorizedException');
    expect(canonicalErrorName('NotFoundException', 404)).toBe('NotFoundException');
    expect(canonicalErrorName('InvalidSignatureException', 403)).toBe('ForbiddenException');
    expect(canonicalErrorName(undefined, 502)).toBe('ServiceFailureException');
    expect(canonicalErrorName('SomethingNew', 409)).toBe('BadRequestException');
    const named = [400, 413, 415, 422, 500, 503].map((status) => canonicalErrorName(undefined, status));
    expect(named).toEqual([
      'BadRequestException',
      'PayloadTooLargeException',
      'UnsupportedMediaTypeException',
      'UnprocessableEntityException',
      'ServiceFailureException',
      'ServiceUnavailableException',
    ]);
  });

  it('retries only throttling and server failures', () => {
    expect([400, 401, 403, 404, 409, 422, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus)).toEqual([429, 500, 502, 503, 504]);
  });
});

describe('delete request body', () => {
  const id = (n: number) => `0a1b2c3d-4e5f-6789-abcd-${String(n).padStart(12, '0')}`;

  it('takes exactly one of ExternalUserIdPrefix and AttendeeIds', () => {
    expect(issuesOf(DeleteAttendeesRequestSchema, { ExternalUserIdPrefix: 'loadtest-' })).toEqual([]);
    expect(issuesOf(DeleteAttendeesRequestSchema, { AttendeeIds: [id(1), id(2)] })).toEqual([]);
    const exactlyOne = [{ Path: 'body', Message: 'must hold exactly one of ExternalUserIdPrefix and AttendeeIds' }];
    expect(issuesOf(DeleteAttendeesRequestSchema, {})).toEqual(exactlyOne);
    expect(issuesOf(DeleteAttendeesRequestSchema, { ExternalUserIdPrefix: 'a', AttendeeIds: [id(1)] })).toEqual(exactlyOne);
    expect(issuesOf(DeleteAttendeesRequestSchema, { Prefix: 'a' })).toEqual([{ Path: 'Prefix', Message: 'is not a known field' }]);
  });

  it('holds a prefix to what an ExternalUserId may start with', () => {
    expect(parseSafely(ExternalUserIdPrefixSchema, 'x').success).toBe(true);
    for (const [prefix, rule] of [
      ['', /1 to 64/],
      ['x'.repeat(65), /1 to 64/],
      ['AWS:bots', /reserved/],
      ['semi;', /may hold only/],
    ] as const) {
      expect(
        issuesOf(ExternalUserIdPrefixSchema, prefix)
          .map((i) => i.Message)
          .join(),
      ).toMatch(rule);
    }
  });

  it('takes 1 to 250 distinct AttendeeIds, in any case', () => {
    const many = Array.from({ length: 251 }, (_, n) => id(n));
    expect(issuesOf(DeleteAttendeesRequestSchema, { AttendeeIds: [] })).toEqual([
      { Path: 'AttendeeIds', Message: 'must hold 1 to 250 attendee IDs' },
    ]);
    expect(issuesOf(DeleteAttendeesRequestSchema, { AttendeeIds: many })).toEqual([
      { Path: 'AttendeeIds', Message: 'must hold 1 to 250 attendee IDs' },
    ]);
    expect(issuesOf(DeleteAttendeesRequestSchema, { AttendeeIds: [id(1), id(1).toUpperCase()] })).toEqual([
      { Path: 'AttendeeIds', Message: 'item 1 repeats item 0 (each AttendeeId may appear once)' },
    ]);
    expect(issuesOf(DeleteAttendeesRequestSchema, { AttendeeIds: ['Secret Person'] })).toEqual([
      { Path: 'AttendeeIds[0]', Message: expect.stringContaining('must be an attendee ID') },
    ]);
  });

  it('never puts a value it was given into a message', () => {
    for (const body of [
      { ExternalUserIdPrefix: 'aws:Secret Person' },
      { ExternalUserIdPrefix: 'Secret;Person' },
      { AttendeeIds: ['Secret Person'] },
      'Secret Person',
    ]) {
      expect(JSON.stringify(issuesOf(DeleteAttendeesRequestSchema, body))).not.toContain('Secret');
    }
  });
});

describe('a meeting’s capacity', () => {
  it('is its MeetingFeatures.Attendee.MaxCount when set, else 250', () => {
    expect(meetingCapacity({ MeetingFeatures: { Attendee: { MaxCount: 25 } } })).toBe(25);
    for (const MeetingFeatures of [
      undefined,
      {},
      { Attendee: {} },
      { Attendee: { MaxCount: 0 } },
      { Attendee: { MaxCount: '25' } },
      { Attendee: { MaxCount: 2.5 } },
    ]) {
      expect(meetingCapacity({ MeetingFeatures }), JSON.stringify(MeetingFeatures)).toBe(250);
    }
    expect(meetingCapacity(undefined)).toBe(250);
  });
});

describe('answers', () => {
  it('drops JoinTokens from a listing', () => {
    const listed = v.parse(ListAttendeesResponseSchema, {
      Attendees: [
        {
          AttendeeId: 'a',
          ExternalUserId: 'alice',
          JoinToken: 'join-secret',
          Capabilities: { Audio: 'None', Video: 'None', Content: 'None' },
        },
      ],
    });
    expect(listed).toEqual({
      Attendees: [{ AttendeeId: 'a', ExternalUserId: 'alice', Capabilities: { Audio: 'None', Video: 'None', Content: 'None' } }],
    });
  });

  it('reads either API’s Meeting; only MeetingId is required', () => {
    const MediaPlacement = { AudioHostUrl: 'audio.example.invalid:3478', SignalingUrl: 'wss://signal.example.invalid/control' };
    expect(v.is(GetMeetingResponseSchema, { Meeting: { MeetingId: 'm', MediaRegion: 'us-east-1', MediaPlacement } })).toBe(true);
    expect(
      v.is(GetMeetingResponseSchema, {
        Meeting: { MeetingId: 'm', MeetingArn: 'arn', MeetingFeatures: { Audio: { EchoReduction: 'AVAILABLE' } }, TenantIds: ['t1'] },
      }),
    ).toBe(true);
    expect(v.is(GetMeetingResponseSchema, { Meeting: { MediaRegion: 'us-east-1' } })).toBe(false);
  });
});
