import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CreateMeetingResponseSchema, HEADERS, LIMITS } from '../../shared/index.ts';
import type { Faults } from '../emulator/types.ts';
import { expectEveryAttendeeAccountedFor } from './invariant.ts';
import { attendees, emulator, ids, legacyEmulator, postAttendees, postMeeting, testEnv } from './harness.ts';

afterEach(() => emulator.reset());
afterEach(() => vi.restoreAllMocks());

let names = 0;
/** An ExternalMeetingId no other test uses, so the emulator's meetings can be counted by it. */
const fresh = (prefix = 'meeting') => `${prefix}-${++names}-${crypto.randomUUID().slice(0, 8)}`;
const meetingsNamed = async (externalMeetingId: string) =>
  (await emulator.state()).meetings.filter((m) => m.ExternalMeetingId === externalMeetingId);
const bots = (count: number, prefix = 'bot') => attendees(...ids(count, prefix)).Attendees;
const caps = (Video: string, Content: string) => ({ Audio: 'SendReceive', Video, Content });

/** A 400 naming the field and the rule, made before any upstream call. */
async function refused(body: unknown, env = testEnv()) {
  const before = await emulator.calls();
  const { response, json } = await postMeeting(env, body);
  expect([response.status, json.Code]).toEqual([400, 'BadRequestException']);
  expect(await emulator.calls()).toBe(before);
  return json.Issues as Array<{ Path: string; Message: string }>;
}

