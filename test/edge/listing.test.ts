import * as v from 'valibot';
import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS, LIMITS, ListAttendeesResponseSchema } from '../../shared/index.ts';
import { attendees, emulator, emulatorFor, ids, listAttendees, postAttendees, testEnv } from './harness.ts';

afterEach(() => emulator.reset());

async function meetingWith(count: number, legacy = false) {
  const meetingId = await emulatorFor(legacy).createMeeting();
  if (count > 0)
    expect((await postAttendees(testEnv({}, legacy), meetingId, attendees(...ids(count, 'listed')))).response.status).toBe(200);
  return meetingId;
}

describe('GET /meetings/{MeetingId}/attendees', () => {
  it('lists a whole meeting through every page, and never a JoinToken', async () => {
    const meetingId = await meetingWith(LIMITS.attendeesPerMeeting);
    const before = await emulator.calls('ListAttendees');
    const { response, json, text } = await listAttendees(testEnv(), meetingId);

    expect(response.status).toBe(200);
    expect(v.is(ListAttendeesResponseSchema, json)).toBe(true);
    expect(json.Attendees.map((a: any) => a.ExternalUserId).sort()).toEqual(ids(250, 'listed').sort());
    const stored = await emulator.attendees(meetingId);
    expect(json.Attendees.map((a: any) => a.AttendeeId).sort()).toEqual(stored.map((a) => a.AttendeeId).sort());
    expect(json.Attendees[0].Capabilities).toEqual({ Audio: 'SendReceive', Video: 'SendReceive', Content: 'SendReceive' });
    expect(text).not.toMatch(/JoinToken/i);
    expect((await emulator.calls('ListAttendees')) - before).toBe(3);
    expect(response.headers.get(HEADERS.attempts)).toBe('3');
  });

  it('answers an empty meeting with an empty list after one call', async () => {
    const meetingId = await meetingWith(0);
    const { response, json } = await listAttendees(testEnv(), meetingId);
    expect([response.status, json, response.headers.get(HEADERS.attempts)]).toEqual([200, { Attendees: [] }, '1']);
  });

  it('lists the legacy API’s attendees, which have no Capabilities', async () => {
    const meetingId = await meetingWith(3, true);
    const { json, text } = await listAttendees(testEnv({}, true), meetingId);
    expect(json.Attendees.map((a: any) => Object.keys(a).sort())).toEqual(Array(3).fill(['AttendeeId', 'ExternalUserId']));
    expect(text).not.toMatch(/JoinToken/i);
  });

  it('retries each page on its own', async () => {
    const meetingId = await meetingWith(201);
    await emulator.setFaults({
      operations: ['ListAttendees'],
      script: [{ outcome: 200 }, { outcome: 503 }, { outcome: 'drop' }, { outcome: 200 }, { outcome: 429 }],
    });
    const { response, json } = await listAttendees(testEnv(), meetingId);
    expect(response.status).toBe(200);
    expect(json.Attendees).toHaveLength(201);
    expect(response.headers.get(HEADERS.attempts)).toBe('6');
  });

  it('fails whole, with the error, when a page fails for good: never a partial list', async () => {
    const meetingId = await meetingWith(150);
    await emulator.setFaults({ operations: ['ListAttendees'], script: [{ outcome: 200 }, { outcome: 400 }] });
    const { response, json } = await listAttendees(testEnv(), meetingId);
    expect([response.status, json.Code]).toEqual([400, 'BadRequestException']);
    expect(json).not.toHaveProperty('Attendees');
  });

  it('says when the meeting has ended', async () => {
    const meetingId = await meetingWith(2);
    await emulator.endMeeting(meetingId);
    const { response, json } = await listAttendees(testEnv(), meetingId);
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toMatch(/was not found or has ended \(Amazon Chime: The meeting has ended\)/);
  });
});
