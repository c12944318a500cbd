import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS, LIMITS } from '../../shared/index.ts';
import { inject } from 'vitest';
import { attendees, emulator, emulatorFor, getMeeting, ids, legacyEmulator, listAttendees, postAttendees, testEnv } from './harness.ts';

afterEach(async () => {
  await emulator.reset();
  await legacyEmulator.reset();
});

/** A meeting with no free slot left. */
async function fullMeeting(legacy = false) {
  const meetingId = await emulatorFor(legacy).createMeeting();
  const env = testEnv({}, legacy);
  expect((await postAttendees(env, meetingId, attendees(...ids(LIMITS.attendeesPerMeeting, 'filler')))).response.status).toBe(200);
  return { meetingId, env };
}

describe('upstream errors become the contract’s errors', () => {
  it('passes on NotFoundException for a meeting that does not exist, saying it may have ended', async () => {
    const { response, json } = await postAttendees(testEnv(), crypto.randomUUID(), attendees('alice'));
    expect([response.status, json.Code]).toEqual([404, 'NotFoundException']);
    expect(json.Message).toMatch(/was not found or has ended .* ends by itself about 5 minutes after it has no one in it/);
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
  });

  it('says to switch CHIME_API when AWS refuses the legacy API as deprecated, without AWS’s account ID', async () => {
    const env = testEnv({ CHIME_ENDPOINT: inject('deprecatedEmulatorUrl') }, true);
    const meetingId = crypto.randomUUID();
    for (const { response, json } of [
      await postAttendees(env, meetingId, attendees('alice')),
      await getMeeting(env, meetingId),
      await listAttendees(env, meetingId),
    ]) {
      expect([response.status, json.Code, response.headers.get(HEADERS.attempts)]).toEqual([403, 'ForbiddenException', '1']);
      expect(json.Message).toMatch(/legacy chime API .* set CHIME_API to chime-sdk-meetings$/);
      expect(json.Message).not.toMatch(/Account Id/);
    }
  });

  it('passes on LimitExceededException when the meeting is full', async () => {
    const { meetingId, env } = await fullMeeting();
    const { response, json } = await postAttendees(env, meetingId, attendees('one-too-many'));
    expect([response.status, json.Code]).toEqual([400, 'LimitExceededException']);
  });

  it('maps the legacy API’s names to the current ones and keeps the upstream code', async () => {
    const { meetingId, env } = await fullMeeting(true);
    const { json } = await postAttendees(env, meetingId, attendees('one-too-many'));
    expect(json.Code).toBe('LimitExceededException');
    expect(json.UpstreamCode).toBe('ResourceLimitExceededException');
  });

  it('passes on the front door’s refusal of a bad signature as ForbiddenException', async () => {
    const meetingId = await emulator.createMeeting();
    const { response, json } = await postAttendees(testEnv({ AWS_SECRET_ACCESS_KEY: 'not-the-secret' }), meetingId, attendees('alice'));
    expect([response.status, json.Code, json.UpstreamCode]).toEqual([403, 'ForbiddenException', 'InvalidSignatureException']);
    expect(JSON.stringify(json)).not.toContain('not-the-secret');
  });

  it.each([
    [429, 'ThrottlingException'],
    [500, 'ServiceFailureException'],
    [503, 'ServiceUnavailableException'],
  ])('retries %i and passes it on when it persists', async (status, code) => {
    const meetingId = await emulator.createMeeting();
    await emulator.setFaults({ script: Array.from({ length: 20 }, () => ({ outcome: status })) });
    const { response, json } = await postAttendees(testEnv({ RETRY_DEADLINE_MS: '400' }), meetingId, attendees('alice'));
    expect([response.status, json.Code]).toEqual([status, code]);
    expect(Number(response.headers.get(HEADERS.attempts))).toBeGreaterThan(1);
    expect(await emulator.attendees(meetingId)).toEqual([]);
  });

  it('does not retry a client error', async () => {
    const meetingId = await emulator.createMeeting();
    await emulator.setFaults({ script: [{ outcome: 400 }] });
    const { response, json } = await postAttendees(testEnv(), meetingId, attendees('alice'));
    expect([response.status, json.Code]).toEqual([400, 'BadRequestException']);
    expect(response.headers.get(HEADERS.attempts)).toBe('1');
  });

  it('answers an unreachable upstream with ServiceUnavailableException and a request ID', async () => {
    const { response, json } = await postAttendees(
      testEnv({ CHIME_ENDPOINT: inject('closedUrl'), RETRY_DEADLINE_MS: '300' }),
      crypto.randomUUID(),
      attendees('alice'),
    );
    expect([response.status, json.Code]).toEqual([503, 'ServiceUnavailableException']);
    expect(json.RequestId).toMatch(/^[\w-]+$/);
    expect(json.Message).not.toMatch(/at .*\(/);
  });

  it('answers a success that is not JSON with ServiceFailureException', async () => {
    const { response, json } = await postAttendees(
      testEnv({ CHIME_ENDPOINT: inject('junkUrl'), RETRY_DEADLINE_MS: '300' }),
      crypto.randomUUID(),
      attendees('alice'),
    );
    expect([response.status, json.Code]).toEqual([500, 'ServiceFailureException']);
    expect(json.Message).toMatch(/not the expected JSON/);
  });
});