describe('POST /meetings', () => {
  it('creates a meeting in the worker’s region and answers it, ready to join, with no attendees', async () => {
    const ExternalMeetingId = fresh();
    const { response, json } = await postMeeting(testEnv(), { ExternalMeetingId });
    expect(response.status).toBe(200);
    expect(v.is(CreateMeetingResponseSchema, json)).toBe(true);
    expect(json).toMatchObject({ Meeting: { ExternalMeetingId, MediaRegion: 'us-east-1' }, Attendees: [], Errors: [] });
    expect(Object.keys(json.Meeting.MediaPlacement)).toEqual(expect.arrayContaining(['AudioHostUrl', 'SignalingUrl']));
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
    expect((await meetingsNamed(ExternalMeetingId)).map((m) => m.MeetingId)).toEqual([json.Meeting.MeetingId]);
  });

  it('passes the model’s fields on, and answers the meeting’s features', async () => {
    const MeetingFeatures = {
      Audio: { EchoReduction: 'AVAILABLE' },
      Video: { MaxResolution: 'FHD' },
      Content: { MaxResolution: 'None' },
      Attendee: { MaxCount: 10 },
    };
    const body = {
      ExternalMeetingId: fresh(),
      MediaRegion: 'eu-west-1',
      MeetingHostId: 'host-1',
      MeetingFeatures,
      TenantIds: ['tenant-1'],
      Tags: [{ Key: 'team', Value: 'qa' }],
      NotificationsConfiguration: { SnsTopicArn: 'arn:aws:sns:us-east-1:000000000000:meetings' },
      MediaPlacementNetworkType: 'DualStack',
    };
    const { response, json } = await postMeeting(testEnv(), body);
    expect(response.status).toBe(200);
    expect(json.Meeting).toMatchObject({ MediaRegion: 'eu-west-1', MeetingHostId: 'host-1', MeetingFeatures, TenantIds: ['tenant-1'] });
  });

  it('passes a caller’s ClientRequestToken on: their retry answers the same meeting', async () => {
    const body = { ExternalMeetingId: fresh(), ClientRequestToken: crypto.randomUUID() };
    const first = await postMeeting(testEnv(), body);
    const again = await postMeeting(testEnv(), body);
    expect(again.json.Meeting).toEqual(first.json.Meeting);
    expect(await meetingsNamed(body.ExternalMeetingId)).toHaveLength(1);
    const withoutToken = await postMeeting(testEnv(), { ExternalMeetingId: body.ExternalMeetingId });
    expect(withoutToken.json.Meeting.MeetingId).not.toBe(first.json.Meeting.MeetingId);
  });

  it.each<[string, NonNullable<Faults['script']>]>([
    ['connections dropped after the work', [{ outcome: 'drop-after' }, { outcome: 'drop-after' }]],
    ['5xx answers after the work is lost', [{ outcome: 'drop-after' }, { outcome: 500 }, { outcome: 503 }]],
    ['throttling', [{ outcome: 429 }, { outcome: 'drop' }]],
  ])('retries CreateMeeting despite %s, and makes one meeting, not two', async (_, script) => {
    await emulator.setFaults({ operations: ['CreateMeeting'], script });
    const ExternalMeetingId = fresh();
    const { response, json } = await postMeeting(testEnv(), { ExternalMeetingId, Attendees: bots(3) });
    expect([response.status, response.headers.get(HEADERS.attempts)]).toEqual([200, String(script.length + 2)]);
    expect((await meetingsNamed(ExternalMeetingId)).map((m) => m.MeetingId)).toEqual([json.Meeting.MeetingId]);
    expect(json.Attendees).toHaveLength(3);
  });

  it('makes a meeting and 250 attendees in one call, under faults, every attendee accounted for', async () => {
    await emulator.setFaults({
      seed: 9,
      operations: ['CreateMeeting', 'BatchCreateAttendee'],
      throttleRate: 0.2,
      dropAfterRate: 0.1,
      script: [{ outcome: 'drop-after' }, { outcome: 503 }],
    });
    const wanted = ids(LIMITS.attendeesPerMeeting, 'seat');
    const ExternalMeetingId = fresh();
    const { response, json } = await postMeeting(testEnv({ RETRY_DEADLINE_MS: '10000' }), { ExternalMeetingId, ...attendees(...wanted) });
    expect(response.status).toBe(200);
    expect(json.Errors).toEqual([]);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(wanted);
    expect(await meetingsNamed(ExternalMeetingId)).toHaveLength(1);
    await expectEveryAttendeeAccountedFor(json.Meeting.MeetingId, wanted, json);
    expect(await emulator.attendees(json.Meeting.MeetingId)).toHaveLength(LIMITS.attendeesPerMeeting);
  });

  it('tries nothing else when the meeting cannot be made', async () => {
    await emulator.setFaults({ operations: ['CreateMeeting'], script: [{ outcome: 403 }] });
    const before = await emulator.calls('BatchCreateAttendee');
    const ExternalMeetingId = fresh();
    const { response, json } = await postMeeting(testEnv(), { ExternalMeetingId, Attendees: bots(5) });
    expect([response.status, json.Code, json.Attendees]).toEqual([403, 'ForbiddenException', undefined]);
    expect(await emulator.calls('BatchCreateAttendee')).toBe(before);
    expect(await meetingsNamed(ExternalMeetingId)).toEqual([]);
  });

  it('reports attendees that could not be created, with the meeting, even when none could', async () => {
    await emulator.setFaults({ script: [{ outcome: 400 }, { outcome: 400 }] });
    const wanted = ids(150, 'unlucky');
    const { response, json } = await postMeeting(testEnv(), { ExternalMeetingId: fresh(), Attendees: attendees(...wanted).Attendees });
    expect([response.status, json.Attendees]).toEqual([200, []]);
    expect(json.Errors.map((e: any) => [e.ExternalUserId, e.ErrorCode])).toEqual(wanted.map((id) => [id, 'BadRequestException']));
    await expectEveryAttendeeAccountedFor(json.Meeting.MeetingId, wanted, json);
  });

  it('logs the meeting and the counts, never the ExternalMeetingId, a ClientRequestToken or an ExternalUserId', async () => {
    const log = vi.spyOn(console, 'log');
    const secrets = { ExternalMeetingId: fresh('secret-meeting'), ClientRequestToken: 'secret-request-token' };
    const body = { ...secrets, ...attendees('secret-bot-1', 'secret-bot-2') };
    const { json } = await postMeeting(testEnv(), body);
    const line = log.mock.calls.map(([text]) => String(text)).find((text) => text.includes(json.Meeting.MeetingId))!;
    expect(JSON.parse(line)).toMatchObject({ route: '/meetings', status: 200, requested: 2, created: 2, failed: 0 });
    for (const secret of ['secret-meeting', 'secret-request-token', 'secret-bot']) expect(line).not.toContain(secret);
  });
});

