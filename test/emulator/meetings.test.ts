import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from './server.ts';
import { signedRequest, type SignedRequestInit } from './signed-request.ts';

let emulator: Emulator;
let tokens = 0;

async function call<T = any>(init: SignedRequestInit, on = emulator): Promise<{ status: number; type: string | null; body: T }> {
  const response = await signedRequest(on.url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: text ? JSON.parse(text) : undefined };
}
/** A signed CreateMeeting with a fresh ClientRequestToken unless the fields give one. */
const createMeeting = (fields: Record<string, unknown> = {}, on = emulator) => {
  const json = { ClientRequestToken: `token-${++tokens}`, MediaRegion: 'us-east-1', ExternalMeetingId: 'meeting', ...fields };
  return call({ method: 'POST', path: '/meetings', json }, on);
};
const batch = (meetingId: string, attendees: unknown[], on = emulator) =>
  call({ method: 'POST', path: `/meetings/${meetingId}/attendees?operation=batch-create`, json: { Attendees: attendees } }, on);
const people = (count: number, prefix: string) => Array.from({ length: count }, (_, i) => ({ ExternalUserId: `${prefix}-${i}` }));
const caps = (Video: string, Content: string) => ({ Audio: 'SendReceive', Video, Content });

async function meetingWith(features: Record<string, unknown>): Promise<string> {
  const { status, body } = await createMeeting({ MeetingFeatures: features });
  expect(status).toBe(200);
  return body.Meeting.MeetingId;
}

beforeAll(async () => {
  emulator = await startEmulator();
});
beforeEach(() => emulator.reset({ meetings: true }));
afterAll(() => emulator.close());

