import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { GetMeetingResponseSchema, HEADERS } from '../../shared/index.ts';
import { emulator, getMeeting, legacyEmulator, testEnv } from './harness.ts';

describe('GET /meetings/{MeetingId}', () => {
  it('answers a live meeting with its MediaPlacement, which joining needs', async () => {
    const meetingId = await emulator.createMeeting();
    const { response, json } = await getMeeting(testEnv(), meetingId);
    expect(response.status).toBe(200);
    expect(v.is(GetMeetingResponseSchema, json)).toBe(true);
    expect(json.Meeting).toMatchObject({ MeetingId: meetingId, MediaRegion: 'us-east-1', MeetingArn: expect.stringContaining(meetingId) });
    expect(Object.keys(json.Meeting.MediaPlacement)).toEqual(expect.arrayContaining(['AudioHostUrl', 'SignalingUrl', 'TurnControlUrl']));
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
    expect(response.headers.get('server-timing')).toMatch(/^upstream;dur=\d+$/);
  });

  it('answers the legacy API’s Meeting, which has fewer fields', async () => {
    const meetingId = await legacyEmulator.createMeeting();
    const { response, json } = await getMeeting(testEnv({}, true), meetingId);
    expect(response.status).toBe(200);
    expect(Object.keys(json.Meeting).sort()).toEqual(['ExternalMeetingId', 'MediaPlacement', 'MediaRegion', 'MeetingId']);
  });

  it('says a meeting that does not exist may have ended', async () => {
    const meetingId = crypto.randomUUID();
    const { response, json } = await getMeeting(testEnv(), meetingId);
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toBe(
      `Meeting ${meetingId} was not found or has ended (Amazon Chime: Meeting <${meetingId}> not found). A meeting ends by itself about 5 minutes after it has no one in it; create a new one.`,
    );
  });

  it('says so when the meeting has ended', async () => {
    const meetingId = await emulator.createMeeting();
    await emulator.endMeeting(meetingId);
    const { response, json } = await getMeeting(testEnv(), meetingId);
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toMatch(/^Meeting \S+ was not found or has ended \(Amazon Chime: The meeting has ended\)/);
  });

  it('retries a throttled GetMeeting', async () => {
    const meetingId = await emulator.createMeeting();
    await emulator.setFaults({ operations: ['GetMeeting'], script: [{ outcome: 429 }, { outcome: 'drop' }] });
    try {
      const { response } = await getMeeting(testEnv(), meetingId);
      expect([response.status, response.headers.get(HEADERS.attempts)]).toEqual([200, '3']);
    } finally {
      await emulator.reset();
    }
  });

  it('refuses a MeetingId that is not a GUID before any upstream call', async () => {
    const before = await emulator.calls();
    const { response, json } = await getMeeting(testEnv(), 'not-a-meeting');
    expect([response.status, json.Issues[0].Path]).toEqual([400, 'MeetingId']);
    expect(await emulator.calls()).toBe(before);
  });
});