describe('POST /meetings: the meeting’s capacity', () => {
  it('holds the attendees of the call to MeetingFeatures.Attendee.MaxCount, before any call', async () => {
    const issues = await refused({ ExternalMeetingId: fresh(), MeetingFeatures: { Attendee: { MaxCount: 3 } }, Attendees: bots(4) });
    const message = "must hold at most 3 attendees, the meeting's MeetingFeatures.Attendee.MaxCount";
    expect(issues).toEqual([{ Path: 'Attendees', Message: message }]);
  });

  it('makes a meeting as full as its MaxCount, which Amazon Chime then holds it to', async () => {
    const three = { Attendee: { MaxCount: 3 } };
    const { json } = await postMeeting(testEnv(), { ExternalMeetingId: fresh(), MeetingFeatures: three, Attendees: bots(3) });
    expect([json.Attendees.length, json.Errors]).toEqual([3, []]);
    const more = await postAttendees(testEnv(), json.Meeting.MeetingId, attendees('one-more'));
    expect([more.response.status, more.json.Code]).toEqual([400, 'LimitExceededException']);
    expect(more.json.Message).toContain('maximum of 3 attendees');
  });

  it('needs a MaxCount of at most 25 for FHD video or UHD content, and holds the call to it', async () => {
    const fhd = { Video: { MaxResolution: 'FHD' } };
    const rule = { Path: 'MeetingFeatures.Attendee.MaxCount', Message: expect.stringMatching(/^must be given, at most 25, when Video/) };
    expect(await refused({ ExternalMeetingId: fresh(), MeetingFeatures: fhd })).toEqual([rule]);
    const uhd26 = { Content: { MaxResolution: 'UHD' }, Attendee: { MaxCount: 26 } };
    expect(await refused({ ExternalMeetingId: fresh(), MeetingFeatures: uhd26 })).toEqual([rule]);
    const uhd25 = { ...fhd, Content: { MaxResolution: 'UHD' }, Attendee: { MaxCount: 25 } };
    expect(await refused({ ExternalMeetingId: fresh(), MeetingFeatures: uhd25, Attendees: bots(26) })).toEqual([
      { Path: 'Attendees', Message: expect.stringContaining('at most 25 attendees') },
    ]);
    const { json } = await postMeeting(testEnv(), { ExternalMeetingId: fresh(), MeetingFeatures: uhd25, Attendees: bots(25) });
    expect([json.Attendees.length, json.Errors]).toEqual([25, []]);
  });

  it('refuses capabilities that a MaxResolution of None rules out, naming each attendee', async () => {
    const body = {
      ExternalMeetingId: fresh(),
      MeetingFeatures: { Video: { MaxResolution: 'None' }, Content: { MaxResolution: 'None' } },
      Attendees: [
        { ExternalUserId: 'audio-only', Capabilities: { Audio: 'SendReceive', Video: 'None', Content: 'None' } },
        { ExternalUserId: 'default' },
        { ExternalUserId: 'viewer', Capabilities: caps('Receive', 'None') },
        { ExternalUserId: 'sharer', Capabilities: caps('None', 'Send') },
      ],
    };
    expect(await refused(body)).toEqual([
      { Path: 'Attendees[2].Capabilities.Video', Message: "must be None: the meeting's MeetingFeatures.Video.MaxResolution is None" },
      { Path: 'Attendees[3].Capabilities.Content', Message: "must be None: the meeting's MeetingFeatures.Content.MaxResolution is None" },
    ]);
  });
});

