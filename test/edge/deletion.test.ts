import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { DeleteAttendeesResponseSchema, HEADERS, LIMITS } from '../../shared/index.ts';
import { expectEveryDeletionAccountedFor } from './invariant.ts';
import { attendees, callWorker, deleteAttendee, deleteAttendees, emulator, ids, postAttendees, testEnv } from './harness.ts';

afterEach(() => emulator.reset());

/** A meeting holding the given ExternalUserIds; answers them with their AttendeeIds, in order. */
async function meetingWith(...externalUserIds: string[]) {
  const meetingId = await emulator.createMeeting();
  const { json } = await postAttendees(testEnv(), meetingId, attendees(...externalUserIds));
  const created: Array<{ AttendeeId: string; ExternalUserId: string }> = json.Attendees.map(({ AttendeeId, ExternalUserId }: any) => ({
    AttendeeId,
    ExternalUserId,
  }));
  return { meetingId, created };
}

describe('DELETE /meetings/{MeetingId}/attendees/{AttendeeId}', () => {
  it('deletes the attendee and frees its slot in a full meeting', async () => {
    const { meetingId, created } = await meetingWith(...ids(LIMITS.attendeesPerMeeting, 'full'));
    expect((await postAttendees(testEnv(), meetingId, attendees('one-more'))).json.Code).toBe('LimitExceededException');

    const { response, text } = await deleteAttendee(testEnv(), meetingId, created[7]!.AttendeeId);
    expect([response.status, text, response.headers.get(HEADERS.attempts)]).toEqual([204, '', '1']);
    expect((await emulator.attendees(meetingId)).map((a) => a.AttendeeId)).not.toContain(created[7]!.AttendeeId);
    expect((await postAttendees(testEnv(), meetingId, attendees('one-more'))).json.Attendees).toHaveLength(1);
  });

  it('answers an attendee the meeting does not hold with NotFoundException', async () => {
    const { meetingId } = await meetingWith('alice');
    const { response, json } = await deleteAttendee(testEnv(), meetingId, crypto.randomUUID());
    expect([response.status, json.Code, json.Message]).toEqual([
      404,
      'NotFoundException',
      expect.stringMatching(/^Attendee <.+> not found$/),
    ]);
  });

  it('counts a retry that finds the attendee gone as deleted: the lost answer had done the work', async () => {
    const { meetingId, created } = await meetingWith('alice', 'bob');
    await emulator.setFaults({ operations: ['DeleteAttendee'], script: [{ outcome: 'drop-after' }] });
    const { response } = await deleteAttendee(testEnv(), meetingId, created[0]!.AttendeeId);
    expect([response.status, response.headers.get(HEADERS.attempts)]).toEqual([204, '2']);
    expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId)).toEqual(['bob']);
  });

  it('refuses an AttendeeId that is not a GUID before any upstream call', async () => {
    const before = await emulator.calls();
    const { response, json } = await deleteAttendee(testEnv(), crypto.randomUUID(), 'someone');
    expect([response.status, json.Issues]).toEqual([
      400,
      [{ Path: 'AttendeeId', Message: expect.stringContaining('must be an attendee ID') }],
    ]);
    expect(await emulator.calls()).toBe(before);
  });
});

describe('POST /meetings/{MeetingId}/attendees/delete', () => {
  it('deletes every attendee whose ExternalUserId starts with the prefix, through every page, and leaves the others', async () => {
    const { meetingId, created } = await meetingWith(...ids(230, 'loadtest'), ...ids(20, 'keep'));
    const before = await emulator.state();
    const { response, json } = await deleteAttendees(testEnv(), meetingId, { ExternalUserIdPrefix: 'loadtest-' });

    expect(response.status).toBe(200);
    expect(v.is(DeleteAttendeesResponseSchema, json)).toBe(true);
    expect(json.Errors).toEqual([]);
    await expectEveryDeletionAccountedFor(meetingId, created.slice(0, 230), json);
    expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId).sort()).toEqual(ids(20, 'keep').sort());
    const after = await emulator.state();
    expect((after.calls.ListAttendees ?? 0) - (before.calls.ListAttendees ?? 0)).toBe(3);
    expect((after.calls.DeleteAttendee ?? 0) - (before.calls.DeleteAttendee ?? 0)).toBe(230);
    expect(response.headers.get(HEADERS.attempts)).toBe('233');
  });

  it('answers a prefix that matches nobody with nothing deleted', async () => {
    const { meetingId } = await meetingWith('alice');
    const { response, json } = await deleteAttendees(testEnv(), meetingId, { ExternalUserIdPrefix: 'nobody-' });
    expect([response.status, json]).toEqual([200, { Deleted: [], Errors: [] }]);
  });

  it('deletes by AttendeeId, in any case, and reports the ones the meeting does not hold', async () => {
    const { meetingId, created } = await meetingWith('alice', 'bob', 'carol');
    const unknown = crypto.randomUUID();
    const { response, json } = await deleteAttendees(testEnv(), meetingId, {
      AttendeeIds: [created[2]!.AttendeeId.toUpperCase(), unknown, created[0]!.AttendeeId],
    });
    expect(response.status).toBe(200);
    expect(json).toEqual({
      Deleted: [created[2], created[0]],
      Errors: [{ AttendeeId: unknown, ErrorCode: 'NotFoundException', ErrorMessage: 'The meeting holds no attendee with this AttendeeId' }],
    });
    expect((await emulator.attendees(meetingId)).map((a) => a.ExternalUserId)).toEqual(['bob']);
  });

  it('answers NotFoundException when none of the AttendeeIds is in the meeting', async () => {
    const { meetingId } = await meetingWith('alice');
    const { response, json } = await deleteAttendees(testEnv(), meetingId, { AttendeeIds: [crypto.randomUUID()] });
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(await emulator.attendees(meetingId)).toHaveLength(1);
  });

  it('answers a meeting that has ended with the clear NotFoundException', async () => {
    const { meetingId } = await meetingWith('loadtest-1');
    await emulator.endMeeting(meetingId);
    const { response, json } = await deleteAttendees(testEnv(), meetingId, { ExternalUserIdPrefix: 'loadtest-' });
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toMatch(/was not found or has ended/);
  });

  it.each([
    ['no selector', {}, 'body'],
    ['both selectors', { ExternalUserIdPrefix: 'a', AttendeeIds: ['0a1b2c3d-4e5f-6789-abcd-ef0123456789'] }, 'body'],
    ['an empty prefix', { ExternalUserIdPrefix: '' }, 'ExternalUserIdPrefix'],
    ['a reserved prefix', { ExternalUserIdPrefix: 'aws:bots' }, 'ExternalUserIdPrefix'],
    ['an AttendeeId that is not a GUID', { AttendeeIds: ['bob'] }, 'AttendeeIds[0]'],
  ])('refuses %s with a 400 before any upstream call', async (_, body, path) => {
    const meetingId = await emulator.createMeeting();
    const before = await emulator.calls();
    const { response, json } = await deleteAttendees(testEnv(), meetingId, body);
    expect([response.status, json.Code, json.Issues[0].Path]).toEqual([400, 'BadRequestException', path]);
    expect(await emulator.calls()).toBe(before);
  });

  it('needs a JSON body', async () => {
    const meetingId = await emulator.createMeeting();
    const response = await callWorker(testEnv(), 'POST', `/meetings/${meetingId}/attendees/delete`);
    expect([response.response.status, response.json.Code]).toEqual([415, 'UnsupportedMediaTypeException']);
  });
});