describe('CreateMeeting', () => {
  it('keeps MeetingFeatures and answers them, from CreateMeeting and GetMeeting alike', async () => {
    const MeetingFeatures = {
      Audio: { EchoReduction: 'AVAILABLE' },
      Video: { MaxResolution: 'FHD' },
      Content: { MaxResolution: 'UHD' },
      Attendee: { MaxCount: 25 },
    };
    const { status, body } = await createMeeting({
      MeetingFeatures,
      TenantIds: ['tenant-1'],
      Tags: [
        { Key: 'team', Value: 'media qa' },
        { Key: 'empty', Value: '' },
      ],
      NotificationsConfiguration: { SqsQueueArn: 'arn:aws:sqs:us-east-1:000000000000:events' },
      MediaPlacementNetworkType: 'DualStack',
    });
    expect(status).toBe(200);
    expect(body.Meeting).toMatchObject({ MeetingFeatures, TenantIds: ['tenant-1'] });
    expect((await call({ path: `/meetings/${body.Meeting.MeetingId}` })).body.Meeting).toEqual(body.Meeting);
  });

  it('answers the same meeting for the same ClientRequestToken, and a new one once that meeting has ended', async () => {
    const first = await createMeeting({ ClientRequestToken: 'retry-me' });
    const again = await createMeeting({ ClientRequestToken: 'retry-me', ExternalMeetingId: 'other' });
    expect(again.body).toEqual(first.body);
    expect(emulator.state().meetings).toHaveLength(1);
    await call({ method: 'DELETE', path: `/meetings/${first.body.Meeting.MeetingId}` });
    const after = await createMeeting({ ClientRequestToken: 'retry-me' });
    expect(after.body.Meeting.MeetingId).not.toBe(first.body.Meeting.MeetingId);
  });

  it.each([
    ['no ClientRequestToken', { ClientRequestToken: undefined }],
    ['a ClientRequestToken of one character', { ClientRequestToken: 'x' }],
    ['a ClientRequestToken of 65', { ClientRequestToken: 'x'.repeat(65) }],
    ['a ClientRequestToken outside its pattern', { ClientRequestToken: 'has space' }],
    ['no MediaRegion', { MediaRegion: undefined }],
    ['an unknown MediaRegion', { MediaRegion: 'mars-north-1' }],
    ['no ExternalMeetingId', { ExternalMeetingId: undefined }],
    ['an ExternalMeetingId of one character', { ExternalMeetingId: 'x' }],
    ['an ExternalMeetingId of 65', { ExternalMeetingId: 'x'.repeat(65) }],
    ['an ExternalMeetingId outside its pattern', { ExternalMeetingId: 'semi;colon' }],
    ['a reserved ExternalMeetingId', { ExternalMeetingId: 'AWS:meeting' }],
    ['a MeetingHostId of one character', { MeetingHostId: 'h' }],
    ['MeetingFeatures that are not an object', { MeetingFeatures: 'HD' }],
    ['an unknown EchoReduction', { MeetingFeatures: { Audio: { EchoReduction: 'ON' } } }],
    ['an unknown video resolution', { MeetingFeatures: { Video: { MaxResolution: 'UHD' } } }],
    ['an unknown content resolution', { MeetingFeatures: { Content: { MaxResolution: 'HD' } } }],
    ['a MaxCount of 0', { MeetingFeatures: { Attendee: { MaxCount: 0 } } }],
    ['a MaxCount of 251', { MeetingFeatures: { Attendee: { MaxCount: 251 } } }],
    ['a MaxCount that is not whole', { MeetingFeatures: { Attendee: { MaxCount: 2.5 } } }],
    ['FHD video without MaxCount', { MeetingFeatures: { Video: { MaxResolution: 'FHD' } } }],
    ['FHD video for 26 attendees', { MeetingFeatures: { Video: { MaxResolution: 'FHD' }, Attendee: { MaxCount: 26 } } }],
    ['UHD content for 250 attendees', { MeetingFeatures: { Content: { MaxResolution: 'UHD' }, Attendee: { MaxCount: 250 } } }],
    ['a PrimaryMeetingId that is not a GUID', { PrimaryMeetingId: 'primary' }],
    ['no TenantIds in the list', { TenantIds: [] }],
    ['six TenantIds', { TenantIds: ['t1', 't2', 't3', 't4', 't5', 't6'] }],
    ['a TenantId with a character four times in a row', { TenantIds: ['taaaa'] }],
    ['a TenantId outside its pattern', { TenantIds: ['tenant one'] }],
    ['51 tags', { Tags: Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) }],
    ['a tag key outside its pattern', { Tags: [{ Key: 'has space', Value: 'v' }] }],
    ['a tag value of 257', { Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }],
    ['a tag without a value', { Tags: [{ Key: 'k' }] }],
    ['an ARN that is not one', { NotificationsConfiguration: { SnsTopicArn: 'topic' } }],
    ['an unknown network type', { MediaPlacementNetworkType: 'Ipv6Only' }],
  ])('refuses %s with 400 BadRequestException, making no meeting', async (_, fields) => {
    const { status, type } = await createMeeting(fields);
    expect([status, type]).toEqual([400, 'BadRequestException']);
    expect(emulator.state().meetings).toEqual([]);
  });

  it('accepts the limits themselves', async () => {
    for (const fields of [
      { MeetingFeatures: { Video: { MaxResolution: 'FHD' }, Content: { MaxResolution: 'UHD' }, Attendee: { MaxCount: 25 } } },
      { MeetingFeatures: { Attendee: { MaxCount: 250 } }, TenantIds: ['a-1', 'b-2', 'c-3', 'd-4', 'e-5'], Tags: [] },
      { ExternalMeetingId: 'x'.repeat(64), MeetingHostId: 'h'.repeat(64), Tags: [{ Key: 'aws-team:1/2', Value: 'a@b.c = d' }] },
    ]) {
      expect((await createMeeting(fields)).status, JSON.stringify(fields)).toBe(200);
    }
  });
});