describe('POST /meetings: each field’s rule, before any call', () => {
  it.each([
    ['no ExternalMeetingId', { ExternalMeetingId: undefined }, 'ExternalMeetingId', /required/],
    ['a one-character ExternalMeetingId', { ExternalMeetingId: 'm' }, 'ExternalMeetingId', /2 to 64 characters/],
    ['a 65-character ExternalMeetingId', { ExternalMeetingId: 'm'.repeat(65) }, 'ExternalMeetingId', /2 to 64 characters/],
    ['an ExternalMeetingId outside the pattern', { ExternalMeetingId: 'semi;colon' }, 'ExternalMeetingId', /may hold only/],
    ['a reserved ExternalMeetingId', { ExternalMeetingId: 'AWS:standup' }, 'ExternalMeetingId', /reserved/],
    ['a short ClientRequestToken', { ClientRequestToken: 't' }, 'ClientRequestToken', /2 to 64 characters/],
    ['a ClientRequestToken outside the pattern', { ClientRequestToken: 'has space' }, 'ClientRequestToken', /letters, digits, - and _/],
    ['an unknown MediaRegion', { MediaRegion: 'mars-north-1' }, 'MediaRegion', /must be one of af-south-1, .*us-gov-west-1$/],
    ['a one-character MeetingHostId', { MeetingHostId: 'h' }, 'MeetingHostId', /2 to 64 characters/],
    [
      'an unknown EchoReduction',
      { MeetingFeatures: { Audio: { EchoReduction: 'ON' } } },
      'MeetingFeatures.Audio.EchoReduction',
      /AVAILABLE, UNAVAILABLE/,
    ],
    [
      'an unknown video resolution',
      { MeetingFeatures: { Video: { MaxResolution: 'UHD' } } },
      'MeetingFeatures.Video.MaxResolution',
      /None, HD, FHD/,
    ],
    [
      'an unknown content resolution',
      { MeetingFeatures: { Content: { MaxResolution: 'HD' } } },
      'MeetingFeatures.Content.MaxResolution',
      /None, FHD, UHD/,
    ],
    [
      'a MaxCount of 0',
      { MeetingFeatures: { Attendee: { MaxCount: 0 } } },
      'MeetingFeatures.Attendee.MaxCount',
      /whole number from 1 to 250/,
    ],
    [
      'a MaxCount of 251',
      { MeetingFeatures: { Attendee: { MaxCount: 251 } } },
      'MeetingFeatures.Attendee.MaxCount',
      /whole number from 1 to 250/,
    ],
    ['a MaxCount of 2.5', { MeetingFeatures: { Attendee: { MaxCount: 2.5 } } }, 'MeetingFeatures.Attendee.MaxCount', /whole number/],
    ['a MaxCount as text', { MeetingFeatures: { Attendee: { MaxCount: '25' } } }, 'MeetingFeatures.Attendee.MaxCount', /whole number/],
    ['an unknown feature', { MeetingFeatures: { Transcription: {} } }, 'MeetingFeatures.Transcription', /not a known field/],
    ['a bad PrimaryMeetingId', { PrimaryMeetingId: 'primary' }, 'PrimaryMeetingId', /meeting ID/],
    ['no TenantIds', { TenantIds: [] }, 'TenantIds', /1 to 5 tenant IDs/],
    ['six TenantIds', { TenantIds: ['t1', 't2', 't3', 't4', 't5', 't6'] }, 'TenantIds', /1 to 5 tenant IDs/],
    ['a TenantId repeating a character four times', { TenantIds: ['zzzz-top'] }, 'TenantIds[0]', /none four times in a row/],
    ['51 tags', { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }, 'Tags', /1 to 50 tags/],
    ['an empty list of tags', { Tags: [] }, 'Tags', /1 to 50 tags/],
    ['a tag key outside the pattern', { Tags: [{ Key: 'has space', Value: 'v' }] }, 'Tags[0].Key', /may hold only/],
    ['a 257-character tag value', { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }, 'Tags[0].Value', /at most 256/],
    ['a tag without its value', { Tags: [{ Key: 'k' }] }, 'Tags[0].Value', /required/],
    ['an ARN that is not one', { NotificationsConfiguration: { SqsQueueArn: 'queue' } }, 'NotificationsConfiguration.SqsQueueArn', /ARN/],
    ['an unknown network type', { MediaPlacementNetworkType: 'Ipv6Only' }, 'MediaPlacementNetworkType', /Ipv4Only, DualStack/],
    ['an unknown field', { Name: 'standup' }, 'Name', /not a known field/],
    ['an empty list of Attendees', { Attendees: [] }, 'Attendees', /1 to 250 attendees/],
    ['an attendee’s bad ExternalUserId', { Attendees: [{ ExternalUserId: 'a' }] }, 'Attendees[0].ExternalUserId', /2 to 64 characters/],
    ['an attendee’s Tags', { Attendees: [{ ExternalUserId: 'bob', Tags: [{ Key: 'k', Value: 'v' }] }] }, 'Attendees[0].Tags', /chime API/],
    ['a repeated ExternalUserId', attendees('bob', 'bob'), 'Attendees', /item 1 repeats the ExternalUserId of item 0/],
  ])('refuses %s, naming the field and the rule', async (_, fields, path, message) => {
    const issues = await refused({ ExternalMeetingId: fresh(), ...fields });
    expect(issues).toContainEqual({ Path: path, Message: expect.stringMatching(message) });
  });

  it('holds Attendees to a lower MAX_ATTENDEES_PER_REQUEST', async () => {
    expect(await refused({ ExternalMeetingId: fresh(), Attendees: bots(3) }, testEnv({ MAX_ATTENDEES_PER_REQUEST: '2' }))).toEqual([
      { Path: 'Attendees', Message: 'must hold 1 to 2 attendees' },
    ]);
  });

  it('never echoes a value it was given', async () => {
    const Tags = [{ Key: 'Secret Key', Value: 'Secret;Value' }];
    const body = { ExternalMeetingId: 'aws:Secret Meeting', ClientRequestToken: 'Secret token', Tags };
    expect(JSON.stringify(await refused(body))).not.toContain('Secret');
  });

  it('needs a JSON body', async () => {
    const { response, json } = await postMeeting(testEnv(), undefined);
    expect([response.status, json.Code]).toEqual([415, 'UnsupportedMediaTypeException']);
  });

  it('makes no meeting through the legacy API, whose meeting operations AWS removed', async () => {
    const before = await legacyEmulator.calls();
    const { response, json } = await postMeeting(testEnv({}, true), { ExternalMeetingId: fresh() });
    expect([response.status, json.Code]).toEqual([400, 'BadRequestException']);
    expect(json.Message).toContain('CHIME_API=chime-sdk-meetings');
    expect(await legacyEmulator.calls()).toBe(before);
  });
});
