import { afterEach, describe, expect, it } from 'vitest';
import { HEADERS } from '../../shared/index.ts';
import { expectEveryAttendeeAccountedFor } from './invariant.ts';
import { attendees, emulator, ids, postAttendees, testEnv } from './harness.ts';

afterEach(() => emulator.reset());

async function createUnder(faults: Record<string, unknown>, count = 250, deadlineMs = '10000') {
  const meetingId = await emulator.createMeeting();
  await emulator.setFaults(faults);
  const wanted = ids(count, 'fault');
  const started = Date.now();
  const { response, json } = await postAttendees(testEnv({ RETRY_DEADLINE_MS: deadlineMs }), meetingId, attendees(...wanted));
  return { meetingId, wanted, response, json, elapsed: Date.now() - started, attempts: Number(response.headers.get(HEADERS.attempts)) };
}

describe('a whole meeting under upstream faults', () => {
  // Concurrent calls draw the seeded faults in arrival order, which timing decides, so a rate must make
  // running out of retries (8 failed attempts in a row: rate^8 per call) negligible for every order.
  // A scripted first fault makes sure each case retries at least once whatever the draws.
  it.each([
    ['throttling', { seed: 1, throttleRate: 0.25, script: [{ outcome: 429 }] }],
    ['5xx answers', { seed: 2, errorRate: 0.25, script: [{ outcome: 500 }] }],
    ['connections dropped before the work', { seed: 3, dropRate: 0.25, script: [{ outcome: 'drop' }] }],
    ['connections dropped after the work', { seed: 4, dropAfterRate: 0.25, script: [{ outcome: 'drop-after' }] }],
    ['added latency', { seed: 5, latencyMs: 150, script: [{ outcome: 503 }] }],
    [
      'everything at once',
      {
        seed: 6,
        throttleRate: 0.07,
        errorRate: 0.07,
        dropRate: 0.05,
        dropAfterRate: 0.07,
        latencyMs: 20,
        script: [{ outcome: 'drop-after' }],
      },
    ],
  ])('creates every attendee exactly once despite %s', async (_, faults) => {
    const { meetingId, wanted, response, json, attempts } = await createUnder(faults);
    expect(response.status).toBe(200);
    expect(attempts).toBeGreaterThan(3);
    expect(json.Errors).toEqual([]);
    await expectEveryAttendeeAccountedFor(meetingId, wanted, json);
    expect(await emulator.attendees(meetingId)).toHaveLength(250);
  });

  it('reports the attendees of a call that fails for good, and returns the others', async () => {
    const { meetingId, wanted, response, json } = await createUnder({ script: [{ outcome: 400 }] });
    expect(response.status).toBe(200);
    expect([100, 50]).toContain(json.Errors.length);
    expect(json.Errors.every((e: any) => e.ErrorCode === 'BadRequestException')).toBe(true);
    expect(json.Attendees.length + json.Errors.length).toBe(250);
    await expectEveryAttendeeAccountedFor(meetingId, wanted, json);
    expect(await emulator.attendees(meetingId)).toHaveLength(json.Attendees.length);
  });

  it('retries a call that failed in the middle of a multi-call request', async () => {
    const { meetingId, wanted, json, attempts } = await createUnder({ script: [{ outcome: 'drop' }, { outcome: 503 }] });
    expect(json.Errors).toEqual([]);
    expect(attempts).toBe(5);
    await expectEveryAttendeeAccountedFor(meetingId, wanted, json);
  });

  it('waits out a Retry-After before trying again', async () => {
    const { json, elapsed, attempts } = await createUnder({ script: [{ outcome: 503, retryAfterSeconds: 1 }] }, 10);
    expect(json.Attendees).toHaveLength(10);
    expect(attempts).toBe(2);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once when Retry-After reaches past the deadline, and passes it on', async () => {
    const { response, json, attempts } = await createUnder({ script: [{ outcome: 503, retryAfterSeconds: 30 }] }, 10, '2000');
    expect([response.status, json.Code, attempts]).toEqual([503, 'ServiceUnavailableException', 1]);
    expect(response.headers.get('retry-after')).toBe('30');
  });

  it('stops retrying at the deadline', async () => {
    const { response, elapsed, attempts } = await createUnder({ throttleRate: 1 }, 10, '1000');
    expect(response.status).toBe(429);
    expect(attempts).toBeGreaterThan(1);
    // One attempt may still be under way at the deadline; it has at most minAttemptMs.
    expect(elapsed).toBeLessThan(1000 + 1000 + 500);
  });
});