describe('a meeting’s features, enforced on its attendees', () => {
  it('holds a meeting to its MaxCount the way it holds one to 250: new attendees past it are LimitExceeded', async () => {
    const meetingId = await meetingWith({ Attendee: { MaxCount: 3 } });
    const first = await batch(meetingId, people(5, 'p'));
    expect(first.status).toBe(200);
    expect(first.body.Attendees).toHaveLength(3);
    expect(first.body.Errors).toEqual(
      people(5, 'p')
        .slice(3)
        .map(({ ExternalUserId }) => ({
          ExternalUserId,
          ErrorCode: 'LimitExceededException',
          ErrorMessage: `The meeting <${meetingId}> already has the maximum of 3 attendees`,
        })),
    );
    const full = await batch(meetingId, people(1, 'late'));
    expect([full.status, full.type]).toEqual([400, 'LimitExceededException']);
    const single = await call({ method: 'POST', path: `/meetings/${meetingId}/attendees`, json: { ExternalUserId: 'single' } });
    expect([single.status, single.type]).toEqual([400, 'LimitExceededException']);
  });

  it('refuses video or content capabilities in a meeting whose MaxResolution for it is None', async () => {
    const noVideo = await meetingWith({ Video: { MaxResolution: 'None' } });
    for (const video of ['SendReceive', 'Send', 'Receive']) {
      const answer = await batch(noVideo, [
        { ExternalUserId: 'ok', Capabilities: caps('None', 'None') },
        { ExternalUserId: 'video-bot', Capabilities: caps(video, 'None') },
      ]);
      expect([answer.status, answer.type]).toEqual([400, 'BadRequestException']);
      expect(answer.body.Message).toMatch(/^Attendees\[1\]\.Capabilities\.Video must be None/);
    }
    const noContent = await meetingWith({ Content: { MaxResolution: 'None' } });
    const json = { ExternalUserId: 'content-bot', Capabilities: caps('SendReceive', 'Send') };
    const single = await call({ method: 'POST', path: `/meetings/${noContent}/attendees`, json });
    expect([single.status, single.type]).toEqual([400, 'BadRequestException']);
    expect(emulator.state().meetings.every((m) => m.Attendees.length === 0)).toBe(true);

    const allowed = await batch(noVideo, [
      { ExternalUserId: 'no-caps' },
      { ExternalUserId: 'no-video', Capabilities: caps('None', 'Send') },
    ]);
    expect([allowed.status, allowed.body.Attendees.length]).toEqual([200, 2]);
  });
});

describe('the end of a meeting', () => {
  it('ends for every later call once DeleteMeeting has ended it', async () => {
    const { body } = await createMeeting();
    const meetingId: string = body.Meeting.MeetingId;
    const [attendee] = (await batch(meetingId, people(1, 'a'))).body.Attendees;
    expect((await call({ method: 'DELETE', path: `/meetings/${meetingId}` })).status).toBe(204);
    const later = [
      await call({ path: `/meetings/${meetingId}` }),
      await batch(meetingId, people(1, 'b')),
      await call({ method: 'POST', path: `/meetings/${meetingId}/attendees`, json: { ExternalUserId: 'carol' } }),
      await call({ path: `/meetings/${meetingId}/attendees` }),
      await call({ path: `/meetings/${meetingId}/attendees/${attendee.AttendeeId}` }),
      await call({ method: 'DELETE', path: `/meetings/${meetingId}/attendees/${attendee.AttendeeId}` }),
      await call({ method: 'DELETE', path: `/meetings/${meetingId}` }),
    ];
    for (const answer of later) {
      expect([answer.status, answer.type, answer.body.Message]).toEqual([404, 'NotFoundException', 'The meeting has ended']);
    }
  });

  describe('by itself, when nobody has joined', () => {
    let shortLived: Emulator;
    beforeAll(async () => {
      shortLived = await startEmulator({ meetingAutoEndMs: 1_000 });
    });
    afterAll(() => shortLived.close());

    it('ends its lifetime after it was made, attendees or not (creating attendees is not joining)', async () => {
      const { body } = await createMeeting({}, shortLived);
      const meetingId: string = body.Meeting.MeetingId;
      expect((await batch(meetingId, people(3, 'bot'), shortLived)).status).toBe(200);
      // The emulator holds the next answer back past the meeting's end: no sleeping here, and no race.
      shortLived.setFaults({ operations: ['GetMeeting'], latencyMs: 1_100 });
      const ended = await call({ path: `/meetings/${meetingId}` }, shortLived);
      expect([ended.status, ended.type, ended.body.Message]).toEqual([404, 'NotFoundException', 'The meeting has ended']);
      expect(shortLived.state().meetings).toEqual([{ MeetingId: meetingId, ExternalMeetingId: 'meeting', Deleted: true, Attendees: [] }]);
      expect((await batch(meetingId, people(1, 'late'), shortLived)).body.Message).toBe('The meeting has ended');
    });
  });

  it('refuses a lifetime that is not a positive whole number of ms', async () => {
    await expect(startEmulator({ meetingAutoEndMs: 0 })).rejects.toThrow(/meetingAutoEndMs/);
  });
});
