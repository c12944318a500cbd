import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BatchCreateAttendeeResponseSchema, HEADERS } from '../../shared/index.ts';
import { SESSION_CREDENTIALS } from './credentials.ts';
import { app, attendees, emulator, ids, legacyEmulator, postAttendees, testEnv } from './harness.ts';

describe('POST /meetings/{MeetingId}/attendees', () => {
  it('creates attendees with the current API, in the request order and in the emulator', async () => {
    const meetingId = await emulator.createMeeting();
    const body = {
      Attendees: [
        { ExternalUserId: 'alice@example.com' },
        { ExternalUserId: 'bot-1', Capabilities: { Audio: 'Receive', Video: 'None', Content: 'None' } },
      ],
    };
    const { response, json } = await postAttendees(testEnv(), meetingId, body);

    expect(response.status).toBe(200);
    expect(v.is(BatchCreateAttendeeResponseSchema, json)).toBe(true);
    expect(json.Errors).toEqual([]);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(['alice@example.com', 'bot-1']);
    expect(json.Attendees[1].Capabilities).toEqual({ Audio: 'Receive', Video: 'None', Content: 'None' });
    expect(json.Attendees[0].JoinToken.length).toBeGreaterThan(1);
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
    expect(response.headers.get('server-timing')).toMatch(/^upstream;dur=\d+$/);
    expect(response.headers.get(HEADERS.requestId)).toBeTruthy();

    const stored = await emulator.attendees(meetingId);
    expect(stored.map((a) => a.AttendeeId).sort()).toEqual(json.Attendees.map((a: any) => a.AttendeeId).sort());
  });

  it('accepts AWS’s own ?operation=batch-create and refuses another operation', async () => {
    const meetingId = await emulator.createMeeting();
    const ok = await postAttendees(testEnv(), meetingId, attendees('carol'), { query: '?operation=batch-create' });
    expect(ok.response.status).toBe(200);
    const bad = await postAttendees(testEnv(), meetingId, attendees('dave'), { query: '?operation=delete' });
    expect(bad.response.status).toBe(400);
    expect(bad.json.Issues).toEqual([{ Path: 'operation', Message: 'must be batch-create when given' }]);
  });

  it('returns the same attendee when the same ExternalUserId is asked for again', async () => {
    const meetingId = await emulator.createMeeting();
    const first = await postAttendees(testEnv(), meetingId, attendees('erin', 'frank'));
    const again = await postAttendees(testEnv(), meetingId, attendees('frank', 'erin'));
    expect(again.json.Attendees.map((a: any) => a.AttendeeId)).toEqual([
      first.json.Attendees[1].AttendeeId,
      first.json.Attendees[0].AttendeeId,
    ]);
    expect(await emulator.attendees(meetingId)).toHaveLength(2);
  });

  it('splits a whole meeting (250) into calls of at most 100 and keeps the order', async () => {
    const meetingId = await emulator.createMeeting();
    const before = await emulator.calls('BatchCreateAttendee');
    const wanted = ids(250, 'bulk');
    const { response, json } = await postAttendees(testEnv(), meetingId, attendees(...wanted));

    expect(response.status).toBe(200);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(wanted);
    expect(response.headers.get(HEADERS.attempts)).toBe('3');
    expect((await emulator.calls('BatchCreateAttendee')) - before).toBe(3);
    expect(await emulator.attendees(meetingId)).toHaveLength(250);
  });

  it('creates attendees with Tags through the legacy chime API and answers 200, not 201', async () => {
    const meetingId = await legacyEmulator.createMeeting();
    const body = { Attendees: [{ ExternalUserId: 'legacy-user', Tags: [{ Key: 'team', Value: 'media' }] }] };
    const { response, json } = await postAttendees(testEnv({}, true), meetingId, body);
    expect(response.status).toBe(200);
    expect(json.Attendees.map((a: any) => a.ExternalUserId)).toEqual(['legacy-user']);
    expect(json.Errors).toEqual([]);
    expect(await legacyEmulator.attendees(meetingId)).toHaveLength(1);
  });

  it('signs the session token when one is configured', async () => {
    const meetingId = await emulator.createMeeting();
    const env = testEnv({
      AWS_ACCESS_KEY_ID: SESSION_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SESSION_CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: SESSION_CREDENTIALS.sessionToken,
    });
    expect((await postAttendees(env, meetingId, attendees('temp-creds'))).response.status).toBe(200);

    const withoutToken = await postAttendees({ ...env, AWS_SESSION_TOKEN: '' }, meetingId, attendees('temp-creds'));
    expect(withoutToken.response.status).toBe(403);
    expect(withoutToken.json.Code).toBe('ForbiddenException');
  });

  it('answers GET /healthz without a token, naming the configured API', async () => {
    const response = await app.fetch(new Request('http://worker.test/healthz'), testEnv({}, true));
    expect(await response.json()).toEqual({ ok: true, api: 'chime' });
  });

  it('answers an unknown route with a NotFoundException', async () => {
    const response = await app.fetch(new Request('http://worker.test/nope'), testEnv());
    expect(response.status).toBe(404);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotFoundException');
  });
});
