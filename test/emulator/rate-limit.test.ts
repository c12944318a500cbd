import { ChimeSDKMeetingsClient, GetMeetingCommand, ThrottlingException } from '@aws-sdk/client-chime-sdk-meetings';
import { afterEach, describe, expect, it } from 'vitest';
import { emulatorControl } from '../support/emulator-control.ts';
import { AWS_RATE_LIMIT, LOCAL_CREDENTIALS } from './defaults.ts';
import { RateLimiter, parseRateLimit } from './rate-limit.ts';
import { startEmulator, type Emulator, type EmulatorOptions, type RateLimit } from './server.ts';
import { signedRequest } from './signed-request.ts';

/** A clock the test moves by hand: the buckets see no time pass unless the test says so. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('RateLimiter', () => {
  it('lets a full bucket burst, then throttles until time refills it', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ callsPerSecond: 10, burst: 3 }, clock.now);
    const take = (n: number) => Array.from({ length: n }, () => limiter.admit('GetMeeting'));
    expect(take(4)).toEqual([true, true, true, false]);
    clock.advance(99);
    expect(take(1)).toEqual([false]);
    clock.advance(1);
    expect(take(2)).toEqual([true, false]);
    clock.advance(250);
    expect(take(3)).toEqual([true, true, false]);
  });

  it('never holds more than the burst, however long it was idle', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ callsPerSecond: 10, burst: 2 }, clock.now);
    limiter.admit('GetMeeting');
    clock.advance(3_600_000);
    expect([limiter.admit('GetMeeting'), limiter.admit('GetMeeting'), limiter.admit('GetMeeting')]).toEqual([true, true, false]);
  });

  it('refills at fractional rates', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ callsPerSecond: 0.5, burst: 1 }, clock.now);
    expect([limiter.admit('GetMeeting'), limiter.admit('GetMeeting')]).toEqual([true, false]);
    clock.advance(1_999);
    expect(limiter.admit('GetMeeting')).toBe(false);
    clock.advance(1);
    expect(limiter.admit('GetMeeting')).toBe(true);
  });

  it('keeps a bucket per operation, and leaves operations it does not list alone', () => {
    const limiter = new RateLimiter({ callsPerSecond: 1, burst: 1, operations: ['DeleteAttendee', 'ListAttendees'] }, manualClock().now);
    expect([limiter.admit('DeleteAttendee'), limiter.admit('DeleteAttendee')]).toEqual([true, false]);
    expect(limiter.admit('ListAttendees')).toBe(true);
    expect(Array.from({ length: 50 }, () => limiter.admit('BatchCreateAttendee')).every(Boolean)).toBe(true);
  });

  it('does not take a token from a throttled call', () => {
    const clock = manualClock();
    const limiter = new RateLimiter({ callsPerSecond: 10, burst: 1 }, clock.now);
    limiter.admit('GetMeeting');
    for (let i = 0; i < 5; i++) expect(limiter.admit('GetMeeting')).toBe(false);
    clock.advance(100);
    expect(limiter.admit('GetMeeting')).toBe(true);
  });
});

describe('parseRateLimit', () => {
  it('accepts AWS defaults and null, keeps the operations listed', () => {
    expect(parseRateLimit(AWS_RATE_LIMIT)).toEqual({ callsPerSecond: 10, burst: 20 });
    expect(parseRateLimit(null)).toBeUndefined();
    expect(parseRateLimit({ callsPerSecond: 0.5, burst: 1, operations: ['GetMeeting'] })).toEqual({
      callsPerSecond: 0.5,
      burst: 1,
      operations: ['GetMeeting'],
    });
  });

  it.each([
    [[], /must be a JSON object/],
    [{ callsPerSecond: 0, burst: 1 }, /callsPerSecond must be a number above 0/],
    [{ callsPerSecond: 1e6, burst: 1 }, /callsPerSecond must be a number above 0, at most 10000/],
    [{ callsPerSecond: 10 }, /burst must be a whole number/],
    [{ callsPerSecond: 10, burst: 1.5 }, /burst must be a whole number/],
    [{ callsPerSecond: 10, burst: 20, operations: ['Nope'] }, /operations must list operations among/],
    [{ callsPerSecond: 10, burst: 20, rate: 3 }, /rateLimit.rate is not a known field/],
  ])('refuses %j naming the field', (input, message) => {
    expect(() => parseRateLimit(input)).toThrow(message);
  });
});

describe('a rate-limited emulator', () => {
  const running: Emulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.close()));
  });
  async function start(options: EmulatorOptions) {
    const clock = manualClock();
    const emulator = await startEmulator({ clock: clock.now, ...options });
    running.push(emulator);
    const MeetingId = await emulatorControl(emulator.url).createMeeting();
    const getMeeting = () => signedRequest(emulator.url, { path: `/meetings/${MeetingId}` });
    return { emulator, clock, MeetingId, getMeeting };
  }

  it.each([
    ['chime-sdk-meetings', 'ThrottlingException', 'Throttling'],
    ['chime', 'ThrottledClientException', 'ThrottledClient'],
  ] as const)('answers 429 in the %s shape once the bucket is empty, and counts it', async (flavor, type, code) => {
    const { emulator, getMeeting } = await start({ flavor, rateLimit: { callsPerSecond: 1, burst: 2 } });
    expect([(await getMeeting()).status, (await getMeeting()).status]).toEqual([200, 200]);
    const throttled = await getMeeting();
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-errortype')).toBe(type);
    expect(throttled.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(await throttled.json()).toEqual({ Code: code, Message: 'Rate exceeded', RequestId: throttled.headers.get('x-amzn-requestid') });
    expect(emulator.state()).toMatchObject({ calls: { GetMeeting: 3 }, throttled: { GetMeeting: 1 } });
  });

  it('admits calls again as its clock moves on, operation by operation', async () => {
    const { emulator, clock, MeetingId, getMeeting } = await start({ rateLimit: { callsPerSecond: 4, burst: 1 } });
    expect([(await getMeeting()).status, (await getMeeting()).status]).toEqual([200, 429]);
    expect((await signedRequest(emulator.url, { path: `/meetings/${MeetingId}/attendees` })).status).toBe(200);
    clock.advance(249);
    expect((await getMeeting()).status).toBe(429);
    clock.advance(1);
    expect((await getMeeting()).status).toBe(200);
  });

  it('raises ThrottlingException in AWS’s own SDK', async () => {
    const { emulator, MeetingId } = await start({ rateLimit: { callsPerSecond: 1, burst: 1 } });
    const client = new ChimeSDKMeetingsClient({
      endpoint: emulator.url,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS,
      maxAttempts: 1,
    });
    try {
      await client.send(new GetMeetingCommand({ MeetingId }));
      const error = await client.send(new GetMeetingCommand({ MeetingId })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ThrottlingException);
      expect(error).toMatchObject({ $metadata: { httpStatusCode: 429 }, message: 'Rate exceeded' });
    } finally {
      client.destroy();
    }
  });

  it('takes its rate limit from PUT /_emulator/rate-limit, and reset puts back the one it started with', async () => {
    const { emulator, getMeeting } = await start({ rateLimit: { callsPerSecond: 1, burst: 1 } });
    const control = emulatorControl(emulator.url);

    expect(await control.setRateLimit(null)).toBeNull();
    expect((await Promise.all([getMeeting(), getMeeting(), getMeeting()])).map((r) => r.status)).toEqual([200, 200, 200]);

    const set = await control.setRateLimit({ callsPerSecond: 2, burst: 2, operations: ['GetMeeting'] });
    expect(set).toEqual({ callsPerSecond: 2, burst: 2, operations: ['GetMeeting'] });
    expect([(await getMeeting()).status, (await getMeeting()).status, (await getMeeting()).status]).toEqual([200, 200, 429]);

    const invalid = { callsPerSecond: 'fast', burst: 2 } as unknown as RateLimit;
    await expect(control.setRateLimit(invalid)).rejects.toThrow(/PUT \/_emulator\/rate-limit answered 400: .*callsPerSecond/);

    expect(await control.reset()).toMatchObject({ calls: {}, throttled: {} });
    expect([(await getMeeting()).status, (await getMeeting()).status]).toEqual([200, 429]);
    expect((await control.state()).throttled).toEqual({ GetMeeting: 1 });
  });

  it('does not limit at all unless asked', async () => {
    const { emulator, getMeeting } = await start({});
    const statuses = await Promise.all(Array.from({ length: 60 }, () => getMeeting()));
    expect(statuses.every((r) => r.status === 200)).toBe(true);
    expect(emulator.state().throttled).toEqual({});
  });
});
