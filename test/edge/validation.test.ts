import { beforeAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/index.ts';
import { attendees, emulator, emulatorFor, ids, legacyEmulator, postAttendees, testEnv } from './harness.ts';

const SECRET_LOOKING = 'aws:carol.secret@example.com';
let meetingId: string;
beforeAll(async () => {
  meetingId = await emulator.createMeeting();
});

/** Posts a body that must be refused with 400 before any upstream call, and returns its issues. */
async function refused(body: unknown, legacy = false, target = meetingId) {
  const before = await emulatorFor(legacy).calls('BatchCreateAttendee');
  const { response, json } = await postAttendees(testEnv({}, legacy), target, body);
  expect(response.status).toBe(400);
  expect(response.headers.get('x-amzn-errortype')).toBe('BadRequestException');
  expect(json.Code).toBe('BadRequestException');
  expect(await emulatorFor(legacy).calls('BatchCreateAttendee')).toBe(before);
  return json.Issues as Array<{ Path: string; Message: string }>;
}

describe('validation before any upstream call', () => {
  it.each([['a bad MeetingId', 'not-a-guid', attendees('alice'), 'MeetingId', /GUID/]])(
    'refuses %s',
    async (_, target, body, path, message) => {
      expect(await refused(body, false, target)).toEqual([{ Path: path, Message: expect.stringMatching(message) }]);
    },
  );

  it.each([
    ['no body fields', {}, 'Attendees', /required/],
    ['an empty list', { Attendees: [] }, 'Attendees', /1 to 250/],
    ['more than a meeting holds', attendees(...ids(LIMITS.attendeesPerMeeting + 1)), 'Attendees', /1 to 250/],
    ['a one-character ExternalUserId', attendees('a'), 'Attendees[0].ExternalUserId', /2 to 64 characters/],
    ['a 65-character ExternalUserId', attendees('x'.repeat(65)), 'Attendees[0].ExternalUserId', /2 to 64 characters/],
    ['a character outside the pattern', attendees('emoji-😀'), 'Attendees[0].ExternalUserId', /may hold only/],
    ['the reserved aws: prefix in any case', attendees('AWS:bot'), 'Attendees[0].ExternalUserId', /reserved/],
    ['a number for ExternalUserId', { Attendees: [{ ExternalUserId: 42 }] }, 'Attendees[0].ExternalUserId', /string/],
    ['a missing ExternalUserId', { Attendees: [{}] }, 'Attendees[0].ExternalUserId', /required/],
    ['an unknown field', { Attendees: [{ ExternalUserId: 'bob', Name: 'Bob' }] }, 'Attendees[0].Name', /not a known field/],
    [
      'Capabilities missing Content',
      { Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'None', Video: 'None' } }] },
      'Attendees[0].Capabilities.Content',
      /required/,
    ],
    [
      'a capability value that does not exist',
      { Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'Loud', Video: 'None', Content: 'None' } }] },
      'Attendees[0].Capabilities.Audio',
      /SendReceive, Send, Receive, None/,
    ],
    [
      'Content received without Video received',
      { Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'None', Video: 'Send', Content: 'Receive' } }] },
      'Attendees[0].Capabilities.Content',
      /only when Video/,
    ],
    [
      'Tags with the current API',
      { Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'k', Value: 'v' }] }] },
      'Attendees[0].Tags',
      /legacy|chime API/,
    ],
    ['a repeated ExternalUserId', attendees('bob', 'carol', 'bob'), 'Attendees', /item 2 repeats the ExternalUserId of item 0/],
  ])('refuses %s, naming the field and the rule', async (_, body, path, message) => {
    expect(await refused(body)).toContainEqual({ Path: path, Message: expect.stringMatching(message) });
  });

  it.each([
    [
      'Capabilities with the legacy API',
      { Attendees: [{ ExternalUserId: 'bob', Capabilities: { Audio: 'None', Video: 'None', Content: 'None' } }] },
      'Attendees[0].Capabilities',
      /chime-sdk-meetings API/,
    ],
    ['no tags in a Tags list', { Attendees: [{ ExternalUserId: 'bob', Tags: [] }] }, 'Attendees[0].Tags', /1 to 10 tags/],
    [
      'eleven tags',
      { Attendees: [{ ExternalUserId: 'bob', Tags: Array.from({ length: 11 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }] },
      'Attendees[0].Tags',
      /1 to 10 tags/,
    ],
    [
      'a 129-character tag key',
      { Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'k'.repeat(129), Value: 'v' }] }] },
      'Attendees[0].Tags[0].Key',
      /1 to 128/,
    ],
    [
      'an empty tag value',
      { Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'k', Value: '' }] }] },
      'Attendees[0].Tags[0].Value',
      /1 to 256/,
    ],
  ])('refuses %s with the legacy API', async (_, body, path, message) => {
    const legacyMeeting = await legacyEmulator.createMeeting();
    expect(await refused(body, true, legacyMeeting)).toContainEqual({ Path: path, Message: expect.stringMatching(message) });
  });

  it('names every failing field at once and never echoes the values', async () => {
    const body = {
      Attendees: [{ ExternalUserId: SECRET_LOOKING }, { ExternalUserId: 'ok-user', Tags: [{ Key: 'secret-key', Value: 'secret-value' }] }],
    };
    const { json } = await postAttendees(testEnv(), meetingId, body);
    expect(json.Issues.map((i: any) => i.Path)).toEqual(['Attendees[0].ExternalUserId', 'Attendees[1].Tags']);
    const text = JSON.stringify(json);
    for (const secret of [SECRET_LOOKING, 'ok-user', 'secret-key', 'secret-value']) expect(text).not.toContain(secret);
  });

  it('honours a lower MAX_ATTENDEES_PER_REQUEST', async () => {
    const { response, json } = await postAttendees(testEnv({ MAX_ATTENDEES_PER_REQUEST: '2' }), meetingId, attendees('a1', 'a2', 'a3'));
    expect(response.status).toBe(400);
    expect(json.Issues).toEqual([{ Path: 'Attendees', Message: 'must hold 1 to 2 attendees' }]);
  });

  it('refuses malformed JSON, a wrong content type and an oversized body', async () => {
    const malformed = await postAttendees(testEnv(), meetingId, '{"Attendees": [');
    expect([malformed.response.status, malformed.json.Code]).toEqual([400, 'BadRequestException']);

    const text = await postAttendees(testEnv(), meetingId, JSON.stringify(attendees('bob')), { headers: { 'content-type': 'text/plain' } });
    expect([text.response.status, text.json.Code]).toEqual([415, 'UnsupportedMediaTypeException']);

    const huge = await postAttendees(
      testEnv(),
      meetingId,
      JSON.stringify({ Attendees: [{ ExternalUserId: 'x'.repeat(LIMITS.requestBodyBytes) }] }),
    );
    expect([huge.response.status, huge.json.Code]).toEqual([413, 'PayloadTooLargeException']);
  });
});
