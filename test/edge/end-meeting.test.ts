import { afterEach, describe, expect, inject, it } from 'vitest';
import { HEADERS, LIMITS } from '../../shared/index.ts';
import { emulatorControl } from '../support/emulator-control.ts';
import {
  attendees,
  deleteMeeting,
  emulator,
  getMeeting,
  ids,
  legacyEmulator,
  listAttendees,
  postAttendees,
  postMeeting,
  testEnv,
} from './harness.ts';

afterEach(() => emulator.reset());

const ENDED = /^Meeting \S+ was not found or has ended \(Amazon Chime: The meeting has ended\)\. A meeting ends by itself/;
const expectEnded = ({ response, json }: { response: Response; json: any }) =>
  expect([response.status, json.Code, json.Message]).toEqual([404, 'NotFoundException', expect.stringMatching(ENDED)]);

/** A meeting made through the worker, holding these ExternalUserIds. */
async function meetingWith(...externalUserIds: string[]): Promise<string> {
  const body = { ExternalMeetingId: `end-${crypto.randomUUID()}`, ...(externalUserIds.length ? attendees(...externalUserIds) : {}) };
  const { response, json } = await postMeeting(testEnv(), body);
  expect(response.status).toBe(200);
  return json.Meeting.MeetingId;
}

describe('DELETE /meetings/{MeetingId}', () => {
  it('ends the meeting, freeing every slot at once; every later call answers the clear 404', async () => {
    const meetingId = await meetingWith(...ids(LIMITS.attendeesPerMeeting, 'seat'));
    const before = await emulator.state();
    const { response, text } = await deleteMeeting(testEnv(), meetingId);
    expect([response.status, text, response.headers.get(HEADERS.attempts)]).toEqual([204, '', '1']);
    const after = await emulator.state();
    expect(after.calls.DeleteMeeting! - (before.calls.DeleteMeeting ?? 0)).toBe(1);
    expect(after.meetings.find((m) => m.MeetingId === meetingId)).toMatchObject({ Deleted: true, Attendees: [] });

    for (const later of [
      await getMeeting(testEnv(), meetingId),
      await listAttendees(testEnv(), meetingId),
      await postAttendees(testEnv(), meetingId, attendees('one-more')),
      await deleteMeeting(testEnv(), meetingId),
    ]) {
      expectEnded(later);
    }
  });

  it('answers a meeting that never existed with the clear 404', async () => {
    const meetingId = crypto.randomUUID();
    const { response, json } = await deleteMeeting(testEnv(), meetingId);
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toContain(`was not found or has ended (Amazon Chime: Meeting <${meetingId}> not found)`);
  });

  it('counts a retry that finds the meeting ended as done: the lost answer had ended it', async () => {
    const meetingId = await meetingWith('alice');
    await emulator.setFaults({ operations: ['DeleteMeeting'], script: [{ outcome: 'drop-after' }] });
    const { response } = await deleteMeeting(testEnv(), meetingId);
    expect([response.status, response.headers.get(HEADERS.attempts)]).toEqual([204, '2']);
    expect((await getMeeting(testEnv(), meetingId)).response.status).toBe(404);
  });

  it('refuses a MeetingId that is not a GUID before any upstream call', async () => {
    const before = await emulator.calls();
    const { response, json } = await deleteMeeting(testEnv(), 'standup');
    expect([response.status, json.Issues[0].Path]).toEqual([400, 'MeetingId']);
    expect(await emulator.calls()).toBe(before);
  });

  it('ends a meeting through the legacy API too, whose DeleteMeeting is the same call', async () => {
    const meetingId = await legacyEmulator.createMeeting();
    expect((await deleteMeeting(testEnv({}, true), meetingId)).response.status).toBe(204);
    expect((await legacyEmulator.state()).meetings.find((m) => m.MeetingId === meetingId)?.Deleted).toBe(true);
  });
});

describe('a meeting that ends by itself (nobody joined it)', () => {
  const shortLived = emulatorControl(inject('shortLivedEmulatorUrl'));
  const env = () => testEnv({ CHIME_ENDPOINT: shortLived.url });
  /** Holds the emulator's answers to these operations back until the meeting has ended: no sleeps, no race. */
  const pastTheEnd = (...operations: string[]) => shortLived.setFaults({ operations, latencyMs: inject('shortMeetingMs') + 200 });
  afterEach(() => shortLived.reset());

  it('ends under the worker while its attendees are being made: the meeting and every attendee are accounted for', async () => {
    await pastTheEnd('BatchCreateAttendee');
    const wanted = ids(LIMITS.attendeesPerMeeting, 'late');
    const { response, json } = await postMeeting(env(), { ExternalMeetingId: 'short-lived', ...attendees(...wanted) });
    expect([response.status, json.Attendees]).toEqual([200, []]);
    expect(json.Meeting.MeetingId).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.Errors.map((e: any) => e.ExternalUserId)).toEqual(wanted);
    for (const error of json.Errors) {
      expect(error).toEqual({
        ExternalUserId: expect.any(String),
        ErrorCode: 'NotFoundException',
        ErrorMessage: expect.stringMatching(ENDED),
      });
    }
    const ended = (await shortLived.state()).meetings.find((m) => m.MeetingId === json.Meeting.MeetingId);
    expect(ended).toMatchObject({ Deleted: true, Attendees: [] });
  });

  it('answers the clear 404 once it has ended, for every route', async () => {
    const { json } = await postMeeting(env(), { ExternalMeetingId: 'short-lived' });
    const meetingId: string = json.Meeting.MeetingId;
    await pastTheEnd('GetMeeting');
    expectEnded(await getMeeting(env(), meetingId));
    expectEnded(await listAttendees(env(), meetingId));
    expectEnded(await postAttendees(env(), meetingId, attendees('bot-3')));
    expectEnded(await deleteMeeting(env(), meetingId));
  });
});
